package dev.darkroom;

import dev.darkroom.status.JobView;
import dev.darkroom.support.Cases;
import dev.darkroom.support.DarkroomApi;
import dev.darkroom.support.DarkroomProcess;
import dev.darkroom.support.JarProcesses;
import dev.darkroom.support.MockServers;
import dev.darkroom.support.OpenAiWire;
import dev.darkroom.support.PostgresServer;
import dev.darkroom.support.RoundRobinProxy;
import dev.darkroom.support.RoundRobinProxy.Exchange;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mockserver.integration.ClientAndServer;
import org.mockserver.model.HttpRequest;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockserver.model.HttpRequest.request;

/**
 * Darkroom as a cluster of real processes on one PostgreSQL: two API nodes (initiator, status, receiver and
 * recovery) and two worker nodes, each pair behind a round-robin proxy standing in for its load balancer, and
 * OpenAI at MockServer counting every call. 200 cases go in through the API's balancer; in the middle one worker and
 * one API node are killed with SIGKILL while images are in flight, and both are started again. Every job must end,
 * every image be stored once, the provider be paid again only for images that were in flight on the killed worker,
 * no run be sent twice while its worker lived, the provider's rate limit hold across both workers, and cancel and
 * recovery reach the worker that has the run, at its own address rather than through the balancer.
 */
class ClusterIT {

    private static final int JOBS = 200;
    private static final int CANCELED = 3;
    /**
     * OpenAI's limit for the whole cluster: a bucket of one second's worth, 6 calls, refilled at 6 a second. Two
     * workers could make about twice that, so the limit is what paces the run.
     */
    private static final int REQUESTS_PER_MINUTE = 360;
    private static final Pattern IMAGE_IN_PROMPT = Pattern.compile("(cluster-\\d{3}) ((?:ev|loc)-\\d+)");
    private static final Pattern RUN_PATH = Pattern.compile("/internal/runs/([^/?]+)");
    private static final Pattern ANSWER_RUN = Pattern.compile("\"runId\"\\s*:\\s*\"([^\"]+)\"");

    @RegisterExtension
    final JarProcesses processes = new JarProcesses("cluster-it");

    @TempDir
    Path data;

    private final ClientAndServer openai = MockServers.start();
    private final EmbeddedPostgres postgres = PostgresServer.started();
    private final int api1Port = DarkroomProcess.freePort();
    private final int api2Port = DarkroomProcess.freePort();
    private final int worker1Port = DarkroomProcess.freePort();
    private final int worker2Port = DarkroomProcess.freePort();
    private final RoundRobinProxy apiBalancer = RoundRobinProxy.start(api1Port, api2Port);
    private final RoundRobinProxy workerBalancer = RoundRobinProxy.start(worker1Port, worker2Port);
    /** Each worker's own address (its advertised URL): a pass-through that shows what reached that very worker. */
    private final List<RoundRobinProxy> ownAddress = List.of(RoundRobinProxy.start(worker1Port),
            RoundRobinProxy.start(worker2Port));
    private final DarkroomApi api = new DarkroomApi(apiBalancer.port());

    @AfterEach
    void stopTheRest() throws Exception {
        processes.afterEach(null);
        apiBalancer.close();
        workerBalancer.close();
        ownAddress.forEach(RoundRobinProxy::close);
        openai.stop();
        postgres.close();
    }

