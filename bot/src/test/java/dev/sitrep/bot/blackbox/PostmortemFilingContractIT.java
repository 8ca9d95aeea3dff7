package dev.sitrep.bot.blackbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Black-box check of postmortem filing (ISSUE10 points 12–16) against the GitHub REST API and the
 * Confluence REST API, as the README configures them: the real {@code sitrep.jar} with its console
 * chat, {@code GITHUB_TOKEN} + {@code sitrep.postmortem.github.*} (mode {@code pull-request}, the API
 * base pointed at {@link GitHubFake}) and {@code CONFLUENCE_TOKEN} + {@code sitrep.postmortem.confluence.*}
 * (Cloud: Basic auth with an e-mail, pointed at {@link ConfluenceFake}).
 *
 * <p>The incident: start with a title holding {@code @org/team}, an update naming {@code @dave}, an
 * action item owned by {@code @carol}, resolve while GitHub answers 502 to the postmortem pull
 * request, then {@code /incident postmortem} (what sitrep advises) once GitHub is back, then
 * {@code /incident action done 1}.
 */
class PostmortemFilingContractIT {

    private static final String GITHUB_TOKEN = "bb-github-token-for-the-filing-check";
    private static final String CONFLUENCE_USER = "bb-filer@example.com";
    private static final String CONFLUENCE_TOKEN = "bb-confluence-token-for-the-filing-check";

    private static PostmortemRun run;

    @BeforeAll
    static void playIncident() throws Exception {
        run = new PostmortemRun("sitrep-bb-filing", GITHUB_TOKEN, CONFLUENCE_USER, CONFLUENCE_TOKEN);
        run.start(Map.of("GITHUB_TOKEN", GITHUB_TOKEN, "CONFLUENCE_TOKEN", CONFLUENCE_TOKEN), "pull-request", 2);

        run.say(1, "/incident start Checkout errors for @org/team sev1", "(?i)declared INC-1", Duration.ofSeconds(30));
        run.say(2, "/incident update confirmed: checkout returns 502 & <timeouts> on /pay | suspected: payments deploy by @dave | status: identified",
                "Update on INC-1", Duration.ofSeconds(30));
        run.say(3, "/incident action Add a canary stage to payments deploys @carol due:2026-12-01",
                "(?i)action item", Duration.ofSeconds(30));

        // The postmortem pull request fails (502 on every attempt of this command), the rest goes through.
        run.github.failPostmortemWith502 = true;
        run.say(4, "/incident resolve Rolled back payments deploy 4.2", "Postmortem skeleton for INC-1", Duration.ofSeconds(60));
        run.github.failPostmortemWith502 = false;
        // Reviewers edit the filed file and page before the next filing: updates must carry the
        // current blob sha (GitHub) and the current version + 1 (Confluence), or the fakes answer 409.
        run.notes.add("reviewer edits before /incident postmortem: " + run.github.humanEditsFilesOn("postmortem/inc-1")
                + " GitHub file(s), " + run.confluence.humanEditsPages() + " Confluence page(s)");

        // "run /incident postmortem to try again" — GitHub is back.
        run.say(5, "/incident postmortem", "Postmortem skeleton for INC-1", Duration.ofSeconds(60));

        // Action items can be closed (ISSUE10 point 16): the filed issue is closed with it.
        int from = run.say(6, "/incident action done 1", "(?i)(action item|#1|done)", Duration.ofSeconds(20));
        run.waitSoftly(Duration.ofSeconds(5), () -> actionItemIssues().stream().anyMatch(i -> i.get("state").asText().equals("closed")),
                "the action-item issue closed after /incident action done 1");
        run.notes.add("output after /incident action done 1:\n" + run.bot.since(from));
    }

    @AfterAll
    static void stop() throws IOException {
        if (run != null) {
            run.stop("PostmortemFilingContractIT");
        }
    }

    // --- what was filed --------------------------------------------------------------------------

    private static List<ObjectNode> actionItemIssues() {
        synchronized (run.github) {
            return run.github.actionItemIssues();
        }
    }

    /** Every text filed to GitHub or Confluence: issue/PR titles and bodies, comments, file versions, commit messages, page titles and storage. */
    private static List<String> filedTexts() {
        List<String> all = new ArrayList<>();
        synchronized (run.github) {
            all.addAll(run.github.filedTexts);
        }
        synchronized (run.confluence) {
            all.addAll(run.confluence.filedTexts);
        }
        return all;
    }

