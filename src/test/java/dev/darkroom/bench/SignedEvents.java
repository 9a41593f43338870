package dev.darkroom.bench;

import dev.darkroom.Sha256;
import dev.darkroom.image.JpegEncoder;
import dev.darkroom.render.SceneRenderer;
import dev.darkroom.run.ImageOutcome;
import dev.darkroom.run.ImageSpec;
import dev.darkroom.run.RunEvent;
import dev.darkroom.run.RunRequest;
import dev.darkroom.run.WebhookEvent;
import dev.darkroom.run.WebhookSignature;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a worker sends the receiver, signed as Standard Webhooks says: {@code image.succeeded} with the real bytes of
 * a 512×512 JPEG rendered by Darkroom's own renderer, and {@code run.finished}. An event is prepared before the
 * load starts (signature included) and written in three parts, so that sending it costs the generator no more than
 * the copy of its bytes: the JSON around the picture, the picture's base64, the rest.
 */
final class SignedEvents {

    static final String PATH = "/v1/webhooks/worker";
    private static final String PLACEHOLDER = "@@picture@@";
    private static final int SIDE = 512;

    private final byte[] key = WebhookSignature.decodeSecret(Nodes.WEBHOOK_SECRET);
    private final Map<ImageSpec, Picture> pictures = new HashMap<>();
    private final SceneRenderer renderer = new SceneRenderer();

    private record Picture(byte[] base64, String sha256) {
    }

    /** One signed event, ready to write. */
    record Event(byte[] head, byte[] before, byte[] picture, byte[] after) {

        void write(OutputStream out) throws IOException {
            out.write(head);
            out.write(before);
            out.write(picture);
            out.write(after);
        }
    }

    /** An {@code image.succeeded} for every image of every run, in that order. */
    List<Event> imagesOf(List<RunRequest> runs, String host) {
        List<Event> events = new ArrayList<>();
        for (RunRequest run : runs) {
            int seq = 0;
            for (ImageSpec image : run.images()) {
                events.add(succeeded(run, image, ++seq, host));
            }
        }
        return events;
    }

    private Event succeeded(RunRequest run, ImageSpec image, int seq, String host) {
        Picture picture = pictures.computeIfAbsent(image, this::render);
        WebhookEvent event = WebhookEvent.of(new ImageOutcome.Succeeded(run.jobId(), run.runId(), seq,
                image.imageId(), JpegEncoder.CONTENT_TYPE, SIDE, SIDE, picture.sha256(), PLACEHOLDER, null, null),
                Instant.now());
        byte[] json = Api.write(event);
        int at = indexOf(json, PLACEHOLDER.getBytes(StandardCharsets.UTF_8));
        byte[] before = Arrays.copyOfRange(json, 0, at);
        byte[] after = Arrays.copyOfRange(json, at + PLACEHOLDER.length(), json.length);
        ByteArrayOutputStream body = new ByteArrayOutputStream(json.length + picture.base64().length);
        body.writeBytes(before);
        body.writeBytes(picture.base64());
        body.writeBytes(after);
        byte[] head = HttpLoad.head("POST", host, PATH, signatureHeaders(body.toByteArray()), body.size());
        return new Event(head, before, picture.base64(), after);
    }

    /** Ends the run with every image made, as a worker's last event. */
    void finish(int port, RunRequest run) {
        List<String> ids = run.images().stream().map(ImageSpec::imageId).toList();
        byte[] body = Api.write(WebhookEvent.of(new RunEvent.Finished(run.jobId(), run.runId(), ids, List.of()),
                Instant.now()));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + PATH))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        signatureHeaders(body).forEach(request::header);
        request.header("Content-Type", "application/json");
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("run.finished answered " + answer.statusCode() + ": " + answer.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private Map<String, String> signatureHeaders(byte[] body) {
        String id = "msg_" + UUID.randomUUID();
        long timestamp = Instant.now().getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("webhook-id", id);
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", WebhookSignature.sign(key, id, timestamp, body));
        return headers;
    }

    private Picture render(ImageSpec image) {
        byte[] jpeg = JpegEncoder.toJpeg(renderer.render(image.kind(), image.name(), image.description(), SIDE, SIDE),
                SIDE, SIDE, 0.8f);
        return new Picture(Base64.getEncoder().encode(jpeg), Sha256.hex(jpeg));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("placeholder not found in the event's JSON");
    }
}