    @Test
    void twoApiNodesAndTwoWorkersLoseNothingPayNothingTwiceAndKeepTheProvidersLimitThroughAKillOfEach()
            throws Exception {
        // Slow enough that every worker has calls open whenever it is killed.
        openai.when(providerCalls()).respond(OpenAiWire.image().withDelay(TimeUnit.MILLISECONDS, 500));
        List<DarkroomProcess> apiNodes = startTogether(() -> startApi(1), () -> startApi(2));
        List<DarkroomProcess> workers = startTogether(() -> startWorker(0, "w1"), () -> startWorker(1, "w2"));

        // Eight callers at once, so the cases are all in long before the provider's limit lets their images out.
        ExecutorService callers = Executors.newFixedThreadPool(8);
        List<Future<String>> created = new ArrayList<>();
        int images = 0;
        for (int i = 0; i < JOBS; i++) {
            String caseId = String.format("cluster-%03d", i);
            int count = i % 4 == 0 ? 3 : 2;
            created.add(callers.submit(() -> api.createJob(caseId, caseBody(caseId, count)).jobId()));
            images += count;
        }
        List<String> jobIds = new ArrayList<>();
        try {
            for (Future<String> job : created) {
                jobIds.add(job.get());
            }
        } finally {
            callers.shutdownNow();
        }
        int totalImages = images;
        assertThat(apiBalancer.exchanges().stream().filter(e -> e.method().equals("POST") && e.status() == 202)
                .map(Exchange::backend).distinct()).as("API nodes that created jobs").containsExactlyInAnyOrder(0, 1);

        Map<String, Integer> canceledOn = cancelSomeRunningJobs();

        // The kill comes once a third of the images are stored and the worker to be killed runs jobs that have some
        // images stored and others still to make: their new attempt must make only the latter.
        await("a third of the images stored, and jobs half done on the first worker").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> count("SELECT count(*) FROM images") >= totalImages / 3
                        && halfDoneRunsOf(0) >= 2);
        Instant killedAt = Instant.now();
        workers.get(0).kill();
        apiNodes.get(0).kill();
        Set<String> storedAtKill = storedImages();
        Set<String> calledByKilledWorker = new HashSet<>();
        callsByImage().forEach((image, prefixes) -> {
            if (prefixes.contains("w1")) {
                calledByKilledWorker.add(image);
            }
        });
        Set<String> openAtKill = new HashSet<>(calledByKilledWorker);
        openAtKill.removeAll(storedAtKill);
        assertThat(openAtKill).as("images in flight on the worker when it was killed").isNotEmpty();

        startTogether(() -> startApi(1), () -> startWorker(0, "w1b"));