    // --- checks ---------------------------------------------------------------------------------

    @Test
    void everyRequestIsAuthenticated() {
        // GitHub: https://docs.github.com/en/rest/authentication/authenticating-to-the-rest-api ("Authorization: Bearer" or "token")
        // Confluence Cloud: https://developer.atlassian.com/cloud/confluence/basic-auth-for-rest-apis/ (Basic e-mail:token)
        List<String> problems = new ArrayList<>();
        for (FakeHttp.Exchange e : run.github.exchanges()) {
            String a = e.authorization();
            if (a == null || !(a.equals("Bearer " + GITHUB_TOKEN) || a.equals("token " + GITHUB_TOKEN))) {
                problems.add("GitHub " + e.line() + " sent " + (a == null ? "no Authorization" : "Authorization scheme " + a.split(" ")[0] + " with another credential"));
            }
        }
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString((CONFLUENCE_USER + ":" + CONFLUENCE_TOKEN).getBytes(StandardCharsets.UTF_8));
        for (FakeHttp.Exchange e : run.confluence.exchanges()) {
            if (!basic.equals(e.authorization())) {
                problems.add("Confluence " + e.line() + " sent " + (e.authorization() == null ? "no Authorization" : "another Authorization"));
            }
        }
        assertTrue(!run.github.exchanges().isEmpty() && !run.confluence.exchanges().isEmpty(), "nothing was filed to GitHub or Confluence" + run.context());
        assertTrue(problems.isEmpty(), String.join("\n", problems) + run.context());
    }

    @Test
    void everyRequestIsWellFormedPerTheDocs() {
        List<String> problems = new ArrayList<>();
        synchronized (run.github) {
            run.github.unknownRoutes.forEach(r -> problems.add("GitHub: request to an endpoint outside the documented API the fake models: " + r));
        }
        synchronized (run.confluence) {
            run.confluence.unknownRoutes.forEach(r -> problems.add("Confluence: request to an endpoint outside the v1 content API: " + r));
            run.confluence.malformed.forEach(m -> problems.add("Confluence refused storage that is not well-formed XHTML: " + m));
        }
        for (FakeHttp.Exchange e : run.github.exchanges()) {
            boolean idempotentDuplicate = e.status() == 422 && e.response() != null
                    && (e.response().contains("Reference already exists") || e.response().contains("A pull request already exists"));
            boolean probe = e.status() == 404 && e.method().equals("GET");
            if (e.status() >= 400 && e.status() < 500 && !idempotentDuplicate && !probe) {
                problems.add("GitHub refused " + e.line() + ": " + e.response() + "\n    request: " + Filed.abbreviate(e.body()));
            }
        }
        for (FakeHttp.Exchange e : run.confluence.exchanges()) {
            if (e.status() >= 400 && e.status() < 500 && !(e.status() == 404 && e.method().equals("GET"))) {
                problems.add("Confluence refused " + e.line() + ": " + e.response() + "\n    request: " + Filed.abbreviate(e.body()));
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems) + run.context());
    }

    @Test
    void nothingRefusedIsSentAgainInALoop() {
        List<String> repeated = new ArrayList<>(Filed.repeatedRefusals(run.github.exchanges()));
        Filed.repeatedRefusals(run.confluence.exchanges()).forEach(r -> repeated.add("Confluence " + r));
        assertTrue(repeated.isEmpty(), "refused requests sent again for the same command (README: 4xx are final):\n"
                + String.join("\n", repeated) + run.context());
    }

    @Test
    void nothingFiledMentionsAChatHandle() {
        // ISSUE10 point 13; GitHub notifies @login and @org/team outside code:
        // https://docs.github.com/en/get-started/writing-on-github/getting-started-with-writing-and-formatting-on-github/basic-writing-and-formatting-syntax#mentioning-people-and-teams
        // Confluence mentions only through <ri:user> in storage; "@name" there is plain text:
        // https://confluence.atlassian.com/doc/confluence-storage-format-790796544.html (Links: user)
        Set<String> found = new LinkedHashSet<>();
        List<String> githubTexts;
        List<String> confluenceTexts;
        synchronized (run.github) {
            githubTexts = new ArrayList<>(run.github.filedTexts);
        }
        synchronized (run.confluence) {
            confluenceTexts = new ArrayList<>(run.confluence.filedTexts);
        }
        for (String text : githubTexts) {
            found.addAll(Filed.handles(text));
        }
        for (String text : confluenceTexts) {
            if (text.contains("<ri:user")) {
                found.add("a Confluence user mention in " + Filed.abbreviate(text));
            }
        }
        assertTrue(!filedTexts().isEmpty(), "nothing was filed" + run.context());
        assertTrue(found.isEmpty(), "filed documents hold @handles outside code spans (GitHub would notify them):\n"
                + String.join("\n", found));
    }

