package dev.sitrep.postmortem;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * A GitHub repository ({@code acme/ops}) behind WireMock that keeps state and refuses what
 * GitHub's REST API refuses: no or a wrong token, replacing a file without its current blob SHA,
 * a second pull request for the same branch, a pull request without commits. Answers in the
 * shapes of docs.github.com. {@link #failNext} makes a call fail, as GitHub sometimes does.
 */
final class FakeGitHub implements ResponseDefinitionTransformerV2 {

    static final String REPO = "acme/ops";
    static final String HTML = "https://github.example/" + REPO;
    private static final String DOCS = "https://docs.github.com/rest";

    private final String token;
    private final JsonMapper json = JsonMapper.builder().build();
    private final WireMockServer server;
    private final AtomicInteger numbers = new AtomicInteger();
    private final Map<String, String> branches = new LinkedHashMap<>();
    /** branch → path → file content. */
    private final Map<String, Map<String, String>> files = new LinkedHashMap<>();
    private final Map<Integer, Map<String, Object>> issues = new LinkedHashMap<>();
    private final Map<Integer, Map<String, Object>> pulls = new LinkedHashMap<>();
    private final List<Failure> failures = new ArrayList<>();

    private record Failure(String method, Pattern path, int status) {
    }

    /** A rate limit that holds a route until {@code until}; {@code status} is 429 or 403 (GitHub sends both). */
    private record Limit(String method, Pattern path, int status, int retryAfterSeconds) {
    }

    private final List<Limit> limits = new ArrayList<>();
    private final Map<Limit, Long> limitedUntil = new LinkedHashMap<>();
    private final List<Failure> lostAnswers = new ArrayList<>();
    /** Requests refused because they came before the rate limit's Retry-After had passed. */
    private final AtomicInteger tooEarly = new AtomicInteger();

    FakeGitHub(String token) {
        this.token = token;
        branches.put("main", sha("initial commit"));
        files.put("main", new LinkedHashMap<>(Map.of("README.md", "# ops\n")));
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").extensions(this));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()));
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    WireMockServer server() {
        return server;
    }

    void shutdown() {
        server.stop();
    }

    /** The next {@code method} on a path matching {@code pathRegex} answers {@code status} (once per call). */
    synchronized void failNext(String method, String pathRegex, int status, int times) {
        for (int i = 0; i < times; i++) {
            failures.add(new Failure(method, Pattern.compile(pathRegex), status));
        }
    }

    /**
     * The next {@code method} on a matching path hits a secondary rate limit: answered {@code status}
     * with {@code Retry-After}, and so is every request to it until that many seconds have passed.
     */
    synchronized void rateLimitNext(String method, String pathRegex, int status, int retryAfterSeconds) {
        limits.add(new Limit(method, Pattern.compile(pathRegex), status, retryAfterSeconds));
    }

    /** The next {@code method} on a matching path is carried out, then its answer is lost (the connection drops). */
    synchronized void loseAnswerOfNext(String method, String pathRegex) {
        lostAnswers.add(new Failure(method, Pattern.compile(pathRegex), 0));
    }

    int tooEarly() {
        return tooEarly.get();
    }

    synchronized List<Map<String, Object>> issues() {
        return List.copyOf(issues.values());
    }

    synchronized List<Map<String, Object>> pulls() {
        return List.copyOf(pulls.values());
    }

    synchronized String file(String branch, String path) {
        return files.getOrDefault(branch, Map.of()).get(path);
    }

    synchronized boolean hasBranch(String branch) {
        return branches.containsKey(branch);
    }

    /** Someone closes an issue on GitHub. */
    synchronized void close(int number) {
        issues.get(number).put("state", "closed");
    }

    @Override
    public String getName() {
        return "fake-github";
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        Request request = event.getRequest();
        URI uri = URI.create(request.getUrl());
        String path = uri.getRawPath();
        String method = request.getMethod().getName();
        // https://docs.github.com/en/rest/authentication/authenticating-to-the-rest-api: "Authorization: Bearer"
        // or "token"; no header → 401 "Requires authentication", a bad token → 401 "Bad credentials".
        String auth = request.getHeader("Authorization");
        if (auth == null) {
            return error(401, "Requires authentication");
        }
        if (!auth.equals("Bearer " + token) && !auth.equals("token " + token)) {
            return error(401, "Bad credentials");
        }
        ResponseDefinition limited = rateLimit(method, path);
        if (limited != null) {
            return limited;
        }
        for (Failure failure : failures) {
            if (failure.method.equals(method) && failure.path.matcher(path).matches()) {
                failures.remove(failure);
                return error(failure.status, failure.status >= 500 ? "Server Error" : "Injected");
            }
        }
        for (Failure lost : lostAnswers) {
            if (lost.method.equals(method) && lost.path.matcher(path).matches()) {
                lostAnswers.remove(lost);
                answer(request, uri, path, method);
                return com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                        .withFault(com.github.tomakehurst.wiremock.http.Fault.EMPTY_RESPONSE).build();
            }
        }
        return answer(request, uri, path, method);
    }

    /**
     * https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit:
     * a secondary rate limit answers 403 or 429 with a message, and "if the retry-after response header is
     * present, you should not retry your request until after that many seconds has elapsed" — a request
     * before then is limited again.
     */
    private @org.jspecify.annotations.Nullable ResponseDefinition rateLimit(String method, String path) {
        long now = System.currentTimeMillis();
        limitedUntil.values().removeIf(until -> until <= now);
        for (Map.Entry<Limit, Long> held : limitedUntil.entrySet()) {
            if (held.getKey().method.equals(method) && held.getKey().path.matcher(path).matches()) {
                tooEarly.incrementAndGet();
                return limited(held.getKey());
            }
        }
        for (Limit limit : limits) {
            if (limit.method.equals(method) && limit.path.matcher(path).matches()) {
                limits.remove(limit);
                limitedUntil.put(limit, now + limit.retryAfterSeconds * 1000L);
                return limited(limit);
            }
        }
        return null;
    }

    private ResponseDefinition limited(Limit limit) {
        return com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(limit.status)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("Retry-After", String.valueOf(limit.retryAfterSeconds))
                .withBody(json.writeValueAsString(Map.of("message", "You have exceeded a secondary rate limit. Please"
                        + " wait a few minutes before you try again.", "documentation_url", DOCS
                        + "/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits",
                        "status", String.valueOf(limit.status)))).build();
    }

    private ResponseDefinition answer(Request request, URI uri, String path, String method) {
        String prefix = "/repos/" + REPO;
        if (!path.startsWith(prefix)) {
            return error(404, "Not Found");
        }
        String rest = path.substring(prefix.length());
        Map<String, Object> body = request.getBodyAsString().isBlank() ? Map.of() : readMap(request.getBodyAsString());
        Matcher m;
        if (rest.isEmpty() && method.equals("GET")) {
            return ok(200, Map.of("full_name", REPO, "name", "ops", "default_branch", "main"));
        }
        if ((m = match("/git/ref/heads/(.+)", rest)).matches() && method.equals("GET")) {
            String branch = decode(m.group(1));
            return branches.containsKey(branch) ? ok(200, ref(branch)) : error(404, "Not Found");
        }
        if (rest.equals("/git/refs") && method.equals("POST")) {
            return createRef(body);
        }
        if ((m = match("/contents/(.+)", rest)).matches()) {
            String file = decode(m.group(1));
            if (method.equals("GET")) {
                String branch = query(uri, "ref", "main");
                String content = files.getOrDefault(branch, Map.of()).get(file);
                return content == null ? error(404, "Not Found") : ok(200, Map.of("type", "file", "path", file,
                        "sha", sha(content), "encoding", "base64", "content", base64(content)));
            }
            if (method.equals("PUT")) {
                return putFile(file, body);
            }
        }
        if (rest.equals("/pulls") && method.equals("POST")) {
            return createPull(body);
        }
        if (rest.equals("/pulls") && method.equals("GET")) {
            String head = query(uri, "head", "");
            String state = query(uri, "state", "open");
            return ok(200, pulls.values().stream().filter(p -> (REPO.split("/")[0] + ":" + ((Map<?, ?>) p.get("head"))
                    .get("ref")).equals(head) && state.equals(p.get("state"))).toList());
        }
        if (rest.equals("/issues") && method.equals("POST")) {
            return createIssue(body);
        }
        if (rest.equals("/issues") && method.equals("GET")) {
            return listIssues(uri);
        }
        if ((m = match("/issues/([0-9]+)", rest)).matches()) {
            Map<String, Object> issue = issues.get(Integer.parseInt(m.group(1)));
            if (issue == null) {
                return error(404, "Not Found");
            }
            if (method.equals("GET")) {
                return ok(200, issue);
            }
            if (method.equals("PATCH")) {
                return updateIssue(issue, body);
            }
        }
        return error(404, "Not Found");
    }

    /** https://docs.github.com/en/rest/git/refs#create-a-reference: 422 when the ref exists or the sha is unknown. */
    private ResponseDefinition createRef(Map<String, Object> body) {
        String ref = String.valueOf(body.get("ref"));
        if (!ref.startsWith("refs/heads/")) {
            return error(422, "Reference name must start with 'refs/'.");
        }
        String branch = ref.substring("refs/heads/".length());
        if (branches.containsKey(branch)) {
            return error(422, "Reference already exists");
        }
        String from = branches.entrySet().stream().filter(e -> e.getValue().equals(body.get("sha")))
                .map(Map.Entry::getKey).findFirst().orElse(null);
        if (from == null) {
            return error(422, "Object does not exist");
        }
        branches.put(branch, String.valueOf(body.get("sha")));
        files.put(branch, new LinkedHashMap<>(files.get(from)));
        return ok(201, ref(branch));
    }

    /**
     * https://docs.github.com/en/rest/repos/contents#create-or-update-file-contents: "Required if you are
     * updating a file. The blob SHA of the file being replaced." Without it 422; with a stale one 409.
     */
    private ResponseDefinition putFile(String file, Map<String, Object> body) {
        String branch = String.valueOf(body.getOrDefault("branch", "main"));
        if (!branches.containsKey(branch)) {
            return error(404, "Branch " + branch + " not found");
        }
        if (body.get("message") == null || body.get("content") == null) {
            return error(422, "Invalid request.\n\n\"message\" and \"content\" are required.");
        }
        String existing = files.get(branch).get(file);
        if (existing != null && body.get("sha") == null) {
            return error(422, "Invalid request.\n\n\"sha\" wasn't supplied.");
        }
        if (existing != null && !sha(existing).equals(body.get("sha"))) {
            return error(409, file + " does not match " + body.get("sha"));
        }
        if (existing == null && body.get("sha") != null) {
            return error(409, file + " does not match " + body.get("sha"));
        }
        String content = new String(Base64.getMimeDecoder().decode(String.valueOf(body.get("content"))),
                StandardCharsets.UTF_8);
        files.get(branch).put(file, content);
        String commit = sha(branch + file + content + branches.get(branch));
        branches.put(branch, commit);
        return ok(existing == null ? 201 : 200, Map.of("content", Map.of("path", file, "sha", sha(content)),
                "commit", Map.of("sha", commit, "message", body.get("message"))));
    }

    /**
     * https://docs.github.com/en/rest/pulls/pulls#create-a-pull-request: 422 "Validation Failed" for a
     * head branch that does not exist, no commits between base and head, or an open one for the same head.
     */
    private ResponseDefinition createPull(Map<String, Object> body) {
        String head = String.valueOf(body.get("head"));
        String base = String.valueOf(body.get("base"));
        if (body.get("title") == null || !branches.containsKey(base)) {
            return validationFailed(Map.of("resource", "PullRequest", "field", "base", "code", "invalid"));
        }
        if (!branches.containsKey(head)) {
            return validationFailed(Map.of("resource", "PullRequest", "field", "head", "code", "invalid"));
        }
        if (branches.get(head).equals(branches.get(base))) {
            return validationFailed(Map.of("resource", "PullRequest", "code", "custom",
                    "message", "No commits between " + base + " and " + head));
        }
        boolean open = pulls.values().stream().anyMatch(p -> "open".equals(p.get("state"))
                && head.equals(((Map<?, ?>) p.get("head")).get("ref")));
        if (open) {
            return validationFailed(Map.of("resource", "PullRequest", "code", "custom",
                    "message", "A pull request already exists for " + REPO.split("/")[0] + ":" + head + "."));
        }
        int number = numbers.incrementAndGet();
        Map<String, Object> pull = new LinkedHashMap<>(Map.of("number", number, "html_url", HTML + "/pull/" + number,
                "state", "open", "title", body.get("title"), "body", String.valueOf(body.getOrDefault("body", "")),
                "head", Map.of("ref", head), "base", Map.of("ref", base)));
        pulls.put(number, pull);
        return ok(201, pull);
    }

    /** https://docs.github.com/en/rest/issues/issues#create-an-issue: a title is required (422). */
    private ResponseDefinition createIssue(Map<String, Object> body) {
        if (body.get("title") == null || String.valueOf(body.get("title")).isBlank()) {
            return validationFailed(Map.of("resource", "Issue", "field", "title", "code", "missing_field"));
        }
        int number = numbers.incrementAndGet();
        Map<String, Object> issue = new LinkedHashMap<>(Map.of("number", number, "html_url", HTML + "/issues/" + number,
                "state", "open", "title", body.get("title"), "body", String.valueOf(body.getOrDefault("body", "")),
                "labels", ((List<?>) body.getOrDefault("labels", List.of())).stream().map(l -> Map.of("name", l)).toList()));
        issues.put(number, issue);
        return ok(201, issue);
    }

    /**
     * https://docs.github.com/en/rest/issues/issues#list-repository-issues: state open (default), closed or
     * all; labels comma-separated, each must match; sort created with direction desc lists the newest first.
     */
    private ResponseDefinition listIssues(URI uri) {
        String state = query(uri, "state", "open");
        List<String> labels = query(uri, "labels", "").isEmpty() ? List.of() : List.of(query(uri, "labels", "").split(","));
        List<Map<String, Object>> listed = new ArrayList<>();
        for (Map<String, Object> issue : issues.values()) {
            List<?> has = ((List<?>) issue.get("labels")).stream().map(l -> ((Map<?, ?>) l).get("name")).toList();
            if ((state.equals("all") || state.equals(issue.get("state"))) && has.containsAll(labels)) {
                listed.add(0, issue);
            }
        }
        int perPage = Integer.parseInt(query(uri, "per_page", "30"));
        return ok(200, listed.subList(0, Math.min(perPage, listed.size())));
    }

    /** https://docs.github.com/en/rest/issues/issues#update-an-issue: state is open or closed (422 otherwise). */
    private ResponseDefinition updateIssue(Map<String, Object> issue, Map<String, Object> body) {
        Object state = body.get("state");
        if (state != null && !state.equals("open") && !state.equals("closed")) {
            return validationFailed(Map.of("resource", "Issue", "field", "state", "code", "invalid"));
        }
        for (String field : List.of("title", "body", "state", "state_reason")) {
            if (body.containsKey(field)) {
                issue.put(field, body.get(field));
            }
        }
        return ok(200, issue);
    }

    private Map<String, Object> ref(String branch) {
        return Map.of("ref", "refs/heads/" + branch, "object", Map.of("sha", branches.get(branch), "type", "commit"));
    }

    /** https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api: message, documentation_url, status. */
    private ResponseDefinition error(int status, String message) {
        return ok(status, Map.of("message", message, "documentation_url", DOCS, "status", String.valueOf(status)));
    }

    private ResponseDefinition validationFailed(Map<String, Object> error) {
        return ok(422, Map.of("message", "Validation Failed", "errors", List.of(error), "documentation_url", DOCS,
                "status", "422"));
    }

    private ResponseDefinition ok(int status, Object body) {
        return com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(json.writeValueAsString(body)).build();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> readMap(String text) {
        return json.readValue(text, Map.class);
    }

    private static Matcher match(String regex, String text) {
        return Pattern.compile(regex).matcher(text);
    }

    private static String query(URI uri, String name, String fallback) {
        if (uri.getRawQuery() == null) {
            return fallback;
        }
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv[0].equals(name) && kv.length == 2) {
                return decode(kv[1]);
            }
        }
        return fallback;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Git's blob SHA-1, as GitHub reports it for a file. */
    static String sha(String content) {
        try {
            byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
            MessageDigest digest = MessageDigest.getInstance("SHA-1");
            digest.update(("blob " + bytes.length + "\0").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
