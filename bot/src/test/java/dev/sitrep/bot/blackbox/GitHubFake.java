package dev.sitrep.bot.blackbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for the parts of the GitHub REST API that a postmortem filer uses, written from
 * https://docs.github.com/en/rest (API version 2022-11-28). One repository, {@code acme/ops},
 * default branch {@code main}. Stateful: issues, pull requests, refs and files persist for the
 * life of the fake. Refuses what GitHub refuses, in GitHub's error shapes.
 */
final class GitHubFake extends FakeHttp {

    static final String OWNER = "acme";
    static final String REPO = "ops";
    static final String DEFAULT_BRANCH = "main";
    /** The only account with push access; anything else as an assignee is refused. */
    static final String COLLABORATOR = "octo-bot";

    private final String token;

    /** number → issue or pull request (they share one sequence, as on GitHub). */
    final Map<Integer, ObjectNode> issues = new TreeMap<>();
    final Map<Integer, ObjectNode> pulls = new TreeMap<>();
    final Map<Integer, List<ObjectNode>> comments = new TreeMap<>();
    /** branch → commit sha */
    final Map<String, String> refs = new LinkedHashMap<>();
    /** branch → (path → content) */
    final Map<String, Map<String, byte[]>> files = new LinkedHashMap<>();
    /** Every version of every file ever written (path + "@" + branch → contents in order). */
    final Map<String, List<String>> fileHistory = new LinkedHashMap<>();
    /** Every issue/PR body ever sent (creation and PATCH), for the content checks. */
    final List<String> filedTexts = new ArrayList<>();
    /** Requests to endpoints this fake does not model (the check reports them rather than guess). */
    final List<String> unknownRoutes = new ArrayList<>();

    private final AtomicInteger numbers = new AtomicInteger(0);
    private final AtomicInteger ids = new AtomicInteger(1000);

    /** While true, POST /pulls and POST /issues with the postmortem label answer 502. */
    volatile boolean failPostmortemWith502;

    GitHubFake(String token) throws IOException {
        super();
        this.token = token;
        String root = sha1("root commit");
        refs.put(DEFAULT_BRANCH, root);
        files.put(DEFAULT_BRANCH, new TreeMap<>(Map.of("README.md", "# ops\n".getBytes(StandardCharsets.UTF_8))));
    }

    // --- error shapes --------------------------------------------------------------------------

    /** https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api : {"message", "documentation_url", "status"} */
    private static Answer error(int status, String message, String docs) {
        ObjectNode n = object().put("message", message).put("documentation_url", docs).put("status", String.valueOf(status));
        return Answer.json(status, n);
    }

    /** https://docs.github.com/en/rest/using-the-rest-api/getting-started-with-the-rest-api#client-errors : 422 "Validation Failed" with errors[] */
    private static Answer validation(String docs, ObjectNode... errors) {
        ObjectNode n = object().put("message", "Validation Failed");
        ArrayNode arr = n.putArray("errors");
        for (ObjectNode e : errors) {
            arr.add(e);
        }
        n.put("documentation_url", docs).put("status", "422");
        return Answer.json(422, n);
    }

    private static ObjectNode err(String resource, String field, String code) {
        ObjectNode e = object().put("resource", resource).put("code", code);
        if (field != null) {
            e.put("field", field);
        }
        return e;
    }

    private static final String DOC_ISSUES = "https://docs.github.com/rest/issues/issues";
    private static final String DOC_CONTENTS = "https://docs.github.com/rest/repos/contents#create-or-update-file-contents";
    private static final String DOC_REFS = "https://docs.github.com/rest/git/refs#create-a-reference";
    private static final String DOC_PULLS = "https://docs.github.com/rest/pulls/pulls#create-a-pull-request";

    // --- routing -------------------------------------------------------------------------------

    private static final Pattern REPO_PATH = Pattern.compile("^(?:/api/v3)?/repos/" + OWNER + "/" + REPO + "(/.*)?$");

