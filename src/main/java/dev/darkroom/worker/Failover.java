package dev.darkroom.worker;

import dev.darkroom.provider.GeneratedImage;
import dev.darkroom.provider.ImageRequest;
import dev.darkroom.provider.ProviderChain;
import dev.darkroom.provider.ProviderException;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * One image across the providers of {@code darkroom.providers.order}: each is given its tries in turn until one
 * makes the image, one refuses it (final), or the last has failed too. The last provider is tried even with its
 * circuit open: there is nowhere else to go.
 */
@Singleton
@Requires(property = "darkroom.roles.worker", notEquals = "false")
class Failover {

    private static final Logger LOG = LoggerFactory.getLogger(Failover.class);

    private final ProviderChain chain;
    private final ProviderRetries retries;

    Failover(ProviderChain chain, ProviderRetries retries) {
        this.chain = chain;
        this.retries = retries;
    }

    /** What came of one image. */
    sealed interface Result {
        record Made(GeneratedImage image, ProviderChain.Route route) implements Result {
        }

        /** {@code provider} had the last word: the one that refused the image, or the last one tried. */
        record Failed(ProviderException cause, String provider) implements Result {
        }

        /** The run was stopped: not the image's fault, so nothing is said and a new attempt makes it. */
        record Stopped() implements Result {
        }
    }

    Result generate(ImageRequest request, RunToken token) {
        List<ProviderChain.Route> routes = chain.routes();
        ProviderException last = null;
        String lastTried = null;
        for (int i = 0; i < routes.size() && !token.stopped(); i++) {
            ProviderChain.Route route = routes.get(i);
            boolean lastResort = i == routes.size() - 1;
            lastTried = route.name();
            try {
                return new Result.Made(retries.generate(route, lastResort, request, token), route);
            } catch (ProviderException e) {
                last = e;
                if (!e.retryable()) {
                    break;
                }
                if (ProviderChain.Route.CIRCUIT_OPEN.equals(e.code())) {
                    LOG.info("image {}: circuit of {} is open, trying the next provider", request.image().imageId(),
                            route.name());
                } else if (!lastResort) {
                    LOG.warn("image {}: {} still failing ({}), trying the next provider", request.image().imageId(),
                            route.name(), e.code());
                }
            }
        }
        if (token.stopped()) {
            return new Result.Stopped();
        }
        return new Result.Failed(last != null ? last
                : ProviderException.transientFailure("no_provider", "no provider could take the image"), lastTried);
    }
}
