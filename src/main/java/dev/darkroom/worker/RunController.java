package dev.darkroom.worker;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;

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
        boolean started = executor.start(run);
        return HttpResponse.accepted().body(Map.of("runId", run.runId(), "started", started));
    }
}
