package dev.sitrep.postmortem;

import dev.sitrep.commands.incident.FiledDocument;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.message.Postmortem;
import dev.sitrep.commands.port.FilingProgress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@link GitHubSink}'s pull-request mode: the postmortem as {@code <folder>/INC-<n>-<slug>.md} on a
 * branch of its own, committed over the version there when filed again, under one pull request.
 */
final class GitHubPullRequests {

    static final String BRANCH = "branch";

    private final GitHubSink.Settings settings;
    private final JsonHttp http;

    GitHubPullRequests(GitHubSink.Settings settings, JsonHttp http) {
        this.settings = settings;
        this.http = http;
    }

    /** The branch (remembered once created), the file on it, then the pull request. */
    FiledDocument create(Postmortem postmortem, String title, String body, Incident incident,
                         FiledDocument document, FilingProgress progress) {
        String base = settings.baseBranch() != null ? settings.baseBranch()
                : String.valueOf(http.object("GET", repo(""), null).get("default_branch"));
        FiledDocument started = document;
        String branch = started.parts().get(BRANCH);
        if (branch == null) {
            branch = branchOf(incident);
            if (http.send("GET", repo("/git/ref/heads/" + branch), null, true) == null) {
                @SuppressWarnings("unchecked")
                Map<String, Object> baseRef = (Map<String, Object>) http.object("GET", repo("/git/ref/heads/" + base),
                        null).get("object");
                http.object("POST", repo("/git/refs"), Map.of("ref", "refs/heads/" + branch, "sha", baseRef.get("sha")));
            }
            started = started.withPart(BRANCH, branch);
            progress.filed(started);
        }
        commit(postmortem, title, body, branch);
        String path = settings.folder() + "/" + postmortem.fileName();
        Map<String, Object> pull;
        try {
            pull = http.object("POST", repo("/pulls"), Map.of("title", title, "head", branch, "base", base,
                    "body", "The postmortem skeleton of " + incident.id() + ", filed by sitrep. Fill in the blanks and "
                            + "review it here.\n\nFile: `" + path + "`"));
        } catch (SinkFailure e) {
            if (e.status() != 422 && !e.outcomeUnknown()) {
                throw e;
            }
            // Opened before but its answer was lost (now, or by an earlier attempt: GitHub then refuses a second
            // pull request for the branch with 422): found by its branch.
            pull = openPullRequest(branch).orElseThrow(() -> e);
        }
        return started.at(String.valueOf(pull.get("number")), String.valueOf(pull.get("html_url")));
    }

    /** Commits the new version of the file to the branch the document remembers. */
    void update(Postmortem postmortem, String title, String body, Incident incident, FiledDocument document) {
        commit(postmortem, title, body, document.parts().getOrDefault(BRANCH, branchOf(incident)));
    }

    @SuppressWarnings("unchecked")
    private Optional<Map<String, Object>> openPullRequest(String branch) {
        String owner = settings.repository().substring(0, settings.repository().indexOf('/'));
        List<Map<String, Object>> pulls = (List<Map<String, Object>>) http.send("GET", repo("/pulls?state=open&head="
                + URLEncoder.encode(owner + ":" + branch, StandardCharsets.UTF_8)), null, false);
        return pulls == null ? Optional.empty() : pulls.stream().findFirst();
    }

    /** Commits the file to the branch, over the version there (GitHub requires its blob SHA to replace it). */
    private void commit(Postmortem postmortem, String title, String body, String branch) {
        String path = settings.folder() + "/" + postmortem.fileName();
        @SuppressWarnings("unchecked")
        Map<String, Object> existing = (Map<String, Object>) http.send("GET",
                repo("/contents/" + path + "?ref=" + URLEncoder.encode(branch, StandardCharsets.UTF_8)), null, true);
        Map<String, Object> put = new LinkedHashMap<>();
        put.put("message", (existing == null ? "Add " : "Update ") + title);
        put.put("content", Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)));
        put.put("branch", branch);
        if (existing != null) {
            put.put("sha", existing.get("sha"));
        }
        http.object("PUT", repo("/contents/" + path), put);
    }

    /** The branch of the pull request; documents stored before branches were remembered used this name too. */
    private static String branchOf(Incident incident) {
        return "postmortem/" + incident.id().label().toLowerCase(Locale.ROOT);
    }

    private String repo(String rest) {
        return settings.repoUrl(rest);
    }
}
