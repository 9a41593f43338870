package dev.darkroom.joblist;

import dev.darkroom.job.ImageTask;
import dev.darkroom.job.ImageTaskRepository;
import dev.darkroom.job.Job;
import dev.darkroom.job.JobRepository;
import dev.darkroom.job.JobStatus;
import dev.darkroom.job.TaskStatus;
import dev.darkroom.ops.JobCounts;
import dev.darkroom.problem.Problem;
import dev.darkroom.run.ImageKind;
import dev.darkroom.security.Scopes;
import dev.darkroom.support.StatementLog;
import dev.darkroom.support.Tokens;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jobs list against a real database: keyset pages that hold every job once while new ones arrive, filters by
 * status and case prefix, the counts of each row, bad parameters named, and two statements a page. The same tests
 * run on H2 and PostgreSQL.
 */
abstract class JobListContract {

    static final Map<String, String> SETTINGS = Map.of(
            "darkroom.roles.initiator", "false",
            "darkroom.roles.recovery", "false",
            "darkroom.ops.count-bound", "3");
    static final String OPERATOR = Tokens.withScopes(Scopes.OPS_READ);

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JobRepository jobs;

    @Inject
    ImageTaskRepository tasks;

    @Inject
    JobList list;

    @Inject
    StatementLog statements;

    @Inject
    TransactionOperations<Connection> tx;

    @Inject
    JobCounts counts;

