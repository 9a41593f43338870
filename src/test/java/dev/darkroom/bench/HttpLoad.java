package dev.darkroom.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;

/**
 * A closed-loop HTTP/1.1 load generator, in the spirit of wrk: a fixed number of keep-alive connections, each with
 * its own thread, each sending its next request as soon as it has read the answer to the last. It shares the
 * machine's cores with the server it measures, so it stays lean: blocking sockets, requests written straight from
 * prepared bytes, answers parsed only as far as their status line and length.
 */
final class HttpLoad {

    /** Writes the request number {@code sequence} of one connection, whole, onto {@code out}. */
    @FunctionalInterface
    interface Requests {
        void write(OutputStream out, int connection, long sequence) throws IOException;
    }

    /** What came back: answers per status, failed connections, and each answer's latency when it was asked for. */
    record Result(long answers, long errors, double seconds, Map<Integer, Long> statuses, long[] latencyNanos) {

        double perSecond() {
            return answers / seconds;
        }

        long withStatus(int status) {
            return statuses.getOrDefault(status, 0L);
        }

        double percentileMillis(double percentile) {
            if (latencyNanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(percentile / 100.0 * latencyNanos.length) - 1;
            return latencyNanos[Math.max(0, Math.min(index, latencyNanos.length - 1))] / 1e6;
        }
    }

    private final String host;
    private final int port;

    HttpLoad(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** Runs {@code connections} for {@code duration}; only answers read before its end count. */
    Result forDuration(int connections, Duration duration, Requests requests, boolean latencies) {
        return run(connections, Long.MAX_VALUE, duration.toNanos(), requests, latencies);
    }

    /** Sends {@code perConnection} requests on each of {@code connections}, timing each one. */
    Result forCount(int connections, long perConnection, Requests requests) {
        return run(connections, perConnection, Long.MAX_VALUE / 4, requests, true);
    }

    private Result run(int connections, long perConnection, long nanos, Requests requests, boolean latencies) {
        CountDownLatch start = new CountDownLatch(1);
        List<Client> clients = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Client client = new Client(i, perConnection, requests, latencies, start);
            clients.add(client);
            Thread thread = new Thread(client, "load-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        long began = System.nanoTime();
        long deadline = began + nanos;
        clients.forEach(c -> c.deadline = deadline);
        start.countDown();
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while load was running", e);
            }
        }
        long ended = Math.min(System.nanoTime(), deadline);
        Map<Integer, Long> statuses = new TreeMap<>();
        long answers = 0;
        long errors = 0;
        int latencyCount = 0;
        for (Client client : clients) {
            answers += client.answers;
            errors += client.errors;
            client.statuses.forEach((status, count) -> statuses.merge(status, count, Long::sum));
            latencyCount += client.latencyCount;
        }
        long[] all = new long[latencyCount];
        int at = 0;
        for (Client client : clients) {
            System.arraycopy(client.latencies, 0, all, at, client.latencyCount);
            at += client.latencyCount;
        }
        Arrays.sort(all);
        return new Result(answers, errors, (ended - began) / 1e9, statuses, all);
    }

    private final class Client implements Runnable {

        private final int id;
        private final long limit;
        private final Requests requests;
        private final boolean timed;
        private final CountDownLatch start;
        private final Map<Integer, Long> statuses = new TreeMap<>();
        private final StringBuilder line = new StringBuilder(128);
        volatile long deadline;
        long answers;
        long errors;
        long[] latencies = new long[1024];
        int latencyCount;
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        Client(int id, long limit, Requests requests, boolean timed, CountDownLatch start) {
            this.id = id;
            this.limit = limit;
            this.requests = requests;
            this.timed = timed;
            this.start = start;
        }

        @Override
        public void run() {
            try {
                start.await();
            } catch (InterruptedException e) {
                return;
            }
            long sequence = 0;
            while (sequence < limit) {
                long sent = System.nanoTime();
                if (sent >= deadline) {
                    break;
                }
                try {
                    if (socket == null) {
                        connect();
                    }
                    requests.write(out, id, sequence);
                    out.flush();
                    Answer answer = read();
                    long done = System.nanoTime();
                    sequence++;
                    if (done <= deadline) {
                        answers++;
                        statuses.merge(answer.status, 1L, Long::sum);
                        if (timed) {
                            record(done - sent);
                        }
                    }
                    if (answer.close) {
                        disconnect();
                    }
                } catch (IOException | RuntimeException e) {
                    errors++;
                    sequence++;
                    disconnect();
                }
            }
            disconnect();
        }

        private void record(long nanos) {
            if (latencyCount == latencies.length) {
                latencies = Arrays.copyOf(latencies, latencies.length * 2);
            }
            latencies[latencyCount++] = nanos;
        }

        private void connect() throws IOException {
            socket = new Socket(host, port);
            socket.setTcpNoDelay(true);
            in = new BufferedInputStream(socket.getInputStream(), 65536);
            out = new BufferedOutputStream(socket.getOutputStream(), 65536);
        }

        private void disconnect() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
                socket = null;
            }
        }

        private record Answer(int status, boolean close) {
        }

        private Answer read() throws IOException {
            String statusLine = readLine();
            if (statusLine.length() < 12 || !statusLine.startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP answer: " + statusLine);
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean close = statusLine.startsWith("HTTP/1.0");
            for (String header = readLine(); !header.isEmpty(); header = readLine()) {
                int colon = header.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = header.substring(0, colon).trim();
                String value = header.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("content-length")) {
                    length = Long.parseLong(value);
                } else if (name.equalsIgnoreCase("transfer-encoding")) {
                    chunked = value.toLowerCase().contains("chunked");
                } else if (name.equalsIgnoreCase("connection")) {
                    close = value.equalsIgnoreCase("close");
                }
            }
            if (chunked) {
                skipChunks();
            } else if (length >= 0) {
                in.skipNBytes(length);
            } else if (status != 204 && status != 304 && status >= 200) {
                in.readAllBytes();
                close = true;
            }
            return new Answer(status, close);
        }

        private void skipChunks() throws IOException {
            while (true) {
                String size = readLine();
                int semicolon = size.indexOf(';');
                long bytes = Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
                if (bytes == 0) {
                    while (!readLine().isEmpty()) {
                        // trailers
                    }
                    return;
                }
                in.skipNBytes(bytes + 2);
            }
        }

        private String readLine() throws IOException {
            line.setLength(0);
            while (true) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("connection closed mid-answer");
                }
                if (b == '\n') {
                    int end = line.length();
                    if (end > 0 && line.charAt(end - 1) == '\r') {
                        line.setLength(end - 1);
                    }
                    return line.toString();
                }
                line.append((char) b);
            }
        }
    }

    /** The bytes of a request with no body. */
    static byte[] get(String host, String path, Map<String, String> headers) {
        return head("GET", host, path, headers, -1);
    }

    /** The head of a request whose {@code length}-byte body follows; -1 for none. */
    static byte[] head(String method, String host, String path, Map<String, String> headers, long length) {
        StringBuilder request = new StringBuilder(256)
                .append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append("\r\n");
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        if (length >= 0) {
            request.append("Content-Length: ").append(length).append("\r\n");
        }
        return request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
