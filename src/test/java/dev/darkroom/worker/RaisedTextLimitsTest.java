package dev.darkroom.worker;

import dev.darkroom.status.JobView;
import dev.darkroom.support.Cases;
import dev.darkroom.support.Jobs;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the API accepts under raised text limits, the worker runs: it holds no length limits of its own. */
@MicronautTest(transactional = false)
@Property(name = "darkroom.api.max-name-length", value = "500")
@Property(name = "darkroom.api.max-description-length", value = "4000")
class RaisedTextLimitsTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void aJobWithANameAndDescriptionOverTheDefaultLimitsCompletes() {
        Jobs jobs = new Jobs(http);
        String name = "🔑".repeat(400);
        String description = "A brass key on a velvet cushion, seen up close.\n".repeat(80); // 3,840 characters

        JobView created = jobs.create("c-raised-limits",
                Map.of("evidence", List.of(Cases.item("ev-1", name, description))));
        JobView done = jobs.awaitTerminal(created.jobId());

        assertThat(done.status()).isEqualTo("completed");
        assertThat(jobs.image(done, "ev-1").status()).isEqualTo("succeeded");
    }
}
