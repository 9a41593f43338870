package dev.darkroom.security;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code java -jar darkroom.jar token [--ttl 1h] [--subject name] <scope>...}: prints a bearer token signed with
 * {@code DARKROOM_JWT_SECRET}, for curl, local tools and the dashboard ({@code ops:read} looks, {@code ops:write}
 * retries, cancels and redelivers). The identity provider issues tokens in production.
 */
public final class TokenCommand {

    static final Set<String> SCOPES = Set.of(Scopes.JOBS_WRITE, Scopes.JOBS_READ, Scopes.OPS_READ,
            Scopes.OPS_WRITE);
    static final String USAGE = "usage: java -jar darkroom.jar token [--ttl 1h] [--subject name] "
            + "jobs:write|jobs:read|ops:read|ops:write ...";

    private TokenCommand() {
    }

    public static int run(String[] args, String secret, PrintStream out, PrintStream err) {
        Duration ttl = Duration.ofHours(1);
        String subject = "local-cli";
        List<String> scopes = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--ttl" -> ttl = Duration.parse("PT" + args[++i].toUpperCase());
                    case "--subject" -> subject = args[++i];
                    default -> scopes.add(args[i]);
                }
            }
        } catch (ArrayIndexOutOfBoundsException | DateTimeParseException e) {
            err.println(USAGE);
            return 2;
        }
        if (scopes.isEmpty() || !SCOPES.containsAll(scopes)) {
            err.println(USAGE);
            return 2;
        }
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < SecretPolicy.MIN_BYTES) {
            err.println("DARKROOM_JWT_SECRET must be set to the server's secret (at least " + SecretPolicy.MIN_BYTES
                    + " bytes)");
            return 2;
        }
        out.println(TokenMinter.mint(secret.getBytes(StandardCharsets.UTF_8), subject, scopes, ttl, Instant.now()));
        return 0;
    }
}
