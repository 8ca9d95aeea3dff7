package dev.sitrep.bot.web;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Debian's chromium driven through its chromedriver, headless, with a fresh profile and nothing fetched from outside. */
final class HeadlessChromium {

    private HeadlessChromium() {
    }

    static WebDriver start(Path profile) {
        return start(profile, new Dimension(1280, 860), options -> { });
    }

    /** {@link #start(Path)} in a window of {@code size}, with {@code more} options (e.g. the browser's log). */
    static WebDriver start(Path profile, Dimension size, java.util.function.Consumer<ChromeOptions> more) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(new File("/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile.toAbsolutePath());
        more.accept(options);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        WebDriver browser = new ChromeDriver(service, options);
        browser.manage().window().setSize(size);
        return browser;
    }

    /** A wait that looks again when a live refresh swapped the element it was reading. */
    static WebDriverWait waiting(WebDriver browser, Duration limit) {
        WebDriverWait wait = new WebDriverWait(browser, limit);
        wait.ignoring(StaleElementReferenceException.class);
        // A failed wait says where the browser was and what it showed.
        wait.withMessage(() -> {
            String text = String.valueOf(js(browser, "return document.body ? document.body.innerText : '';"));
            return "the browser is at " + browser.getCurrentUrl() + ", showing: "
                    + text.substring(0, Math.min(600, text.length()));
        });
        return wait;
    }

    static Object js(WebDriver browser, String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }
}
