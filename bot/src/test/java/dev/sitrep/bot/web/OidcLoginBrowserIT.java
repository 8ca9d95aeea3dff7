package dev.sitrep.bot.web;

import static dev.sitrep.bot.web.HeadlessChromium.js;
import static dev.sitrep.bot.web.HeadlessChromium.waiting;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.bot.web.OidcProvider.Person;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * Signing in to the dashboard through a real OpenID provider (Spring Authorization Server on
 * 127.0.0.1) in a real headless Chromium: the authorization code flow with its redirects, the
 * provider's own login form, and what each person then sees. The bot is the whole application in
 * console mode; its people are console accounts, mapped from e-mail by {@code sitrep.web.members}.
 * bob's private INC-2 must be visible to bob and to the admin, and to nobody else: not in the list,
 * not by its id, not on the event stream.
 */
class OidcLoginBrowserIT {

    @TempDir
    static Path home;
    @TempDir
    static Path profile;
    static OidcProvider provider;
    static LiveConsoleBot bot;
    static WebDriver browser;

    static final Person ALICE = new Person("alice", "alice@example.com", true);
    static final Person BOB = new Person("bob", "Bob@Example.COM", true);
    static final Person ROOT = new Person("root", "root@example.com", true);
    static final Person ERIN = new Person("erin", "erin@example.com", true);
    /** Claims bob's address, but the provider never checked it. */
    static final Person MALLORY = new Person("mallory", "bob@example.com", false);

