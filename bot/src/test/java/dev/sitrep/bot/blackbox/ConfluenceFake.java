package dev.sitrep.bot.blackbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for the Confluence Cloud REST API v1 content endpoints, written from
 * https://developer.atlassian.com/cloud/confluence/rest/v1/api-group-content/ . The README's
 * configuration (a space <em>key</em>, a parent page id, base URL {@code https://acme.atlassian.net/wiki},
 * Basic auth with an e-mail on Cloud or Bearer on Data Center) is that API's. Served under
 * {@code /wiki}. One space {@code OPS} with one parent page.
 */
final class ConfluenceFake extends FakeHttp {

    static final String SPACE = "OPS";
    static final String PARENT_ID = "1000";

    private final String user;
    private final String token;
    private final AtomicLong ids = new AtomicLong(2000);

    /** id → page (the current version). */
    final Map<String, ObjectNode> pages = new LinkedHashMap<>();
    /** id → storage bodies of every version, in order (index 0 = version 1). */
    final Map<String, List<String>> versions = new LinkedHashMap<>();
    /** Every title and storage body ever accepted. */
    final List<String> filedTexts = new ArrayList<>();
    /** Storage bodies the fake refused as not well-formed, with the parser's message. */
    final List<String> malformed = new ArrayList<>();
    /** Requests to endpoints this fake does not model. */
    final List<String> unknownRoutes = new ArrayList<>();

    ConfluenceFake(String user, String token) throws IOException {
        super();
        this.user = user;
        this.token = token;
        ObjectNode parent = page(PARENT_ID, "Postmortems", "<p>All postmortems.</p>", 1);
        pages.put(PARENT_ID, parent);
        versions.put(PARENT_ID, new ArrayList<>(List.of("<p>All postmortems.</p>")));
    }

    String wikiUrl() {
        return baseUrl() + "/wiki";
    }

    // https://developer.atlassian.com/cloud/confluence/rest/v1/intro/#about : error bodies are
    // {"statusCode": n, "data": {...}, "message": "..."}
    private static Answer error(int status, String message) {
        ObjectNode n = object().put("statusCode", status);
        n.putObject("data").put("authorized", status != 401 && status != 403).put("valid", status < 400 || status == 409)
                .put("successful", false).putArray("errors");
        n.put("message", message);
        return Answer.json(status, n);
    }

    private static final Pattern CONTENT = Pattern.compile("^/wiki/rest/api/content(?:/(\\d+))?/?$");

    @Override
    Answer handle(Request r) throws IOException {
        // https://developer.atlassian.com/cloud/confluence/basic-auth-for-rest-apis/ :
        // "Authorization: Basic base64(email:api_token)"; Data Center personal access tokens:
        // "Authorization: Bearer <token>"
        // (https://confluence.atlassian.com/enterprise/using-personal-access-tokens-1026032365.html).
        // Anything else: 401.
        String expectedBasic = "Basic " + Base64.getEncoder().encodeToString((user + ":" + token).getBytes(StandardCharsets.UTF_8));
        String auth = r.authorization();
        boolean ok = user == null ? ("Bearer " + token).equals(auth) : expectedBasic.equals(auth);
        if (!ok) {
            return error(401, "Client must be authenticated to access this resource.");
        }
        Matcher m = CONTENT.matcher(r.path());
        if (!m.matches()) {
            unknownRoutes.add(r.method() + " " + r.path());
            return error(404, "No content found at " + r.path());
        }
        String id = m.group(1);
        JsonNode body = null;
        if (r.body() != null && !r.body().isBlank()) {
            try {
                body = r.json();
            } catch (IOException e) {
                return error(400, "Unable to parse JSON body: " + e.getMessage());
            }
        }
        if (id == null && r.method().equals("GET")) {
            return search(r.params());
        }
        if (id == null && r.method().equals("POST")) {
            return create(body);
        }
        if (id != null && r.method().equals("GET")) {
            // https://developer.atlassian.com/cloud/confluence/rest/v1/api-group-content/#api-wiki-rest-api-content-id-get
            ObjectNode p = pages.get(id);
            return p == null ? error(404, "No content found with id: ContentId{id=" + id + "}") : Answer.json(200, p);
        }
        if (id != null && r.method().equals("PUT")) {
            return update(id, body);
        }
        unknownRoutes.add(r.method() + " " + r.path());
        return error(405, "Method not allowed");
    }

    /** https://developer.atlassian.com/cloud/confluence/rest/v1/api-group-content/#api-wiki-rest-api-content-get : spaceKey, title, type, expand */
    private Answer search(Map<String, String> params) {
        ArrayNode results = JSON.createArrayNode();
        for (ObjectNode p : pages.values()) {
            if (params.containsKey("spaceKey") && !params.get("spaceKey").equals(SPACE)) {
                continue;
            }
            if (params.containsKey("title") && !params.get("title").equals(p.get("title").asText())) {
                continue;
            }
            results.add(p);
        }
        ObjectNode out = object();
        out.set("results", results);
        out.put("start", 0).put("limit", 25).put("size", results.size());
        out.putObject("_links").put("base", wikiUrl()).put("context", "/wiki");
        return Answer.json(200, out);
    }

    /** https://developer.atlassian.com/cloud/confluence/rest/v1/api-group-content/#api-wiki-rest-api-content-post */
    private Answer create(JsonNode body) {
        if (body == null || !body.isObject()) {
            return error(400, "Unable to parse JSON body");
        }
        if (!body.path("type").isTextual()) {
            return error(400, "Content type is required");
        }
        if (!body.path("title").isTextual() || body.get("title").asText().isBlank()) {
            return error(400, "Content title is required");
        }
        if (!SPACE.equals(body.path("space").path("key").asText(null))) {
            return error(400, "Could not find space with key: " + body.path("space").path("key").asText(""));
        }
        for (JsonNode a : body.path("ancestors")) {
            if (!pages.containsKey(a.path("id").asText())) {
                return error(400, "Could not find ancestor with id " + a.path("id").asText());
            }
        }
        String title = body.get("title").asText();
        // Titles are unique within a space: "A page with this title already exists"
        // (https://support.atlassian.com/confluence-cloud/docs/create-edit-and-publish-a-page/ ; the API answers 400).
        for (ObjectNode p : pages.values()) {
            if (p.get("title").asText().equals(title)) {
                return error(400, "A page with this title already exists: A page already exists with the same TITLE in this space");
            }
        }
        Answer bad = checkStorage(body);
        if (bad != null) {
            return bad;
        }
        String storage = body.path("body").path("storage").path("value").asText();
        String id = String.valueOf(ids.incrementAndGet());
        ObjectNode p = page(id, title, storage, 1);
        pages.put(id, p);
        versions.put(id, new ArrayList<>(List.of(storage)));
        filedTexts.add(title);
        filedTexts.add(storage);
        return Answer.json(200, p);
    }

    /**
     * https://developer.atlassian.com/cloud/confluence/rest/v1/api-group-content/#api-wiki-rest-api-content-id-put :
     * "version.number: The new version for the updated content. Set this to the current version number
     * incremented by one"; type and title are required; a stale or skipped number is a 409 Conflict.
     */
    private Answer update(String id, JsonNode body) {
        ObjectNode p = pages.get(id);
        if (p == null) {
            return error(404, "No content found with id: ContentId{id=" + id + "}");
        }
        if (body == null || !body.isObject()) {
            return error(400, "Unable to parse JSON body");
        }
        if (!body.path("type").isTextual()) {
            return error(400, "Content type is required");
        }
        if (!body.path("title").isTextual()) {
            return error(400, "Content title is required");
        }
        int current = p.path("version").path("number").asInt();
        if (!body.path("version").path("number").isInt()) {
            return error(400, "Version number is required to update content");
        }
        int given = body.path("version").path("number").asInt();
        if (given != current + 1) {
            return error(409, "Version must be incremented on update. Current version is: " + current);
        }
        Answer bad = checkStorage(body);
        if (bad != null) {
            return bad;
        }
        String storage = body.path("body").path("storage").path("value").asText();
        ObjectNode updated = page(id, body.get("title").asText(), storage, given);
        pages.put(id, updated);
        versions.get(id).add(storage);
        filedTexts.add(body.get("title").asText());
        filedTexts.add(storage);
        return Answer.json(200, updated);
    }

    /**
     * Storage format is XHTML (https://confluence.atlassian.com/doc/confluence-storage-format-790796544.html):
     * Confluence parses the value as XML and refuses what is not well-formed with 400 "Error parsing xhtml".
     */
    private Answer checkStorage(JsonNode body) {
        JsonNode storage = body.path("body").path("storage");
        if (!storage.path("value").isTextual() || !"storage".equals(storage.path("representation").asText())) {
            return error(400, "Body must be in the storage representation");
        }
        String problem = wellFormedProblem(storage.get("value").asText());
        if (problem != null) {
            malformed.add(problem);
            return error(400, "Error parsing xhtml: " + problem);
        }
        return null;
    }

    /** Someone edits every filed page in the browser: each gets a new version, so the next update must send that + 1. */
    synchronized int humanEditsPages() {
        int n = 0;
        for (String id : new ArrayList<>(pages.keySet())) {
            if (id.equals(PARENT_ID)) {
                continue;
            }
            ObjectNode p = pages.get(id);
            String storage = p.path("body").path("storage").path("value").asText() + "<p>Edited by a reviewer.</p>";
            pages.put(id, page(id, p.get("title").asText(), storage, p.path("version").path("number").asInt() + 1));
            versions.get(id).add(storage);
            n++;
        }
        return n;
    }

    /** null when the storage value is well-formed XHTML (with Confluence's ac:/ri: namespaces and the HTML entities Confluence knows). */
    static String wellFormedProblem(String value) {
        String doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE root [\n"
                + "<!ENTITY nbsp \"&#160;\"><!ENTITY mdash \"&#8212;\"><!ENTITY ndash \"&#8211;\"><!ENTITY middot \"&#183;\">"
                + "<!ENTITY hellip \"&#8230;\"><!ENTITY rarr \"&#8594;\"><!ENTITY larr \"&#8592;\"><!ENTITY bull \"&#8226;\">"
                + "<!ENTITY copy \"&#169;\"><!ENTITY times \"&#215;\"><!ENTITY rsquo \"&#8217;\"><!ENTITY lsquo \"&#8216;\">"
                + "<!ENTITY ldquo \"&#8220;\"><!ENTITY rdquo \"&#8221;\">\n]>\n"
                + "<root xmlns:ac=\"http://atlassian.com/content\" xmlns:ri=\"http://atlassian.com/resource/identifier\">"
                + value + "</root>";
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setExpandEntityReferences(true);
            var builder = f.newDocumentBuilder();
            builder.setErrorHandler(null);
            builder.parse(new InputSource(new StringReader(doc)));
            return null;
        } catch (SAXParseException e) {
            return "line " + (e.getLineNumber() - 4) + " column " + e.getColumnNumber() + ": " + e.getMessage();
        } catch (Exception e) {
            return e.toString();
        }
    }

    /** Shape: https://developer.atlassian.com/cloud/confluence/rest/v1/api-group-content/#api-wiki-rest-api-content-post (response) */
    private ObjectNode page(String id, String title, String storage, int version) {
        ObjectNode p = object().put("id", id).put("type", "page").put("status", "current").put("title", title);
        p.putObject("space").put("id", 77).put("key", SPACE).put("name", "Operations").put("type", "global");
        p.putObject("version").put("number", version).put("minorEdit", false);
        p.putObject("body").putObject("storage").put("value", storage).put("representation", "storage");
        ArrayNode anc = p.putArray("ancestors");
        if (!id.equals(PARENT_ID)) {
            anc.add(object().put("id", PARENT_ID).put("type", "page").put("title", "Postmortems"));
        }
        String slug = title.replace(' ', '+');
        p.putObject("_links").put("webui", "/spaces/" + SPACE + "/pages/" + id + "/" + slug)
                .put("tinyui", "/x/" + id).put("self", wikiUrl() + "/rest/api/content/" + id)
                .put("base", wikiUrl()).put("context", "/wiki");
        return p;
    }
}
