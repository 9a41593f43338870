package dev.darkroom;

import dev.darkroom.demo.Demo;
import dev.darkroom.security.TokenCommand;
import io.micronaut.runtime.Micronaut;

import java.util.Arrays;

/**
 * {@code serve} (the default) runs the service; {@code demo} runs the whole flow once on a sample case;
 * {@code token} prints a bearer token for local use.
 */
public final class Darkroom {

    private Darkroom() {
    }

    public static void main(String[] args) {
        String command = args.length == 0 ? "serve" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (command) {
            // The banner is text: a JSON log stream must begin with its first object. logback reads the format
            // from a system property or the environment, and so does this.
            case "serve" -> Micronaut.build(rest).mainClass(Darkroom.class)
                    .banner(!"json".equals(System.getProperty("DARKROOM_LOG_FORMAT",
                            System.getenv("DARKROOM_LOG_FORMAT")))).start();
            case "demo" -> System.exit(Demo.run(rest));
            case "token" -> System.exit(TokenCommand.run(rest, System.getenv("DARKROOM_JWT_SECRET"), System.out,
                    System.err));
            default -> {
                System.err.println("usage: java -jar darkroom.jar [serve | demo | token <scope>...]");
                System.exit(2);
            }
        }
    }
}
