package dev.darkroom.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a node's flight recording (JFR) says about a window of a run: where its CPU went, from the execution samples,
 * and how much heap it used, from the heap summaries the collector writes at every collection.
 */
final class Flight {

    /** JVM options that make a node record itself from its start and write the recording when it stops. */
    static List<String> recordingTo(Path file) {
        return List.of("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + file,
                "-XX:FlightRecorderOptions=stackdepth=128");
    }

    /**
     * @param samples        execution samples of Java threads in the window, and native samples of rendering
     * @param rendering      samples with a frame of Darkroom's renderer or JPEG encoder on their stack
     * @param nativeRendering of those, the samples taken in native code (Java2D loops, the JPEG writer)
     * @param topOfStack     the other samples, by the code at the top of their stack (library or Darkroom package)
     * @param peakHeapBytes  most heap in use at any collection (before it)
     * @param peakLiveBytes  most heap still in use after a collection
     * @param jvmCpu         the JVM's mean share of the machine's CPU (user and system), 0 to 1
     * @param machineCpu     the whole machine's mean CPU use, 0 to 1
     */
    record Summary(long samples, long rendering, long nativeRendering, Map<String, Long> topOfStack, long peakHeapBytes,
                   long peakLiveBytes, double jvmCpu, double machineCpu) {

        double renderingShare() {
            return samples == 0 ? Double.NaN : (double) rendering / samples;
        }

        /** The largest shares of the samples that were not rendering, as "name n%". */
        String topOrchestration(int count) {
            return topOfStack.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .limit(count)
                    .map(e -> String.format("%s %.0f%%", e.getKey(), 100.0 * e.getValue() / samples))
                    .collect(Collectors.joining(", "));
        }
    }

    private Flight() {
    }

    static Summary read(Path recording, Instant from, Instant to) {
        long samples = 0;
        long rendering = 0;
        long nativeRendering = 0;
        Map<String, Long> tops = new HashMap<>();
        long peakHeap = 0;
        long peakLive = 0;
        double jvmCpu = 0;
        double machineCpu = 0;
        int cpuReadings = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                Instant at = event.getStartTime();
                if (at.isBefore(from) || at.isAfter(to)) {
                    continue;
                }
                switch (event.getEventType().getName()) {
                    case "jdk.ExecutionSample" -> {
                        RecordedStackTrace stack = event.getStackTrace();
                        if (stack == null || stack.getFrames().isEmpty()) {
                            continue;
                        }
                        samples++;
                        if (rendering(stack)) {
                            rendering++;
                        } else {
                            tops.merge(group(stack.getFrames().get(0)), 1L, Long::sum);
                        }
                    }
                    case "jdk.NativeMethodSample" -> {
                        // Java2D's loops and the JPEG writer run in native code, sampled apart from Java code. Other
                        // native samples are mostly threads waiting (epoll, sockets), not CPU: they are left out.
                        RecordedStackTrace stack = event.getStackTrace();
                        if (stack != null && rendering(stack)) {
                            samples++;
                            rendering++;
                            nativeRendering++;
                        }
                    }
                    case "jdk.GCHeapSummary" -> {
                        long used = event.getLong("heapUsed");
                        peakHeap = Math.max(peakHeap, used);
                        if ("After GC".equals(event.getString("when"))) {
                            peakLive = Math.max(peakLive, used);
                        }
                    }
                    case "jdk.CPULoad" -> {
                        jvmCpu += event.getFloat("jvmUser") + event.getFloat("jvmSystem");
                        machineCpu += event.getFloat("machineTotal");
                        cpuReadings++;
                    }
                    default -> {
                        // not needed
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Long> ordered = new LinkedHashMap<>(tops);
        return new Summary(samples, rendering, nativeRendering, ordered, peakHeap, peakLive,
                cpuReadings == 0 ? Double.NaN : jvmCpu / cpuReadings,
                cpuReadings == 0 ? Double.NaN : machineCpu / cpuReadings);
    }

    private static boolean rendering(RecordedStackTrace stack) {
        for (RecordedFrame frame : stack.getFrames()) {
            String type = frame.getMethod().getType().getName();
            if (type.startsWith("dev.darkroom.render.") || type.equals("dev.darkroom.image.JpegEncoder")) {
                return true;
            }
        }
        return false;
    }

    /** Darkroom's code by package (dev.darkroom.job), a library by its first names (io.netty, org.h2). */
    private static String group(RecordedFrame top) {
        String type = top.getMethod().getType().getName();
        String[] names = type.split("\\.");
        if (type.startsWith("dev.darkroom.") && names.length > 3) {
            return names[0] + "." + names[1] + "." + names[2];
        }
        if (names.length <= 2) {
            return names[0];
        }
        return names[0] + "." + names[1];
    }
}