    @Override
    Answer handle(Request r) throws IOException {
        // https://docs.github.com/en/rest/using-the-rest-api/getting-started-with-the-rest-api#user-agent :
        // "All API requests must include a valid User-Agent header. Requests with no User-Agent header will be rejected."
        if (r.userAgent() == null || r.userAgent().isBlank()) {
            return error(403, "Request forbidden by administrative rules. Please make sure your request has a User-Agent header (https://docs.github.com/en/rest/overview/resources-in-the-rest-api#user-agent-required).",
                    "https://docs.github.com/rest");
        }
        // https://docs.github.com/en/rest/authentication/authenticating-to-the-rest-api :
        // "Authorization: Bearer YOUR-TOKEN" (or the older "token YOUR-TOKEN"); a wrong token gets
        // 401 "Bad credentials" (https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api#401-bad-credentials-or-requires-authentication),
        // a write without any credentials gets 401 "Requires authentication".
        String auth = r.authorization();
        if (auth == null) {
            return error(401, "Requires authentication", "https://docs.github.com/rest");
        }
        if (!auth.equals("Bearer " + token) && !auth.equals("token " + token)) {
            return error(401, "Bad credentials", "https://docs.github.com/rest");
        }
        Matcher m = REPO_PATH.matcher(r.path());
        if (!m.matches()) {
            unknownRoutes.add(r.method() + " " + r.path());
            return notFound();
        }
        String sub = m.group(1) == null ? "" : m.group(1);
        JsonNode body = null;
        if (r.body() != null && !r.body().isBlank()) {
            try {
                body = r.json();
            } catch (IOException e) {
                // https://docs.github.com/en/rest/using-the-rest-api/getting-started-with-the-rest-api#client-errors :
                // "Sending invalid JSON will result in a 400 Bad Request response."
                return error(400, "Problems parsing JSON", "https://docs.github.com/rest");
            }
        }
        String method = r.method();
        Matcher x;
        if (sub.isEmpty() && method.equals("GET")) {
            return Answer.json(200, repository());
        }
        if (sub.equals("/issues") && method.equals("POST")) {
            return createIssue(body);
        }
        if (sub.equals("/issues") && method.equals("GET")) {
            return listIssues(r.params());
        }
        if ((x = Pattern.compile("^/issues/(\\d+)$").matcher(sub)).matches()) {
            int n = Integer.parseInt(x.group(1));
            if (method.equals("GET")) {
                ObjectNode issue = issues.get(n);
                return issue == null ? notFound() : Answer.json(200, issue);
            }
            if (method.equals("PATCH")) {
                return updateIssue(n, body);
            }
        }
        if ((x = Pattern.compile("^/issues/(\\d+)/comments$").matcher(sub)).matches()) {
            int n = Integer.parseInt(x.group(1));
            if (!issues.containsKey(n)) {
                return notFound();
            }
            if (method.equals("GET")) {
                ArrayNode arr = JSON.createArrayNode();
                comments.getOrDefault(n, List.of()).forEach(arr::add);
                return Answer.json(200, arr);
            }
            if (method.equals("POST")) {
                // https://docs.github.com/en/rest/issues/comments#create-an-issue-comment : body required
                if (body == null || !body.path("body").isTextual()) {
                    return validation("https://docs.github.com/rest/issues/comments#create-an-issue-comment", err("IssueComment", "body", "missing_field"));
                }
                ObjectNode c = object().put("id", ids.incrementAndGet()).put("body", body.get("body").asText())
                        .put("html_url", issues.get(n).get("html_url").asText() + "#issuecomment-" + ids.get());
                comments.computeIfAbsent(n, k -> new ArrayList<>()).add(c);
                filedTexts.add(c.get("body").asText());
                return Answer.json(201, c);
            }
        }
        if ((x = Pattern.compile("^/git/(?:ref|refs)/heads/(.+)$").matcher(sub)).matches() && method.equals("GET")) {
            // https://docs.github.com/en/rest/git/refs#get-a-reference
            String sha = refs.get(x.group(1));
            return sha == null ? notFound("https://docs.github.com/rest/git/refs#get-a-reference") : Answer.json(200, ref(x.group(1), sha));
        }
        if ((x = Pattern.compile("^/branches/(.+)$").matcher(sub)).matches() && method.equals("GET")) {
            // https://docs.github.com/en/rest/branches/branches#get-a-branch
            String sha = refs.get(x.group(1));
            if (sha == null) {
                return error(404, "Branch not found", "https://docs.github.com/rest/branches/branches#get-a-branch");
            }
            ObjectNode b = object().put("name", x.group(1)).put("protected", false);
            b.putObject("commit").put("sha", sha).put("url", api() + "/commits/" + sha);
            return Answer.json(200, b);
        }
        if (sub.equals("/git/refs") && method.equals("POST")) {
            return createRef(body);
        }
        if ((x = Pattern.compile("^/contents/(.+)$").matcher(sub)).matches()) {
            if (method.equals("GET")) {
                return getContent(x.group(1), r.params().getOrDefault("ref", DEFAULT_BRANCH));
            }
            if (method.equals("PUT")) {
                return putContent(x.group(1), body);
            }
        }
        if (sub.equals("/pulls") && method.equals("POST")) {
            return createPull(body);
        }
        if (sub.equals("/pulls") && method.equals("GET")) {
            return listPulls(r.params());
        }
        if ((x = Pattern.compile("^/pulls/(\\d+)$").matcher(sub)).matches()) {
            int n = Integer.parseInt(x.group(1));
            ObjectNode pr = pulls.get(n);
            if (pr == null) {
                return notFound();
            }
            if (method.equals("GET")) {
                return Answer.json(200, pr);
            }
            if (method.equals("PATCH")) {
                // https://docs.github.com/en/rest/pulls/pulls#update-a-pull-request
                if (body == null || !body.isObject()) {
                    return error(400, "Problems parsing JSON", "https://docs.github.com/rest");
                }
                if (body.has("title")) {
                    pr.put("title", body.get("title").asText());
                    issues.get(n).put("title", body.get("title").asText());
                }
                if (body.has("body")) {
                    pr.put("body", body.get("body").asText());
                    issues.get(n).put("body", body.get("body").asText());
                    filedTexts.add(body.get("body").asText());
                }
                return Answer.json(200, pr);
            }
        }
        if (sub.equals("/labels") && method.equals("POST")) {
            // https://docs.github.com/en/rest/issues/labels#create-a-label
            return Answer.json(201, label(body == null ? "" : body.path("name").asText()));
        }
        if ((x = Pattern.compile("^/labels/(.+)$").matcher(sub)).matches() && method.equals("GET")) {
            return Answer.json(200, label(x.group(1)));
        }
        unknownRoutes.add(r.method() + " " + r.path());
        return notFound();
    }

