package dev.darkroom.status;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The node's copies of rendered views: one per job, only for the version asked, within their byte budget. */
class RenderedViewsTest {

    @Test
    void aCopyIsServedOnlyForTheVersionItWasRenderedFrom() {
        RenderedViews views = new RenderedViews(1_000);
        views.keep("job-1", 3, bytes(10));
        assertThat(views.at("job-1", 3)).isPresent();
        assertThat(views.at("job-1", 4)).isEmpty();
        assertThat(views.at("job-2", 3)).isEmpty();
    }

    @Test
    void anOlderVersionNeverReplacesANewerOne() {
        RenderedViews views = new RenderedViews(1_000);
        views.keep("job-1", 5, bytes(10));
        views.keep("job-1", 4, bytes(20));
        assertThat(views.at("job-1", 5)).isPresent();
        assertThat(views.at("job-1", 4)).isEmpty();
        assertThat(views.size()).isEqualTo(10);
    }

    @Test
    void theCopiesStayWithinTheirBudget() {
        RenderedViews views = new RenderedViews(100);
        for (int job = 0; job < 50; job++) {
            views.keep("job-" + job, 1, bytes(30));
            assertThat(views.size()).isLessThanOrEqualTo(100);
        }
        views.keep("huge", 1, bytes(101));
        assertThat(views.at("huge", 1)).as("larger than the whole budget").isEmpty();
        assertThat(views.at("job-49", 1)).as("the newest copy is kept").isPresent();
    }

    private static byte[] bytes(int length) {
        return new byte[length];
    }
}
