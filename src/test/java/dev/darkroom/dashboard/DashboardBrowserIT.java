package dev.darkroom.dashboard;

import dev.darkroom.status.JobView;
import dev.darkroom.support.Cases;
import dev.darkroom.support.DarkroomApi;
import dev.darkroom.support.MockServers;
import dev.darkroom.support.Tokens;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.mockserver.integration.ClientAndServer;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogType;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockserver.model.HttpRequest.request;
import static org.mockserver.model.HttpResponse.response;

/**
 * The dashboard in a real browser (headless Chromium) against a whole Darkroom with the local generator. Run by
 * the {@code browser} profile only: {@code mvn -B -Pbrowser verify}. The screenshots land in docs/.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Property(name = "scripted-generator", value = "true")
@Property(name = "darkroom.local-generator.price-per-image", value = "0.04")
class DashboardBrowserIT implements TestPropertyProvider {

    static final Path SCREENSHOTS = Path.of(System.getProperty("dashboard.screenshots", "target/dashboard"));
    static final String OPERATOR = Tokens.forSubject("operator", "ops:read", "ops:write");
    static final String READER = Tokens.forSubject("watcher", "ops:read");

    /** The game backend, hearing of each job's end by its completion callback. */
    private final ClientAndServer backend = MockServers.start();

    @Inject
    EmbeddedServer server;

    @Inject
    ScriptedGenerator generator;

    ChromeDriver browser;
    DashboardPage page;
    DarkroomApi api;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("darkroom.callbacks.allowed-hosts", MockServers.url(backend),
                "darkroom.callbacks.poll-interval", "100ms");
    }

    @BeforeAll
    void startBrowser() {
        browser = Chromium.start();
    }

    @AfterAll
    void stopBrowser() {
        generator.releaseAll();
        backend.stop();
        if (browser != null) {
            browser.quit();
        }
    }

    /** The page's console, on the test's output: what a failing wait could not say. */
    @AfterEach
    void printConsole() {
        browser.manage().logs().get(LogType.BROWSER).forEach(entry -> System.out.println("browser: " + entry));
    }

    @BeforeEach
    void freshTab() {
        page = new DashboardPage(browser, server.getPort());
        api = new DarkroomApi(server.getPort());
        // A file of the page's origin that runs no script: the last test's page is gone before its token is.
        browser.get("http://127.0.0.1:" + server.getPort() + "/dashboard/icon.svg");
        page.script("sessionStorage.clear();");
    }

    @Test
    @Order(1)
    void anOperatorWatchesTheContactSheetFillInRetriesTheRefusedImageAndSeesTheJobComplete() throws Exception {
        List<String> images = List.of("opener", "ticket", "bootprint", "watch", "library", "harbour");
        images.forEach(generator::hold);
        generator.refuseFirstTry("ticket");
        JobView created = api.createJob("ashcombe-manor", caseOf(
                List.of(item("opener", "Letter opener", "A silver letter opener, stained at the tip"),
                        item("ticket", "Torn ticket", "Half a railway ticket, torn, to Whitby"),
                        item("bootprint", "Boot print", "A muddy boot print on a white rug"),
                        item("watch", "Pocket watch", "A gold pocket watch stopped at ten past two")),
                List.of(item("library", "The library", "Wood panels, a green lamp, midnight, rain on the glass"),
                        item("harbour", "The harbour", "Fishing boats at dawn, fog, gulls"))));

        page.signIn(OPERATOR);
        page.openJob(created.jobId());
        assertThat(page.text(By.id("job-case"))).isEqualTo("ashcombe-manor");
        for (String image : images) {
            assertThat(page.cardStatus(image)).isIn("pending", "generating");
        }

        // The stream fills the sheet in as each image arrives, with no reload of the page.
        page.script("window.sameDocument = true;");
        generator.release("opener");
        page.awaitCard("opener", "succeeded");
        page.awaitThumbnail("opener");
        assertThat(page.cardStatus("library")).isIn("pending", "generating");
        images.forEach(generator::release);
        for (String image : List.of("opener", "bootprint", "watch", "library", "harbour")) {
            page.awaitCard(image, "succeeded");
            page.awaitThumbnail(image);
        }
        page.awaitCard("ticket", "failed");
        page.awaitJob("partial");
        assertThat(page.script("return window.sameDocument === true;")).isEqualTo(true);

        assertThat(page.cardPart("ticket", "image-error-code"))
                .isEqualTo("content_policy");
        assertThat(page.cardPart("ticket", "image-error-message"))
                .contains("Torn ticket was refused");
        assertThat(page.cardPart("opener", "image-provider"))
                .isEqualTo("local");
        page.waiting().until(d -> !page.all(By.cssSelector("#timeline li[data-kind=finished]")).isEmpty());
        page.screenshot(SCREENSHOTS.resolve("dashboard-job.png"), 1280, false);

        assertThat(page.text(By.id("retry-job"))).isEqualTo("Retry 1 missing");
        page.click(By.id("retry-job"));

        page.awaitJob("completed");
        page.awaitCard("ticket", "succeeded");
        page.awaitThumbnail("ticket");
        assertThat(page.all(By.cssSelector("#contact-sheet [data-status=failed]"))).isEmpty();
        assertThat(api.job(created.jobId()).status()).isEqualTo("completed");
        // The retry made the refused picture alone: the stored ones were not asked for again.
        assertThat(images).allSatisfy(image -> assertThat(generator.calls(image))
                .isEqualTo(image.equals("ticket") ? 2 : 1));
        page.waiting().until(d -> page.all(By.cssSelector("#timeline li[data-kind=finished]")).size() == 2);
        assertThat(page.all(By.cssSelector("#timeline li[data-kind=created]"))).hasSize(1);
    }

    @Test
    @Order(2)
    void aReadOnlyTokenSeesTheJobButNoButtons() throws Exception {
        generator.refuseAlways("lantern");
        JobView created = api.createJob("blackwater-docks", caseOf(
                List.of(item("lantern", "Broken lantern", "A ship's lantern with a cracked lens")),
                List.of(item("docks", "The docks", "Cranes and crates under a grey sky"))));
        page.signIn(READER);
        page.openJob(created.jobId());

        page.awaitJob("partial");
        page.awaitThumbnail("docks");
        assertThat(page.cardPart("lantern", "image-error-code"))
                .isEqualTo("content_policy");
        assertThat(page.all(By.cssSelector("#job-actions button"))).isEmpty();
        assertThat(page.all(By.cssSelector("button#retry-job, button#cancel-job, button#redeliver-callback")))
                .isEmpty();

        page.openList();
        page.awaitRow("blackwater-docks", "partial");
        assertThat(page.all(By.cssSelector("[data-test=select-job], #bulk button, #select-all-cell"))
                .stream().filter(e -> e.isDisplayed())).isEmpty();
    }

    @Test
    @Order(3)
    void aPlayersPollTokenOpensItsOneJobAndNothingElse() throws Exception {
        JobView created = api.createJob("crowley-street", caseOf(
                List.of(item("glove", "Leather glove", "A single black leather glove, wet")),
                List.of(item("alley", "The alley", "A narrow alley, gas lamps, wet cobbles"))));

        page.signIn(created.pollToken());

        page.awaitJob("completed");
        page.awaitThumbnail("glove");
        page.awaitThumbnail("alley");
        assertThat(page.text(By.id("job-case"))).isEqualTo("crowley-street");
        assertThat(browser.findElement(By.id("nav")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("back-to-list")).isDisplayed()).isFalse();
        assertThat(page.all(By.cssSelector("#job-actions button"))).isEmpty();
        assertThat(browser.findElement(By.id("who")).getAttribute("textContent")).isEqualTo("one job (poll token)");

        // A player is on a phone: the page fits its width, nothing to scroll sideways.
        page.emulate(390, 844, true);
        page.awaitThumbnail("alley");
        assertThat(page.script("return document.documentElement.scrollWidth <= window.innerWidth;")).isEqualTo(true);
        page.screenshot(SCREENSHOTS.resolve("dashboard-phone.png"), 390, true);
        page.stopEmulating();
    }

    @Test
    @Order(4)
    void theListShowsJobsNewestFirstFiltersPagesRefreshesLiveAndActsOnTheSelectedOnes() throws Exception {
        generator.refuseFirstTry("portrait");
        generator.refuseFirstTry("ledger");
        JobView fenwick = api.createJob("fenwick-hall", caseOf(
                List.of(item("portrait", "Slashed portrait", "An oil portrait slashed across the face")),
                List.of(item("ledger", "The study", "A ledger open on a desk, ink spilled"))));
        await().atMost(Duration.ofSeconds(30)).until(() -> api.job(fenwick.jobId()).status(), "failed"::equals);
        generator.hold("bell");
        generator.hold("belfry");
        api.createJob("dunmore-abbey", caseOf(
                List.of(item("bell", "Cracked bell", "A bronze bell with a crack down its side")),
                List.of(item("belfry", "The belfry", "Ropes and beams in a tower, moonlight"))));

        page.signIn(OPERATOR);
        page.awaitRow("dunmore-abbey", "generating");
        assertThat(page.caseIdsShown()).containsExactly("dunmore-abbey", "fenwick-hall", "crowley-street",
                "blackwater-docks", "ashcombe-manor");
        page.awaitRow("fenwick-hall", "failed");
        assertThat(page.row("blackwater-docks").getText()).contains("1/2", "1 failed", "local", "$0.04");

        page.click(By.cssSelector("tr[data-case-id='blackwater-docks'] [data-test=select-job]"));
        page.click(By.cssSelector("tr[data-case-id='fenwick-hall'] [data-test=select-job]"));
        assertThat(page.text(By.id("selected-count"))).isEqualTo("2 selected");
        // The first page is read again every few seconds; what is ticked stays ticked.
        int renders = page.renders();
        page.waiting().until(d -> page.renders() > renders);
        assertThat(page.text(By.id("selected-count"))).isEqualTo("2 selected");
        assertThat(page.all(By.cssSelector("[data-test=select-job]")).stream().filter(box -> box.isSelected())
                .map(box -> box.findElement(By.xpath("ancestor::tr")).getAttribute("data-case-id")))
                .containsExactlyInAnyOrder("blackwater-docks", "fenwick-hall");
        page.screenshot(SCREENSHOTS.resolve("dashboard-list.png"), 1280, false);

        // Bulk retry: each job through its own endpoint. The refusal in the hall was for the first try only.
        page.click(By.id("bulk-retry"));
        assertThat(page.text(By.cssSelector("#bulk-result .notice"))).isEqualTo("Retried 2 of 2.");
        page.awaitRow("fenwick-hall", "completed");
        page.awaitRow("blackwater-docks", "partial");

        page.click(By.cssSelector("tr[data-case-id='dunmore-abbey'] [data-test=select-job]"));
        page.click(By.id("bulk-cancel"));
        page.awaitRow("dunmore-abbey", "canceled");
        generator.releaseAll();
        page.waiting().until(d -> "3".equals(d.findElement(By.cssSelector("[data-test=count-completed]")).getText())
                && "1".equals(d.findElement(By.cssSelector("[data-test=count-canceled]")).getText())
                && "1".equals(d.findElement(By.cssSelector("[data-test=count-partial]")).getText()));

        // Filters: by status, then by the start of the case id.
        page.click(By.cssSelector("label[for=filter-status-completed]"));
        page.waiting().until(d -> page.caseIdsShown().equals(
                List.of("fenwick-hall", "crowley-street", "ashcombe-manor")));
        browser.findElement(By.id("case-prefix")).sendKeys("crow");
        page.waiting().until(d -> page.caseIdsShown().equals(List.of("crowley-street")));
        page.click(By.cssSelector("label[for=filter-status-completed]"));
        browser.findElement(By.id("case-prefix")).sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        page.waiting().until(d -> page.caseIdsShown().size() == 5);

        // Live: a job created elsewhere shows up on top, without a reload.
        page.script("window.sameDocument = true;");
        api.createJob("grimsby-wharf", Cases.body(1, 0));
        page.waiting().until(d -> page.caseIdsShown().get(0).equals("grimsby-wharf"));
        assertThat(page.script("return window.sameDocument === true;")).isEqualTo(true);

        // Older and newer pages, by the server's cursor.
        page.openList("?limit=2");
        page.waiting().until(d -> page.caseIdsShown().equals(List.of("grimsby-wharf", "dunmore-abbey")));
        page.click(By.id("older"));
        page.waiting().until(d -> page.caseIdsShown().equals(List.of("fenwick-hall", "crowley-street")));
        page.click(By.id("older"));
        page.waiting().until(d -> page.caseIdsShown().equals(List.of("blackwater-docks", "ashcombe-manor")));
        page.click(By.id("newer"));
        page.waiting().until(d -> page.caseIdsShown().equals(List.of("fenwick-hall", "crowley-street")));

        page.click(By.cssSelector("tr[data-case-id='crowley-street'] [data-test=open-job]"));
        assertThat(page.text(By.id("job-case"))).isEqualTo("crowley-street");
    }

    @Test
    @Order(5)
    void theProvidersPanelShowsTheLocalGeneratorsCircuitAndCalls() {
        page.signIn(READER);
        page.click(By.id("nav-providers"));

        page.waiting().until(d -> !page.all(By.cssSelector("#providers-rows tr[data-provider=local]")).isEmpty());
        assertThat(browser.findElement(By.cssSelector("tr[data-provider=local]")).getAttribute("data-circuit"))
                .isEqualTo("closed");
        assertThat(page.text(By.cssSelector("tr[data-provider=local] [data-test=circuit]"))).isEqualToIgnoringCase(
                "closed");
        assertThat(Integer.parseInt(page.text(By.cssSelector("tr[data-provider=local] [data-test=calls]"))))
                .isPositive();
    }

    @Test
    @Order(6)
    void anOperatorSendsAJobsCallbackAgain() throws Exception {
        backend.when(request().withPath("/hooks/harrow")).respond(response().withStatusCode(204));
        Map<String, Object> body = new HashMap<>(caseOf(
                List.of(item("candle", "Snuffed candle", "A candle snuffed out, wax on a silver stick")), List.of()));
        body.put("callback", Map.of("url", MockServers.url(backend) + "/hooks/harrow"));
        JobView created = api.createJob("harrow-lane", body);
        await().atMost(Duration.ofSeconds(30)).until(() -> api.job(created.jobId()).callback(),
                callback -> callback != null && callback.status().equals("delivered"));

        page.signIn(OPERATOR);
        page.openJob(created.jobId());
        page.waiting().until(d -> page.text(By.cssSelector("[data-test=fact-callback]")).contains("1 attempt"));
        page.click(By.id("redeliver-callback"));

        assertThat(page.text(By.cssSelector("#job-notice .notice"))).isEqualTo("The callback is due again.");
        await().atMost(Duration.ofSeconds(30)).until(
                () -> backend.retrieveRecordedRequests(request().withPath("/hooks/harrow")).length == 2);
    }

    @Test
    @Order(7)
    void signingOutForgetsTheToken() {
        page.signIn(READER);

        page.signOut();

        assertThat(page.script("return sessionStorage.getItem('darkroom.dashboard.token');")).isNull();
        assertThat(page.text(By.id("signin-notice"))).isEqualTo("Signed out.");
    }

    private static Map<String, Object> caseOf(List<Map<String, Object>> evidence, List<Map<String, Object>> locations) {
        return Map.of("evidence", evidence, "locations", locations);
    }

    private static Map<String, Object> item(String id, String name, String description) {
        return Cases.item(id, name, description);
    }
}
