package dev.darkroom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's first command, as a newcomer runs it: the packaged jar's demo, start to exit. */
class DemoIT {

    @Test
    void theDemoWritesFourteenPicturesAndExitsCleanly(@TempDir Path workDir) throws Exception {
        Path log = workDir.resolve("demo.log");
        Process demo = new ProcessBuilder(javaBinary(), "-jar", System.getProperty("darkroom.jar"), "demo")
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            assertThat(demo.waitFor(120, TimeUnit.SECONDS)).as("demo finished in time").isTrue();
            String output = Files.readString(log);
            assertThat(demo.exitValue()).as(output).isZero();
            assertThat(output).contains("completed", "14 succeeded", "Images written to");

            List<Path> images;
            try (Stream<Path> files = Files.walk(workDir.resolve("darkroom-demo"))) {
                images = files.filter(p -> p.toString().endsWith(".jpg")).toList();
            }
            assertThat(images).hasSize(14);
            BufferedImage picture = ImageIO.read(images.get(0).toFile());
            assertThat(picture.getWidth()).isEqualTo(512);
            assertThat(Files.exists(workDir.resolve("data"))).as("state lives in an H2 file").isTrue();
        } finally {
            demo.destroyForcibly();
        }
    }

    private static String javaBinary() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }
}
