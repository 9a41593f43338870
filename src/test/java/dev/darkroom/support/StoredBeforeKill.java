package dev.darkroom.support;

import dev.darkroom.status.JobView;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The images a job had stored when a process was killed, and the check that the job's new attempt neither
 * replaced nor remade them.
 */
public record StoredBeforeKill(Map<String, Instant> finishedAt, Map<String, String> etags) {

    public static StoredBeforeKill of(DarkroomApi api, JobView beforeKill) throws IOException, InterruptedException {
        Map<String, Instant> finishedAt = DarkroomApi.finishTimes(beforeKill);
        return new StoredBeforeKill(finishedAt, api.etags(beforeKill, finishedAt.keySet()));
    }

    /**
     * {@code newAttempt} is the process that ran the job's new attempt. The bytes alone cannot tell (the local
     * generator is deterministic): what shows that nothing was made twice is that the new attempt's run carried
     * only the images not stored before the kill.
     */
    public void assertKeptAndNotRemade(DarkroomApi api, JobView done, DarkroomProcess newAttempt)
            throws IOException, InterruptedException {
        Map<String, Instant> finishedAtAfter = DarkroomApi.finishTimes(done);
        finishedAtAfter.keySet().retainAll(finishedAt.keySet());
        assertThat(finishedAtAfter).as("images finished before the kill keep their finish time")
                .isEqualTo(finishedAt);
        assertThat(api.etags(done, finishedAt.keySet())).as("images finished before the kill keep their bytes")
                .isEqualTo(etags);
        // The job's fields lead each of its lines (the MDC): [job=… case=… run=…] run started: 4 images
        Matcher run = Pattern.compile("\\[job=" + Pattern.quote(done.jobId()) + " case="
                        + Pattern.quote(done.caseId()) + " run=\\S+] run started: (\\d+) images")
                .matcher(newAttempt.logTail(100_000));
        assertThat(run.find()).as("the new attempt ran on " + newAttempt.log()).isTrue();
        assertThat(Integer.parseInt(run.group(1))).as("images in the new attempt's run")
                .isLessThanOrEqualTo(done.counts().total() - finishedAt.size());
    }
}
