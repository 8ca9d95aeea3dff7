package dev.sitrep.postmortem;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The GitHub stand-in refuses what GitHub refuses, so a sink that gets it wrong fails its tests. */
class FakeGitHubTest {

    private final FakeGitHub github = new FakeGitHub("gh-test-token");
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        github.shutdown();
    }

    private HttpResponse<String> call(String method, String path, @Nullable String auth, @Nullable String json)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(github.url() + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (auth != null) {
            request.header("Authorization", auth);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String content(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void noTokenOrABadOneIs401AndBothHeaderSchemesWork() throws Exception {
        HttpResponse<String> none = call("GET", "/repos/acme/ops", null, null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.body()).contains("\"message\":\"Requires authentication\"").contains("\"documentation_url\"");
        HttpResponse<String> bad = call("GET", "/repos/acme/ops", "Bearer nope", null);
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(bad.body()).contains("\"message\":\"Bad credentials\"");
        assertThat(call("GET", "/repos/acme/ops", "token gh-test-token", null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/repos/acme/ops", "Bearer gh-test-token", null).body())
                .contains("\"default_branch\":\"main\"");
    }

    @Test
    void replacingAFileNeedsItsCurrentBlobSha() throws Exception {
        String auth = "Bearer gh-test-token";
        String put = "{\"message\":\"m\",\"content\":\"%s\",\"branch\":\"main\"%s}";
        assertThat(call("PUT", "/repos/acme/ops/contents/pm/a.md", auth, put.formatted(content("one"), ""))
                .statusCode()).isEqualTo(201);
        HttpResponse<String> noSha = call("PUT", "/repos/acme/ops/contents/pm/a.md", auth,
                put.formatted(content("two"), ""));
        assertThat(noSha.statusCode()).isEqualTo(422);
        assertThat(noSha.body()).contains("\\\"sha\\\" wasn't supplied");
        HttpResponse<String> stale = call("PUT", "/repos/acme/ops/contents/pm/a.md", auth,
                put.formatted(content("two"), ",\"sha\":\"" + FakeGitHub.sha("zero") + "\""));
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(call("PUT", "/repos/acme/ops/contents/pm/a.md", auth,
                put.formatted(content("two"), ",\"sha\":\"" + FakeGitHub.sha("one") + "\"")).statusCode()).isEqualTo(200);
        assertThat(github.file("main", "pm/a.md")).isEqualTo("two");
        // The SHA GitHub reports is git's blob SHA-1: `printf one | git hash-object --stdin`.
        assertThat(FakeGitHub.sha("one")).isEqualTo("43dd47ea691c90a5fa7827892c70241913351963");
    }

    @Test
    void aSecondPullRequestForABranchOrOneWithoutCommitsIs422() throws Exception {
        String auth = "Bearer gh-test-token";
        String sha = call("GET", "/repos/acme/ops/git/ref/heads/main", auth, null).body()
                .replaceAll("(?s).*\"sha\":\"([0-9a-f]+)\".*", "$1");
        assertThat(call("POST", "/repos/acme/ops/git/refs", auth,
                "{\"ref\":\"refs/heads/pm\",\"sha\":\"" + sha + "\"}").statusCode()).isEqualTo(201);
        String pull = "{\"title\":\"t\",\"head\":\"pm\",\"base\":\"main\"}";
        HttpResponse<String> empty = call("POST", "/repos/acme/ops/pulls", auth, pull);
        assertThat(empty.statusCode()).isEqualTo(422);
        assertThat(empty.body()).contains("No commits between main and pm");
        call("PUT", "/repos/acme/ops/contents/x.md", auth, "{\"message\":\"m\",\"content\":\"" + content("x")
                + "\",\"branch\":\"pm\"}");
        assertThat(call("POST", "/repos/acme/ops/pulls", auth, pull).statusCode()).isEqualTo(201);
        HttpResponse<String> twice = call("POST", "/repos/acme/ops/pulls", auth, pull);
        assertThat(twice.statusCode()).isEqualTo(422);
        assertThat(twice.body()).contains("\"message\":\"Validation Failed\"")
                .contains("A pull request already exists for acme:pm.");
        assertThat(github.pulls()).hasSize(1);
    }
}
