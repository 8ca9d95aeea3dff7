package dev.sitrep.bot.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With an OIDC client registration configured the dashboard (the metrics page with it) asks for a
 * login, while the status page, its feeds and its stylesheet answer everyone. The provider is never
 * contacted here: its endpoints are given explicitly, and nobody signs in.
 */
class StatusPageLoginTest {

    @TempDir
    static Path home;
    static LiveConsoleBot bot;
    static final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() {
        String registration = "--spring.security.oauth2.client.registration.sso.";
        String provider = "--spring.security.oauth2.client.provider.sso.";
        bot = new LiveConsoleBot(home, "--sitrep.status-page.enabled=true",
                registration + "client-id=sitrep", registration + "client-secret=not-a-secret",
                registration + "authorization-grant-type=authorization_code",
                registration + "redirect-uri={baseUrl}/login/oauth2/code/{registrationId}",
                registration + "scope=openid,email",
                provider + "authorization-uri=http://127.0.0.1:9/authorize", provider + "token-uri=http://127.0.0.1:9/token",
                provider + "jwk-set-uri=http://127.0.0.1:9/jwks", provider + "user-name-attribute=sub");
        bot.type("/incident start Checkout errors sev1",
                "/incident update impact: EU customers cannot pay | public: yes");
    }

    @AfterAll
    static void stop() {
        if (bot != null) {
            bot.close();
        }
    }

    @Test
    void theDashboardAsksForALoginAndTheStatusPageDoesNot() throws Exception {
        for (String path : new String[] {"/incidents", "/insights"}) {
            HttpResponse<String> page = get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(302);
            assertThat(page.headers().firstValue("Location").orElse("")).as(path).contains("/oauth2/authorization/sso");
        }
        HttpResponse<String> status = get("/status");
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.body()).contains("Checkout errors", "EU customers cannot pay");
        assertThat(get("/status/status.json").statusCode()).isEqualTo(200);
        assertThat(get("/status/feed.atom").statusCode()).isEqualTo(200);
        assertThat(get("/status/status.css").statusCode()).isEqualTo(200);
    }

    @Test
    void theStatusPathsTakeNothingButReads() throws Exception {
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(bot.baseUrl() + "/status"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(403);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(bot.baseUrl() + path)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
