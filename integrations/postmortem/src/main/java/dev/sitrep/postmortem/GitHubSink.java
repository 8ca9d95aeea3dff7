package dev.sitrep.postmortem;

import dev.sitrep.commands.incident.ActionItem;
import dev.sitrep.commands.incident.FiledDocument;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.message.Postmortem;
import dev.sitrep.templates.MarkdownDialect;
import dev.sitrep.commands.port.FilingProgress;
import dev.sitrep.commands.port.PostmortemSink;
import dev.sitrep.http.OutboundPolicy;
import dev.sitrep.templates.TemplateRenderer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * GitHub: the postmortem as an issue (labels configurable) or as a pull request that adds
 * {@code postmortems/INC-<n>-<slug>.md} on its own branch, where engineers review it like code.
 * Filing again edits the issue, or commits the new version of the file (with its SHA) to the branch.
 * Action items become issues of their own, and closing one here or there closes it on both sides.
 */
public final class GitHubSink implements PostmortemSink {

    private static final System.Logger LOG = System.getLogger(GitHubSink.class.getName());

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

        /** The REST address of {@code rest} (a path and query, or nothing) in the repository. */
        String repoUrl(String rest) {
            return apiUrl + "/repos/" + repository + rest;
        }
    }

    private final Settings settings;
    private final TemplateRenderer markdown;
    private final Redactor redactor;
    private final JsonHttp http;
    private final GitHubPullRequests pullRequests;

    public GitHubSink(Settings settings, TemplateRenderer markdown, Redactor redactor, int maxAttempts,
                      Duration firstBackoff, Duration timeout) {
        this(settings, markdown, redactor, OutboundPolicy.of(maxAttempts, firstBackoff, timeout));
    }

    public GitHubSink(Settings settings, TemplateRenderer markdown, Redactor redactor, OutboundPolicy policy) {
        this.settings = settings;
        this.markdown = markdown;
        this.redactor = redactor;
        this.http = new JsonHttp("GitHub", Map.of("Authorization", "Bearer " + settings.token(),
                "X-GitHub-Api-Version", "2022-11-28", "Accept", "application/vnd.github+json"), policy);
        this.pullRequests = new GitHubPullRequests(settings, http);
    }

    @Override
    public String name() {
        return "github";
    }

    @Override
    public boolean filesActionItems() {
        return settings.fileActionItems();
    }

    /**
     * In order, each step remembered through {@code progress} the moment it exists, so a retry
     * resumes: the postmortem issue (or branch, file and pull request), then one issue per action
     * item linking back to it, then the postmortem again with every action item's link.
     */
    @Override
    public FiledDocument file(Postmortem postmortem, @Nullable FiledDocument previous, FilingProgress progress) {
        Postmortem redacted = redactor.redact(postmortem);
        FiledDocument document = previous != null ? previous : FiledDocument.started(name(), Map.of());
        Incident incident = closedOnGitHub(redacted.incident(), document, progress);
        String title = "Postmortem " + incident.id() + ": " + MarkdownDialect.titleText(incident.title());
        boolean created = !document.exists();
        if (created) {
            Incident linked = incident.withActionItemLinks(document.actionItems());
            document = settings.mode() == Mode.ISSUE
                    ? createIssue(title, render(redacted, linked), document)
                    : pullRequests.create(redacted, title, render(redacted, linked), linked, document, progress);
            progress.filed(document);
        }
        int linkedBefore = document.actionItems().size();
        document = fileActionItems(incident, document, progress);
        if (!created || document.actionItems().size() > linkedBefore) {
            String body = render(redacted, incident.withActionItemLinks(document.actionItems()));
            if (settings.mode() == Mode.ISSUE) {
                http.object("PATCH", repo("/issues/" + document.id()), Map.of("title", title, "body", body));
            } else {
                pullRequests.update(redacted, title, body, incident, document);
            }
        }
        return document;
    }

    /** Closes the action item's issue, as done on GitHub ("completed", not "not planned"). */
    @Override
    public void actionItemDone(FiledDocument document, ActionItem item) {
        http.object("PATCH", repo("/issues/" + issueNumber(document.actionItems().get(item.number()))),
                Map.of("state", "closed", "state_reason", "completed"));
    }

    private String render(Postmortem postmortem, Incident incident) {
        return redactor.redact(markdown.render(new Postmortem(incident, postmortem.timeline(), postmortem.durations(),
                postmortem.generatedAt())));
    }

    /**
     * Action items whose issue someone closed on GitHub are done here too. Best effort, item by item:
     * an issue deleted (404/410) or transferred (301) must not keep the postmortem from being filed.
     */
    private Incident closedOnGitHub(Incident incident, FiledDocument document, FilingProgress progress) {
        Incident seen = incident;
        for (ActionItem item : incident.actionItems()) {
            String link = document.actionItems().get(item.number());
            if (item.done() || link == null) {
                continue;
            }
            Object issue;
            try {
                issue = http.send("GET", repo("/issues/" + issueNumber(link)), null, true);
            } catch (SinkFailure e) {
                LOG.log(System.Logger.Level.WARNING, "Could not read action item #" + item.number() + "'s issue "
                        + link + ": " + e.getMessage());
                continue;
            }
            if (issue instanceof Map<?, ?> found && "closed".equals(found.get("state"))) {
                progress.actionItemDone(item.number());
                seen = seen.withActionItemDone(item.number());
            }
        }
        return seen;
    }

    /** One issue per open action item not filed before, each remembered as soon as GitHub has it. */
    private FiledDocument fileActionItems(Incident incident, FiledDocument document, FilingProgress progress) {
        if (!settings.fileActionItems()) {
            return document;
        }
        FiledDocument filed = document;
        for (ActionItem item : incident.actionItems()) {
            if (filed.actionItems().containsKey(item.number()) || item.link() != null || item.done()) {
                continue;
            }
            Map<String, Object> issue = openIssue(incident.id() + ": " + MarkdownDialect.titleText(item.text()),
                    actionItemBody(incident, item, filed.url()), settings.actionItemLabels());
            filed = filed.withActionItem(item.number(), String.valueOf(issue.get("html_url")));
            progress.filed(filed);
        }
        return filed;
    }

    /** User text escaped as in the postmortem (no markup, no @mentions); the link back makes GitHub cross-reference both. */
    private String actionItemBody(Incident incident, ActionItem item, String postmortemUrl) {
        var escape = markdown.dialect().outputFormat();
        return "Action item #" + item.number() + " from the postmortem of " + incident.id() + " ("
                + escape.escapePlainText(incident.title()) + "): " + postmortemUrl
                + "\n\nOwner: " + (item.owner() == null ? "unassigned" : markdown.dialect().mention(item.owner()))
                + "\nDue: " + (item.due() == null ? "—" : item.due())
                + "\n\n" + escape.escapePlainText(item.text()) + "\n\nFiled by sitrep.";
    }

    private FiledDocument createIssue(String title, String body, FiledDocument document) {
        Map<String, Object> answer = openIssue(title, body, settings.labels());
        return document.at(String.valueOf(answer.get("number")), String.valueOf(answer.get("html_url")));
    }

    /**
     * GitHub makes a second issue for a second POST, so the POST is never repeated after its answer
     * was lost (the policy sees to that); the issue is looked for by its title instead. The gap left:
     * an issue GitHub makes only after that look is not found, and the next filing opens another.
     */
    private Map<String, Object> openIssue(String title, String body, List<String> labels) {
        try {
            return http.object("POST", repo("/issues"), Map.of("title", title, "body", body, "labels", labels));
        } catch (SinkFailure e) {
            if (!e.outcomeUnknown()) {
                throw e;
            }
            return issueTitled(title, labels).orElseThrow(() -> new SinkFailure(e.getMessage() + "; no issue titled \""
                    + title + "\" is in " + settings.repository() + ", so filing again opens it (close a second one"
                    + " if GitHub made it late)", e));
        }
    }

    /** https://docs.github.com/en/rest/issues/issues#list-repository-issues: newest first, pull requests included. */
    @SuppressWarnings("unchecked")
    private Optional<Map<String, Object>> issueTitled(String title, List<String> labels) {
        String query = "/issues?state=all&sort=created&direction=desc&per_page=100" + (labels.isEmpty() ? ""
                : "&labels=" + URLEncoder.encode(String.join(",", labels), StandardCharsets.UTF_8));
        List<Map<String, Object>> issues = (List<Map<String, Object>>) http.send("GET", repo(query), null, false);
        return issues == null ? Optional.empty() : issues.stream()
                .filter(i -> title.equals(i.get("title")) && !i.containsKey("pull_request")).findFirst();
    }

    /** GitHub's html_url of an issue ends in its number. */
    private static String issueNumber(String htmlUrl) {
        Matcher m = Pattern.compile("/issues/([0-9]+)$").matcher(htmlUrl);
        if (!m.find()) {
            throw new IllegalStateException("not a GitHub issue link: " + htmlUrl);
        }
        return m.group(1);
    }

    private String repo(String rest) {
        return settings.repoUrl(rest);
    }
}