    @Test
    void nothingFiledHoldsServerPaths() {
        // ISSUE10 point 14: filed documents say where the postmortem went by sink name and public link only.
        Set<String> paths = new LinkedHashSet<>(List.of("/tmp/", run.work.toString(), run.postmortemDir.toString(),
                System.getProperty("java.io.tmpdir") + "/"));
        Set<String> found = new LinkedHashSet<>();
        for (String text : filedTexts()) {
            found.addAll(Filed.serverPaths(text, paths));
        }
        assertTrue(found.isEmpty(), "filed documents hold server paths:\n" + String.join("\n", found));
    }

    @Test
    void markdownTablesHaveAHeaderRow() {
        // GFM tables: https://github.github.com/gfm/#tables-extension- ; ISSUE10 point 15.
        Set<String> found = new LinkedHashSet<>();
        List<String> markdown = new ArrayList<>();
        synchronized (run.github) {
            run.github.fileHistory.forEach((file, versions) -> versions.forEach(v -> markdown.add(v)));
            run.github.issues.values().forEach(i -> markdown.add(i.path("body").asText("")));
        }
        assertTrue(!markdown.isEmpty(), "no Markdown was filed" + run.context());
        for (String md : markdown) {
            found.addAll(Filed.emptyTableHeaders(md));
        }
        assertTrue(found.isEmpty(), "Markdown tables without a header:\n" + String.join("\n", found));
    }

    @Test
    void userTextIsNotRawHtmlInFiledMarkdown() {
        // GFM: "Text between < and > that looks like an HTML tag is parsed as a raw HTML tag and will be
        // rendered in HTML without escaping" (https://github.github.com/gfm/#raw-html); GitHub then drops
        // tags it does not allow, so "<timeouts>" from the update would vanish from the postmortem.
        // README: "postmortem Markdown: markup characters escaped"; ISSUE10 point 15: cells stay escaped.
        List<String> found = new ArrayList<>();
        synchronized (run.github) {
            run.github.fileHistory.forEach((file, versions) -> {
                for (int v = 0; v < versions.size(); v++) {
                    String md = Filed.withoutCode(versions.get(v));
                    if (!versions.get(v).contains("timeouts")) {
                        found.add(file + " version " + (v + 1) + " lost the update's text \"<timeouts>\" altogether");
                    }
                    int i = md.indexOf("<timeouts>");
                    if (i >= 0) {
                        found.add(file + " version " + (v + 1) + ": \"…" + md.substring(Math.max(0, i - 60), Math.min(md.length(), i + 30)).replace('\n', ' ') + "…\"");
                    }
                }
            });
            assertTrue(!run.github.fileHistory.isEmpty(), "no Markdown file was filed" + run.context());
        }
        assertTrue(found.isEmpty(), "user text \"<timeouts>\" filed as raw HTML:\n" + String.join("\n", found));
    }