    private Answer notFound() {
        return notFound("https://docs.github.com/rest");
    }

    private Answer notFound(String docs) {
        // https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api#404-not-found-for-an-existing-resource
        return error(404, "Not Found", docs);
    }

    // --- issues -------------------------------------------------------------------------------

    private Answer createIssue(JsonNode body) {
        // https://docs.github.com/en/rest/issues/issues#create-an-issue : title is required (string or integer)
        if (body == null || !body.isObject()) {
            return error(400, "Problems parsing JSON", "https://docs.github.com/rest");
        }
        if (!body.hasNonNull("title") || body.get("title").asText().isBlank()) {
            return validation(DOC_ISSUES + "#create-an-issue", err("Issue", "title", "missing_field"));
        }
        List<String> labels = new ArrayList<>();
        for (JsonNode l : body.path("labels")) {
            labels.add(l.isObject() ? l.path("name").asText() : l.asText());
        }
        if (failPostmortemWith502 && labels.contains("postmortem")) {
            return new Answer(502, "{\"message\":\"Server Error\"}", Map.of());
        }
        // Assignees must be users with push access: https://docs.github.com/en/rest/issues/issues#create-an-issue
        // ("Only users with push access can set assignees for new issues"); an unknown login is a 422 invalid.
        List<String> assignees = new ArrayList<>();
        if (body.hasNonNull("assignee")) {
            assignees.add(body.get("assignee").asText());
        }
        body.path("assignees").forEach(a -> assignees.add(a.asText()));
        for (String a : assignees) {
            if (!a.equals(COLLABORATOR)) {
                ObjectNode e = err("Issue", "assignees", "invalid");
                e.put("value", a);
                return validation(DOC_ISSUES + "#create-an-issue", e);
            }
        }
        int n = numbers.incrementAndGet();
        ObjectNode issue = issueJson(n, body.get("title").asText(), body.path("body").isTextual() ? body.get("body").asText() : null, labels, assignees);
        issues.put(n, issue);
        filedTexts.add(issue.get("title").asText());
        if (!issue.get("body").isNull()) {
            filedTexts.add(issue.get("body").asText());
        }
        return Answer.json(201, issue);
    }

