package dev.darkroom.dashboard;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Headless Chromium from the distribution's packages, driven by its own chromedriver: nothing is downloaded. When
 * either is missing the browser tests fail, saying how to install them, rather than pass without having run.
 */
final class Chromium {

    static final String BROWSER = System.getProperty("dashboard.chromium", "/usr/bin/chromium");
    static final String DRIVER = System.getProperty("dashboard.chromedriver", "/usr/bin/chromedriver");

    private Chromium() {
    }

    static ChromeDriver start() {
        for (String program : new String[]{BROWSER, DRIVER}) {
            if (!Files.isExecutable(Path.of(program))) {
                fail("The browser tests need Chromium and its driver, and " + program + " is not there. Install "
                        + "them with: apt-get install chromium chromium-driver (or point -Ddashboard.chromium and "
                        + "-Ddashboard.chromedriver at them).");
            }
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions()
                .setBinary(BROWSER)
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--window-size=1280,900", "--force-device-scale-factor=1", "--hide-scrollbars",
                        "--lang=en-US", "--no-first-run", "--disable-extensions", "--disable-background-networking");
        // What the page logs (failed fetches, script errors) is kept, for a failing test to print.
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        return new ChromeDriver(service, options);
    }
}
