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

    @Test
    void aModalWithinTheLimitsOpensOnAClickButNotOnASubmission() throws Exception {
        String click = Interactions.snowflake();
        Interactions.button(click, GENERAL, FakeDiscordGateway.ALICE, "alice", "sitrep:resolve:1", "880000000000000042", "[]");
        assertThat(post(callback(click), modal("incident_resolve:sitrep:resolve:1", "Resolve INC-1", 5, "What fixed it"))
                .statusCode()).isEqualTo(204);
        // A modal cannot answer a modal's submission; an update of the message can, when a click opened the modal.
        String submit = Interactions.snowflake();
        Interactions.modalSubmitFromMessage(submit, GENERAL, FakeDiscordGateway.ALICE, "alice",
                "incident_resolve:sitrep:resolve:1", java.util.Map.of("summary", "x"), "880000000000000042", "[]");
        assertRefused(post(callback(submit), modal("again", "Again", 1, "Label")), "type");
        assertThat(post(callback(submit), "{\"type\":6}").statusCode()).isEqualTo(204);
        // A typed command's modal submission is not on a message: there is nothing to update.
        String typed = Interactions.snowflake();
        Interactions.modalSubmit(typed, GENERAL, FakeDiscordGateway.ALICE, "alice", java.util.Map.of("confirmed", "x"));
        assertRefused(post(callback(typed), "{\"type\":6}"), "type");
    }

    @Test
    void aModalBeyondDiscordsLimitsIsAnInvalidFormBody() throws Exception {
        assertRefused(post(callback(Interactions.snowflake()), modal("f".repeat(101), "Title", 1, "Label")), "data.custom_id");
        assertRefused(post(callback(Interactions.snowflake()), modal("form", "t".repeat(46), 1, "Label")), "data.title");
        assertRefused(post(callback(Interactions.snowflake()), modal("form", "Title", 6, "Label")), "data.components");
        assertRefused(post(callback(Interactions.snowflake()), modal("form", "Title", 0, "Label")), "data.components");
        assertRefused(post(callback(Interactions.snowflake()), modal("form", "Title", 1, "l".repeat(46))),
                "data.components.0.label");
        String longInput = "{\"type\":9,\"data\":{\"custom_id\":\"form\",\"title\":\"Title\",\"components\":[{\"type\":18,"
                + "\"label\":\"Label\",\"component\":{\"type\":4,\"custom_id\":\"summary\",\"style\":2,\"max_length\":4001}}]}}";
        assertRefused(post(callback(Interactions.snowflake()), longInput), "data.components.0.component.max_length");
    }

    private static String callback(String interaction) {
        return "interactions/" + interaction + "/tok-" + interaction + "/callback";
    }

    /** A modal of {@code inputs} labelled text inputs, as JDA sends one (callback type 9). */
    private static String modal(String customId, String title, int inputs, String label) {
        String input = "{\"type\":18,\"label\":\"" + label + "\",\"component\":{\"type\":4,\"custom_id\":\"summary\","
                + "\"style\":2,\"required\":true,\"max_length\":3000}}";
        return "{\"type\":9,\"data\":{\"custom_id\":\"" + customId + "\",\"title\":\"" + title + "\",\"components\":["
                + String.join(",", Collections.nCopies(inputs, input)) + "]}}";
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
