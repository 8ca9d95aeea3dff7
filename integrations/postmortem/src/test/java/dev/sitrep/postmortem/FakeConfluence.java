package dev.sitrep.postmortem;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.xml.sax.InputSource;
import org.xml.sax.helpers.DefaultHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Confluence space ({@code OPS}) under {@code /wiki} behind WireMock that keeps its pages and
 * refuses what the Confluence REST API (v1 content) refuses: no or wrong credentials, a body that
 * is not well-formed storage XHTML, an update whose version is not the current one plus one,
 * a second page with the same title in the space.
 */
final class FakeConfluence implements ResponseDefinitionTransformerV2 {

    static final String SPACE = "OPS";
    private static final String API = "/wiki/rest/api/content";

    private final String authorization;
    private final JsonMapper json = JsonMapper.builder().build();
    private final WireMockServer server;
    private final AtomicInteger ids = new AtomicInteger(9000);
    private final Map<String, Map<String, Object>> pages = new LinkedHashMap<>();
    private int rateLimitNextPosts;
    private int retryAfterSeconds;
    private long limitedUntil;
    private int loseNextPostAnswers;
    /** Every storage body accepted, in order: the versions of the pages. */
    private final List<String> versions = new ArrayList<>();

    FakeConfluence(String user, String token) {
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + token)
                .getBytes(StandardCharsets.UTF_8));
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").extensions(this));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse()));
    }

    String url() {
        return "http://127.0.0.1:" + server.port() + "/wiki";
    }

    WireMockServer server() {
        return server;
    }

    void shutdown() {
        server.stop();
    }

    /** The next {@code times} page creations are rate limited with {@code Retry-After}. */
    synchronized void rateLimitNextPosts(int times, int retryAfter) {
        rateLimitNextPosts = times;
        retryAfterSeconds = retryAfter;
    }

    /** The next page creation is carried out, then its answer is lost (the connection drops). */
    synchronized void loseNextPostAnswer() {
        loseNextPostAnswers++;
    }

    synchronized Map<String, Object> page(String id) {
        return pages.get(id);
    }

    synchronized List<String> versions() {
        return List.copyOf(versions);
    }

    @Override
    public String getName() {
        return "fake-confluence";
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        Request request = event.getRequest();
        URI uri = URI.create(request.getUrl());
        String path = uri.getRawPath();
        String method = request.getMethod().getName();
        // https://developer.atlassian.com/cloud/confluence/basic-auth-for-rest-apis/: email and API token, Basic.
        if (!authorization.equals(request.getHeader("Authorization"))) {
            return error(401, "Unauthorized; scope does not match");
        }
        Map<String, Object> body = request.getBodyAsString().isBlank() ? Map.of() : readMap(request.getBodyAsString());
        if (path.equals(API) && method.equals("POST")) {
            ResponseDefinition limited = rateLimit();
            if (limited != null) {
                return limited;
            }
            ResponseDefinition created = create(body);
            if (loseNextPostAnswers > 0) {
                loseNextPostAnswers--;
                return aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.EMPTY_RESPONSE).build();
            }
            return created;
        }
        if (path.equals(API) && method.equals("GET")) {
            return find(uri);
        }
        Matcher m = Pattern.compile(Pattern.quote(API) + "/([0-9]+)").matcher(path);
        if (m.matches()) {
            Map<String, Object> page = pages.get(m.group(1));
            if (page == null) {
                return error(404, "No content found with id: ContentId{id=" + m.group(1) + "}");
            }
            if (method.equals("GET")) {
                return ok(200, view(page));
            }
            if (method.equals("PUT")) {
                return update(page, body);
            }
        }
        return error(404, "null for uri: " + uri);
    }

    /**
     * https://developer.atlassian.com/cloud/confluence/rate-limiting/: a limited request is answered 429
     * with Retry-After (seconds), and one sent again before that period is over is limited again.
     */
    private ResponseDefinition rateLimit() {
        long now = System.currentTimeMillis();
        if (now < limitedUntil) {
            return limited();
        }
        if (rateLimitNextPosts > 0) {
            rateLimitNextPosts--;
            limitedUntil = now + retryAfterSeconds * 1000L;
            return limited();
        }
        return null;
    }

    private ResponseDefinition limited() {
        return aResponse().withStatus(429).withHeader("Retry-After", String.valueOf(retryAfterSeconds))
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Rate limit exceeded\",\"statusCode\":429}").build();
    }

    /**
     * https://developer.atlassian.com/cloud/confluence/rest/v1/api-group-content/#api-wiki-rest-api-content-get:
     * pages of a space by exact title (titles are unique in a space), as {@code results}.
     */
    private ResponseDefinition find(URI uri) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery() == null ? new String[0] : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], kv.length < 2 ? "" : java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        List<Map<String, Object>> results = pages.values().stream()
                .filter(p -> SPACE.equals(query.get("spaceKey")) && p.get("title").equals(query.get("title")))
                .map(this::view).toList();
        return ok(200, Map.of("results", results, "start", 0, "limit", 25, "size", results.size()));
    }

    /** https://developer.atlassian.com/cloud/confluence/rest/v1/api-group-content/#api-wiki-rest-api-content-post */
    @SuppressWarnings("unchecked")
    private ResponseDefinition create(Map<String, Object> body) {
        Object space = ((Map<String, Object>) body.getOrDefault("space", Map.of())).get("key");
        if (!SPACE.equals(space)) {
            return error(404, "No space with key : " + space);
        }
        String title = String.valueOf(body.get("title"));
        // Titles are unique within a space.
        if (pages.values().stream().anyMatch(p -> title.equals(p.get("title")))) {
            return error(400, "A page with this title already exists: A page already exists with the title " + title
                    + " in the space with key " + SPACE);
        }
        String storage = storage(body);
        String problem = storage == null ? "Content body cannot be empty" : malformed(storage);
        if (problem != null) {
            return error(400, "Error parsing xhtml: " + problem);
        }
        String id = String.valueOf(ids.incrementAndGet());
        Map<String, Object> page = new LinkedHashMap<>(Map.of("id", id, "type", "page", "status", "current",
                "title", title, "version", 1, "storage", storage));
        pages.put(id, page);
        versions.add(storage);
        return ok(200, view(page));
    }

    /**
     * https://developer.atlassian.com/cloud/confluence/rest/v1/api-group-content/#api-wiki-rest-api-content-id-put:
     * "version: the new version number", i.e. the current one plus one; anything else is a 409 conflict.
     */
    @SuppressWarnings("unchecked")
    private ResponseDefinition update(Map<String, Object> page, Map<String, Object> body) {
        Object number = ((Map<String, Object>) body.getOrDefault("version", Map.of())).get("number");
        int current = (int) page.get("version");
        if (!(number instanceof Number n) || n.intValue() != current + 1) {
            return error(409, "Version must be incremented on update. Current version is: " + current);
        }
        if (body.get("type") == null || body.get("title") == null) {
            return error(400, "Must supply a type and a title when updating content");
        }
        String storage = storage(body);
        String problem = storage == null ? "Content body cannot be empty" : malformed(storage);
        if (problem != null) {
            return error(400, "Error parsing xhtml: " + problem);
        }
        page.put("version", current + 1);
        page.put("title", body.get("title"));
        page.put("storage", storage);
        versions.add(storage);
        return ok(200, view(page));
    }

    @SuppressWarnings("unchecked")
    private static String storage(Map<String, Object> body) {
        Map<String, Object> storage = (Map<String, Object>) ((Map<String, Object>) body.getOrDefault("body", Map.of()))
                .get("storage");
        if (storage == null || !"storage".equals(storage.get("representation"))) {
            return null;
        }
        return (String) storage.get("value");
    }

    /**
     * https://confluence.atlassian.com/doc/confluence-storage-format-790796544.html: storage format is
     * XHTML, and Confluence rejects a body that is not well-formed XML. Parsed as a fragment under one root.
     */
    private static String malformed(String storage) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            var builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler());
            builder.parse(new InputSource(new StringReader("<root xmlns:ac=\"http://atlassian.com/content\" "
                    + "xmlns:ri=\"http://atlassian.com/resource/identifier\">" + storage + "</root>")));
            return null;
        } catch (Exception e) {
            return e.getMessage();
        }
    }

    private Map<String, Object> view(Map<String, Object> page) {
        return Map.of("id", page.get("id"), "type", "page", "status", "current", "title", page.get("title"),
                "space", Map.of("key", SPACE), "version", Map.of("number", page.get("version")),
                "_links", Map.of("base", url(), "webui", "/spaces/" + SPACE + "/pages/" + page.get("id")));
    }

    private ResponseDefinition error(int status, String message) {
        return ok(status, Map.of("statusCode", status, "message", message,
                "data", Map.of("authorized", status != 401, "valid", false, "errors", List.of(), "successful", false)));
    }

    private ResponseDefinition ok(int status, Object body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(json.writeValueAsString(body)).build();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> readMap(String text) {
        return json.readValue(text, Map.class);
    }
}
