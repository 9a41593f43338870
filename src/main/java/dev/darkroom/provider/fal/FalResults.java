package dev.darkroom.provider.fal;

import dev.darkroom.provider.ProviderException;
import dev.darkroom.provider.ProviderHttp;
import dev.darkroom.provider.prediction.PredictionOutcome;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;

import java.util.Optional;

/** Reads fal's answers: a model's result, and the webhook that wraps one. */
public final class FalResults {

    static final String REFUSED = "content_policy: ";
    static final String INVALID = "bad_request: ";

    private FalResults() {
    }

    /** A webhook body: {@code status} OK with the result in {@code payload}, or ERROR with {@code error}. */
    public static PredictionOutcome ofWebhook(JsonNode webhook) {
        String status = Optional.ofNullable(ProviderHttp.text(webhook, "status")).orElse("");
        if (status.equals("OK")) {
            return ofResult(webhook.get("payload"));
        }
        String error = Optional.ofNullable(ProviderHttp.text(webhook, "error")).orElse("the request failed");
        JsonNode payload = webhook.get("payload");
        if (payload != null && payload.get("detail") != null && payload.get("detail").isArray()) {
            return PredictionOutcome.failed(INVALID + error + " " + payload.get("detail"));
        }
        return PredictionOutcome.failed(error);
    }

    /** A model's result: {@code images[0].url}, unless the safety checker flagged it. */
    public static PredictionOutcome ofResult(@Nullable JsonNode result) {
        if (result == null || !result.isObject()) {
            return PredictionOutcome.failed("bad_output: fal sent no result");
        }
        JsonNode nsfw = result.get("has_nsfw_concepts");
        if (nsfw != null && nsfw.isArray() && nsfw.size() > 0 && nsfw.get(0).isBoolean()
                && nsfw.get(0).getBooleanValue()) {
            return PredictionOutcome.failed(REFUSED + "fal's safety checker flagged the image");
        }
        JsonNode images = result.get("images");
        String url = images != null && images.isArray() && images.size() > 0
                ? ProviderHttp.text(images.get(0), "url") : null;
        return url == null ? PredictionOutcome.failed("bad_output: fal's result has no images[0].url")
                : PredictionOutcome.succeeded(url);
    }

    static ProviderException failure(@Nullable String error) {
        String why = error == null ? "the request failed" : error;
        if (why.startsWith(REFUSED)) {
            return ProviderException.refusal("content_policy", "fal refused: " + why.substring(REFUSED.length()));
        }
        if (why.startsWith(INVALID)) {
            return ProviderException.refusal("bad_request", "fal: " + why.substring(INVALID.length()));
        }
        if (why.startsWith("bad_output")) {
            return ProviderException.refusal("bad_output", "fal: " + why);
        }
        return ProviderException.transientFailure("prediction_failed", "fal request failed: " + why);
    }
}