    @Test
    void confluenceStorageIsWellFormedWithRealTableHeaders() {
        // https://confluence.atlassian.com/doc/confluence-storage-format-790796544.html : storage is XHTML.
        List<String> problems = new ArrayList<>();
        synchronized (run.confluence) {
            problems.addAll(run.confluence.malformed);
            run.confluence.versions.forEach((id, versions) -> {
                if (id.equals(ConfluenceFake.PARENT_ID)) {
                    return;
                }
                for (int v = 0; v < versions.size(); v++) {
                    String problem = ConfluenceFake.wellFormedProblem(versions.get(v));
                    if (problem != null) {
                        problems.add("page " + id + " version " + (v + 1) + ": " + problem);
                    }
                    for (String h : Filed.emptyStorageHeaders(versions.get(v))) {
                        problems.add("page " + id + " version " + (v + 1) + ": " + h);
                    }
                }
            });
            assertTrue(run.confluence.pages.size() > 1, "no Confluence page was filed" + run.context());
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void filingAgainAfterAFailureDuplicatesNothing() {
        // ISSUE10 point 12: after the 502 on the postmortem pull request, /incident postmortem resumes.
        List<String> problems = new ArrayList<>();
        synchronized (run.github) {
            List<ObjectNode> items = run.github.actionItemIssues();
            if (items.size() != 1) {
                problems.add(items.size() + " action-item issues for 1 action item: "
                        + items.stream().map(i -> "#" + i.get("number").asText() + " " + i.get("title").asText()).toList());
            }
            long branches = run.github.exchanges().stream()
                    .filter(e -> e.method().equals("POST") && e.path().endsWith("/git/refs") && e.status() == 201).count();
            if (branches > 1) {
                problems.add(branches + " branches created");
            }
            if (run.github.pulls.size() != 1) {
                problems.add(run.github.pulls.size() + " postmortem pull requests (want exactly 1 once GitHub answered again)");
            }
            long postmortemIssues = run.github.issues.values().stream()
                    .filter(i -> i.path("pull_request").isMissingNode())
                    .filter(i -> i.path("labels").toString().contains("\"postmortem\"")).count();
            if (postmortemIssues > 0) {
                problems.add(postmortemIssues + " postmortem issues in pull-request mode");
            }
        }
        synchronized (run.confluence) {
            int pages = run.confluence.pages.size() - 1;
            if (pages != 1) {
                problems.add(pages + " Confluence pages for one postmortem");
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems) + run.context());
    }

    @Test
    void eachActionItemIssueLinksBackToThePostmortemPullRequest() {
        // ISSUE10 point 13: "link each action-item issue back to its postmortem issue or pull request".
        List<String> problems;
        synchronized (run.github) {
            if (run.github.pulls.isEmpty()) {
                fail("no postmortem pull request was filed" + run.context());
            }
            ObjectNode pr = run.github.pulls.values().iterator().next();
            if (run.github.actionItemIssues().isEmpty()) {
                fail("no action-item issue was filed" + run.context());
            }
            problems = run.actionItemIssuesNotLinking(pr, "pull request");
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void theFirstConfluenceVersionLinksTheActionItemIssues() {
        // ISSUE10 point 14: "The first Confluence version must already link the action-item issues" —
        // every one that GitHub had created by the time the page was first written (same chat round
        // or earlier). In this scenario the pull request fails on resolve, so the page's first version
        // is written a round before the action items can exist: then the check is on the retry round.
        List<String> urls = actionItemIssues().stream().map(i -> i.get("html_url").asText()).toList();
        assertTrue(!urls.isEmpty(), "no action-item issue was filed" + run.context());
        int pageRound = run.confluence.exchanges().stream()
                .filter(e -> e.method().equals("POST") && e.status() < 300 && e.path().matches(".*/content/?"))
                .mapToInt(FakeHttp.Exchange::round).min().orElseThrow();
        List<String> existing = run.github.exchanges().stream()
                .filter(e -> e.method().equals("POST") && e.status() == 201 && e.path().endsWith("/issues")
                        && e.round() <= pageRound)
                .map(FakeHttp.Exchange::response).toList();
        urls = urls.stream().filter(u -> existing.stream().anyMatch(r -> r.contains("\"" + u + "\""))).toList();
        synchronized (run.confluence) {
            List<String> pages = run.confluence.versions.keySet().stream().filter(id -> !id.equals(ConfluenceFake.PARENT_ID)).toList();
            assertTrue(!pages.isEmpty(), "no Confluence page was filed" + run.context());
            String first = run.confluence.versions.get(pages.get(0)).get(0);
            List<String> missing = urls.stream().filter(u -> !first.contains(u)).toList();
            assertTrue(missing.isEmpty(), "version 1 of the Confluence page does not link " + missing + "; its action items:\n"
                    + first.substring(Math.max(0, first.indexOf("Action items"))));
        }
    }

    @Test
    void doneActionItemClosesItsIssue() {
        // ISSUE10 point 16: "/incident action done <n> ... close the GitHub issue when it was filed there".
        // https://docs.github.com/en/rest/issues/issues#update-an-issue : PATCH {"state": "closed"}
        List<ObjectNode> items = actionItemIssues();
        assertTrue(!items.isEmpty(), "no action-item issue was filed" + run.context());
        JsonNode first = items.get(0);
        assertEquals("closed", first.get("state").asText(),
                "action-item issue #" + first.get("number").asText() + " is still open after /incident action done 1; "
                        + run.notes.get(run.notes.size() - 1) + run.context());
    }
}
