package dev.darkroom.api;

import dev.darkroom.status.JobView;
import dev.darkroom.support.Cases;
import dev.darkroom.support.StatementLog;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A create costs four statements: one read for the case's active job and the key's job together, the job's insert,
 * one JDBC batch for all its image tasks, the dispatch's insert. The answer is built from what was written, so no
 * task is read back. Counted on the creating thread; the dispatcher it wakes works on others.
 */
@MicronautTest(transactional = false)
@Property(name = "statement-log", value = "true")
@Property(name = "darkroom.roles.worker", value = "false")
@Property(name = "darkroom.dispatch.worker-url", value = "http://127.0.0.1:9")
class CreateRoundTripsTest {

    @Inject
    JobCreation creation;

    @Inject
    StatementLog statements;

    @Inject
    JsonMapper json;

    @Inject
    TransactionOperations<Connection> tx;

    @Test
    void aFourteenImageCreateSendsOneReadAndThreeWrites() throws IOException {
        create("case-warm", null);
        statements.clear();

        JobView view = create("case-trips", "key-trips");

        List<StatementLog.Execution> sent = statements.ofThisThread();
        assertThat(sent).as("statements of one create: %s", sent).hasSize(4);
        assertThat(sent.get(0).is("select", "jobs")).isTrue();
        assertThat(sent).filteredOn(e -> e.is("insert", "jobs")).hasSize(1);
        assertThat(sent).filteredOn(e -> e.is("insert", "dispatches")).hasSize(1);
        assertThat(view.images()).hasSize(14);
    }

    @Test
    void theImageTasksGoInOneBatch() throws IOException {
        statements.clear();

        create("case-batch", null);

        assertThat(statements.ofThisThread()).filteredOn(e -> e.is("insert", "image_tasks"))
                .singleElement()
                .satisfies(insert -> {
                    assertThat(insert.batch()).isTrue();
                    assertThat(insert.rows()).isEqualTo(14);
                });
    }

    @Test
    void theAnswerOfACreateReadsNoTaskBack() throws IOException {
        statements.clear();

        JobView view = create("case-no-reread", null);

        assertThat(statements.ofThisThread()).noneMatch(e -> e.is("select", "image_tasks"));
        assertThat(view.images()).extracting(JobView.ImageView::id).startsWith("ev-1", "ev-2").contains("loc-7");
        assertThat(view.images()).extracting(JobView.ImageView::status).containsOnly("pending");
    }

    @Test
    void aRepeatedKeyIsFoundByTheSameOneRead() throws IOException {
        JobView first = create("case-replay", "key-replay");
        statements.clear();

        JobView again = create("case-replay", "key-replay");

        assertThat(again.jobId()).isEqualTo(first.jobId());
        assertThat(statements.ofThisThread()).filteredOn(e -> e.is("select", "jobs")).hasSize(1);
        assertThat(again.images()).hasSize(14);
        assertThat(statements.ofThisThread()).noneMatch(e -> e.is("insert", "jobs"));
    }

    @Test
    void theOneReadTakesTheIndexesOfCaseAndKey() throws IOException {
        statements.clear();
        create("case-plan", "key-plan");
        String read = statements.ofThisThread().get(0).sql();

        String plan = tx.executeRead(status -> {
            try (PreparedStatement explain = status.getConnection().prepareStatement("EXPLAIN " + read)) {
                explain.setString(1, "case-plan");
                explain.setString(2, "key-plan");
                try (ResultSet rows = explain.executeQuery()) {
                    rows.next();
                    return rows.getString(1);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(plan).contains("jobs_active_case_uq", "jobs_idempotency_key_uq").doesNotContain("tableScan");
    }

    @Test
    void aCreateWithoutAKeyAsksOnlyForTheCasesActiveJob() throws IOException {
        statements.clear();

        create("case-keyless", null);

        // Asking for idempotency_key = NULL finds nothing, after H2 walked every job that has no key.
        assertThat(statements.ofThisThread().get(0).sql()).contains("active_case_id")
                .doesNotContain("idempotency_key =");
    }

    private JobView create(String caseId, String key) throws IOException {
        byte[] body = json.writeValueAsBytes(Cases.body(7, 7));
        return creation.create(caseId, body, key, "round-trip-caller").view();
    }
}
