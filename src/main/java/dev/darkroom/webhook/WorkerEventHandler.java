package dev.darkroom.webhook;

import dev.darkroom.Sha256;
import dev.darkroom.image.ImageClaims;
import dev.darkroom.job.EventApplier;
import dev.darkroom.job.Job;
import dev.darkroom.job.JobUpdater;
import dev.darkroom.job.WebhookReceiptRepository;
import dev.darkroom.observe.JobContext;
import dev.darkroom.problem.Problem;
import dev.darkroom.problem.ProblemException;
import dev.darkroom.run.ImageOutcome;
import dev.darkroom.run.RunEvent;
import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Base64;
import java.util.List;

/** Applies one verified worker event in one transaction, on the locked job row, once per webhook-id. */
@Singleton
public class WorkerEventHandler {

    private final JobUpdater updater;
    private final EventApplier applier;
    private final WebhookReceiptRepository receipts;
    private final Clock clock;
    private final ImageClaims claims;

    public WorkerEventHandler(JobUpdater updater, EventApplier applier, WebhookReceiptRepository receipts,
                              Clock clock, ImageClaims claims) {
        this.updater = updater;
        this.applier = applier;
        this.receipts = receipts;
        this.clock = clock;
        this.claims = claims;
    }

    /** Returns false for a redelivery that was acknowledged but not applied again. */
    @Transactional
    public boolean handle(String webhookId, RunEvent event) {
        Job job = updater.lock(event.jobId())
                .orElseThrow(() -> ProblemException.notFound("no job " + event.jobId()));
        // Recorded first, in the same transaction: an event that then fails to apply takes its receipt back with it.
        if (receipts.recordIfNew(webhookId, job.id(), clock.instant()) == 0) {
            return false;
        }
        try (PropagatedContext.Scope ignored = JobContext.of(job.id(), job.caseId(), event.runId()).propagate()) {
            byte[] bytes = event instanceof ImageOutcome.Succeeded image ? bytesOf(image) : null;
            applier.apply(job, event, bytes);
            return true;
        }
    }

    /** The picture an image.succeeded carries, once it is shown to be what the event says it is. */
    private byte[] bytesOf(ImageOutcome.Succeeded image) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(image.data());
        } catch (IllegalArgumentException e) {
            throw invalid("data.data", "must be base64");
        }
        if (!Sha256.hex(bytes).equalsIgnoreCase(image.sha256())) {
            throw invalid("data.sha256", "does not match the image bytes");
        }
        List<Problem.FieldError> wrong = claims.bytes("data.data", bytes, image.contentType(), image.width(),
                image.height());
        if (!wrong.isEmpty()) {
            throw ProblemException.invalid(wrong);
        }
        return bytes;
    }

    private static ProblemException invalid(String field, String message) {
        return ProblemException.invalid(List.of(new Problem.FieldError(field, message)));
    }
}
