package dev.sitrep.bot.blackbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Black-box check of postmortem filing in GitHub issue mode (README: {@code mode=issue}: "an issue
 * with the configured labels ... Action items become issues (label action-item) linked from the
 * postmortem"), ISSUE10 point 12's case: the postmortem issue fails (502 on every attempt) after
 * the action-item issues were created; {@code /incident postmortem} (what sitrep advises) is run
 * once GitHub is back, then once more.
 */
class PostmortemIssueModeContractIT {

    private static final String GITHUB_TOKEN = "bb-github-token-for-issue-mode";

    private static Path work;
    private static GitHubFake github;
    private static BotProcess bot;
    private static final List<String> notes = new ArrayList<>();

    @BeforeAll
    static void playIncident() throws Exception {
        work = Files.createTempDirectory("sitrep-bb-issue-mode");
        github = new GitHubFake(GITHUB_TOKEN);
        bot = new BotProcess(work);
        bot.start(Map.of("GITHUB_TOKEN", GITHUB_TOKEN), List.of(
                "--sitrep.console.user=alice",
                "--sitrep.postmortem.dir=" + work.resolve("postmortems"),
                "--sitrep.postmortem.github.repository=" + GitHubFake.OWNER + "/" + GitHubFake.REPO,
                "--sitrep.postmortem.github.api-url=" + github.baseUrl(),
                "--sitrep.postmortem.github.mode=issue",
                "--sitrep.postmortem.max-attempts=2",
                "--sitrep.postmortem.first-backoff=200ms"));
        BotProcess.waitFor(Duration.ofSeconds(120), () -> bot.transcript().contains("sitrep console") || !bot.alive(),
                "the console chat's greeting");
        assertTrue(bot.alive(), "the bot exited:\n" + bot.transcript());
        say(1, "/incident start Payments latency for @org/payments sev2", "(?i)declared INC-1");
        say(2, "/incident action Add a latency SLO alert @carol", "(?i)action item");
        say(3, "/incident action Document the failover runbook @bob due:2026-12-15", "(?i)action item");
        github.failPostmortemWith502 = true;
        say(4, "/incident resolve Failed over to the secondary", "Postmortem skeleton for INC-1");
        github.failPostmortemWith502 = false;
        say(5, "/incident postmortem", "Postmortem skeleton for INC-1");
        say(6, "/incident postmortem", "Postmortem skeleton for INC-1");
    }

    private static void say(int round, String line, String answer) {
        github.round = round;
        int from = bot.lines();
        bot.send(line);
        Pattern p = Pattern.compile(answer);
        try {
            BotProcess.waitFor(Duration.ofSeconds(45), () -> p.matcher(bot.since(from)).find() || !bot.alive(), "answer to " + line);
        } catch (AssertionError e) {
            notes.add(e.getMessage());
        }
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
        }
        if (bot != null) {
            Path report = Path.of("target", "blackbox");
            Files.createDirectories(report);
            Files.writeString(report.resolve("PostmortemIssueModeContractIT.txt"),
                    "notes:\n" + String.join("\n", notes) + "\n\ntranscript:\n" + bot.transcript() + "\n\nGitHub:\n" + github.log(),
                    StandardCharsets.UTF_8);
            bot.deleteWorkDir();
        }
    }

    private static String context() {
        return "\n-- notes: " + notes + "\n-- GitHub requests:\n" + github.log();
    }

    private static List<ObjectNode> postmortemIssues() {
        synchronized (github) {
            return github.issues.values().stream()
                    .filter(i -> i.path("labels").toString().contains("\"name\":\"postmortem\"")).toList();
        }
    }

    @Test
    void retryingFilesEachActionItemAndThePostmortemOnce() {
        // ISSUE10 point 12: "Record each filed document and action item as soon as it exists, so filing
        // resumes where it stopped"; README: "filing again updates the same documents instead of creating new ones".
        List<String> problems = new ArrayList<>();
        synchronized (github) {
            List<ObjectNode> items = github.actionItemIssues();
            if (items.size() != 2) {
                problems.add(items.size() + " action-item issues for 2 action items: "
                        + items.stream().map(i -> "#" + i.get("number").asText() + " " + i.get("title").asText()).toList());
            }
        }
        if (postmortemIssues().size() != 1) {
            problems.add(postmortemIssues().size() + " postmortem issues (want exactly 1 once GitHub answered again)");
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems) + context());
    }

    @Test
    void eachActionItemIssueLinksBackToThePostmortemIssue() {
        // ISSUE10 point 13; GitHub autolinks #N and issue URLs:
        // https://docs.github.com/en/get-started/writing-on-github/working-with-advanced-formatting/autolinked-references-and-urls
        List<ObjectNode> postmortems = postmortemIssues();
        assertTrue(!postmortems.isEmpty(), "no postmortem issue was filed" + context());
        ObjectNode postmortem = postmortems.get(0);
        int n = postmortem.get("number").asInt();
        Pattern link = Pattern.compile(Pattern.quote(postmortem.get("html_url").asText()) + "(?!\\d)|"
                + "(?<![\\w/#])" + GitHubFake.OWNER + "/" + GitHubFake.REPO + "#" + n + "(?!\\d)|(?<![\\w/&])#" + n + "(?!\\d)");
        List<String> problems = new ArrayList<>();
        synchronized (github) {
            List<ObjectNode> items = github.actionItemIssues();
            assertTrue(!items.isEmpty(), "no action-item issue was filed" + context());
            for (ObjectNode issue : items) {
                StringBuilder texts = new StringBuilder(issue.path("body").asText(""));
                github.comments.getOrDefault(issue.get("number").asInt(), List.of())
                        .forEach(c -> texts.append('\n').append(c.path("body").asText()));
                // "#1" in "Action item #1" names the action item, not the issue: only a link to the postmortem counts.
                String withoutItemNumbers = texts.toString().replaceAll("(?i)action item #\\d+", "action item");
                if (!link.matcher(withoutItemNumbers).find()) {
                    problems.add("action-item issue #" + issue.get("number").asText() + " does not link the postmortem issue #" + n
                            + "; its body and comments:\n" + texts);
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void thePostmortemIssueLinksEveryActionItemIssue() {
        // README: "Action items become issues (label action-item) linked from the postmortem".
        List<ObjectNode> postmortems = postmortemIssues();
        assertTrue(!postmortems.isEmpty(), "no postmortem issue was filed" + context());
        String body = postmortems.get(0).path("body").asText("");
        List<String> missing = new ArrayList<>();
        synchronized (github) {
            for (ObjectNode item : github.actionItemIssues()) {
                if (!body.contains(item.get("html_url").asText())) {
                    missing.add(item.get("html_url").asText());
                }
            }
        }
        assertTrue(missing.isEmpty(), "the postmortem issue does not link " + missing);
    }

    @Test
    void everyRequestIsAuthenticatedAndAccepted() {
        List<String> problems = new ArrayList<>();
        for (FakeHttp.Exchange e : github.exchanges()) {
            String a = e.authorization();
            if (a == null || !(a.equals("Bearer " + GITHUB_TOKEN) || a.equals("token " + GITHUB_TOKEN))) {
                problems.add(e.line() + ": not authenticated with the configured token as Bearer/token");
            }
            if (e.status() >= 400 && e.status() < 500 && !(e.status() == 404 && e.method().equals("GET"))) {
                problems.add("GitHub refused " + e.line() + ": " + e.response() + "\n    request: " + Filed.abbreviate(e.body()));
            }
        }
        synchronized (github) {
            github.unknownRoutes.forEach(r -> problems.add("request to an endpoint the fake does not model: " + r));
        }
        problems.addAll(Filed.repeatedRefusals(github.exchanges()));
        assertTrue(!github.exchanges().isEmpty(), "nothing was sent to GitHub" + context());
        assertTrue(problems.isEmpty(), String.join("\n", problems) + context());
    }

    @Test
    void nothingFiledMentionsAChatHandleOrAServerPath() {
        // https://docs.github.com/en/get-started/writing-on-github/getting-started-with-writing-and-formatting-on-github/basic-writing-and-formatting-syntax#mentioning-people-and-teams
        Set<String> found = new LinkedHashSet<>();
        List<String> texts;
        synchronized (github) {
            texts = new ArrayList<>(github.filedTexts);
        }
        assertTrue(!texts.isEmpty(), "nothing was filed" + context());
        for (String t : texts) {
            found.addAll(Filed.handles(t));
            found.addAll(Filed.serverPaths(t, Set.of("/tmp/", work.toString())));
            found.addAll(Filed.emptyTableHeaders(t));
        }
        assertTrue(found.isEmpty(), "filed issues hold @handles, server paths or header-less tables:\n" + String.join("\n", found));
    }
}
