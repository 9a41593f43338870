package dev.darkroom.bench;

import dev.darkroom.run.RunRequest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Many open event streams on one node, and how soon an applied webhook reaches them. The harness plays the worker:
 * each job's one image arrives as a signed {@code image.succeeded}, one job after another, while every stream is
 * open; the delay is from the webhook's answer (the event committed) to the event's line at each of the job's
 * streams. The node has -Xmx1g and a flight recording for its heap.
 */
final class StreamScenario {

    static final String NAME = "concurrent event streams on one node, and webhook to event at the client";
    static final String GOAL = "10,000 streams with heap ≤ 1 GiB; delay p50 and p99";
    static final List<String> HEAP = List.of("-Xmx1g");
    private static final int STREAMS_PER_JOB = 10;

    record Outcome(int streams, int opened, long[] delaysNanos, long[] fromSendNanos, int missing, Instant began,
                   Instant ended) {
    }

    private StreamScenario() {
    }

    static Outcome load(BenchOptions options, Api api, FakeWorker worker, SignedEvents events) {
        int jobs = options.quick() ? 100 : 1000;
        int streams = jobs * STREAMS_PER_JOB;
        HttpLoad load = new HttpLoad("127.0.0.1", api.port());
        System.out.printf("  creating %,d jobs%n", jobs);
        load.forCount(8, (jobs + 7) / 8, CreateScenarios.creates(api, "streams", 1, 0));
        List<RunRequest> runs = worker.awaitRuns("streams", jobs, Duration.ofMinutes(3)).subList(0, jobs);
        Instant began = Instant.now();

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicInteger opened = new AtomicInteger();
        AtomicLongArray arrivals = new AtomicLongArray(streams);
        System.out.printf("  opening %,d streams%n", streams);
        for (int job = 0; job < jobs; job++) {
            URI uri = URI.create("http://127.0.0.1:" + api.port() + "/v1/jobs/" + runs.get(job).jobId() + "/events");
            for (int s = 0; s < STREAMS_PER_JOB; s++) {
                int slot = job * STREAMS_PER_JOB + s;
                http.sendAsync(HttpRequest.newBuilder(uri).header("Authorization", api.bearer())
                                .header("Accept", "text/event-stream").timeout(Duration.ofMinutes(10)).build(),
                        HttpResponse.BodyHandlers.fromLineSubscriber(new Lines(slot, opened, arrivals)));
            }
        }
        await(() -> opened.get() >= streams, Duration.ofMinutes(3), "streams opened");
        System.out.printf("  %,d streams open; sending one image per job%n", opened.get());

        String host = "127.0.0.1:" + api.port();
        List<SignedEvents.Event> images = events.imagesOf(runs, host);
        long[] applied = new long[jobs];
        long[] sent = new long[jobs];
        try (Socket socket = new Socket("127.0.0.1", api.port())) {
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            for (int job = 0; job < jobs; job++) {
                sent[job] = System.nanoTime();
                images.get(job).write(out);
                out.flush();
                int status = readResponse(in);
                applied[job] = System.nanoTime();
                if (status != 200) {
                    throw new IllegalStateException("webhook answered " + status);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        await(() -> arrived(arrivals) >= streams, Duration.ofSeconds(30), "events arrived");
        Instant ended = Instant.now();
        List<Long> delays = new ArrayList<>();
        List<Long> fromSend = new ArrayList<>();
        int missing = 0;
        for (int slot = 0; slot < streams; slot++) {
            long at = arrivals.get(slot);
            if (at == 0) {
                missing++;
                continue;
            }
            delays.add(Math.max(0, at - applied[slot / STREAMS_PER_JOB]));
            fromSend.add(at - sent[slot / STREAMS_PER_JOB]);
        }
        return new Outcome(streams, opened.get(), sorted(delays), sorted(fromSend), missing, began, ended);
    }

    static Row row(Outcome outcome, Path recording) {
        Flight.Summary flight = Flight.read(recording, outcome.began(), outcome.ended());
        double peakMiB = flight.peakHeapBytes() / 1024.0 / 1024.0;
        double p50 = percentileMillis(outcome.delaysNanos(), 50);
        double p99 = percentileMillis(outcome.delaysNanos(), 99);
        boolean met = outcome.opened() >= 10_000 && outcome.missing() == 0 && peakMiB <= 1024;
        return new Row(NAME, String.format("%,d streams open at once, heap peak %.0f MiB (live after GC %.0f MiB); "
                        + "delay p50 %.1f ms, p99 %.1f ms (from the webhook's send: p50 %.1f ms, p99 %.1f ms); "
                        + "%,d events missing", outcome.opened(), peakMiB, flight.peakLiveBytes() / 1024.0 / 1024.0,
                p50, p99, percentileMillis(outcome.fromSendNanos(), 50), percentileMillis(outcome.fromSendNanos(), 99),
                outcome.missing()), GOAL, String.format("%.2f × 1 GiB", peakMiB / 1024), Row.met(met),
                String.format("%d streams per job, the JDK HTTP client reading lines without a thread per stream; "
                        + "one signed image.succeeded per job, one after another on one keep-alive connection; "
                        + "-Xmx1g, heap from the node's flight recording while the streams were open", STREAMS_PER_JOB));
    }

    /** Marks a stream open at its first line ({@code retry:} comes first) and the arrival of its image. */
    private record Lines(int slot, AtomicInteger opened, AtomicLongArray arrivals) implements Flow.Subscriber<String> {

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (line.startsWith("retry:")) {
                opened.incrementAndGet();
            } else if (line.equals("event: image.succeeded")) {
                arrivals.compareAndSet(slot, 0, System.nanoTime());
            }
        }

        @Override
        public void onError(Throwable throwable) {
            // A stream that breaks shows as a missing event.
        }

        @Override
        public void onComplete() {
        }
    }

    /** Reads one HTTP/1.1 response with a Content-Length and returns its status. */
    private static int readResponse(InputStream in) throws IOException {
        String status = line(in);
        int length = 0;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            if (header.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(header.substring(15).trim());
            }
        }
        in.readNBytes(length);
        return Integer.parseInt(status.split(" ")[1]);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private static int arrived(AtomicLongArray arrivals) {
        int count = 0;
        for (int i = 0; i < arrivals.length(); i++) {
            count += arrivals.get(i) == 0 ? 0 : 1;
        }
        return count;
    }

    private static void await(java.util.function.BooleanSupplier done, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                System.out.printf("  gave up waiting: %s%n", what);
                return;
            }
            Pause.of(Duration.ofMillis(50));
        }
    }

    private static long[] sorted(List<Long> values) {
        long[] array = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(array);
        return array;
    }

    private static double percentileMillis(long[] sortedNanos, double percentile) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sortedNanos.length - 1, Math.ceil(percentile / 100 * sortedNanos.length) - 1);
        return sortedNanos[Math.max(0, index)] / 1e6;
    }
}
