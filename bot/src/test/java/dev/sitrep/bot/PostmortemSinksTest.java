package dev.sitrep.bot;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console walk-through with GitHub and Confluence stand-ins: the postmortem lands in the folder
 * and on GitHub with links in the channel, while a broken Confluence is named to the commander
 * without holding up the others.
 */
class PostmortemSinksTest {

    @Test
    void filedToEverySinkThatWorksAndTheBrokenOneIsNamed(@TempDir Path home) throws IOException {
        WireMockServer remote = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        remote.start();
        try {
            remote.stubFor(post(urlEqualTo("/repos/acme/ops/issues")).willReturn(okJson(
                    "{\"number\":12,\"html_url\":\"https://github.example/acme/ops/issues/12\"}")));
            remote.stubFor(post(urlEqualTo("/wiki/rest/api/content")).willReturn(aResponse().withStatus(401)
                    .withBody("{\"message\":\"Unauthorized\"}")));
            String out = ConsoleBot.run(home, """
                    /incident start Checkout errors sev1
                    /incident note used token ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8 to page
                    /incident action Add a canary stage @bob due:2026-12-01
                    /incident action done 1
                    /incident resolve Rolled back
                    /incident postmortem done
                    """,
                    "--sitrep.postmortem.github.repository=acme/ops",
                    "--sitrep.postmortem.github.token=gh-test-token",
                    "--sitrep.postmortem.github.api-url=http://127.0.0.1:" + remote.port(),
                    "--sitrep.postmortem.github.file-action-items=false",
                    "--sitrep.postmortem.confluence.base-url=http://127.0.0.1:" + remote.port() + "/wiki",
                    "--sitrep.postmortem.confluence.space=OPS",
                    "--sitrep.postmortem.confluence.token=bad-token",
                    "--sitrep.postmortem.first-backoff=10ms");

            assertThat(out).contains("Postmortem skeleton for INC-1:")
                    .containsPattern("directory: .*INC-1-checkout-errors\\.md")
                    .contains("github: https://github.example/acme/ops/issues/12")
                    .contains("@alice filing the INC-1 postmortem to confluence failed: Confluence POST "
                            + "/wiki/rest/api/content answered HTTP 401 Unauthorized (check the Confluence token)")
                    .contains("Action item #1 done: Add a canary stage (@alice)")
                    .contains("The INC-1 postmortem was marked done by @alice.")
                    .doesNotContain("bad-token").doesNotContain("gh-test-token");
            // Retried? No: a 401 is final. GitHub got the postmortem once, with the secret redacted.
            remote.verify(1, postRequestedFor(urlEqualTo("/wiki/rest/api/content")));
            String issue = remote.findAll(postRequestedFor(urlEqualTo("/repos/acme/ops/issues"))).get(0).getBodyAsString();
            assertThat(issue).contains("used token \\\\[REDACTED\\\\] to page").doesNotContain("a1B2c3D4e5F6g7H8i9J0");
            // Where the directory sink wrote is the server's business, not the postmortem's.
            assertThat(issue).contains("| Postmortem filed in directory |").doesNotContain(home.toString())
                    .contains("| 1 | Add a canary stage | bob | 2026-12-01 | yes |");
            assertThat(Files.readString(home.resolve("postmortems/INC-1-checkout-errors.md")))
                    .startsWith("# INC-1: Checkout errors").doesNotContain("a1B2c3D4e5F6g7H8i9J0");
        } finally {
            remote.stop();
        }
    }
}