        await("every job to end").atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500))
                .until(() -> count("SELECT count(*) FROM jobs WHERE finished_at IS NULL") == 0);

        Set<String> canceledJobs = new HashSet<>();
        Set<String> sentAgain = new HashSet<>();
        int succeeded = 0;
        for (String jobId : jobIds) {
            JobView view = api.job(jobId);
            if (view.attempt() > 1) {
                sentAgain.add(view.caseId());
            }
            JobView.Counts counts = view.counts();
            assertThat(counts.succeeded() + counts.failed() + counts.pending()).as("counts of " + jobId + " add up")
                    .isEqualTo(counts.total()).isEqualTo(view.images().size());
            if ("canceled".equals(view.status())) {
                canceledJobs.add(view.caseId());
            } else {
                assertThat(view.status()).as("job " + jobId).isEqualTo("completed");
                assertThat(counts.succeeded()).isEqualTo(counts.total());
            }
            succeeded += counts.succeeded();
        }
        assertThat(canceledJobs).as("the jobs canceled mid-run").hasSize(CANCELED);
        assertThat(count("SELECT count(*) FROM images")).as("stored images, once each")
                .isEqualTo(succeeded)
                .isEqualTo(count("SELECT count(*) FROM image_tasks WHERE upper(status) = 'SUCCEEDED'"));
        assertThat(succeeded).isGreaterThanOrEqualTo(totalImages - 3 * CANCELED);
        assertThat(storedAtKill.stream().map(image -> image.substring(0, image.indexOf(' '))))
                .as("jobs sent again after the kill that had images stored before it").containsAnyElementsOf(sentAgain);

        Map<Integer, Set<String>> acceptedBy = assertNoRunSentTwiceWhileItsWorkerLived(killedAt);
        assertRecoveryAndCancelReachTheWorkerThatHasTheRun(acceptedBy, canceledOn);
        assertProviderPaidAgainOnlyForImagesInFlightOnTheKilledWorker(openAtKill, canceledJobs);
        assertRateLimitHeldAcrossBothWorkers();
    }

    private void assertProviderPaidAgainOnlyForImagesInFlightOnTheKilledWorker(Set<String> openAtKill,
                                                                               Set<String> canceledCases)
            throws SQLException {
        Map<String, List<String>> calls = callsByImage();
        Set<String> stored = storedImages();
        int extra = 0;
        for (String image : stored) {
            List<String> madeBy = calls.getOrDefault(image, List.of());
            int allowed = openAtKill.contains(image) ? 2 : 1;
            assertThat(madeBy).as("provider calls for stored image " + image + " (in flight on the killed worker: "
                    + openAtKill.contains(image) + ")").isNotEmpty().hasSizeLessThanOrEqualTo(allowed);
            extra += madeBy.size() - 1;
        }
        calls.forEach((image, madeBy) -> {
            if (!stored.contains(image)) {
                assertThat(canceledCases).as("an image called for but not stored belongs to a canceled job: " + image)
                        .contains(image.substring(0, image.indexOf(' ')));
                assertThat(madeBy).as("calls for " + image).hasSizeLessThanOrEqualTo(openAtKill.contains(image) ? 2 : 1);
            }
        });
        assertThat(extra).as("extra provider calls, at most one per image in flight on the killed worker")
                .isLessThanOrEqualTo(openAtKill.size());
    }

    /**
     * A run taken by a worker (202, started) may be taken again only by a worker started after the one that had it
     * was killed. Returns the runs each worker address took.
     */
    private Map<Integer, Set<String>> assertNoRunSentTwiceWhileItsWorkerLived(Instant killedAt) {
        Map<String, List<Exchange>> takes = new LinkedHashMap<>();
        Map<Integer, Set<String>> acceptedBy = new HashMap<>();
        for (Exchange exchange : workerBalancer.exchanges()) {
            if (exchange.method().equals("POST") && exchange.status() == 202
                    && exchange.answer().contains("\"started\":true")) {
                Matcher run = ANSWER_RUN.matcher(exchange.answer());
                assertThat(run.find()).as("a run's answer names it: " + exchange.answer()).isTrue();
                takes.computeIfAbsent(run.group(1), id -> new ArrayList<>()).add(exchange);
                acceptedBy.computeIfAbsent(exchange.backend(), b -> new HashSet<>()).add(run.group(1));
                assertThat(exchange.answer()).as("the worker gives its own address with the run")
                        .contains("\"worker\":\"" + ownAddress.get(exchange.backend()).url() + "\"");
            }
        }
        assertThat(takes).as("runs taken by the workers").hasSizeGreaterThanOrEqualTo(JOBS);
        List<String> twiceWhileAlive = new ArrayList<>();
        takes.forEach((runId, sends) -> {
            List<Exchange> inOrder = sends.stream().sorted((a, b) -> a.startedAt().compareTo(b.startedAt())).toList();
            for (int i = 1; i < inOrder.size(); i++) {
                Exchange earlier = inOrder.get(i - 1);
                boolean earlierTakerKilled = earlier.backend() == 0 && earlier.endedAt().isBefore(killedAt)
                        && inOrder.get(i).startedAt().isAfter(killedAt);
                if (!earlierTakerKilled) {
                    twiceWhileAlive.add(runId + " " + inOrder);
                }
            }
        });
        assertThat(twiceWhileAlive).as("runs taken a second time while the worker that had them lived").isEmpty();
        return acceptedBy;
    }

    private void assertRecoveryAndCancelReachTheWorkerThatHasTheRun(Map<Integer, Set<String>> acceptedBy,
                                                                    Map<String, Integer> canceledOn) {
        assertThat(workerBalancer.exchanges().stream()
                .filter(e -> !(e.method().equals("POST") && e.path().equals("/internal/runs"))).toList())
                .as("requests other than new runs that went through the workers' balancer").isEmpty();
        int recoveryAsks = 0;
        for (int worker = 0; worker < ownAddress.size(); worker++) {
            for (Exchange exchange : ownAddress.get(worker).exchanges()) {
                Matcher run = RUN_PATH.matcher(exchange.path());
                assertThat(run.find()).as("a request to worker " + worker + "'s own address: " + exchange).isTrue();
                assertThat(acceptedBy.getOrDefault(worker, Set.of()))
                        .as(exchange.method() + " " + exchange.path() + " at the worker that took the run")
                        .contains(run.group(1));
                if (exchange.method().equals("GET")) {
                    recoveryAsks += worker == 0 ? 1 : 0;
                }
            }
        }
        assertThat(recoveryAsks).as("recovery asked the killed worker's address about its runs").isPositive();
        canceledOn.forEach((runId, worker) -> {
            assertThat(ownAddress.get(worker).exchanges())
                    .as("the cancel of run " + runId + " reached worker " + worker + " at its own address")
                    .anyMatch(e -> e.method().equals("DELETE") && e.path().equals("/internal/runs/" + runId)
                            && e.status() == 204);
        });
    }

    /**
     * In any window of w seconds a bucket of c calls refilled at r a second lets at most c + r·w calls through (one
     * more for the rounding of MockServer's milliseconds), however many workers share it.
     */
    private void assertRateLimitHeldAcrossBothWorkers() {
        long[] arrivals = MockServers.arrivals(openai, providerCalls());
        int perSecond = REQUESTS_PER_MINUTE / 60;
        for (int windowSeconds : new int[] {1, 2, 5, 10}) {
            long window = windowSeconds * 1000L;
            int most = 0;
            int end = 0;
            for (int start = 0; start < arrivals.length; start++) {
                while (end < arrivals.length && arrivals[end] < arrivals[start] + window) {
                    end++;
                }
                most = Math.max(most, end - start);
            }
            assertThat(most).as("most provider calls in any " + windowSeconds + " s, across both workers")
                    .isLessThanOrEqualTo(perSecond + perSecond * windowSeconds + 1);
        }
    }

    /**
     * Cancels a few jobs while a worker runs them, none of their images stored yet; returns the worker (index) that
     * had each run, by run id. A job may still end between the look and the cancel (409): another is taken then.
     */
    private Map<String, Integer> cancelSomeRunningJobs() throws Exception {
        Map<String, Integer> canceled = new LinkedHashMap<>();
        String running = "SELECT j.id, j.run_id FROM jobs j JOIN dispatches d ON d.run_id = j.run_id "
                + "WHERE upper(j.status) = 'GENERATING' AND upper(d.status) = 'SENT' AND NOT EXISTS (SELECT 1 FROM "
                + "image_tasks t JOIN images i ON i.task_id = t.id WHERE t.job_id = j.id) ORDER BY j.id DESC LIMIT 1";
        Set<String> tried = new HashSet<>();
        await("jobs running to cancel").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    List<List<String>> job = rows(running);
                    if (!job.isEmpty() && tried.add(job.get(0).get(0))) {
                        int answer = api.cancel(job.get(0).get(0));
                        assertThat(answer).as("cancel of job " + job.get(0).get(0)).isIn(200, 409);
                        if (answer == 200) {
                            canceled.put(job.get(0).get(1), takerOf(job.get(0).get(1)));
                        }
                    }
                    return canceled.size() == CANCELED;
                });
        return canceled;
    }

    /** Runs the worker (index) took whose jobs are generating with some images stored and some not. */
    private long halfDoneRunsOf(int worker) throws SQLException {
        Set<String> taken = new HashSet<>();
        for (Exchange exchange : workerBalancer.exchanges()) {
            Matcher run = ANSWER_RUN.matcher(exchange.answer());
            if (exchange.backend() == worker && exchange.status() == 202 && run.find()) {
                taken.add(run.group(1));
            }
        }
        return rows("SELECT j.run_id FROM jobs j WHERE upper(j.status) = 'GENERATING'"
                + " AND EXISTS (SELECT 1 FROM image_tasks t JOIN images i ON i.task_id = t.id WHERE t.job_id = j.id)"
                + " AND EXISTS (SELECT 1 FROM image_tasks t WHERE t.job_id = j.id AND upper(t.status) <> 'SUCCEEDED')")
                .stream().filter(row -> taken.contains(row.get(0))).count();
    }

    /** The worker (index) that took the run, as its balancer saw it. */
    private int takerOf(String runId) {
        return workerBalancer.exchanges().stream()
                .filter(e -> e.status() == 202 && e.answer().contains("\"runId\":\"" + runId + "\"")
                        && e.answer().contains("\"started\":true"))
                .mapToInt(Exchange::backend).findFirst().orElseThrow();
    }

    /** Provider calls by image ("cluster-017 ev-2"), each named by the path prefix of the worker that made it. */
    private Map<String, List<String>> callsByImage() {
        Map<String, List<String>> calls = new HashMap<>();
        for (HttpRequest call : openai.retrieveRecordedRequests(providerCalls())) {
            Matcher image = IMAGE_IN_PROMPT.matcher(call.getBodyAsString());
            assertThat(image.find()).as("a prompt names its image: " + call.getBodyAsString()).isTrue();
            String prefix = call.getPath().getValue().split("/")[1];
            calls.computeIfAbsent(image.group(1) + " " + image.group(2), key -> new ArrayList<>()).add(prefix);
        }
        return calls;
    }

    private Set<String> storedImages() throws SQLException {
        Set<String> stored = new HashSet<>();
        for (List<String> row : rows("SELECT j.case_id, t.item_id FROM images i JOIN image_tasks t ON t.id = i.task_id "
                + "JOIN jobs j ON j.id = t.job_id")) {
            stored.add(row.get(0) + " " + row.get(1));
        }
        return stored;
    }

    /** Each worker calls OpenAI under a path prefix of its own, so every call says which worker made it. */
    private static HttpRequest providerCalls() {
        return request().withMethod("POST").withPath("/w[0-9a-z]+" + OpenAiWire.PATH);
    }

    /** Evidence and a location per case, each description naming its case and item, so its prompt does. */
    private static Map<String, Object> caseBody(String caseId, int images) {
        Map<String, Object> body = new LinkedHashMap<>();
        List<Map<String, Object>> evidence = new ArrayList<>();
        List<Map<String, Object>> locations = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            evidence.add(Cases.item("ev-" + i, "Exhibit " + i, caseId + " ev-" + i + ", a curious object"));
        }
        if (images > 2) {
            locations.add(Cases.item("loc-1", "Place 1", caseId + " loc-1, a foggy street at night"));
        }
        body.put("evidence", evidence);
        body.put("locations", locations);
        return body;
    }

    private DarkroomProcess startApi(int node) {
        Map<String, String> properties = common("api-" + node);
        properties.put("darkroom.roles.worker", "false");
        properties.put("darkroom.dispatch.worker-url", workerBalancer.url());
        properties.put("darkroom.dispatch.poll-interval", "200ms");
        properties.put("darkroom.dispatch.initial-backoff", "500ms");
        properties.put("darkroom.dispatch.max-backoff", "2s");
        // A send cut short by the kill is due again soon; the worker answers within milliseconds here.
        properties.put("darkroom.dispatch.lease", "10s");
        properties.put("darkroom.recovery.interval", "500ms");
        properties.put("darkroom.recovery.run-timeout", "3s");
        properties.put("darkroom.recovery.start-deadline", "3s");
        properties.put("darkroom.api.creations-per-minute", "1000");
        return processes.start(node == 1 ? api1Port : api2Port, properties, "api-" + node + ".log");
    }

    /** @param providerPrefix the path under which this worker's life calls OpenAI */
    private DarkroomProcess startWorker(int worker, String providerPrefix) {
        Map<String, String> properties = common("worker-" + (worker + 1));
        for (String role : new String[] {"initiator", "receiver", "status", "recovery"}) {
            properties.put("darkroom.roles." + role, "false");
        }
        properties.put("darkroom.webhook.receiver-url", apiBalancer.url());
        properties.put("darkroom.worker.advertised-url", ownAddress.get(worker).url());
        // One image at a time: a run lost in the kill has some of its images stored and others not yet made.
        properties.put("darkroom.worker.concurrency", "1");
        properties.put("darkroom.worker.max-runs", "10");
        properties.put("darkroom.worker.heartbeat-interval", "500ms");
        properties.putAll(OpenAiWire.asOnlyProvider(openai, Map.of(
                "darkroom.providers.openai.base-url", MockServers.url(openai) + "/" + providerPrefix,
                "darkroom.providers.openai.requests-per-minute", String.valueOf(REQUESTS_PER_MINUTE))));
        return processes.start(worker == 0 ? worker1Port : worker2Port, properties,
                "worker-" + (worker + 1) + "-" + providerPrefix + ".log");
    }

    private Map<String, String> common(String node) {
        Map<String, String> properties = JarProcesses.baseProperties(data.resolve(node));
        properties.putAll(PostgresServer.datasource(postgres));
        properties.put("datasources.default.maximum-pool-size", "8");
        properties.put("darkroom.outbound.allowed-hosts",
                ownAddress.get(0).url() + "," + ownAddress.get(1).url());
        return properties;
    }

    @SafeVarargs
    private static List<DarkroomProcess> startTogether(Supplier<DarkroomProcess>... starts) {
        List<CompletableFuture<DarkroomProcess>> started = new ArrayList<>();
        for (Supplier<DarkroomProcess> start : starts) {
            started.add(CompletableFuture.supplyAsync(start));
        }
        return started.stream().map(CompletableFuture::join).toList();
    }

    private long count(String sql) throws SQLException {
        return Long.parseLong(rows(sql).get(0).get(0));
    }

    private List<List<String>> rows(String sql) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            List<List<String>> rows = new ArrayList<>();
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> row = new ArrayList<>();
                for (int c = 1; c <= columns; c++) {
                    row.add(result.getString(c));
                }
                rows.add(row);
            }
            return rows;
        }
    }
}
