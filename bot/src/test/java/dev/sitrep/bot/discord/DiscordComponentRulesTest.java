package dev.sitrep.bot.discord;

import static dev.sitrep.bot.discord.FakeDiscordGateway.GENERAL;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Discord stand-in refuses the message components Discord refuses
 * (https://discord.com/developers/docs/interactions/message-components), so a test that passes
 * against it would not be refused by Discord: checked here on the wire, request by request.
 */
class DiscordComponentRulesTest {

    private static FakeDiscordApi discord;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        discord = new FakeDiscordApi();
    }

    @AfterAll
    static void stop() {
        discord.close();
    }

    @Test
    void buttonsWithinTheLimitsAreAccepted() throws Exception {
        assertThat(post("channels/" + GENERAL + "/messages", message(rows(5, 5, "sitrep:resolve:1", "Resolve"))).statusCode())
                .isEqualTo(200);
    }

    @Test
    void tooManyRowsOrButtonsAreAnInvalidFormBody() throws Exception {
        assertRefused(post("channels/" + GENERAL + "/messages", message(rows(6, 1, "sitrep:resolve:1", "Resolve"))),
                "components");
        assertRefused(post("channels/" + GENERAL + "/messages", message(rows(1, 6, "sitrep:resolve:1", "Resolve"))),
                "components.0.components");
    }

    @Test
    void aLongCustomIdOrLabelOrNoCustomIdIsAnInvalidFormBody() throws Exception {
        assertRefused(post("channels/" + GENERAL + "/messages", message(rows(1, 1, "x".repeat(101), "Resolve"))),
                "components.0.components.0.custom_id");
        assertRefused(post("channels/" + GENERAL + "/messages", message(rows(1, 1, "sitrep:resolve:1", "y".repeat(81)))),
                "components.0.components.0.label");
        assertRefused(post("channels/" + GENERAL + "/messages", message(rows(1, 1, "", "Resolve"))),
                "components.0.components.0.custom_id");
    }

    @Test
    void aComponentInteractionIsAnsweredOnce() throws Exception {
        String id = Interactions.snowflake();
        String deferUpdate = "{\"type\":6}";
        assertThat(post("interactions/" + id + "/tok-" + id + "/callback", deferUpdate).statusCode()).isEqualTo(204);
        HttpResponse<String> second = post("interactions/" + id + "/tok-" + id + "/callback", deferUpdate);
        assertThat(second.statusCode()).isEqualTo(400);
        assertThat(DataObject.fromJson(second.body()).getInt("code")).isEqualTo(40060);
        // The edit of the clicked message is checked like any message.
        assertRefused(patch("webhooks/" + FakeDiscordGateway.BOT + "/tok-" + id + "/messages/@original",
                message(rows(1, 1, "x".repeat(101), "Resolve"))), "components.0.components.0.custom_id");
    }

    private static void assertRefused(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).isEqualTo(400);
        DataObject body = DataObject.fromJson(response.body());
        assertThat(body.getInt("code")).isEqualTo(50035);
        assertThat(body.getString("message")).isEqualTo("Invalid Form Body");
        DataObject errors = body.getObject("errors");
        for (String part : field.split("\\.")) {
            errors = errors.getObject(part);
        }
        assertThat(errors.getArray("_errors").length()).isEqualTo(1);
    }

    private static String message(String components) {
        return "{\"content\":\"\",\"components\":" + components + ",\"nonce\":\"" + Interactions.snowflake()
                + "\",\"enforce_nonce\":true}";
    }

    private static String rows(int rows, int perRow, String customId, String label) {
        String button = "{\"type\":2,\"style\":1,\"label\":\"" + label + "\",\"custom_id\":\"" + customId + "\"}";
        String row = "{\"type\":1,\"components\":[" + String.join(",", Collections.nCopies(perRow, button)) + "]}";
        return "[" + String.join(",", Collections.nCopies(rows, row)) + "]";
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return send("POST", path, body);
    }

    private HttpResponse<String> patch(String path, String body) throws Exception {
        return send("PATCH", path, body);
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(discord.url() + path)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
