package dev.darkroom.security;

import io.micronaut.context.annotation.Context;

/** The HS256 key of callers' tokens and poll tokens, checked at startup. */
@Context
public class JwtKey {

    private final byte[] key;

    public JwtKey(SecurityProperties properties, SecretPolicy policy) {
        this.key = policy.require("DARKROOM_JWT_SECRET", "darkroom.security.jwt-secret", properties.jwtSecret(),
                SecretPolicy.Decoder.UTF8, SecretPolicy.Generator.BASE64);
    }

    public byte[] bytes() {
        return key.clone();
    }
}