    private ObjectNode issueJson(int n, String title, String text, List<String> labels, List<String> assignees) {
        // Shape: https://docs.github.com/en/rest/issues/issues#create-an-issue (response schema)
        ObjectNode issue = object();
        issue.put("id", ids.incrementAndGet()).put("node_id", "I_kw" + n)
                .put("url", api() + "/issues/" + n)
                .put("repository_url", api())
                .put("labels_url", api() + "/issues/" + n + "/labels{/name}")
                .put("comments_url", api() + "/issues/" + n + "/comments")
                .put("events_url", api() + "/issues/" + n + "/events")
                .put("html_url", "https://github.com/" + OWNER + "/" + REPO + "/issues/" + n)
                .put("number", n).put("state", "open").putNull("state_reason")
                .put("title", title);
        if (text == null) {
            issue.putNull("body");
        } else {
            issue.put("body", text);
        }
        issue.set("user", user(COLLABORATOR));
        ArrayNode ls = issue.putArray("labels");
        labels.forEach(l -> ls.add(label(l)));
        if (assignees.isEmpty()) {
            issue.putNull("assignee");
        } else {
            issue.set("assignee", user(assignees.get(0)));
        }
        ArrayNode as = issue.putArray("assignees");
        assignees.forEach(a -> as.add(user(a)));
        issue.putNull("milestone");
        issue.put("locked", false).put("comments", 0).putNull("closed_at");
        issue.put("created_at", Instant.now().toString()).put("updated_at", Instant.now().toString());
        issue.put("author_association", "MEMBER");
        return issue;
    }

    private Answer updateIssue(int n, JsonNode body) {
        // https://docs.github.com/en/rest/issues/issues#update-an-issue
        ObjectNode issue = issues.get(n);
        if (issue == null) {
            return notFound(DOC_ISSUES + "#update-an-issue");
        }
        if (body == null || !body.isObject()) {
            return error(400, "Problems parsing JSON", "https://docs.github.com/rest");
        }
        if (body.has("state")) {
            String state = body.get("state").asText();
            // state: "open" or "closed"; state_reason: completed, not_planned, reopened, null
            if (!state.equals("open") && !state.equals("closed")) {
                return validation(DOC_ISSUES + "#update-an-issue", err("Issue", "state", "invalid"));
            }
            String reason = body.path("state_reason").isTextual() ? body.get("state_reason").asText() : null;
            if (reason != null && !List.of("completed", "not_planned", "reopened").contains(reason)) {
                return validation(DOC_ISSUES + "#update-an-issue", err("Issue", "state_reason", "invalid"));
            }
            issue.put("state", state);
            if (state.equals("closed")) {
                issue.put("state_reason", reason == null ? "completed" : reason).put("closed_at", Instant.now().toString());
            } else {
                issue.putNull("closed_at").put("state_reason", reason == null ? "reopened" : reason);
            }
        }
        if (body.has("title")) {
            issue.put("title", body.get("title").asText());
            filedTexts.add(body.get("title").asText());
        }
        if (body.has("body")) {
            issue.put("body", body.get("body").asText());
            filedTexts.add(body.get("body").asText());
        }
        issue.put("updated_at", Instant.now().toString());
        return Answer.json(200, issue);
    }

    private Answer listIssues(Map<String, String> params) {
        // https://docs.github.com/en/rest/issues/issues#list-repository-issues : state (open default | closed | all), labels (comma-separated, all must match)
        String state = params.getOrDefault("state", "open");
        List<String> wanted = params.containsKey("labels") && !params.get("labels").isEmpty()
                ? List.of(params.get("labels").split(",")) : List.of();
        ArrayNode arr = JSON.createArrayNode();
        for (ObjectNode issue : issues.values()) {
            if (!state.equals("all") && !issue.get("state").asText().equals(state)) {
                continue;
            }
            List<String> has = new ArrayList<>();
            issue.path("labels").forEach(l -> has.add(l.path("name").asText()));
            if (!has.containsAll(wanted)) {
                continue;
            }
            arr.add(issue);
        }
        return Answer.json(200, arr);
    }

    // --- git refs -----------------------------------------------------------------------------

