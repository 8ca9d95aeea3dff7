package dev.sitrep.bot.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The metrics page and the public status page in a real headless Chromium (Debian's chromium and
 * chromium-driver) against the whole bot in console mode, status page on: the charts are drawn by
 * the WebJar's uPlot under the page's CSP, the tables hold the figures, and the status page shows
 * the published impact and nothing internal. Screenshots go to bot/target/screenshots;
 * {@code -Dscreenshots.update=true} also writes them to docs/.
 */
class MetricsAndStatusBrowserIT {

    @TempDir
    static Path home;
    @TempDir
    static Path profile;
    static LiveConsoleBot bot;
    static WebDriver browser;

    @BeforeAll
    static void start() {
        bot = new LiveConsoleBot(home, "--sitrep.web.local-viewer=console:alice",
                "--sitrep.status-page.enabled=true", "--sitrep.status-page.title=Acme status",
                "--sitrep.status-page.components=Checkout,Search,Login");
        bot.type("/incident start Checkout errors sev1",                                               // INC-1
                "/incident update confirmed: payments deploy 4.2 by carol | impact: EU customers cannot pay "
                        + "| status: identified | public: yes",
                "/incident note dave thinks it is the CDN",
                "/incident action Add a canary stage @carol due:2026-01-01",
                "/as bob",
                "/incident start Payroll export leaks salaries sev2 private",                          // INC-2, bob's
                "/incident update impact: salaries exposed | public: yes",
                "/as alice",
                "/incident start Search latency sev3",                                                  // INC-3
                "/incident update impact: slower search | status: monitoring",
                "/incident start Login failures sev2",                                                  // INC-4
                "/incident update impact: Some customers cannot sign in | status: identified | public: yes",
                "/incident resolve Fixed the IdP config");
        browser = HeadlessChromium.start(profile, new Dimension(1280, 2200), options -> {
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, java.util.logging.Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
        });
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
    void theMetricsPageDrawsEveryChartAndHoldsTheFiguresInTables() throws IOException {
        open("/insights");
        List<String> charts = List.of("chart-weekly", "chart-acknowledge", "chart-mitigate", "chart-resolve",
                "chart-overdue");
        for (String chart : charts) {
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> "true".equals(
                    d.findElement(By.id(chart)).getAttribute("data-drawn")));
            WebElement canvas = browser.findElement(By.cssSelector("#" + chart + " canvas"));
            assertThat(canvas.getSize().getWidth()).as(chart).isGreaterThan(100);
        }
        // The weekly chart has its four severities in its legend.
        assertThat(browser.findElement(By.id("chart-weekly")).getText()).contains("SEV1", "SEV2", "SEV3", "SEV4");

        // alice sees INC-1, 3 and 4; bob's private incident changes none of her figures.
        List<WebElement> weeks = browser.findElements(By.cssSelector("#table-weekly tbody tr"));
        assertThat(weeks).hasSize(12);
        assertThat(cells(weeks.get(weeks.size() - 1))).containsExactly("1", "1", "1", "0", "3");
        assertThat(cells(browser.findElement(By.cssSelector("#table-actions tbody tr")))).containsExactly("1", "1", "0");
        assertThat(browser.findElement(By.id("table-durations")).getText()).contains("SEV1", "SEV2", "SEV3");
        assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContain("Payroll");
        // Nothing the CSP refused, no script error (the browser's own favicon request may 404).
        List<LogEntry> severe = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .filter(e -> !e.getMessage().contains("/favicon.ico")).toList();
        assertThat(severe).extracting(LogEntry::getMessage).isEmpty();
        screenshot("dashboard-metrics.png");
    }

    @Test
    void theStatusPageShowsThePublishedImpactAndNothingInternal() throws IOException {
        browser.manage().window().setSize(new Dimension(1000, 900));
        try {
            open("/status");
            String text = browser.findElement(By.tagName("main")).getText();
            assertThat(text).contains("Acme status", "Major outage", "Checkout errors", "EU customers cannot pay",
                    "Login failures", "Some customers cannot sign in");
            assertThat(browser.findElements(By.cssSelector(".components li"))).extracting(WebElement::getText)
                    .containsExactly("Checkout\nmajor outage", "Search\noperational", "Login\noperational");
            for (String internal : List.of("payments deploy", "carol", "alice", "bob", "dave", "CDN", "canary",
                    "Payroll", "salaries", "Search latency", "slower search", "INC-", "Fixed the IdP")) {
                assertThat(browser.getPageSource()).as(internal).doesNotContainIgnoringCase(internal);
            }
            assertThat(browser.findElements(By.tagName("script"))).isEmpty();
            screenshot("status-page.png");
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 2200));
        }
    }

    private static List<String> cells(WebElement row) {
        return row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
    }

    private static void open(String path) {
        browser.get(bot.baseUrl() + path);
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
