package dev.darkroom.api;

import dev.darkroom.status.JobView;
import dev.darkroom.support.Cases;
import dev.darkroom.support.Jobs;
import dev.darkroom.support.Tokens;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class CaseFlowTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void aCaseOfFourteenImagesIsAcceptedAtOnceAndCompletes() throws Exception {
        HttpResponse<JobView> created = http.toBlocking().exchange(
                HttpRequest.POST("/v1/cases/case-full/image-jobs", Cases.body(10, 4)).bearerAuth(Tokens.backend()), JobView.class);

        assertThat(created.getStatus().getCode()).isEqualTo(202);
        JobView job = created.body();
        String location = created.header(HttpHeaders.LOCATION);
        assertThat(location).isEqualTo("/v1/jobs/" + job.jobId());
        String retryAfter = created.header(HttpHeaders.RETRY_AFTER);
        assertThat(retryAfter).isNotBlank();
        assertThat(job.counts().total()).isEqualTo(14);

        JobView done = new Jobs(http).awaitTerminal(job.jobId());
        assertThat(done.status()).isEqualTo("completed");
        assertThat(done.counts().succeeded()).isEqualTo(14);
        assertThat(done.percent()).isEqualTo(100);
        assertThat(done.startedAt()).isNotNull();
        assertThat(done.finishedAt()).isNotNull();
        assertThat(done.images()).allSatisfy(image -> assertThat(image.url()).isNotNull());

        JobView byCase = http.toBlocking().retrieve(HttpRequest.GET("/v1/cases/case-full/image-job").bearerAuth(Tokens.backend()), JobView.class);
        assertThat(byCase.jobId()).isEqualTo(job.jobId());

        HttpResponse<byte[]> image = http.toBlocking().exchange(
                HttpRequest.GET(done.images().get(0).url()).bearerAuth(Tokens.backend()), byte[].class);
        assertThat(image.getContentType().map(Object::toString)).contains("image/jpeg");
        assertThat(image.getHeaders().contentLength()).hasValue(image.body().length);
        BufferedImage picture = ImageIO.read(new ByteArrayInputStream(image.body()));
        assertThat(picture.getWidth()).isEqualTo(512);
        assertThat(picture.getHeight()).isEqualTo(512);
        String etag = image.getHeaders().get(HttpHeaders.ETAG);
        assertThat(etag).startsWith("\"").endsWith("\"");

        HttpResponse<byte[]> notModified = http.toBlocking().exchange(
                HttpRequest.GET(done.images().get(0).url()).bearerAuth(Tokens.backend()).header(HttpHeaders.IF_NONE_MATCH, etag), byte[].class);
        assertThat(notModified.getStatus().getCode()).isEqualTo(304);
        assertThat(notModified.getBody()).isEmpty();
    }

}