    private ObjectNode ref(String branch, String sha) {
        // Shape: https://docs.github.com/en/rest/git/refs#get-a-reference
        ObjectNode r = object().put("ref", "refs/heads/" + branch).put("node_id", "REF_" + branch)
                .put("url", api() + "/git/refs/heads/" + branch);
        r.putObject("object").put("type", "commit").put("sha", sha).put("url", api() + "/git/commits/" + sha);
        return r;
    }

    private Answer createRef(JsonNode body) {
        // https://docs.github.com/en/rest/git/refs#create-a-reference : ref ("refs/heads/x", must start with
        // 'refs' and have at least two slashes) and sha (an existing object) are required.
        if (body == null || !body.path("ref").isTextual() || !body.path("sha").isTextual()) {
            return validation(DOC_REFS, err("Reference", body == null || !body.path("ref").isTextual() ? "ref" : "sha", "missing_field"));
        }
        String refName = body.get("ref").asText();
        if (!refName.startsWith("refs/") || refName.chars().filter(c -> c == '/').count() < 2) {
            return error(422, "Reference name must start with 'refs/' and have at least two slashes.", DOC_REFS);
        }
        if (!refs.containsValue(body.get("sha").asText())) {
            return error(422, "Object does not exist", DOC_REFS);
        }
        String branch = refName.substring("refs/heads/".length());
        if (refs.containsKey(branch)) {
            return error(422, "Reference already exists", DOC_REFS);
        }
        String sha = body.get("sha").asText();
        refs.put(branch, sha);
        String from = refs.entrySet().stream().filter(e -> e.getValue().equals(sha)).map(Map.Entry::getKey).findFirst().orElse(DEFAULT_BRANCH);
        files.put(branch, new TreeMap<>(files.get(from)));
        return Answer.json(201, ref(branch, sha));
    }

    // --- contents ------------------------------------------------------------------------------

    static String blobSha(byte[] content) {
        byte[] header = ("blob " + content.length + "\0").getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[header.length + content.length];
        System.arraycopy(header, 0, all, 0, header.length);
        System.arraycopy(content, 0, all, header.length, content.length);
        return sha1(all);
    }

    static String sha1(String s) {
        return sha1(s.getBytes(StandardCharsets.UTF_8));
    }

