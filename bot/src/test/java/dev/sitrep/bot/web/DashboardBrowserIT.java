package dev.sitrep.bot.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium (Debian's chromium and chromium-driver), against the
 * whole bot in console mode as the console user alice: what a person sees and clicks, what arrives
 * live without a reload, and what a hostile title can and cannot do. One browser for the class.
 * Screenshots go to bot/target/screenshots; {@code -Dscreenshots.update=true} also writes them to docs/.
 */
class DashboardBrowserIT {

    static final String HOSTILE = "<img src=x onerror=alert(document.domain)></script>{{7*7}}";

    @TempDir
    static Path home;
    @TempDir
    static Path profile;
    static LiveConsoleBot bot;
    static WebDriver browser;

    @BeforeAll
    static void start() {
        bot = new LiveConsoleBot(home, "--sitrep.web.local-viewer=console:alice");
        bot.type("/incident start Checkout errors sev1",                                   // INC-1
                "/incident update confirmed: checkout returns 502 for 30% | suspected: payments deploy 4.2 "
                        + "| impact: EU customers cannot pay | status: identified | next: 20m",
                "/incident role comms @dave",
                "/incident action Add a canary stage to payments deploys @carol due:2026-12-01",
                "/as bob",
                "/incident start Payroll export leaks salaries sev2 private",             // INC-2, bob's
                "/as alice",
                "/incident start Search latency above SLO sev3",                           // INC-3
                "/incident start Stale CDN certificates sev4",                             // INC-4
                "/incident resolve Renewed the certificates");
        browser = HeadlessChromium.start(profile);
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            if (bot != null) {
                bot.close();
            }
        }
    }

    @Test
    void fromTheListToAnIncidentPage() throws IOException {
        open("/incidents");
        WebElement row = browser.findElement(By.xpath("//tr[td/a[text()='INC-1']]"));
        assertThat(row.getText()).contains("Checkout errors", "SEV1", "identified", "alice");
        assertThat(browser.findElement(By.xpath("//tr[td/a[text()='INC-4']]")).getText()).contains("resolved");
        screenshot("dashboard-incidents.png");

        row.findElement(By.linkText("INC-1")).click();
        wait(Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().endsWith("/incidents/INC-1"));
        assertThat(text("h1")).isEqualTo("INC-1 Checkout errors");
        assertThat(text(".latest"))
                .contains("EU customers cannot pay", "payments deploy 4.2");
        assertThat(text(".roles")).contains("commander", "alice", "comms", "dave");
        assertThat(text("table.actions")).contains("Add a canary stage", "carol");
        screenshot("dashboard-incident.png");
    }

    @Test
    void aCommandTypedInTheConsoleAppearsOnTheOpenIncidentPageWithoutReload() {
        open("/incidents/INC-3");
        awaitLive();
        // A reload would make a new window object and lose this mark.
        js("window.sitrepSamePage = 'yes';");

        Instant typed = Instant.now();
        bot.type("/join #inc-3-search-latency-above-slo",
                "/incident update confirmed: p99 back under 300 ms | status: monitoring");
        wait(Duration.ofSeconds(10)).until(d -> d.findElement(By.cssSelector(".latest")).getText()
                .contains("p99 back under 300 ms"));
        System.out.println("DashboardBrowserIT: the update showed on the open page "
                + Duration.between(typed, Instant.now()).toMillis() + " ms after it was typed");

        assertThat(js("return window.sitrepSamePage;")).isEqualTo("yes");
        assertThat(text(".status")).isEqualTo("monitoring");
        assertThat(text(".timeline")).contains("p99 back under 300 ms");
    }

    @Test
    void aHostileTitleArrivingLiveIsShownAsTextAndRunsNothing() {
        open("/incidents");
        awaitLive();
        js("window.sitrepSamePage = 'yes';");

        bot.type("/incident start " + HOSTILE + " sev2");
        // The list may be swapped again meanwhile: find the row afresh until it is there. The bound
        // is generous for a loaded machine; when it runs out, say what the page and console showed.
        List<String> row;
        try {
            row = wait(Duration.ofSeconds(30))
                    .until(d -> d.findElements(By.cssSelector("tr.incident")).stream()
                            .filter(r -> r.getText().contains("{{7*7}}")).findFirst()
                            .map(r -> List.of(r.findElement(By.cssSelector("td a")).getText(),
                                    r.findElement(By.cssSelector("td.title")).getText()))
                            .orElse(null));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("the hostile incident never showed on the open list; live state "
                    + js("return document.getElementById('live-state').getAttribute('data-state');") + ", refreshed "
                    + js("return document.getElementById('content').getAttribute('data-refreshed');") + ", rows "
                    + browser.findElements(By.cssSelector("tr.incident")).size() + "; console ends with: "
                    + tail(bot.screen(), 1500), e);
        }
        String label = row.get(0);

        assertThat(row.get(1)).isEqualTo(HOSTILE);
        assertThat(js("return window.sitrepSamePage;")).isEqualTo("yes");
        assertThat(browser.findElements(By.cssSelector("main img"))).isEmpty();
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);

        open("/incidents/" + label);
        assertThat(text("h1 .title")).isEqualTo(HOSTILE);
        assertThat(browser.getTitle()).isEqualTo(label + " · sitrep");
        assertThat(browser.findElements(By.cssSelector("main img"))).isEmpty();
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    @Test
    void anotherMembersPrivateIncidentIsNotListedNotOpenedAndNotRefreshedFor() {
        open("/incidents");
        awaitLive();
        assertThat(text("main")).doesNotContain("Payroll", "INC-2");

        // bob writes in his private incident: alice's open list hears nothing of it.
        bot.type("/as bob", "/join #inc-2-payroll-export-leaks-salaries", "/incident note bucket closed", "/as alice");
        String before = String.valueOf(js("return document.getElementById('content').getAttribute('data-refreshed');"));
        bot.type("/join #inc-1-checkout-errors", "/incident note error rate falling");
        wait(Duration.ofSeconds(10)).until(d -> !before.equals(String.valueOf(
                js("return document.getElementById('content').getAttribute('data-refreshed');"))));
        assertThat(text("main")).doesNotContain("Payroll", "INC-2");

        open("/incidents/INC-2");
        assertThat(text("h1")).isEqualTo("No such incident");
        assertThat(browser.getPageSource()).doesNotContain("Payroll");
    }

    @Test
    void theFiltersHideRowsWithoutPuttingAnythingInTheUrl() {
        open("/incidents");
        browser.findElement(By.id("filter-search")).sendKeys("checkout");
        List<WebElement> shown = browser.findElements(By.cssSelector("tr.incident")).stream()
                .filter(WebElement::isDisplayed).toList();
        assertThat(shown).extracting(WebElement::getText).allMatch(t -> t.contains("Checkout errors")).isNotEmpty();
        browser.findElement(By.id("filter-search")).submit();
        assertThat(browser.getCurrentUrl()).endsWith("/incidents");
    }

    private static String tail(String text, int chars) {
        return text.length() <= chars ? text : text.substring(text.length() - chars);
    }

    private static void open(String path) {
        browser.get(bot.baseUrl() + path);
    }

    private static void awaitLive() {
        wait(Duration.ofSeconds(15)).until(d -> "live".equals(
                d.findElement(By.id("live-state")).getAttribute("data-state")));
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    /** Waits that look again when a live refresh swapped the element they were reading. */
    private static WebDriverWait wait(Duration limit) {
        WebDriverWait wait = new WebDriverWait(browser, limit);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    private static String text(String css) {
        return wait(Duration.ofSeconds(10)).until(d -> d.findElement(By.cssSelector(css)).getText());
    }

    private static void screenshot(String name) throws IOException {
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Path target = Path.of("target", "screenshots", name);
        Files.createDirectories(target.getParent());
        Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
        if (Boolean.getBoolean("screenshots.update")) {
            Path doc = Path.of("..", "docs", name);
            Files.copy(shot, doc, StandardCopyOption.REPLACE_EXISTING);
            doc.toFile().setReadable(true, false);
        }
    }
}
