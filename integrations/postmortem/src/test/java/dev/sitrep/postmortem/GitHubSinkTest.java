package dev.sitrep.postmortem;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sitrep.commands.incident.ActionItem;
import dev.sitrep.commands.incident.FiledDocument;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.message.Postmortem;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GitHubSinkTest {

    private static final String FILE = "postmortems/INC-42-checkout-errors.md";
    private static final String BRANCH = "postmortem/inc-42";

    private final FakeGitHub github = new FakeGitHub("gh-test-token");

    @AfterEach
    void stop() {
        github.shutdown();
    }

    private GitHubSink sink(GitHubSink.Mode mode, boolean fileActionItems) {
        return sink(mode, fileActionItems, "gh-test-token");
    }

    private GitHubSink sink(GitHubSink.Mode mode, boolean fileActionItems, String token) {
        return new GitHubSink(new GitHubSink.Settings(github.url() + "/", FakeGitHub.REPO, token, mode,
                List.of("postmortem", "incident"), null, "postmortems", fileActionItems, List.of("action-item")),
                PostmortemFixture.markdown(), Redactor.defaults(), 3, Duration.ofMillis(10), Duration.ofSeconds(5));
    }

    private static Map<String, Object> issue(FakeGitHub github, int number) {
        return github.issues().stream().filter(i -> i.get("number").equals(number)).findFirst().orElseThrow();
    }

    @Test
    void issueModeCreatesThenEditsTheIssue() {
        FiledDocument filed = sink(GitHubSink.Mode.ISSUE, false).file(PostmortemFixture.postmortem(), null,
                new RecordedProgress());
        assertThat(filed).isEqualTo(new FiledDocument("github", "1", FakeGitHub.HTML + "/issues/1"));
        github.server().verify(postRequestedFor(urlEqualTo("/repos/acme/ops/issues"))
                .withHeader("Authorization", equalTo("Bearer gh-test-token"))
                .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28")));
        Map<String, Object> issue = issue(github, 1);
        assertThat(issue.get("title")).isEqualTo("Postmortem INC-42: Checkout errors");
        assertThat(issue.get("labels")).isEqualTo(List.of(Map.of("name", "postmortem"), Map.of("name", "incident")));
        // Secrets from the timeline never leave the chat platform.
        assertThat(String.valueOf(issue.get("body"))).startsWith("# INC-42: Checkout errors")
                .doesNotContain("a1B2c3D4e5F6g7H8i9J0").doesNotContain("hunter2").contains("[REDACTED]");

        FiledDocument again = sink(GitHubSink.Mode.ISSUE, false).file(PostmortemFixture.postmortem(), filed,
                new RecordedProgress());
        assertThat(again).isEqualTo(filed);
        assertThat(github.issues()).hasSize(1);
    }

    @Test
    void pullRequestModeAddsTheFileOnABranchThenUpdatesItWithItsSha() {
        FiledDocument filed = sink(GitHubSink.Mode.PULL_REQUEST, false).file(PostmortemFixture.postmortem(), null,
                new RecordedProgress());
        assertThat(filed.id()).isEqualTo("1");
        assertThat(filed.url()).isEqualTo(FakeGitHub.HTML + "/pull/1");
        assertThat(github.pulls()).singleElement().satisfies(pull -> {
            assertThat(pull.get("head")).isEqualTo(Map.of("ref", BRANCH));
            assertThat(pull.get("base")).isEqualTo(Map.of("ref", "main"));
        });
        assertThat(github.file(BRANCH, FILE)).startsWith("# INC-42: Checkout errors")
                .doesNotContain(PostmortemFixture.TOKEN);

        // Filing again commits the new version over the old one (the fake insists on its SHA) and opens no second PR.
        Postmortem later = PostmortemFixture.postmortem(PostmortemFixture.T0.plus(Duration.ofHours(5)));
        FiledDocument again = sink(GitHubSink.Mode.PULL_REQUEST, false).file(later, filed, new RecordedProgress());
        assertThat(again).isEqualTo(filed);
        assertThat(github.pulls()).hasSize(1);
        assertThat(github.file(BRANCH, FILE)).contains("| Generated | 2026-11-23 15:00:00 UTC |");

        // A document stored before branches were remembered (no parts) still finds its branch.
        Postmortem latest = PostmortemFixture.postmortem(PostmortemFixture.T0.plus(Duration.ofHours(6)));
        sink(GitHubSink.Mode.PULL_REQUEST, false).file(latest, new FiledDocument("github", filed.id(), filed.url()),
                new RecordedProgress());
        assertThat(github.file(BRANCH, FILE)).contains("| Generated | 2026-11-23 16:00:00 UTC |");
        assertThat(github.pulls()).hasSize(1);
    }

    @Test
    void actionItemsBecomeIssuesThatLinkBackAndAreLinkedFromThePostmortemOnce() {
        GitHubSink sink = sink(GitHubSink.Mode.ISSUE, true);
        FiledDocument filed = sink.file(PostmortemFixture.postmortem(), null, new RecordedProgress());

        // The postmortem first (#1), so the action item's issue (#2) can link back to it.
        assertThat(filed.url()).isEqualTo(FakeGitHub.HTML + "/issues/1");
        assertThat(filed.actionItems()).containsExactly(Map.entry(1, FakeGitHub.HTML + "/issues/2"));
        Map<String, Object> item = issue(github, 2);
        assertThat(item.get("title")).isEqualTo("INC-42: Add a canary stage");
        assertThat(String.valueOf(item.get("body"))).contains("Owner: alice")
                .contains("from the postmortem of INC-42 (Checkout errors): " + FakeGitHub.HTML + "/issues/1");
        assertThat(String.valueOf(issue(github, 1).get("body")))
                .contains("| Add a canary stage | alice | 2026-12-01 | no | " + FakeGitHub.HTML + "/issues/2 |");

        sink.file(PostmortemFixture.postmortem(), filed, new RecordedProgress());
        assertThat(github.issues()).hasSize(2);
    }

    @Test
    void aRetryAfterThePostmortemFailedHalfWayFilesNothingTwice() {
        GitHubSink sink = sink(GitHubSink.Mode.ISSUE, true);
        RecordedProgress progress = new RecordedProgress();
        // The action item's issue exists, then updating the postmortem with its link keeps failing.
        github.failNext("PATCH", "/repos/acme/ops/issues/1", 500, 3);
        assertThatThrownBy(() -> sink.file(PostmortemFixture.postmortem(), null, progress))
                .isInstanceOf(SinkFailure.class).hasMessageContaining("HTTP 500");
        assertThat(progress.last).isNotNull();
        assertThat(progress.last.id()).isEqualTo("1");
        assertThat(progress.last.actionItems()).containsKey(1);

        FiledDocument filed = sink.file(PostmortemFixture.postmortem(), progress.last, new RecordedProgress());
        assertThat(github.issues()).hasSize(2);
        assertThat(filed.actionItems()).containsExactly(Map.entry(1, FakeGitHub.HTML + "/issues/2"));
        assertThat(String.valueOf(issue(github, 1).get("body"))).contains(FakeGitHub.HTML + "/issues/2");
    }

    @Test
    void aPullRequestThatFailedAfterItsBranchResumesOnThatBranch() {
        GitHubSink sink = sink(GitHubSink.Mode.PULL_REQUEST, true);
        RecordedProgress progress = new RecordedProgress();
        github.failNext("POST", "/repos/acme/ops/pulls", 502, 1);
        assertThatThrownBy(() -> sink.file(PostmortemFixture.postmortem(), null, progress))
                .isInstanceOf(SinkFailure.class);
        assertThat(progress.last).isEqualTo(FiledDocument.started("github", Map.of("branch", BRANCH)));
        assertThat(github.hasBranch(BRANCH)).isTrue();

        FiledDocument filed = sink.file(PostmortemFixture.postmortem(), progress.last, new RecordedProgress());
        assertThat(github.pulls()).hasSize(1);
        assertThat(filed.url()).isEqualTo(FakeGitHub.HTML + "/pull/1");
        assertThat(filed.actionItems()).containsExactly(Map.entry(1, FakeGitHub.HTML + "/issues/2"));
        assertThat(String.valueOf(issue(github, 2).get("body"))).contains(FakeGitHub.HTML + "/pull/1");
        // The file on the branch was committed again, with its links (over the old SHA).
        assertThat(github.file(BRANCH, FILE)).contains(FakeGitHub.HTML + "/issues/2");
    }

    @Test
    void aPullRequestWhoseAnswerWasLostIsFoundInsteadOfOpenedTwice() {
        GitHubSink sink = sink(GitHubSink.Mode.PULL_REQUEST, false);
        FiledDocument first = sink.file(PostmortemFixture.postmortem(), null, new RecordedProgress());

        // All that was remembered is the branch: GitHub refuses a second pull request (422) and sitrep finds the first.
        FiledDocument resumed = sink.file(PostmortemFixture.postmortem(),
                FiledDocument.started("github", Map.of("branch", BRANCH)), new RecordedProgress());
        assertThat(resumed.id()).isEqualTo(first.id());
        assertThat(resumed.url()).isEqualTo(first.url());
        assertThat(github.pulls()).hasSize(1);
    }

    @Test
    void chatHandlesAndUserTextNeverMentionAnyoneOnGitHub() {
        Member bob = new Member("slack", "U0BOB", "bob");
        Postmortem postmortem = PostmortemFixture.postmortem("Checkout down, @acme/payments paged",
                new ActionItem(2, "Ask @carol to add **alerts** [here](http://x)", bob, null, false,
                        PostmortemFixture.T0, bob));
        sink(GitHubSink.Mode.ISSUE, true).file(postmortem, null, new RecordedProgress());

        for (Map<String, Object> issue : github.issues()) {
            String body = String.valueOf(issue.get("body"));
            // No @handle outside a code span, where GitHub would notify a user or a team.
            assertThat(body.replaceAll("`[^`]*`", "")).doesNotContainPattern("(^|[^\\w`])@[A-Za-z0-9]");
        }
        String item = String.valueOf(issue(github, 3).get("body"));
        assertThat(item).contains("Owner: bob").contains("Ask `@carol` to add \\*\\*alerts\\*\\* \\[here\\](http://x)")
                .contains("Checkout down, `@acme/payments` paged");
        assertThat(String.valueOf(issue(github, 1).get("body"))).contains("- **commander**: alice");
    }

    @Test
    void anItemClosedOnGitHubIsDoneAndAnItemDoneHereClosesItsIssue() {
        GitHubSink sink = sink(GitHubSink.Mode.ISSUE, true);
        FiledDocument filed = sink.file(PostmortemFixture.postmortem(), null, new RecordedProgress());
        github.close(2);

        RecordedProgress progress = new RecordedProgress();
        sink.file(PostmortemFixture.postmortem(), filed, progress);
        assertThat(progress.done).containsExactly(1);
        assertThat(String.valueOf(issue(github, 1).get("body")))
                .contains("| Add a canary stage | alice | 2026-12-01 | yes | ");

        FiledDocument other = sink.file(PostmortemFixture.postmortem("Checkout errors", new ActionItem(2, "Write the runbook",
                null, null, false, PostmortemFixture.T0, PostmortemFixture.ALICE)), null, new RecordedProgress());
        ActionItem runbook = PostmortemFixture.postmortem("Checkout errors", new ActionItem(2, "Write the runbook",
                null, null, false, PostmortemFixture.T0, PostmortemFixture.ALICE)).incident().actionItem(2).orElseThrow();
        sink.actionItemDone(other, runbook);
        int number = Integer.parseInt(other.actionItems().get(2).replaceAll(".*/", ""));
        assertThat(issue(github, number)).containsEntry("state", "closed").containsEntry("state_reason", "completed");
    }

    @Test
    void anActionItemIssueThatWasDeletedDoesNotStopTheFiling() {
        GitHubSink sink = sink(GitHubSink.Mode.ISSUE, true);
        FiledDocument filed = sink.file(PostmortemFixture.postmortem(), null, new RecordedProgress());
        // Its issue is gone from the repository (deleted, or moved elsewhere): GitHub answers 404.
        FiledDocument gone = filed.withActionItem(1, FakeGitHub.HTML + "/issues/999");

        RecordedProgress progress = new RecordedProgress();
        sink.file(PostmortemFixture.postmortem(), gone, progress);

        assertThat(progress.done).isEmpty();
        assertThat(String.valueOf(issue(github, 1).get("body"))).contains(FakeGitHub.HTML + "/issues/999");
    }

    @Test
    void aBadTokenFailsAtOnceNamingTheCall() {
        assertThatThrownBy(() -> sink(GitHubSink.Mode.ISSUE, false, "gh-wrong-token")
                .file(PostmortemFixture.postmortem(), null, new RecordedProgress()))
                .isInstanceOf(SinkFailure.class)
                .hasMessage("GitHub POST /repos/acme/ops/issues answered HTTP 401 Bad credentials (check the GitHub token)")
                .hasMessageNotContaining("gh-wrong-token");
        github.server().verify(1, postRequestedFor(urlEqualTo("/repos/acme/ops/issues"))
                .withHeader("Authorization", matching("Bearer .*")));
        assertThat(github.issues()).isEmpty();
    }

    /** A 503 means GitHub did not take the request on, so even a POST is sent again. */
    @Test
    void serviceUnavailableIsRetriedEvenForAPost() {
        github.failNext("POST", "/repos/acme/ops/issues", 503, 2);
        assertThat(sink(GitHubSink.Mode.ISSUE, false).file(PostmortemFixture.postmortem(), null,
                new RecordedProgress()).id()).isEqualTo("1");
        github.server().verify(3, postRequestedFor(urlEqualTo("/repos/acme/ops/issues")));
        assertThat(github.issues()).hasSize(1);
    }

    /** GitHub's secondary rate limit (429 or 403, with Retry-After): waited out, not failed, not hammered. */
    @Test
    void aSecondaryRateLimitIsWaitedOutForAsLongAsGitHubSays() {
        github.rateLimitNext("POST", "/repos/acme/ops/issues", 429, 1);
        github.rateLimitNext("PATCH", "/repos/acme/ops/issues/1", 403, 1);
        GitHubSink sink = sink(GitHubSink.Mode.ISSUE, true);

        FiledDocument filed = sink.file(PostmortemFixture.postmortem(), null, new RecordedProgress());

        // Three attempts 10 ms apart would all have come too early and been limited again.
        assertThat(github.tooEarly()).isZero();
        github.server().verify(3, postRequestedFor(urlEqualTo("/repos/acme/ops/issues")));
        assertThat(github.issues()).hasSize(2);
        assertThat(String.valueOf(issue(github, 1).get("body"))).contains(filed.actionItems().get(1));
    }

    /** A create whose answer was lost is not sent again (GitHub would open a second issue); it is found by its title. */
    @Test
    void anIssueWhoseAnswerWasLostIsFoundInsteadOfOpenedTwice() {
        github.loseAnswerOfNext("POST", "/repos/acme/ops/issues");
        GitHubSink sink = sink(GitHubSink.Mode.ISSUE, true);

        FiledDocument filed = sink.file(PostmortemFixture.postmortem(), null, new RecordedProgress());

        assertThat(filed.id()).isEqualTo("1");
        github.server().verify(2, postRequestedFor(urlEqualTo("/repos/acme/ops/issues")));
        assertThat(github.issues()).extracting(i -> i.get("title"))
                .containsExactly("Postmortem INC-42: Checkout errors", "INC-42: Add a canary stage");
    }

    @Test
    void anActionItemIssueWhoseAnswerWasLostIsFoundToo() {
        github.loseAnswerOfNext("POST", "/repos/acme/ops/issues");
        GitHubSink sink = sink(GitHubSink.Mode.ISSUE, true);
        FiledDocument filed = sink.file(PostmortemFixture.postmortem(), null, new RecordedProgress());
        // The first POST was the postmortem; lose the action item's instead, on another incident's filing.
        assertThat(filed.actionItems()).containsExactly(Map.entry(1, FakeGitHub.HTML + "/issues/2"));

        github.loseAnswerOfNext("POST", "/repos/acme/ops/issues");
        Postmortem other = PostmortemFixture.postmortem("Checkout errors", new ActionItem(2, "Write the runbook",
                null, null, false, PostmortemFixture.T0, PostmortemFixture.ALICE));
        FiledDocument second = sink.file(other, filed, new RecordedProgress());
        assertThat(second.actionItems()).containsEntry(2, FakeGitHub.HTML + "/issues/3");
        assertThat(github.issues()).hasSize(3);
    }

    @Test
    void aPullRequestWhoseAnswerIsLostNowIsFoundByItsBranch() {
        github.loseAnswerOfNext("POST", "/repos/acme/ops/pulls");
        FiledDocument filed = sink(GitHubSink.Mode.PULL_REQUEST, false).file(PostmortemFixture.postmortem(), null,
                new RecordedProgress());
        assertThat(filed.url()).isEqualTo(FakeGitHub.HTML + "/pull/1");
        github.server().verify(1, postRequestedFor(urlEqualTo("/repos/acme/ops/pulls")));
        assertThat(github.pulls()).hasSize(1);
    }

    /** A 502 to a create may come after GitHub made it: looked for, not sent again, and the failure says so. */
    @Test
    void aServerErrorToACreateIsNotRepeatedAndTheFailureSaysWhatWasChecked() {
        github.failNext("POST", "/repos/acme/ops/issues", 502, 1);
        assertThatThrownBy(() -> sink(GitHubSink.Mode.ISSUE, false).file(PostmortemFixture.postmortem(), null,
                new RecordedProgress()))
                .isInstanceOf(SinkFailure.class)
                .hasMessageStartingWith("GitHub POST /repos/acme/ops/issues got no clear answer (HTTP 502 Server Error)"
                        + " and was not sent again")
                .hasMessageContaining("no issue titled \"Postmortem INC-42: Checkout errors\" is in acme/ops")
                .hasMessageNotContaining("gh-test-token");
        github.server().verify(1, postRequestedFor(urlEqualTo("/repos/acme/ops/issues")));
        assertThat(github.issues()).isEmpty();
    }

    @Test
    void aValidationErrorIsFinalAndNamesWhatGitHubSaid() {
        github.failNext("PATCH", "/repos/acme/ops/issues/1", 422, 1);
        GitHubSink sink = sink(GitHubSink.Mode.ISSUE, false);
        FiledDocument filed = sink.file(PostmortemFixture.postmortem(), null, new RecordedProgress());
        assertThatThrownBy(() -> sink.file(PostmortemFixture.postmortem(), filed, new RecordedProgress()))
                .isInstanceOf(SinkFailure.class)
                .hasMessage("GitHub PATCH /repos/acme/ops/issues/1 answered HTTP 422 Injected");
        github.server().verify(1, com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor(
                urlEqualTo("/repos/acme/ops/issues/1")));
    }
}
