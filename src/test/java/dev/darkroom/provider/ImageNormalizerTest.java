package dev.darkroom.provider;

import dev.darkroom.image.ImageProperties;
import dev.darkroom.support.Pictures;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ImageNormalizerTest {

    final ImageNormalizer normalizer = new ImageNormalizer(new ImageProperties(512, 512, 0.8f, 4096L * 4096));

    @Test
    void aPictureLargerThanThePixelBoundIsRefusedFromItsHeader() throws IOException {
        byte[] huge = pngHeaderOnly(8000, 8000);

        ProviderException refused = catchThrowableOfType(ProviderException.class,
                () -> normalizer.fromProvider("openai", huge));

        assertThat(refused.code()).isEqualTo("bad_output");
        assertThat(refused.retryable()).isFalse();
        assertThat(refused.getMessage()).contains("8000x8000", "max-source-pixels");
    }

    @Test
    void aPictureWithinTheBoundIsNormalized() {
        GeneratedImage image = normalizer.fromProvider("openai", Pictures.png(600, 400));

        assertThat(image.contentType()).isEqualTo("image/jpeg");
        assertThat(image.width()).isEqualTo(512);
        assertThat(image.data()).startsWith((byte) 0xFF, (byte) 0xD8, (byte) 0xFF);
    }

    @Test
    void aPictureThatCannotBeReadKeepsItsCauseInTheMessage() {
        byte[] broken = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 2};

        ProviderException refused = catchThrowableOfType(ProviderException.class,
                () -> normalizer.fromProvider("gemini", broken));

        assertThat(refused.code()).isEqualTo("bad_output");
        assertThat(refused.getCause()).isNotNull();
        assertThat(refused.getMessage()).contains("gemini sent an image that could not be read: ",
                refused.getCause().getClass().getSimpleName());
    }

    @Test
    void bytesInNoImageFormatAreRefused() {
        ProviderException refused = catchThrowableOfType(ProviderException.class,
                () -> normalizer.fromProvider("fal", "<html></html>".getBytes(StandardCharsets.UTF_8)));

        assertThat(refused.code()).isEqualTo("bad_output");
        assertThat(refused.getMessage()).contains("no image format");
    }

    /** A PNG signature and IHDR chunk declaring the size, and nothing after: all a header read needs. */
    static byte[] pngHeaderOnly(int width, int height) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        DataOutputStream ihdr = new DataOutputStream(chunk);
        ihdr.writeBytes("IHDR");
        ihdr.writeInt(width);
        ihdr.writeInt(height);
        ihdr.write(new byte[] {8, 2, 0, 0, 0}); // 8-bit RGB, deflate, no filter, no interlace
        byte[] typeAndData = chunk.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(typeAndData);
        out.writeInt(typeAndData.length - 4);
        out.write(typeAndData);
        out.writeInt((int) crc.getValue());
        return bytes.toByteArray();
    }
}
