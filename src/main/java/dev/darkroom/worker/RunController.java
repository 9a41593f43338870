package dev.darkroom.worker;

import dev.darkroom.problem.Problem;
import dev.darkroom.problem.ProblemException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The worker's door: a run is accepted at once and generated in the background. */
@Controller("/internal/runs")
@Requires(property = "darkroom.roles.worker", notEquals = "false")
public class RunController {

    private final RunExecutor executor;

    public RunController(RunExecutor executor) {
        this.executor = executor;
    }

    @Post
    public HttpResponse<Map<String, Object>> accept(@Body RunRequest run) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (run.jobId() == null || run.jobId().isBlank()) {
            errors.add(new Problem.FieldError("jobId", "is required"));
        }
        if (run.runId() == null || run.runId().isBlank()) {
            errors.add(new Problem.FieldError("runId", "is required"));
        }
        if (run.images() == null || run.images().isEmpty()) {
            errors.add(new Problem.FieldError("images", "must list at least one image"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        boolean started = executor.start(run);
        return HttpResponse.accepted().body(Map.of("runId", run.runId(), "started", started));
    }
}
