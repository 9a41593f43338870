package dev.darkroom.security;

import io.micronaut.context.annotation.Context;

/** The key the dispatcher signs runs with and the worker checks them against, checked at startup. */
@Context
public class RunKey {

    private final byte[] key;

    public RunKey(SecurityProperties properties, SecretPolicy policy) {
        this.key = policy.require("DARKROOM_RUN_SECRET", "darkroom.security.run-secret", properties.runSecret(),
                SecretPolicy.Decoder.UTF8, SecretPolicy.Generator.BASE64);
    }

    public byte[] bytes() {
        return key.clone();
    }
}
