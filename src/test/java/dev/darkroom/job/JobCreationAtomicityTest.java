package dev.darkroom.job;

import dev.darkroom.status.JobView;
import dev.darkroom.support.Cases;
import dev.darkroom.support.Tokens;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.h2.api.Trigger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The job, its image tasks and its first dispatch commit together or not at all. The database itself refuses the
 * dispatch row of chosen cases (a trigger, the way a full disk or a lost connection would fail that one insert),
 * after the job and its tasks were written in the same transaction.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobCreationAtomicityTest {

    static final String REFUSED_CASE_PREFIX = "dispatch-refused";

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    TransactionOperations<Connection> tx;

    @BeforeAll
    void refuseDispatchesOfMarkedCases() {
        execute("CREATE TRIGGER refuse_marked_dispatch BEFORE INSERT ON dispatches FOR EACH ROW CALL \""
                + RefuseMarkedDispatch.class.getName() + "\"");
    }

    @Test
    void aFailureWhileWritingTheDispatchLeavesNoJobAndNoTasksBehind() {
        long tasksBefore = count("SELECT count(*) FROM image_tasks");
        String caseId = REFUSED_CASE_PREFIX + "-1";

        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.POST("/v1/cases/" + caseId + "/image-jobs",
                        Cases.body(3, 1)).bearerAuth(Tokens.backend()), Argument.of(String.class),
                        Argument.of(String.class)));

        assertThat(e).as("the request should have failed").isNotNull();
        assertThat(e.getStatus().getCode()).isEqualTo(500);
        assertThat(count("SELECT count(*) FROM jobs WHERE case_id = '" + caseId + "'")).isZero();
        assertThat(count("SELECT count(*) FROM image_tasks")).isEqualTo(tasksBefore);
    }

    @Test
    void theSameRequestForAnotherCaseCommitsAllThree() {
        HttpResponse<JobView> created = http.toBlocking().exchange(HttpRequest.POST(
                "/v1/cases/dispatch-kept/image-jobs", Cases.body(3, 1)).bearerAuth(Tokens.backend()), JobView.class);

        assertThat(created.getStatus().getCode()).isEqualTo(202);
        String jobId = created.body().jobId();
        assertThat(count("SELECT count(*) FROM image_tasks WHERE job_id = '" + jobId + "'")).isEqualTo(4);
        assertThat(count("SELECT count(*) FROM dispatches WHERE job_id = '" + jobId + "'")).isEqualTo(1);
    }

    private long count(String sql) {
        return tx.executeRead(status -> {
            try (Statement statement = status.getConnection().createStatement();
                 ResultSet rows = statement.executeQuery(sql)) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    private void execute(String sql) {
        tx.executeWrite(status -> {
            try (Statement statement = status.getConnection().createStatement()) {
                return statement.execute(sql);
            }
        });
    }

    /** Fails the insert of a dispatch whose job belongs to a marked case; H2 runs it inside the inserting transaction. */
    public static class RefuseMarkedDispatch implements Trigger {

        @Override
        public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
            try (PreparedStatement query = connection.prepareStatement("SELECT case_id FROM jobs WHERE id = ?")) {
                query.setObject(1, newRow[1]); // job_id
                try (ResultSet job = query.executeQuery()) {
                    if (job.next() && job.getString(1).startsWith(REFUSED_CASE_PREFIX)) {
                        throw new SQLException("dispatch refused for this test's case");
                    }
                }
            }
        }
    }
}
