package dev.darkroom.render;

import dev.darkroom.image.JpegEncoder;
import dev.darkroom.run.ImageKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SceneRendererTest {

    private static final int SIZE = 512;

    /**
     * One input and the SHA-256 of its pixels. The hashes pin the look, so a refactor cannot change it by
     * accident. When the look is changed on purpose, regenerate them deliberately: print
     * {@link #pixelHash} for each scene and paste the new values here in the same commit.
     */
    record Scene(ImageKind kind, String name, String description, String sha256) {
        @Override
        public String toString() {
            return kind + " " + name;
        }
    }

    // Evidence covers every object family (and blood, torn paper, poison labels, maps); locations cover
    // every kind of place with rain, fog, storm, dawn and night.
    static Stream<Scene> scenes() {
        return Stream.of(
                new Scene(ImageKind.EVIDENCE, "Letter opener", "A silver letter opener with a bloodied tip",
                        "0bcb5cbc9d2ea585e57358ecea0cf5c0d3c25e0d1ab3d90b9b7315783085d7c8"),
                new Scene(ImageKind.EVIDENCE, "Torn letter", "Half a letter, torn and charred along one edge",
                        "669a8719d85459d3f465f2d2d6e3721bc0921878fc3330a9e66430e18f2df2f9"),
                new Scene(ImageKind.EVIDENCE, "Brass key", "A heavy brass key to the cellar door",
                        "b2deeb120d6746c296121ab03bef9062ed899279d96a482d1935eb58a3e49ec0"),
                new Scene(ImageKind.EVIDENCE, "Poison vial", "A small glass vial that smells of bitter almonds",
                        "9432f65df47ace96072e180c32947b6026bb7a10fb68462ac51212125791db8f"),
                new Scene(ImageKind.EVIDENCE, "Revolver", "A nickel-plated revolver, one chamber fired",
                        "7554ab5edcd80134b908562cc3edb39913e7d1ad706302bb7678622553110af5"),
                new Scene(ImageKind.EVIDENCE, "Signet ring", "A gold signet ring set with a ruby",
                        "3ce03f0bf8407a1540e598d99af556c60f0aa166bd1be04a423fd3741bab6bcb"),
                new Scene(ImageKind.EVIDENCE, "Ledger", "A leather-bound book of accounts",
                        "b3f8c7d7ee8ac2a0244339db7dbfa1c2d673ba2e7fdc561dd4128869b7e6f602"),
                new Scene(ImageKind.EVIDENCE, "Pocket watch", "A stopped pocket watch, its case dented",
                        "de0352541053533d4e7faf1313d32b9039f2af79fbe0aa276e236591fd0ba992"),
                new Scene(ImageKind.EVIDENCE, "Photograph", "A faded portrait of two sisters",
                        "24fd2a1de085eb9899a9dba4bc5e0ee2f6ce0cfe0c83cf9a4adefe3349ef4052"),
                new Scene(ImageKind.EVIDENCE, "Locket", "A silver locket on a broken chain",
                        "75ae65f9d7bf34dca141dc0a2f4da91534fa21958f7d0365164233f88c04df2c"),
                new Scene(ImageKind.EVIDENCE, "Wine bottle", "A half-empty decanter of port",
                        "7e27b5093818e169bee179e7aa747075bb6e3e26ef9d50c555580e5cda555103"),
                new Scene(ImageKind.EVIDENCE, "Treasure map", "A hand-drawn map of the grounds",
                        "3caa53bb6f614f86b8d9b010e96eb20dc205fb5b2ea665e2aab1a0a7b445b89b"),
                new Scene(ImageKind.LOCATION, "The library at midnight", "Rain beats on the tall windows",
                        "c3d5bc20234c7ba783820f5a5d50c81c69f8989c6dd859b27ebce24be63031af"),
                new Scene(ImageKind.LOCATION, "Foggy harbour", "Mist over the quay at dawn",
                        "e42633b3c491e16fa8b3623c49d0d8458d4b33185ef2ef1765e46949f43512fc"),
                new Scene(ImageKind.LOCATION, "Cobbled street", "A narrow street in the old town",
                        "af20d9706b485b6ab3d3aa3f948deae6df90369a9e264315ef417a0432e01143"),
                new Scene(ImageKind.LOCATION, "Blackwood Manor", "The manor house on the hill",
                        "400b8ed5ca1a67b50401ef67ecb7c83902fde028d5027a387d9e537bb993ed82"),
                new Scene(ImageKind.LOCATION, "Pine forest", "Deep woods under a grey sky",
                        "358bac59075c0511df69661b0b258bb1b99246fda2da87e17f4c7d86491cf0ab"),
                new Scene(ImageKind.LOCATION, "Rose garden", "Mist among the hedges",
                        "6571ecdbb3ff7014ed1f29ae08e364d1fb7ff6ea415b26e32683498133976b09"),
                new Scene(ImageKind.LOCATION, "Still lake", "A lake at dusk",
                        "ca475a00db5dfb76df4c7a2772ae91e55feff5f2324a95097d60008bfe3b5fb0"),
                new Scene(ImageKind.LOCATION, "The ballroom", "Chandeliers over an empty floor",
                        "4f9ff9d95ae33c929e12ad39b8163f112f813d6d09e4462f45bf4e262ee65d0a"),
                new Scene(ImageKind.LOCATION, "Open country", "Rolling hills",
                        "74b47be11b7c665031e3f97c6d105c4ae9ae2ae042ab8bd4c935e3182bee3eb6"),
                new Scene(ImageKind.LOCATION, "Ravenscar Castle", "A storm breaks over the tower at night",
                        "b89759ea9a370378e1bcd2d5bfa8a96550c04e109fd066061df5f21a64c9c11c"));
    }

    private final SceneRenderer renderer = new SceneRenderer();

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenes")
    void rendersTheSamePixelsAsWhenTheHashWasRecorded(Scene scene) {
        BufferedImage image = render(scene);

        assertThat(image.getWidth()).isEqualTo(SIZE);
        assertThat(image.getHeight()).isEqualTo(SIZE);
        assertThat(pixelHash(image)).isEqualTo(scene.sha256());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenes")
    void rendersTheSameImageTwice(Scene scene) {
        assertThat(pixelHash(render(scene))).isEqualTo(pixelHash(render(scene)));
    }

    @Test
    void normalizeTurnsAPngIntoAJpegOfTheTargetSize() throws IOException {
        BufferedImage wide = new BufferedImage(300, 200, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = wide.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 150, 200);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(wide, "png", png);

        byte[] jpeg = JpegEncoder.normalize(png.toByteArray(), SIZE, SIZE, 0.9f);

        assertThat(jpeg).startsWith((byte) 0xFF, (byte) 0xD8);
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(jpeg));
        assertThat(decoded.getWidth()).isEqualTo(SIZE);
        assertThat(decoded.getHeight()).isEqualTo(SIZE);
    }

    @Test
    void normalizeRejectsBytesThatAreNotAnImage() {
        byte[] garbage = "definitely not a picture".getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> JpegEncoder.normalize(garbage, SIZE, SIZE, 0.9f))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private BufferedImage render(Scene scene) {
        return renderer.render(scene.kind(), scene.name(), scene.description(), SIZE, SIZE);
    }

    /** SHA-256 over every pixel's packed ARGB value, row by row. */
    static String pixelHash(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] pixels = image.getRGB(0, 0, w, h, null, 0, w);
        ByteBuffer bytes = ByteBuffer.allocate(pixels.length * Integer.BYTES);
        bytes.asIntBuffer().put(pixels);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.array()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