    @BeforeAll
    static void start() {
        provider = new OidcProvider(List.of(ALICE, BOB, ROOT, ERIN, MALLORY));
        List<String> args = new ArrayList<>(provider.clientArguments("sso"));
        args.addAll(List.of("--sitrep.admins=console:root",
                "--sitrep.web.members[alice@example.com]=console:alice",
                "--sitrep.web.members[bob@example.com]=console:bob,slack:U0BOB",
                "--sitrep.web.members[root@example.com]=console:root"));
        bot = new LiveConsoleBot(home, args.toArray(String[]::new));
        provider.allowRedirect(bot.baseUrl() + "/login/oauth2/code/sso");
        bot.type("/incident start Checkout errors sev1",                                   // INC-1, alice's
                "/as bob",
                "/incident start Payroll export leaks salaries sev2 private",             // INC-2, bob's
                "/as alice");
        browser = HeadlessChromium.start(profile);
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            try {
                if (bot != null) {
                    bot.close();
                }
            } finally {
                if (provider != null) {
                    provider.close();
                }
            }
        }
    }

    @Test
    void theDashboardSendsTheBrowserToTheProviderAndShowsItsPagesAfterTheLogin() {
        signOut();
        browser.get(bot.baseUrl() + "/incidents/INC-1");
        // The authorization code flow: the bot's /oauth2/authorization/sso → the provider's
        // /oauth2/authorize → its login form.
        waiting(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().startsWith(provider.issuer() + "/login"));
        assertThat(browser.getPageSource()).doesNotContain("Checkout errors");

        logIn(ALICE);
        // Back at the page first asked for, through the provider's redirect with the code (Spring
        // Security marks the replayed request with "?continue").
        waiting(browser, Duration.ofSeconds(15)).until(d -> d.getCurrentUrl().startsWith(bot.baseUrl() + "/incidents/INC-1"));
        assertThat(text("h1")).isEqualTo("INC-1 Checkout errors");
        assertThat(text(".viewer")).isEqualTo("alice@example.com");

        browser.findElement(By.linkText("← all incidents")).click();
        waiting(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().endsWith("/incidents"));
        assertThat(text("main")).contains("INC-1", "Checkout errors");
    }

    @Test
    void aPersonNobodyMappedSeesPublicIncidentsButNotThePrivateOneAnywhere() {
        signInAs(ERIN);
        assertHiddenIncludingLive();
    }

    @Test
    void aMappedPersonWhoIsNotAMemberDoesNotSeeThePrivateIncidentAnywhere() {
        signInAs(ALICE);
        assertHiddenIncludingLive();
    }

    @Test
    void anUnverifiedAddressIsNobodysEvenWhenItIsAMembersAddress() {
        signInAs(MALLORY);
        assertThat(text("main")).contains("INC-1").doesNotContain("Payroll", "INC-2");
        browser.get(bot.baseUrl() + "/incidents/INC-2");
        assertThat(text("h1")).isEqualTo("No such incident");
    }

    @Test
    void itsMemberSeesThePrivateIncidentInTheListOnItsPageAndLive() {
        signInAs(BOB);   // signed in as Bob@Example.COM: the mapping ignores case
        assertThat(text("main")).contains("INC-2", "Payroll export leaks salaries", "private");
        browser.get(bot.baseUrl() + "/incidents/INC-2");
        assertThat(text("h1")).isEqualTo("INC-2 Payroll export leaks salaries");

        listen();
        bot.type("/as bob", "/join #inc-2-payroll-export-leaks-salaries", "/incident note bucket closed", "/as alice");
        waiting(browser, Duration.ofSeconds(10)).until(d -> heard().contains("INC-2"));
        waiting(browser, Duration.ofSeconds(10)).until(d -> d.findElement(By.cssSelector(".timeline")).getText()
                .contains("bucket closed"));
    }

    @Test
    void anAdminSeesThePrivateIncident() {
        signInAs(ROOT);
        assertThat(text("main")).contains("INC-2", "Payroll export leaks salaries");
        browser.get(bot.baseUrl() + "/incidents/INC-2");
        assertThat(text("h1")).isEqualTo("INC-2 Payroll export leaks salaries");
    }

    /** Not listed, answered as an unused id, and its changes never sent, while a public one's are. */
    private void assertHiddenIncludingLive() {
        assertThat(text("main")).contains("INC-1", "Checkout errors").doesNotContain("Payroll", "INC-2");
        listen();
        // bob writes in his private incident, then alice in hers. Both notices go out on the same
        // Redis channel in this order, so INC-2's would arrive before INC-1's.
        bot.type("/as bob", "/join #inc-2-payroll-export-leaks-salaries", "/incident note rotating keys", "/as alice",
                "/join #inc-1-checkout-errors", "/incident note error rate falling");
        waiting(browser, Duration.ofSeconds(10)).until(d -> heard().contains("INC-1"));
        assertThat(heard()).doesNotContain("INC-2");
        assertThat(text("main")).doesNotContain("Payroll", "INC-2");

        browser.get(bot.baseUrl() + "/incidents/INC-2");
        assertThat(text("h1")).isEqualTo("No such incident");
        assertThat(browser.getPageSource()).doesNotContain("Payroll");
    }

    private static void signOut() {
        browser.get(bot.baseUrl() + "/sitrep/dashboard.css");
        // The bot and the provider both live on 127.0.0.1: this drops both sessions.
        browser.manage().deleteAllCookies();
    }

    private static void signInAs(Person person) {
        signOut();
        browser.get(bot.baseUrl() + "/incidents");
        waiting(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().startsWith(provider.issuer() + "/login"));
        logIn(person);
        waiting(browser, Duration.ofSeconds(15)).until(d -> d.getCurrentUrl().startsWith(bot.baseUrl() + "/incidents"));
        assertThat(text("h1")).isEqualTo("Incidents");
        // An unverified address is not shown as who signed in: the provider's subject is.
        assertThat(text(".viewer")).isEqualTo(person.verified() ? person.email() : person.username());
    }

    /** The provider's own login form (Spring Security's default page). */
    private static void logIn(Person person) {
        browser.findElement(By.id("username")).sendKeys(person.username());
        browser.findElement(By.id("password")).sendKeys(OidcProvider.PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
    }

    /** A second event stream in the page, recording every incident id the server sends this viewer. */
    private static void listen() {
        js(browser, "window.heard = []; window.heardReady = false;"
                + "var s = new EventSource('/events');"
                + "s.addEventListener('ready', function () { window.heardReady = true; });"
                + "s.addEventListener('incident', function (e) { window.heard.push(e.data); });");
        waiting(browser, Duration.ofSeconds(10)).until(d -> Boolean.TRUE.equals(js(d, "return window.heardReady;")));
    }

    @SuppressWarnings("unchecked")
    private static List<String> heard() {
        Object seen = js(browser, "return window.heard || [];");
        return seen == null ? List.of() : (List<String>) seen;
    }

    private static String text(String css) {
        return waiting(browser, Duration.ofSeconds(10)).until(d -> d.findElement(By.cssSelector(css)).getText());
    }
}
