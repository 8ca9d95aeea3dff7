package dev.sitrep.discord;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.incident.Severity;
import dev.sitrep.commands.message.Messages;
import dev.sitrep.templates.TemplateRenderer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The exact Create Message body sitrep sends for a kick-off (embed and buttons), kept as a snapshot
 * so the README's Discord picture (docs/render-discord-message.py) is drawn from what really goes out.
 */
class KickoffPayloadTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final Member ALICE = new Member("discord", "500000000000000001", "alice");
    private static final Path SNAPSHOT = Path.of("src/test/resources/KickoffPayloadTest/kickoff.json");

    @Test
    void theKickoffBodyMatchesItsSnapshot() throws Exception {
        Incident incident = Incident.declare(new IncidentId(1), "Checkout errors", Severity.SEV1, false, ALICE, T0,
                Duration.ofMinutes(15));
        DiscordMessage message = new MessageComposer(new TemplateRenderer(new DiscordDialect(), null))
                .compose(new Messages.Kickoff(incident), DiscordMessage.nonce("kickoff:1"));
        // Keys sorted: DataObject is a hash map, and the snapshot must not depend on its iteration order.
        String actual = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .writeValueAsString(RestEncoder.encode(message).toMap()) + "\n";
        if (Boolean.getBoolean("snapshots.update") || !Files.exists(SNAPSHOT)) {
            Files.createDirectories(SNAPSHOT.getParent());
            Files.writeString(SNAPSHOT, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(Files.readString(SNAPSHOT, StandardCharsets.UTF_8));
        assertThat(actual).contains("\"custom_id\" : \"sitrep:post-update:1\"", "\"custom_id\" : \"sitrep:take-command:1\"",
                "\"custom_id\" : \"sitrep:resolve:1\"");
    }
}
