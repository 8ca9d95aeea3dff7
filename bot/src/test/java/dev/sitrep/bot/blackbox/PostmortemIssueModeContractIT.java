package dev.sitrep.bot.blackbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    private static PostmortemRun run;

    @BeforeAll
    static void playIncident() throws Exception {
        run = new PostmortemRun("sitrep-bb-issue-mode", GITHUB_TOKEN, null, null);
        run.start(Map.of("GITHUB_TOKEN", GITHUB_TOKEN), "issue", 2);
        run.say(1, "/incident start Payments latency for @org/payments sev2", "(?i)declared INC-1");
        run.say(2, "/incident action Add a latency SLO alert @carol", "(?i)action item");
        run.say(3, "/incident action Document the failover runbook @bob due:2026-12-15", "(?i)action item");
        run.github.failPostmortemWith502 = true;
        run.say(4, "/incident resolve Failed over to the secondary", "Postmortem skeleton for INC-1");
        run.github.failPostmortemWith502 = false;
        run.say(5, "/incident postmortem", "Postmortem skeleton for INC-1");
        run.say(6, "/incident postmortem", "Postmortem skeleton for INC-1");
    }

    @AfterAll
    static void stop() throws IOException {
        if (run != null) {
            run.stop("PostmortemIssueModeContractIT");
        }
    }

    private static List<ObjectNode> postmortemIssues() {
        synchronized (run.github) {
            return run.github.issues.values().stream()
                    .filter(i -> i.path("labels").toString().contains("\"name\":\"postmortem\"")).toList();
        }
    }

    @Test
    void retryingFilesEachActionItemAndThePostmortemOnce() {
        // ISSUE10 point 12: "Record each filed document and action item as soon as it exists, so filing
        // resumes where it stopped"; README: "filing again updates the same documents instead of creating new ones".
        List<String> problems = new ArrayList<>();
        synchronized (run.github) {
            List<ObjectNode> items = run.github.actionItemIssues();
            if (items.size() != 2) {
                problems.add(items.size() + " action-item issues for 2 action items: "
                        + items.stream().map(i -> "#" + i.get("number").asText() + " " + i.get("title").asText()).toList());
            }
        }
        if (postmortemIssues().size() != 1) {
            problems.add(postmortemIssues().size() + " postmortem issues (want exactly 1 once GitHub answered again)");
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems) + run.context());
    }

    @Test
    void eachActionItemIssueLinksBackToThePostmortemIssue() {
        // ISSUE10 point 13
        List<ObjectNode> postmortems = postmortemIssues();
        assertTrue(!postmortems.isEmpty(), "no postmortem issue was filed" + run.context());
        List<String> problems;
        synchronized (run.github) {
            assertTrue(!run.github.actionItemIssues().isEmpty(), "no action-item issue was filed" + run.context());
            problems = run.actionItemIssuesNotLinking(postmortems.get(0), "issue");
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void thePostmortemIssueLinksEveryActionItemIssue() {
        // README: "Action items become issues (label action-item) linked from the postmortem".
        List<ObjectNode> postmortems = postmortemIssues();
        assertTrue(!postmortems.isEmpty(), "no postmortem issue was filed" + run.context());
        String body = postmortems.get(0).path("body").asText("");
        List<String> missing = new ArrayList<>();
        synchronized (run.github) {
            for (ObjectNode item : run.github.actionItemIssues()) {
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
        for (FakeHttp.Exchange e : run.github.exchanges()) {
            String a = e.authorization();
            if (a == null || !(a.equals("Bearer " + GITHUB_TOKEN) || a.equals("token " + GITHUB_TOKEN))) {
                problems.add(e.line() + ": not authenticated with the configured token as Bearer/token");
            }
            if (e.status() >= 400 && e.status() < 500 && !(e.status() == 404 && e.method().equals("GET"))) {
                problems.add("GitHub refused " + e.line() + ": " + e.response() + "\n    request: " + Filed.abbreviate(e.body()));
            }
        }
        synchronized (run.github) {
            run.github.unknownRoutes.forEach(r -> problems.add("request to an endpoint the fake does not model: " + r));
        }
        problems.addAll(Filed.repeatedRefusals(run.github.exchanges()));
        assertTrue(!run.github.exchanges().isEmpty(), "nothing was sent to GitHub" + run.context());
        assertTrue(problems.isEmpty(), String.join("\n", problems) + run.context());
    }

    @Test
    void nothingFiledMentionsAChatHandleOrAServerPath() {
        // https://docs.github.com/en/get-started/writing-on-github/getting-started-with-writing-and-formatting-on-github/basic-writing-and-formatting-syntax#mentioning-people-and-teams
        Set<String> found = new LinkedHashSet<>();
        List<String> texts;
        synchronized (run.github) {
            texts = new ArrayList<>(run.github.filedTexts);
        }
        assertTrue(!texts.isEmpty(), "nothing was filed" + run.context());
        for (String t : texts) {
            found.addAll(Filed.handles(t));
            found.addAll(Filed.serverPaths(t, Set.of("/tmp/", run.work.toString())));
            found.addAll(Filed.emptyTableHeaders(t));
        }
        assertTrue(found.isEmpty(), "filed issues hold @handles, server paths or header-less tables:\n" + String.join("\n", found));
    }
}
