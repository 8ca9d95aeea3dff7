package dev.sitrep.bot.blackbox;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
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

    private static PostmortemRun run;
    private static int resolveFrom;

    @BeforeAll
    static void playIncident() throws Exception {
        run = new PostmortemRun("sitrep-bb-credentials", RIGHT_GITHUB_TOKEN, null, RIGHT_CONFLUENCE_TOKEN);
        run.start(Map.of("GITHUB_TOKEN", WRONG_GITHUB_TOKEN, "CONFLUENCE_TOKEN", WRONG_CONFLUENCE_TOKEN), "issue", 3);
        run.say(1, "/incident start Queue backlog sev2", "(?i)declared INC-1");
        run.say(2, "/incident action Alert on queue depth @carol", "(?i)action item");
        resolveFrom = run.say(3, "/incident resolve Drained the queue", "Postmortem skeleton for INC-1");
        // both sinks' failures told (or the wait times out and the checks say what is missing)
        run.waitSoftly(Duration.ofSeconds(20), () -> told("github") && told("confluence"), "both failures told");
    }

    private static boolean told(String sink) {
        return Pattern.compile("(?i)" + sink + "[^\\n]*fail|fail[^\\n]*" + sink).matcher(run.bot.since(resolveFrom)).find();
    }

    @AfterAll
    static void stop() throws IOException {
        if (run != null) {
            run.stop("PostmortemCredentialsContractIT");
        }
    }

    @Test
    void requestsCarryTheConfiguredCredentialInTheDocumentedScheme() {
        // GitHub: "Authorization: Bearer <token>" or "token <token>"
        // (https://docs.github.com/en/rest/authentication/authenticating-to-the-rest-api);
        // Confluence Data Center: "Authorization: Bearer <personal access token>"
        // (https://confluence.atlassian.com/enterprise/using-personal-access-tokens-1026032365.html).
        List<String> problems = new ArrayList<>();
        assertFalse(run.github.exchanges().isEmpty(), "nothing was sent to GitHub" + run.context());
        assertFalse(run.confluence.exchanges().isEmpty(), "nothing was sent to Confluence" + run.context());
        for (FakeHttp.Exchange e : run.github.exchanges()) {
            String a = e.authorization();
            if (a == null || !(a.equals("Bearer " + WRONG_GITHUB_TOKEN) || a.equals("token " + WRONG_GITHUB_TOKEN))) {
                problems.add("GitHub " + e.line() + ": the configured GITHUB_TOKEN was not sent as Bearer/token");
            }
        }
        for (FakeHttp.Exchange e : run.confluence.exchanges()) {
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
        List<String> repeated = new ArrayList<>(Filed.repeatedRefusals(run.github.exchanges()));
        Filed.repeatedRefusals(run.confluence.exchanges()).forEach(r -> repeated.add("Confluence " + r));
        assertTrue(repeated.isEmpty(), "refused requests sent again:\n" + String.join("\n", repeated) + run.context());
    }

    @Test
    void theCommanderIsToldWhichSinkFailedAndTheOthersStillFile() throws IOException {
        String after = run.bot.since(resolveFrom);
        assertTrue(told("github"), "no message in the channel says the github sink failed; output after resolve:\n" + after);
        assertTrue(told("confluence"), "no message in the channel says the confluence sink failed; output after resolve:\n" + after);
        try (Stream<Path> files = Files.exists(run.postmortemDir) ? Files.list(run.postmortemDir) : Stream.empty()) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith("INC-1-")),
                    "the directory sink filed nothing while GitHub and Confluence refused" + run.context());
        }
    }

    @Test
    void noCredentialIsPrinted() {
        String out = run.bot.transcript();
        for (String secret : List.of(WRONG_GITHUB_TOKEN, WRONG_CONFLUENCE_TOKEN)) {
            assertFalse(out.contains(secret), "a configured token appears in the bot's output");
        }
    }
}
