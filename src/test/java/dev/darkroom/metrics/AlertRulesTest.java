package dev.darkroom.metrics;

import dev.darkroom.security.Scopes;
import dev.darkroom.support.Cases;
import dev.darkroom.support.Jobs;
import dev.darkroom.support.Scrape;
import dev.darkroom.support.Tokens;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/alerts.yml asks only for metrics a node serves: every name each rule's expression uses is in the scrape. */
@MicronautTest(transactional = false)
@Property(name = "darkroom.local-generator.fail-ids", value = "ev-2")
class AlertRulesTest {

    private static final Pattern METRIC = Pattern.compile("\\b(darkroom_[a-z_]+)\\b");

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void everyMetricTheAlertsUseIsInTheScrape() throws IOException {
        Jobs jobs = new Jobs(http);
        jobs.awaitTerminal(jobs.create("case-alerts", Cases.body(2, 1)).jobId());
        Scrape scrape = new Scrape(http.toBlocking().retrieve(HttpRequest.GET("/metrics")
                .bearerAuth(Tokens.withScopes(Scopes.OPS_READ))));

        List<Map<String, Object>> rules = rules();
        assertThat(rules).extracting(rule -> rule.get("alert")).contains("DarkroomImageFailureRateHigh",
                "DarkroomJobsStuck", "DarkroomWebhookDeliveriesGivenUp", "DarkroomDispatchBacklogGrowing",
                "DarkroomProviderCircuitOpen");
        for (Map<String, Object> rule : rules) {
            Set<String> used = metricsIn((String) rule.get("expr"));
            assertThat(used).as("metrics of %s", rule.get("alert")).isNotEmpty();
            assertThat(scrape.names()).as("metrics of %s in the scrape", rule.get("alert")).containsAll(used);
            assertThat(rule).as("rule %s", rule.get("alert")).containsKeys("labels", "annotations");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rules() throws IOException {
        try (Reader file = Files.newBufferedReader(Path.of("docs", "alerts.yml"))) {
            Map<String, Object> document = new Yaml().load(file);
            List<Map<String, Object>> groups = (List<Map<String, Object>>) document.get("groups");
            return groups.stream().flatMap(group -> ((List<Map<String, Object>>) group.get("rules")).stream())
                    .toList();
        }
    }

    private static Set<String> metricsIn(String expression) {
        Set<String> names = new LinkedHashSet<>();
        Matcher metric = METRIC.matcher(expression);
        while (metric.find()) {
            names.add(metric.group(1));
        }
        return names;
    }
}
