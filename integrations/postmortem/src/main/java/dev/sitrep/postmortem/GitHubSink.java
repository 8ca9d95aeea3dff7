package dev.sitrep.postmortem;

import dev.sitrep.commands.incident.ActionItem;
import dev.sitrep.commands.incident.FiledDocument;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.message.Postmortem;
import dev.sitrep.commands.port.PostmortemSink;
import dev.sitrep.templates.TemplateRenderer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * GitHub: the postmortem as an issue (labels configurable) or as a pull request that adds
 * {@code postmortems/INC-<n>-<slug>.md} on its own branch, where engineers review it like code.
 * Filing again edits the issue, or commits the new version of the file (with its SHA) to the branch.
 */
public final class GitHubSink implements PostmortemSink {

    public enum Mode { ISSUE, PULL_REQUEST }

    /** {@code repository} is owner/name; {@code baseBranch} null means the repository's default branch. */
    public record Settings(String apiUrl, String repository, String token, Mode mode, List<String> labels,
                           @Nullable String baseBranch, String folder, boolean fileActionItems,
                           List<String> actionItemLabels) {
        public Settings {
            if (!repository.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")) {
                throw new IllegalArgumentException("sitrep.postmortem.github.repository must be owner/name, was '"
                        + repository + "'");
            }
            apiUrl = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
        }
    }

    private final Settings settings;
    private final TemplateRenderer markdown;
    private final Redactor redactor;
    private final JsonHttp http;

    public GitHubSink(Settings settings, TemplateRenderer markdown, Redactor redactor, int maxAttempts,
                      Duration firstBackoff, Duration timeout) {
        this.settings = settings;
        this.markdown = markdown;
        this.redactor = redactor;
        this.http = new JsonHttp("GitHub", Map.of("Authorization", "Bearer " + settings.token(),
                "X-GitHub-Api-Version", "2022-11-28", "Accept", "application/vnd.github+json"),
                maxAttempts, firstBackoff, timeout);
    }

    @Override
    public String name() {
        return "github";
    }

    @Override
    public FiledDocument file(Postmortem postmortem, @Nullable FiledDocument previous) {
        Postmortem redacted = redactor.redact(postmortem);
        Map<Integer, String> actionItems = fileActionItems(redacted, previous);
        // Rendered after the action items are filed, so the postmortem links to each of them.
        redacted = new Postmortem(redacted.incident().withActionItemLinks(actionItems), redacted.timeline(),
                redacted.durations(), redacted.generatedAt());
        String body = redactor.redact(markdown.render(redacted));
        String title = "Postmortem " + redacted.incident().id() + ": " + redacted.incident().title();
        FiledDocument filed = settings.mode() == Mode.ISSUE ? issue(title, body, previous)
                : pullRequest(redacted, title, body, previous);
        return new FiledDocument(filed.sink(), filed.id(), filed.url(), actionItems);
    }

    /** One issue per action item not filed before; returns every action item's issue link. */
    private Map<Integer, String> fileActionItems(Postmortem postmortem, @Nullable FiledDocument previous) {
        Map<Integer, String> links = new LinkedHashMap<>(previous == null ? Map.of() : previous.actionItems());
        if (!settings.fileActionItems()) {
            return links;
        }
        Incident incident = postmortem.incident();
        for (ActionItem item : incident.actionItems()) {
            if (links.containsKey(item.number()) || item.link() != null) {
                continue;
            }
            String body = "Action item #" + item.number() + " from the postmortem of " + incident.id() + " ("
                    + incident.title() + ").\n\nOwner: " + (item.owner() == null ? "unassigned" : item.owner().displayName())
                    + "\nDue: " + (item.due() == null ? "—" : item.due()) + "\n\nFiled by sitrep.";
            Map<String, Object> issue = http.object("POST", repo("/issues"), Map.of("title",
                    incident.id() + ": " + item.text(), "body", body, "labels", settings.actionItemLabels()));
            links.put(item.number(), String.valueOf(issue.get("html_url")));
        }
        return links;
    }

    private FiledDocument issue(String title, String body, @Nullable FiledDocument previous) {
        Map<String, Object> answer;
        if (previous != null) {
            answer = http.object("PATCH", repo("/issues/" + previous.id()), Map.of("title", title, "body", body));
        } else {
            answer = http.object("POST", repo("/issues"), Map.of("title", title, "body", body, "labels", settings.labels()));
        }
        return new FiledDocument(name(), String.valueOf(answer.get("number")), String.valueOf(answer.get("html_url")));
    }

    private FiledDocument pullRequest(Postmortem postmortem, String title, String body, @Nullable FiledDocument previous) {
        Incident incident = postmortem.incident();
        String branch = "postmortem/" + incident.id().label().toLowerCase(Locale.ROOT);
        String path = settings.folder() + "/" + postmortem.fileName();
        String base = settings.baseBranch() != null ? settings.baseBranch()
                : String.valueOf(http.object("GET", repo(""), null).get("default_branch"));
        if (http.send("GET", repo("/git/ref/heads/" + branch), null, true) == null) {
            @SuppressWarnings("unchecked")
            Map<String, Object> baseRef = (Map<String, Object>) http.object("GET", repo("/git/ref/heads/" + base), null)
                    .get("object");
            http.object("POST", repo("/git/refs"), Map.of("ref", "refs/heads/" + branch, "sha", baseRef.get("sha")));
        }
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
        if (previous != null) {
            return previous;
        }
        Map<String, Object> pull = http.object("POST", repo("/pulls"), Map.of("title", title, "head", branch, "base", base,
                "body", "The postmortem skeleton of " + incident.id() + ", filed by sitrep. Fill in the blanks and "
                        + "review it here.\n\nFile: `" + path + "`"));
        return new FiledDocument(name(), String.valueOf(pull.get("number")), String.valueOf(pull.get("html_url")));
    }

    private String repo(String rest) {
        return settings.apiUrl() + "/repos/" + settings.repository() + rest;
    }
}
