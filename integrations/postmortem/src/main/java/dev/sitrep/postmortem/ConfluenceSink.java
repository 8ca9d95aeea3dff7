package dev.sitrep.postmortem;

import dev.sitrep.commands.incident.FiledDocument;
import dev.sitrep.commands.message.Postmortem;
import dev.sitrep.commands.port.FilingProgress;
import dev.sitrep.commands.port.PostmortemSink;
import dev.sitrep.http.OutboundPolicy;
import dev.sitrep.templates.TemplateRenderer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Confluence: a page in a space under a parent page, in storage format. Filing again updates the
 * page with the next version number, as Confluence requires.
 */
public final class ConfluenceSink implements PostmortemSink {

    /** {@code user} set: Basic auth (Confluence Cloud: email + API token); unset: Bearer (Data Center PAT). */
    public record Settings(String baseUrl, String space, @Nullable String parentId, @Nullable String user, String token) {
        public Settings {
            baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        }
    }

    private final Settings settings;
    private final TemplateRenderer markdown;
    private final Redactor redactor;
    private final JsonHttp http;

    public ConfluenceSink(Settings settings, TemplateRenderer markdown, Redactor redactor, int maxAttempts,
                          Duration firstBackoff, Duration timeout) {
        this(settings, markdown, redactor, OutboundPolicy.of(maxAttempts, firstBackoff, timeout));
    }

    public ConfluenceSink(Settings settings, TemplateRenderer markdown, Redactor redactor, OutboundPolicy policy) {
        this.settings = settings;
        this.markdown = markdown;
        this.redactor = redactor;
        String auth = settings.user() != null && !settings.user().isBlank()
                ? "Basic " + Base64.getEncoder().encodeToString((settings.user() + ":" + settings.token())
                .getBytes(StandardCharsets.UTF_8))
                : "Bearer " + settings.token();
        this.http = new JsonHttp("Confluence", Map.of("Authorization", auth), policy);
    }

    @Override
    public String name() {
        return "confluence";
    }

    @Override
    @SuppressWarnings("unchecked")
    public FiledDocument file(Postmortem postmortem, @Nullable FiledDocument previous, FilingProgress progress) {
        Postmortem redacted = redactor.redact(postmortem);
        String title = "Postmortem " + redacted.incident().id() + ": " + redacted.incident().title();
        String storage = MarkdownToStorage.convert(redactor.redact(markdown.render(redacted)));
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("type", "page");
        page.put("title", title);
        page.put("space", Map.of("key", settings.space()));
        page.put("body", Map.of("storage", Map.of("value", storage, "representation", "storage")));
        Map<String, Object> answer = previous == null || !previous.exists() ? create(page, title)
                : update(previous.id(), page);
        Map<String, Object> links = (Map<String, Object>) answer.getOrDefault("_links", Map.of());
        String base = String.valueOf(links.getOrDefault("base", settings.baseUrl()));
        String url = links.get("webui") != null ? base + links.get("webui") : settings.baseUrl() + "/pages/" + answer.get("id");
        return new FiledDocument(name(), String.valueOf(answer.get("id")), url);
    }

    private Map<String, Object> create(Map<String, Object> page, String title) {
        Map<String, Object> first = new LinkedHashMap<>(page);
        if (settings.parentId() != null && !settings.parentId().isBlank()) {
            first.put("ancestors", List.of(Map.of("id", settings.parentId())));
        }
        try {
            return http.object("POST", settings.baseUrl() + "/rest/api/content", first);
        } catch (SinkFailure e) {
            if (!e.outcomeUnknown()) {
                throw e;
            }
            // The answer was lost, so the page may exist; titles are unique in a space, so it is found by its title
            // (and a page made after this look makes the next POST fail by name instead of doubling it).
            String id = pageTitled(title).orElseThrow(() -> new SinkFailure(e.getMessage() + "; no page titled \""
                    + title + "\" is in space " + settings.space() + ", so filing again makes it", e));
            return update(id, page);
        }
    }

    /** Each update is the current version plus one, as Confluence requires. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> update(String id, Map<String, Object> page) {
        Map<String, Object> current = http.object("GET", settings.baseUrl() + "/rest/api/content/" + id
                + "?expand=version", null);
        int version = ((Number) ((Map<String, Object>) current.get("version")).get("number")).intValue();
        Map<String, Object> next = new LinkedHashMap<>(page);
        next.put("id", id);
        next.put("version", Map.of("number", version + 1));
        return http.object("PUT", settings.baseUrl() + "/rest/api/content/" + id, next);
    }

    /** https://developer.atlassian.com/cloud/confluence/rest/v1/api-group-content/#api-wiki-rest-api-content-get */
    @SuppressWarnings("unchecked")
    private Optional<String> pageTitled(String title) {
        Map<String, Object> found = http.object("GET", settings.baseUrl() + "/rest/api/content?type=page&spaceKey="
                + URLEncoder.encode(settings.space(), StandardCharsets.UTF_8) + "&title="
                + URLEncoder.encode(title, StandardCharsets.UTF_8), null);
        List<Map<String, Object>> results = (List<Map<String, Object>>) found.getOrDefault("results", List.of());
        return results.stream().findFirst().map(p -> String.valueOf(p.get("id")));
    }
}