    final Instant base = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @Test
    void pagingReturnsEveryJobExactlyOnceWhileNewJobsArrive() {
        String prefix = "paged-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        List<String> existing = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            // Every third job shares its creation time with the one before: the id orders them.
            existing.add(job(prefix + i, JobStatus.COMPLETED, base.plusMillis(i - i % 3)).id());
        }

        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            Map<String, Object> page = get("/v1/jobs?limit=5&casePrefix=" + prefix
                    + (after == null ? "" : "&after=" + after));
            seen.addAll(ids(page));
            after = (String) page.get("next");
            job(prefix + "new-" + pages++, JobStatus.PENDING, base.plusSeconds(60 + pages));
        } while (after != null);

        assertThat(seen).doesNotHaveDuplicates().containsExactlyElementsOf(newestFirst(existing));
        assertThat(pages).isEqualTo(5);
    }

    @Test
    void theNewestJobsComeFirstAndALaterJobShowsOnTheFirstPage() {
        String prefix = "newest-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        Job older = job(prefix + "a", JobStatus.COMPLETED, base);
        Job newer = job(prefix + "b", JobStatus.GENERATING, base.plusSeconds(1));

        assertThat(ids(get("/v1/jobs?casePrefix=" + prefix))).containsExactly(newer.id(), older.id());
        Job newest = job(prefix + "c", JobStatus.PENDING, base.plusSeconds(2));
        assertThat(ids(get("/v1/jobs?limit=1&casePrefix=" + prefix))).containsExactly(newest.id());
    }

    @Test
    void oneOrSeveralStatusesFilterTheList() {
        String prefix = "status-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        List<Job> each = new ArrayList<>();
        for (JobStatus status : JobStatus.values()) {
            each.add(job(prefix + status.wireName(), status, base.plusSeconds(each.size())));
        }

        assertThat(statuses(get("/v1/jobs?status=partial&casePrefix=" + prefix))).containsExactly("partial");
        assertThat(statuses(get("/v1/jobs?status=pending,failed,generating&casePrefix=" + prefix)))
                .containsExactly("failed", "generating", "pending");
        assertThat(statuses(get("/v1/jobs?status=canceled&status=dispatched&casePrefix=" + prefix)))
                .containsExactly("canceled", "dispatched");
        assertThat(statuses(get("/v1/jobs?casePrefix=" + prefix))).hasSize(JobStatus.values().length);
    }

    @Test
    void severalStatusesPageAcrossTheirUnionInOrder() {
        String prefix = "union-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        List<String> wanted = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            JobStatus status = List.of(JobStatus.FAILED, JobStatus.COMPLETED, JobStatus.PARTIAL).get(i % 3);
            Job job = job(prefix + i, status, base.plusMillis(i));
            if (status != JobStatus.COMPLETED) {
                wanted.add(job.id());
            }
        }

        List<String> seen = new ArrayList<>();
        String after = null;
        do {
            Map<String, Object> page = get("/v1/jobs?status=failed,partial&limit=3&casePrefix=" + prefix
                    + (after == null ? "" : "&after=" + after));
            seen.addAll(ids(page));
            after = (String) page.get("next");
        } while (after != null);

        assertThat(seen).containsExactlyElementsOf(newestFirst(wanted));
    }

    @Test
    void aCasePrefixIsTakenLiterally() {
        String prefix = "lit-" + UUID.randomUUID().toString().substring(0, 8);
        Job literal = job(prefix + "_%x", JobStatus.COMPLETED, base);
        job(prefix + "ab-x", JobStatus.COMPLETED, base);
        job("other-" + prefix, JobStatus.COMPLETED, base);

        assertThat(ids(get("/v1/jobs?casePrefix=" + encode(prefix + "_%")))).containsExactly(literal.id());
        assertThat(ids(get("/v1/jobs?casePrefix=" + prefix))).hasSize(2);
    }

    @Test
    void aRowCountsItsImagesNamesItsProvidersAndAddsUpItsCost() {
        String prefix = "row-" + UUID.randomUUID().toString().substring(0, 8);
        Job job = jobs.save(fixture(prefix, JobStatus.PARTIAL, base, base.plusMillis(2_500)));
        task(job, "ev-1", TaskStatus.SUCCEEDED, "openai", new BigDecimal("0.040000"));
        task(job, "ev-2", TaskStatus.SUCCEEDED, "local", new BigDecimal("0.000000"));
        task(job, "ev-3", TaskStatus.SUCCEEDED, "openai", new BigDecimal("0.040000"));
        task(job, "ev-4", TaskStatus.FAILED, null, null);
        Job active = jobs.save(fixture(prefix + "-active", JobStatus.GENERATING, base.plusSeconds(1), null));
        task(active, "ev-1", TaskStatus.PENDING, null, null);
        task(active, "ev-2", TaskStatus.GENERATING, null, null);

        List<Map<String, Object>> rows = rows(get("/v1/jobs?casePrefix=" + prefix));

        assertThat(rows).hasSize(2);
        Map<String, Object> running = rows.get(0);
        assertThat(running).containsEntry("jobId", active.id()).containsEntry("status", "generating")
                .containsEntry("succeeded", 0).containsEntry("failed", 0).containsEntry("pending", 2)
                .containsEntry("providers", List.of()).containsEntry("finishedAt", null)
                .containsEntry("durationMs", null);
        Map<String, Object> ended = rows.get(1);
        assertThat(ended).containsEntry("jobId", job.id()).containsEntry("caseId", prefix)
                .containsEntry("status", "partial").containsEntry("succeeded", 3).containsEntry("failed", 1)
                .containsEntry("pending", 0).containsEntry("providers", List.of("local", "openai"))
                .containsEntry("durationMs", 2500);
        assertThat(new BigDecimal(ended.get("cost").toString())).isEqualByComparingTo("0.08");
        assertThat(Instant.parse((String) ended.get("createdAt"))).isEqualTo(base);
    }

    @Test
    void aPageCostsTwoStatementsHoweverManyJobsAndImagesItShows() {
        String prefix = "cost-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        for (int i = 0; i < 60; i++) {
            Job job = job(prefix + i, JobStatus.values()[i % JobStatus.values().length], base.plusMillis(i));
            task(job, "ev-1", TaskStatus.SUCCEEDED, "local", BigDecimal.ONE);
            task(job, "ev-2", TaskStatus.FAILED, null, null);
        }
        for (List<String> status : List.of(List.<String>of(), List.of("completed"), List.of("pending,failed,partial"))) {
            List<JobListPage.Row> seen = new ArrayList<>();
            String after = null;
            do {
                statements.clear();
                JobListPage page = list.page(status, prefix, after, "7");
                assertThat(statements.ofThisThread()).as("statuses %s", status).hasSize(2)
                        .anyMatch(e -> e.is("select", "jobs")).anyMatch(e -> e.is("select", "image_tasks"));
                seen.addAll(page.jobs());
                after = page.next();
            } while (after != null);
            assertThat(seen).hasSize(status.isEmpty() ? 60 : status.get(0).equals("completed") ? 9 : 25)
                    .allMatch(row -> row.succeeded() == 1 && row.failed() == 1);
        }
    }

    @Test
    void theHeaderCountsActiveJobsExactlyAndEachTerminalStatusUpToTheBound() {
        String prefix = "counted-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        long pendingBefore = pendingCount();
        for (int i = 0; i < 4; i++) {
            job(prefix + "canceled-" + i, JobStatus.CANCELED, base);
            job(prefix + "pending-" + i, JobStatus.PENDING, base);
        }

        Map<String, Object> answer = http.toBlocking().retrieve(HttpRequest.GET("/v1/ops/counts")
                .bearerAuth(OPERATOR), Argument.mapOf(String.class, Object.class));
        statements.clear();
        JobCounts.Counts read = counts.read();

        assertThat(answer.get("bounded")).isEqualTo(3);
        @SuppressWarnings("unchecked")
        Map<String, Number> byStatus = (Map<String, Number>) answer.get("counts");
        assertThat(byStatus.keySet()).containsExactly("pending", "dispatched", "generating", "completed", "partial",
                "failed", "canceled");
        assertThat(byStatus.get("canceled").longValue()).as("counted up to the bound").isEqualTo(3);
        assertThat(byStatus.get("pending").longValue()).as("active jobs are counted exactly")
                .isEqualTo(pendingBefore + 4);
        assertThat(read.counts()).containsEntry("canceled", 3L);
        assertThat(statements.ofThisThread()).as("one grouped count of the active, one bounded count of each end")
                .hasSize(1 + JobStatus.terminal().size());
        assertThat(code(HttpRequest.GET("/v1/ops/counts").bearerAuth(Tokens.withScopes(Scopes.JOBS_READ))))
                .isEqualTo(403);
    }

    long pendingCount() {
        return counts.read().counts().get("pending");
    }

    @Test
    void badParametersAreProblemsNamingTheirField() {
        assertThat(fields("/v1/jobs?status=pending,bogus")).containsExactly("status");
        assertThat(fields("/v1/jobs?limit=0")).containsExactly("limit");
        assertThat(fields("/v1/jobs?limit=201")).containsExactly("limit");
        assertThat(fields("/v1/jobs?limit=ten")).containsExactly("limit");
        assertThat(fields("/v1/jobs?after=not-a-cursor")).containsExactly("after");
        assertThat(fields("/v1/jobs?after=" + java.util.Base64.getUrlEncoder().encodeToString(
                "yesterday~x".getBytes(StandardCharsets.UTF_8)))).containsExactly("after");
        assertThat(fields("/v1/jobs?casePrefix=" + "c".repeat(65))).containsExactly("casePrefix");
        assertThat(fields("/v1/jobs?status=nope&limit=-1&after=%25")).containsExactlyInAnyOrder("status", "limit",
                "after");
    }

    @Test
    void theListNeedsAScopeThatReadsEveryJob() {
        assertThat(code(HttpRequest.GET("/v1/jobs").bearerAuth(Tokens.withScopes(Scopes.JOBS_READ)))).isEqualTo(200);
        assertThat(code(HttpRequest.GET("/v1/jobs").bearerAuth(Tokens.withScopes(Scopes.JOBS_WRITE))))
                .isEqualTo(403);
        assertThat(code(HttpRequest.GET("/v1/jobs").bearerAuth(Tokens.withScopes(Scopes.OPS_WRITE))))
                .isEqualTo(403);
        assertThat(code(HttpRequest.GET("/v1/jobs").bearerAuth(Tokens.withScopes(Scopes.oneJob("x")))))
                .isEqualTo(403);
        assertThat(code(HttpRequest.GET("/v1/jobs"))).isEqualTo(401);
    }

    @Test
    void everyPageStatementReadsAnIndexRange() {
        ListCursor cursor = new ListCursor(base, "zzz");
        for (Set<JobStatus> statuses : List.of(Set.<JobStatus>of(), EnumSet.of(JobStatus.COMPLETED),
                EnumSet.of(JobStatus.PENDING, JobStatus.GENERATING))) {
            for (ListCursor after : new ListCursor[] {null, cursor}) {
                String plan = explain(JobListQueries.pageStatement(new ListFilter(statuses, null, after, 50), 51));
                assertThat(plan).as("%s after %s", statuses, after)
                        .contains(statuses.isEmpty() ? "jobs_created_idx" : "jobs_status_created_idx");
                assertThat(plan.toLowerCase()).doesNotContain("seq scan").doesNotContain("tableScan".toLowerCase());
            }
        }
    }

    /** The plan the database would take for the statement. */
    abstract String explain(Connection connection, JobListQueries.Sql sql) throws Exception;

    String explain(JobListQueries.Sql sql) {
        return tx.executeRead(status -> {
            try {
                return explain(status.getConnection(), sql);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    static String planOf(Connection connection, String prefix, JobListQueries.Sql sql) throws Exception {
        try (PreparedStatement statement = connection.prepareStatement(prefix + sql.text())) {
            JobListQueries.bind(statement, sql.parameters());
            StringBuilder plan = new StringBuilder();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    plan.append(result.getString(1)).append('\n');
                }
            }
            return plan.toString();
        }
    }

    Job job(String caseId, JobStatus status, Instant createdAt) {
        return jobs.save(fixture(caseId, status, createdAt, status.isTerminal() ? createdAt.plusSeconds(1) : null));
    }

    static Job fixture(String caseId, JobStatus status, Instant createdAt, Instant finishedAt) {
        return new Job(UUID.randomUUID().toString(), caseId, status.isTerminal() ? null : caseId, status, 1,
                UUID.randomUUID().toString(), null, "h", null, createdAt, null, finishedAt, createdAt, 0, createdAt,
                0L);
    }

    void task(Job job, String itemId, TaskStatus status, String provider, BigDecimal cost) {
        boolean failed = status == TaskStatus.FAILED;
        tasks.save(new ImageTask(UUID.randomUUID().toString(), job.id(), itemId, 0, ImageKind.EVIDENCE, "Key", "",
                status, null, failed ? "provider_error" : null, failed ? "erred" : null, null, null, null, null, null,
                status.isDone() ? base : null, provider, cost, 0L));
    }

    /** Newest first, as the list orders: creation time, then id, both descending. */
    List<String> newestFirst(List<String> ids) {
        return ids.stream().map(id -> jobs.findById(id).orElseThrow())
                .sorted((a, b) -> a.createdAt().equals(b.createdAt()) ? b.id().compareTo(a.id())
                        : b.createdAt().compareTo(a.createdAt()))
                .map(Job::id).toList();
    }

    Map<String, Object> get(String path) {
        return http.toBlocking().retrieve(HttpRequest.GET(path).bearerAuth(OPERATOR), Argument.mapOf(String.class,
                Object.class));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> rows(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("jobs");
    }

    static List<String> ids(Map<String, Object> page) {
        return rows(page).stream().map(row -> (String) row.get("jobId")).toList();
    }

    static List<String> statuses(Map<String, Object> page) {
        return rows(page).stream().map(row -> (String) row.get("status")).sorted().toList();
    }

    List<String> fields(String path) {
        HttpResponse<?> answer = exchange(HttpRequest.GET(path).bearerAuth(OPERATOR));
        assertThat(answer.code()).isEqualTo(400);
        assertThat(answer.getContentType().map(Object::toString)).contains(Problem.MEDIA_TYPE);
        return answer.getBody(Problem.class).orElseThrow().errors().stream().map(Problem.FieldError::field).toList();
    }

    int code(HttpRequest<?> request) {
        return exchange(request).code();
    }

    HttpResponse<?> exchange(HttpRequest<?> request) {
        try {
            return http.toBlocking().exchange(request, Argument.of(String.class), Argument.of(Problem.class));
        } catch (HttpClientResponseException e) {
            return e.getResponse();
        }
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