    static String sha1(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode contentJson(String path, String branch, byte[] content, boolean withContent) {
        // Shape: https://docs.github.com/en/rest/repos/contents#get-repository-content (file)
        String sha = blobSha(content);
        ObjectNode c = object().put("type", "file").put("encoding", "base64").put("size", content.length)
                .put("name", path.substring(path.lastIndexOf('/') + 1)).put("path", path);
        if (withContent) {
            c.put("content", Base64.getMimeEncoder(60, "\n".getBytes(StandardCharsets.UTF_8)).encodeToString(content) + "\n");
        }
        c.put("sha", sha).put("url", api() + "/contents/" + path + "?ref=" + branch)
                .put("git_url", api() + "/git/blobs/" + sha)
                .put("html_url", "https://github.com/" + OWNER + "/" + REPO + "/blob/" + branch + "/" + path)
                .put("download_url", "https://raw.githubusercontent.com/" + OWNER + "/" + REPO + "/" + branch + "/" + path);
        return c;
    }

    private Answer getContent(String path, String branch) {
        Map<String, byte[]> tree = files.get(branch);
        if (tree == null) {
            // https://docs.github.com/en/rest/repos/contents#get-repository-content : unknown ref → 404 "No commit found for the ref x"
            return error(404, "No commit found for the ref " + branch, "https://docs.github.com/rest/repos/contents#get-repository-content");
        }
        byte[] content = tree.get(path);
        if (content == null) {
            return notFound("https://docs.github.com/rest/repos/contents#get-repository-content");
        }
        return Answer.json(200, contentJson(path, branch, content, true));
    }

    private Answer putContent(String path, JsonNode body) {
        // https://docs.github.com/en/rest/repos/contents#create-or-update-file-contents
        // message and content (Base64) are required; sha is "Required if you are updating a file. The blob SHA of
        // the file being replaced."; branch defaults to the default branch. 201 on create, 200 on update, 409 conflict, 422.
        if (body == null || !body.isObject()) {
            return error(400, "Problems parsing JSON", "https://docs.github.com/rest");
        }
        if (!body.path("message").isTextual()) {
            return error(422, "Invalid request.\n\n\"message\" wasn't supplied.", DOC_CONTENTS);
        }
        if (!body.path("content").isTextual()) {
            return error(422, "Invalid request.\n\n\"content\" wasn't supplied.", DOC_CONTENTS);
        }
        byte[] content;
        try {
            content = Base64.getMimeDecoder().decode(body.get("content").asText());
        } catch (IllegalArgumentException e) {
            return error(422, "content is not valid Base64", DOC_CONTENTS);
        }
        String branch = body.path("branch").isTextual() ? body.get("branch").asText() : DEFAULT_BRANCH;
        Map<String, byte[]> tree = files.get(branch);
        if (tree == null) {
            return error(404, "Branch " + branch + " not found", DOC_CONTENTS);
        }
        byte[] current = tree.get(path);
        String given = body.path("sha").isTextual() ? body.get("sha").asText() : null;
        if (current != null && given == null) {
            return error(422, "Invalid request.\n\n\"sha\" wasn't supplied.", DOC_CONTENTS);
        }
        if (current != null && !given.equals(blobSha(current))) {
            return error(409, path + " does not match " + given, DOC_CONTENTS);
        }
        if (current == null && given != null) {
            return error(409, path + " does not match " + given, DOC_CONTENTS);
        }
        tree.put(path, content);
        String commit = sha1(branch + path + System.nanoTime());
        refs.put(branch, commit);
        fileHistory.computeIfAbsent(path + "@" + branch, k -> new ArrayList<>()).add(new String(content, StandardCharsets.UTF_8));
        filedTexts.add(new String(content, StandardCharsets.UTF_8));
        filedTexts.add(body.get("message").asText());
        ObjectNode out = object();
        out.set("content", contentJson(path, branch, content, false));
        ObjectNode c = out.putObject("commit").put("sha", commit).put("message", body.get("message").asText())
                .put("html_url", "https://github.com/" + OWNER + "/" + REPO + "/commit/" + commit);
        c.putObject("tree").put("sha", sha1(commit + "tree"));
        return Answer.json(current == null ? 201 : 200, out);
    }

    // --- pull requests --------------------------------------------------------------------------

    private Answer createPull(JsonNode body) {
        // https://docs.github.com/en/rest/pulls/pulls#create-a-pull-request : head and base required, title
        // (or issue) required; one open pull request per head/base pair.
        if (body == null || !body.isObject()) {
            return error(400, "Problems parsing JSON", "https://docs.github.com/rest");
        }
        if (failPostmortemWith502) {
            return new Answer(502, "{\"message\":\"Server Error\"}", Map.of());
        }
        if (!body.path("title").isTextual() && !body.has("issue")) {
            return validation(DOC_PULLS, err("PullRequest", "title", "missing_field"));
        }
        if (!body.path("head").isTextual()) {
            return validation(DOC_PULLS, err("PullRequest", "head", "missing_field"));
        }
        if (!body.path("base").isTextual()) {
            return validation(DOC_PULLS, err("PullRequest", "base", "missing_field"));
        }
        String head = body.get("head").asText();
        if (head.startsWith(OWNER + ":")) {
            head = head.substring(OWNER.length() + 1);
        }
        String base = body.get("base").asText();
        if (!refs.containsKey(base)) {
            return validation(DOC_PULLS, err("PullRequest", "base", "invalid"));
        }
        if (!refs.containsKey(head)) {
            return validation(DOC_PULLS, err("PullRequest", "head", "invalid"));
        }
        for (ObjectNode pr : pulls.values()) {
            if (pr.get("state").asText().equals("open") && pr.path("head").path("ref").asText().equals(head)
                    && pr.path("base").path("ref").asText().equals(base)) {
                ObjectNode e = object().put("resource", "PullRequest").put("code", "custom")
                        .put("message", "A pull request already exists for " + OWNER + ":" + head + ".");
                return validation(DOC_PULLS, e);
            }
        }
        if (refs.get(head).equals(refs.get(base))) {
            ObjectNode e = object().put("resource", "PullRequest").put("code", "custom")
                    .put("message", "No commits between " + base + " and " + head);
            return validation(DOC_PULLS, e);
        }
        int n = numbers.incrementAndGet();
        String text = body.path("body").isTextual() ? body.get("body").asText() : null;
        ObjectNode issue = issueJson(n, body.get("title").asText(), text, List.of(), List.of());
        issue.put("html_url", "https://github.com/" + OWNER + "/" + REPO + "/pull/" + n);
        issue.putObject("pull_request").put("url", api() + "/pulls/" + n)
                .put("html_url", "https://github.com/" + OWNER + "/" + REPO + "/pull/" + n);
        issues.put(n, issue);
        // Shape: https://docs.github.com/en/rest/pulls/pulls#create-a-pull-request (response schema)
        ObjectNode pr = issue.deepCopy();
        pr.remove("pull_request");
        pr.put("url", api() + "/pulls/" + n)
                .put("diff_url", "https://github.com/" + OWNER + "/" + REPO + "/pull/" + n + ".diff")
                .put("issue_url", api() + "/issues/" + n)
                .put("draft", body.path("draft").asBoolean(false)).put("merged", false).putNull("mergeable");
        pr.set("head", prRef(head));
        pr.set("base", prRef(base));
        pulls.put(n, pr);
        filedTexts.add(pr.get("title").asText());
        if (text != null) {
            filedTexts.add(text);
        }
        return Answer.json(201, pr);
    }

    private ObjectNode prRef(String branch) {
        ObjectNode h = object().put("label", OWNER + ":" + branch).put("ref", branch).put("sha", refs.get(branch));
        h.set("user", user(OWNER));
        h.set("repo", repository());
        return h;
    }

    private Answer listPulls(Map<String, String> params) {
        // https://docs.github.com/en/rest/pulls/pulls#list-pull-requests : state (open default|closed|all),
        // head "user:ref-name", base
        String state = params.getOrDefault("state", "open");
        ArrayNode arr = JSON.createArrayNode();
        for (ObjectNode pr : pulls.values()) {
            if (!state.equals("all") && !pr.get("state").asText().equals(state)) {
                continue;
            }
            if (params.containsKey("head") && !pr.path("head").path("label").asText().equals(params.get("head"))) {
                continue;
            }
            if (params.containsKey("base") && !pr.path("base").path("ref").asText().equals(params.get("base"))) {
                continue;
            }
            arr.add(pr);
        }
        return Answer.json(200, arr);
    }

    // --- shapes ---------------------------------------------------------------------------------

    private String api() {
        return baseUrl() + "/repos/" + OWNER + "/" + REPO;
    }

    private ObjectNode user(String login) {
        return object().put("login", login).put("id", Math.abs(login.hashCode())).put("type", "User")
                .put("html_url", "https://github.com/" + login);
    }

    private ObjectNode label(String name) {
        return object().put("id", Math.abs(name.hashCode())).put("node_id", "LA_" + name)
                .put("url", api() + "/labels/" + name).put("name", name).put("color", "ededed")
                .put("default", false).putNull("description");
    }

    private ObjectNode repository() {
        // https://docs.github.com/en/rest/repos/repos#get-a-repository
        ObjectNode repo = object().put("id", 4242).put("node_id", "R_ops").put("name", REPO)
                .put("full_name", OWNER + "/" + REPO).put("private", true)
                .put("html_url", "https://github.com/" + OWNER + "/" + REPO)
                .put("url", api()).put("default_branch", DEFAULT_BRANCH);
        repo.set("owner", user(OWNER));
        return repo;
    }

    /**
     * Someone edits every file on {@code branch} in the web UI between two filings: each file gets a new
     * blob sha, so an update that sends the old sha must get 409 (create-or-update-file-contents).
     */
    synchronized int humanEditsFilesOn(String branch) {
        Map<String, byte[]> tree = files.get(branch);
        if (tree == null) {
            return 0;
        }
        int n = 0;
        for (Map.Entry<String, byte[]> e : tree.entrySet()) {
            if (e.getKey().startsWith("postmortems/")) {
                e.setValue((new String(e.getValue(), StandardCharsets.UTF_8) + "\nEdited by a reviewer.\n").getBytes(StandardCharsets.UTF_8));
                n++;
            }
        }
        refs.put(branch, sha1(branch + "human edit" + System.nanoTime()));
        return n;
    }

    /** The action-item issues (label action-item), in creation order. */
    List<ObjectNode> actionItemIssues() {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode issue : issues.values()) {
            for (JsonNode l : issue.path("labels")) {
                if (l.path("name").asText().equals("action-item")) {
                    out.add(issue);
                }
            }
        }
        return out;
    }
}
