package dev.darkroom.image;

import dev.darkroom.problem.Problem;
import dev.darkroom.support.Pictures;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The edges of what an image may claim: every bound is inclusive, one step past it is refused. */
class ImageClaimsTest {

    final ImageClaims claims = new ImageClaims(new ImageProperties(512, 256, 0.8f, 16_777_216));

    @Test
    void theSmallestAndLargestSizesAndCostsAreTaken() {
        assertThat(claims.fields("data.", "image/jpeg", 1, 1, BigDecimal.ZERO)).isEmpty();
        assertThat(claims.fields("data.", "image/jpeg", 512, 256, ImageClaims.MAX_COST)).isEmpty();
    }

    @Test
    void oneStepPastEachBoundIsRefusedNamingTheField() {
        assertThat(fields(claims.fields("data.", "image/jpeg", 0, 257, new BigDecimal("-0.000001"))))
                .containsExactly("data.width", "data.height", "data.cost");
        assertThat(fields(claims.fields("data.", "image/jpeg", 513, 0,
                ImageClaims.MAX_COST.add(new BigDecimal("0.000001")))))
                .containsExactly("data.width", "data.height", "data.cost");
    }

    @Test
    void bytesThatAreOnlyTheMagicHaveNoReadableHeader() {
        byte[] magicOnly = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};

        assertThat(claims.bytes("data.data", magicOnly, "image/jpeg", 1, 1))
                .singleElement().satisfies(error -> assertThat(error.message()).contains("no readable"));
        assertThat(claims.bytes("data.data", new byte[] {(byte) 0xFF, (byte) 0xD8}, "image/jpeg", 1, 1))
                .singleElement().satisfies(error -> assertThat(error.message()).isEqualTo("is not image/jpeg"));
    }

    @Test
    void onlyTheTypesDarkroomProducesAreTaken() {
        assertThat(fields(claims.fields("data.", "text/html", 64, 32, null))).containsExactly("data.contentType");
        assertThat(fields(claims.fields("data.", "image/png", 64, 32, null))).containsExactly("data.contentType");
    }

    @Test
    void bytesOfTheClaimedTypeAndSizeAreTakenAndOfAnotherSizeAreNot() {
        byte[] jpeg = Pictures.jpeg(64, 32);

        assertThat(claims.bytes("data.data", jpeg, "image/jpeg", 64, 32)).isEmpty();
        assertThat(claims.bytes("data.data", jpeg, "image/jpeg", 32, 64))
                .singleElement().satisfies(error -> assertThat(error.message()).contains("64x32", "32x64"));
    }

    private static List<String> fields(List<Problem.FieldError> errors) {
        return errors.stream().map(Problem.FieldError::field).toList();
    }
}
