package dev.darkroom.dashboard;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The dashboard as a test uses it: by its stable ids and data attributes, waiting for what it expects to see. */
final class DashboardPage {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    private final ChromeDriver driver;
    private final String base;
    private final WebDriverWait wait;

    DashboardPage(ChromeDriver driver, int port) {
        this.driver = driver;
        this.base = "http://127.0.0.1:" + port + "/dashboard/";
        // The page redraws a card when its image changes: an element found a moment ago may be gone, look again.
        this.wait = new WebDriverWait(driver, PATIENCE);
        this.wait.ignoring(StaleElementReferenceException.class);
    }

    void signIn(String token) {
        driver.get(base);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-input"))).sendKeys(token);
        driver.findElement(By.id("signin-button")).click();
        wait.until(d -> "true".equals(body().getAttribute("data-signed-in")));
    }

    void signOut() {
        driver.findElement(By.id("signout")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-input")));
    }

    void openJob(String jobId) {
        driver.get(base + "#/jobs/" + jobId);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("contact-sheet")));
    }

    void openList() {
        openList("");
    }

    /** The list, with the page's own query ({@code ?limit=2}) when given. */
    void openList(String query) {
        driver.get(base + query + "#/jobs");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("jobs-table")));
    }

    WebElement card(String imageId) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(imageCard(imageId)));
    }

    /** The text of a part of an image's card ({@code data-test} name), as it is once it shows. */
    String cardPart(String imageId, String part) {
        return wait.until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector("#contact-sheet [data-image-id='" + imageId
                    + "'] [data-test='" + part + "']"));
            return found.isEmpty() || found.get(0).getText().isEmpty() ? null : found.get(0).getText();
        });
    }

    String cardStatus(String imageId) {
        return wait.until(d -> d.findElement(imageCard(imageId)).getAttribute("data-status"));
    }

    void awaitCard(String imageId, String status) {
        wait.until(ExpectedConditions.attributeToBe(imageCard(imageId), "data-status", status));
    }

    void awaitJob(String status) {
        wait.until(ExpectedConditions.attributeToBe(By.id("job-view"), "data-status", status));
    }

    /** The thumbnail drawn from a blob: URL of the image the page fetched with its token. */
    void awaitThumbnail(String imageId) {
        wait.until(d -> Boolean.TRUE.equals(script("const img = document.querySelector("
                + "'[data-image-id=\"' + arguments[0] + '\"] img');"
                + "return !!img && img.src.startsWith('blob:') && img.complete && img.naturalWidth > 0;", imageId)));
    }

    String text(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by)).getText();
    }

    void click(By by) {
        wait.until(ExpectedConditions.elementToBeClickable(by)).click();
    }

    List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    WebElement row(String caseId) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#jobs-rows tr[data-case-id='" + caseId + "']")));
    }

    void awaitRow(String caseId, String status) {
        wait.until(ExpectedConditions.attributeToBe(
                By.cssSelector("#jobs-rows tr[data-case-id='" + caseId + "']"), "data-status", status));
    }

    /** The case ids of the rows shown, top to bottom. */
    List<String> caseIdsShown() {
        return wait.until(d -> d.findElements(By.cssSelector("#jobs-rows tr[data-case-id]")).stream()
                .map(row -> row.getAttribute("data-case-id")).toList());
    }

    /** How many times the list drew its rows: it grows with each refresh. */
    int renders() {
        String drawn = driver.findElement(By.id("jobs-rows")).getAttribute("data-renders");
        return drawn == null ? 0 : Integer.parseInt(drawn);
    }

    WebElement body() {
        return driver.findElement(By.tagName("body"));
    }

    WebDriverWait waiting() {
        return wait;
    }

    Object script(String code, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(code, arguments);
    }

    /** The whole page as a screen {@code width} pixels wide shows it, however long it is. */
    void screenshot(Path file, int width, boolean phone) throws IOException {
        emulate(width, 400, phone);
        long height = ((Number) script("return document.documentElement.scrollHeight;")).longValue();
        emulate(width, (int) Math.min(Math.max(height, 400), 4000), phone);
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Files.createDirectories(file.getParent());
        Files.write(file, png);
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    /** A screen of this size (a phone's, when {@code phone}), whatever the window is. */
    void emulate(int width, int height, boolean phone) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", phone));
    }

    void stopEmulating() {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    private static By imageCard(String imageId) {
        return By.cssSelector("#contact-sheet [data-image-id='" + imageId + "']");
    }
}
