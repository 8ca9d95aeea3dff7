package dev.sitrep.bot.blackbox;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Black-box check of postmortem filing with credentials GitHub and Confluence refuse: the real
 * {@code sitrep.jar} (console chat), GitHub in issue mode with a wrong {@code GITHUB_TOKEN},
 * Confluence with Bearer auth (no {@code .user}, README: "unset: Bearer (Data Center token)") and a
 * wrong {@code CONFLUENCE_TOKEN}.
 *
 * <p>GitHub answers 401 "Bad credentials" to a wrong token
 * (https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api#401-bad-credentials-or-requires-authentication),
 * Confluence 401. README: "4xx are final, and then the commander is told in the channel which sink
 * failed and why"; a failing sink "never blocks the others"; credentials are never logged.
 */
class PostmortemCredentialsContractIT {

    private static final String RIGHT_GITHUB_TOKEN = "bb-right-github-token";
    private static final String WRONG_GITHUB_TOKEN = "bb-wrong-github-token-7f3a";
    private static final String RIGHT_CONFLUENCE_TOKEN = "bb-right-confluence-token";
    private static final String WRONG_CONFLUENCE_TOKEN = "bb-wrong-confluence-token-91c2";

    private static Path work;
    private static Path postmortemDir;
    private static GitHubFake github;
    private static ConfluenceFake confluence;
    private static BotProcess bot;
    private static int resolveFrom;
    private static final List<String> notes = new ArrayList<>();

    @BeforeAll
    static void playIncident() throws Exception {
        work = Files.createTempDirectory("sitrep-bb-credentials");
        postmortemDir = work.resolve("postmortems");
        github = new GitHubFake(RIGHT_GITHUB_TOKEN);
        confluence = new ConfluenceFake(null, RIGHT_CONFLUENCE_TOKEN);
        bot = new BotProcess(work);
        bot.start(Map.of("GITHUB_TOKEN", WRONG_GITHUB_TOKEN, "CONFLUENCE_TOKEN", WRONG_CONFLUENCE_TOKEN), List.of(
                "--sitrep.console.user=alice",
                "--sitrep.postmortem.dir=" + postmortemDir,
                "--sitrep.postmortem.github.repository=" + GitHubFake.OWNER + "/" + GitHubFake.REPO,
                "--sitrep.postmortem.github.api-url=" + github.baseUrl(),
                "--sitrep.postmortem.github.mode=issue",
                "--sitrep.postmortem.confluence.base-url=" + confluence.wikiUrl(),
                "--sitrep.postmortem.confluence.space=" + ConfluenceFake.SPACE,
                "--sitrep.postmortem.confluence.parent-id=" + ConfluenceFake.PARENT_ID,
                "--sitrep.postmortem.max-attempts=3",
                "--sitrep.postmortem.first-backoff=200ms"));
        BotProcess.waitFor(Duration.ofSeconds(120), () -> bot.transcript().contains("sitrep console") || !bot.alive(),
                "the console chat's greeting");
        assertTrue(bot.alive(), "the bot exited:\n" + bot.transcript());
        say(1, "/incident start Queue backlog sev2", "(?i)declared INC-1");
        say(2, "/incident action Alert on queue depth @carol", "(?i)action item");
        resolveFrom = say(3, "/incident resolve Drained the queue", "Postmortem skeleton for INC-1");
        // both sinks' failures told (or the wait times out and the checks say what is missing)
        try {
            BotProcess.waitFor(Duration.ofSeconds(20), () -> told("github") && told("confluence"), "both failures told");
        } catch (AssertionError e) {
            notes.add(e.getMessage());
        }
    }

    private static boolean told(String sink) {
        return Pattern.compile("(?i)" + sink + "[^\\n]*fail|fail[^\\n]*" + sink).matcher(bot.since(resolveFrom)).find();
    }

    private static int say(int round, String line, String answer) {
        github.round = round;
        confluence.round = round;
        int from = bot.lines();
        bot.send(line);
        Pattern p = Pattern.compile(answer);
        try {
            BotProcess.waitFor(Duration.ofSeconds(45), () -> p.matcher(bot.since(from)).find() || !bot.alive(), "answer to " + line);
        } catch (AssertionError e) {
            notes.add(e.getMessage());
        }
        return from;
    }

    @AfterAll
    static void stop() throws IOException {
        try {
            if (bot != null) {
                bot.close();
            }
        } finally {
            if (github != null) {
                github.close();
            }
            if (confluence != null) {
                confluence.close();
            }
        }
        if (bot != null) {
            Path report = Path.of("target", "blackbox");
            Files.createDirectories(report);
            Files.writeString(report.resolve("PostmortemCredentialsContractIT.txt"),
                    "notes:\n" + String.join("\n", notes) + "\n\ntranscript:\n" + bot.transcript()
                            + "\n\nGitHub:\n" + github.log() + "\nConfluence:\n" + confluence.log(),
                    StandardCharsets.UTF_8);
            bot.deleteWorkDir();
        }
    }

    private static String context() {
        return "\n-- notes: " + notes + "\n-- GitHub requests:\n" + github.log() + "-- Confluence requests:\n" + confluence.log();
    }

    @Test
    void requestsCarryTheConfiguredCredentialInTheDocumentedScheme() {
        // GitHub: "Authorization: Bearer <token>" or "token <token>"
        // (https://docs.github.com/en/rest/authentication/authenticating-to-the-rest-api);
        // Confluence Data Center: "Authorization: Bearer <personal access token>"
        // (https://confluence.atlassian.com/enterprise/using-personal-access-tokens-1026032365.html).
        List<String> problems = new ArrayList<>();
        assertFalse(github.exchanges().isEmpty(), "nothing was sent to GitHub" + context());
        assertFalse(confluence.exchanges().isEmpty(), "nothing was sent to Confluence" + context());
        for (FakeHttp.Exchange e : github.exchanges()) {
            String a = e.authorization();
            if (a == null || !(a.equals("Bearer " + WRONG_GITHUB_TOKEN) || a.equals("token " + WRONG_GITHUB_TOKEN))) {
                problems.add("GitHub " + e.line() + ": the configured GITHUB_TOKEN was not sent as Bearer/token");
            }
        }
        for (FakeHttp.Exchange e : confluence.exchanges()) {
            if (!("Bearer " + WRONG_CONFLUENCE_TOKEN).equals(e.authorization())) {
                problems.add("Confluence " + e.line() + ": the configured CONFLUENCE_TOKEN was not sent as Bearer");
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void aRefused401IsNeverSentAgain() {
        // README: "4xx are final"; GitHub: repeated bad credentials get the client locked out
        // (https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api#401-bad-credentials-or-requires-authentication:
        // "after detecting several requests with invalid credentials within a short period, the API will
        // temporarily reject all authentication attempts for that user ... with a 403 Forbidden").
        List<String> repeated = new ArrayList<>(Filed.repeatedRefusals(github.exchanges()));
        Filed.repeatedRefusals(confluence.exchanges()).forEach(r -> repeated.add("Confluence " + r));
        assertTrue(repeated.isEmpty(), "refused requests sent again:\n" + String.join("\n", repeated) + context());
    }

    @Test
    void theCommanderIsToldWhichSinkFailedAndTheOthersStillFile() throws IOException {
        String after = bot.since(resolveFrom);
        assertTrue(told("github"), "no message in the channel says the github sink failed; output after resolve:\n" + after);
        assertTrue(told("confluence"), "no message in the channel says the confluence sink failed; output after resolve:\n" + after);
        try (Stream<Path> files = Files.exists(postmortemDir) ? Files.list(postmortemDir) : Stream.empty()) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith("INC-1-")),
                    "the directory sink filed nothing while GitHub and Confluence refused" + context());
        }
    }

    @Test
    void noCredentialIsPrinted() {
        String out = bot.transcript();
        for (String secret : List.of(WRONG_GITHUB_TOKEN, WRONG_CONFLUENCE_TOKEN)) {
            assertFalse(out.contains(secret), "a configured token appears in the bot's output");
        }
    }
}
