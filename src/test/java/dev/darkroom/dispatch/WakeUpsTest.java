package dev.darkroom.dispatch;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A burst of RunDue nudges wakes one claiming pass, not one pass (and one claim query) per created job. */
class WakeUpsTest {

    /** Runs what it was given only when told to, so the test sees how many passes were asked for. */
    private static final class HeldExecutor implements Executor {
        final Queue<Runnable> queued = new ArrayDeque<>();

        @Override
        public void execute(Runnable task) {
            queued.add(task);
        }

        void runAll() {
            Runnable task;
            while ((task = queued.poll()) != null) {
                task.run();
            }
        }
    }

    private final HeldExecutor executor = new HeldExecutor();
    private final AtomicInteger passes = new AtomicInteger();

    @Test
    void aThousandWakeUpsBeforeThePassStartsMakeOnePass() {
        WakeUps wakeUps = new WakeUps(executor, passes::incrementAndGet);

        for (int i = 0; i < 1000; i++) {
            wakeUps.wake();
        }
        assertThat(executor.queued).hasSize(1);
        executor.runAll();

        assertThat(passes).hasValue(1);
    }

    @Test
    void aWakeUpWhileAPassRunsQueuesExactlyOneMore() {
        WakeUps[] holder = new WakeUps[1];
        holder[0] = new WakeUps(executor, () -> {
            if (passes.incrementAndGet() == 1) {
                // Jobs committed while the first pass looks: the pass may have missed them.
                for (int i = 0; i < 50; i++) {
                    holder[0].wake();
                }
            }
        });

        holder[0].wake();
        executor.runAll();

        assertThat(passes).hasValue(2);
    }

    @Test
    void aWakeUpAfterThePassEndedMakesANewPass() {
        WakeUps wakeUps = new WakeUps(executor, passes::incrementAndGet);

        wakeUps.wake();
        executor.runAll();
        wakeUps.wake();
        executor.runAll();

        assertThat(passes).hasValue(2);
    }
}
