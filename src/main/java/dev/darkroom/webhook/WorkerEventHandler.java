package dev.darkroom.webhook;

import dev.darkroom.image.ImageClaims;

import dev.darkroom.run.WebhookEvent;

import dev.darkroom.Sha256;
import dev.darkroom.job.ImageTask;
import dev.darkroom.job.Job;
import dev.darkroom.job.JobUpdater;
import dev.darkroom.problem.Problem;
import dev.darkroom.problem.ProblemException;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Applies one verified worker event in one transaction, on the locked job row. */
@Singleton
public class WorkerEventHandler {

    private final JobUpdater updater;
    private final WebhookReceiptRepository receipts;
    private final Clock clock;
    private final ImageClaims claims;

    public WorkerEventHandler(JobUpdater updater, WebhookReceiptRepository receipts, Clock clock,
                              ImageClaims claims) {
        this.updater = updater;
        this.receipts = receipts;
        this.clock = clock;
        this.claims = claims;
    }

    /** Returns false for a redelivery that was acknowledged but not applied again. */
    @Transactional
    public boolean handle(String webhookId, WebhookEvent event) {
        WebhookEvent.Data data = event.data();
        Job job = updater.lock(data.jobId())
                .orElseThrow(() -> ProblemException.notFound("no job " + data.jobId()));
        if (receipts.existsById(webhookId)) {
            return false;
        }
        switch (event.type()) {
            case WebhookEvent.RUN_STARTED -> updater.runStarted(job, data.runId());
            case WebhookEvent.RUN_HEARTBEAT -> updater.heartbeat(job, data.runId());
            case WebhookEvent.IMAGE_SUCCEEDED -> updater.imageSucceeded(job, task(job, data), data.runId(),
                    image(data));
            case WebhookEvent.IMAGE_FAILED -> updater.imageFailed(job, task(job, data), data.runId(),
                    data.error().code(), data.error().message());
            case WebhookEvent.RUN_FINISHED -> updater.runFinished(job, data.runId(), failures(data));
            default -> throw invalid("type", "unknown event type " + event.type());
        }
        receipts.save(new WebhookReceipt(webhookId, job.id(), clock.instant()));
        return true;
    }

    private ImageTask task(Job job, WebhookEvent.Data data) {
        return updater.task(job, data.imageId())
                .orElseThrow(() -> ProblemException.notFound("job " + job.id() + " has no image " + data.imageId()));
    }

    private JobUpdater.GeneratedImageData image(WebhookEvent.Data data) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(data.data());
        } catch (IllegalArgumentException e) {
            throw invalid("data.data", "must be base64");
        }
        String digest = Sha256.hex(bytes);
        if (!digest.equalsIgnoreCase(data.sha256())) {
            throw invalid("data.sha256", "does not match the image bytes");
        }
        List<Problem.FieldError> wrong = claims.bytes("data.data", bytes, data.contentType(), data.width(),
                data.height());
        if (!wrong.isEmpty()) {
            throw ProblemException.invalid(wrong);
        }
        return new JobUpdater.GeneratedImageData(bytes, data.contentType(), data.width(), data.height(), digest,
                data.provider(), data.cost());
    }

    private static Map<String, JobUpdater.Failure> failures(WebhookEvent.Data data) {
        if (data.failed() == null) {
            return Map.of();
        }
        return data.failed().stream().collect(Collectors.toMap(WebhookEvent.FailedImage::imageId,
                f -> new JobUpdater.Failure(f.error().code(), f.error().message()), (a, b) -> a, LinkedHashMap::new));
    }

    static ProblemException invalid(String field, String message) {
        return ProblemException.invalid(List.of(new Problem.FieldError(field, message)));
    }
}
