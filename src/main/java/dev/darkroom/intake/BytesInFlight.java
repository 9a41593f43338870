package dev.darkroom.intake;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one budget of body bytes that the signed endpoints may hold at once. A request reserves its Content-Length
 * before its body is read and gives it back when its answer is done, whether it succeeded, failed or the caller
 * went away, so the memory of bodies in flight never exceeds the budget however many callers come at once.
 */
@Singleton
public final class BytesInFlight {

    private final long capacity;
    private final AtomicLong held = new AtomicLong();

    @Inject
    public BytesInFlight(IntakeProperties properties) {
        this(properties.bytesInFlight());
    }

    BytesInFlight(long capacity) {
        this.capacity = capacity;
    }

    public long capacity() {
        return capacity;
    }

    public long held() {
        return held.get();
    }

    /** Takes {@code bytes} from the budget if they fit; the caller must {@link #releaseWhenDone} what it took. */
    public boolean tryReserve(long bytes) {
        while (true) {
            long now = held.get();
            if (now + bytes > capacity) {
                return false;
            }
            if (held.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    /** Gives {@code bytes} back once {@code answer} completes, fails or is cancelled, exactly once. */
    public <T> Publisher<T> releaseWhenDone(Publisher<T> answer, long bytes) {
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                held.addAndGet(-bytes);
            }
        };
        return subscriber -> answer.subscribe(new Subscriber<T>() {
            @Override
            public void onSubscribe(Subscription subscription) {
                subscriber.onSubscribe(new Subscription() {
                    @Override
                    public void request(long n) {
                        subscription.request(n);
                    }

                    @Override
                    public void cancel() {
                        release.run();
                        subscription.cancel();
                    }
                });
            }

            @Override
            public void onNext(T item) {
                subscriber.onNext(item);
            }

            @Override
            public void onError(Throwable error) {
                release.run();
                subscriber.onError(error);
            }

            @Override
            public void onComplete() {
                release.run();
                subscriber.onComplete();
            }
        });
    }
}
