package dev.sitrep.testkit;

import static dev.sitrep.testkit.EngineHarness.GENERAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sitrep.commands.engine.EngineSettings;
import dev.sitrep.commands.engine.Invocation;
import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.incident.Severity;
import dev.sitrep.commands.incident.Status;
import dev.sitrep.commands.message.Messages;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who may act comes from configuration and from platform ids, never from a name a member chose. */
class PrivilegesTest {

    private static EngineHarness harness(List<String> updateRoles) {
        MutableClock clock = new MutableClock(EngineHarness.T0);
        return new EngineHarness(EngineHarness.Backend.inMemory(clock), clock,
                new RecordingPlatform("console", Set.of("alice", "bob", "carol", "dave", "root")),
                new EngineSettings(Map.of(), 2, "inc", Set.of("console:root"), EngineSettings.DEFAULT_ROLES, updateRoles,
                        EngineSettings.DEFAULT_POSTMORTEM_DUE, false));
    }

    private static ChannelRef startWithScribe(EngineHarness h) {
        h.run("alice", GENERAL, "start Checkout errors sev1");
        ChannelRef channel = h.channelOf(1);
        h.run("alice", channel, "role scribe @carol");
        h.platform.clear();
        return channel;
    }

    @Test
    void aConfiguredExtraRoleMayPostUpdatesChangeSeverityStatusAndSnooze() {
        EngineHarness h = harness(List.of("commander", "comms", "scribe"));
        ChannelRef channel = startWithScribe(h);

        h.run("carol", channel, "update confirmed: checkout is down");
        h.run("carol", channel, "severity sev2");
        h.run("carol", channel, "status identified");
        h.run("carol", channel, "snooze 1h");

        assertThat(h.platform.rejections()).isEmpty();
        Incident incident = h.incident(1);
        assertThat(incident.updates()).extracting(u -> u.author().id()).containsExactly("carol");
        assertThat(incident.severity()).isEqualTo(Severity.SEV2);
        assertThat(incident.status()).isEqualTo(Status.IDENTIFIED);
        assertThat(h.platform.sent(Messages.Snoozed.class)).hasSize(1);

        // A role that is not configured is still refused, and told who may.
        h.run("alice", channel, "role ops @dave");
        h.platform.clear();
        h.run("dave", channel, "update confirmed: x");
        assertThat(h.platform.rejections()).singleElement().satisfies(r -> assertThat(r.problem())
                .isEqualTo("Only the commander or the comms or scribe role can post updates for INC-1."));
        assertThat(h.incident(1).updates()).hasSize(1);
    }

    @Test
    void theDefaultConfigurationKeepsUpdatesToTheCommanderAndComms() {
        EngineHarness h = harness(EngineSettings.DEFAULT_UPDATE_ROLES);
        ChannelRef channel = startWithScribe(h);
        IncidentId id = new IncidentId(1);
        Incident before = h.incident(1);

        h.run("carol", channel, "update confirmed: checkout is down");
        h.run("carol", channel, "snooze 1h");
        assertThat(h.platform.rejections()).extracting(Messages.CommandRejected::problem).containsExactly(
                "Only the commander or the comms role can post updates for INC-1.",
                "Only the commander or the comms role can snooze update reminders for INC-1.");
        assertThat(h.incident(1)).isEqualTo(before);

        h.run("alice", channel, "role comms @bob");
        h.platform.clear();
        h.run("bob", channel, "update confirmed: checkout is down");
        assertThat(h.platform.rejections()).isEmpty();
        assertThat(h.store.find(id).orElseThrow().updates()).extracting(u -> u.author().id()).containsExactly("bob");
    }

    @Test
    void adminsAreMatchedByPlatformAndIdNeverByName() {
        EngineHarness h = harness(EngineSettings.DEFAULT_UPDATE_ROLES);
        h.run("alice", GENERAL, "start Checkout errors sev1");
        ChannelRef channel = h.channelOf(1);

        // mallory calls herself "root", and even "console:root": the name is hers to choose, the id is not.
        h.engine.execute(new Invocation(channel, new Member("console", "mallory", "root")), "resolve");
        h.engine.execute(new Invocation(channel, new Member("console", "mallory", "console:root")), "resolve");
        // The same id on another platform is another account.
        h.engine.execute(new Invocation(channel, new Member("discord", "root", "root")), "resolve");
        assertThat(h.platform.rejections()).hasSize(3).allSatisfy(r -> assertThat(r.problem())
                .isEqualTo("Only the commander (alice) or an admin can resolve INC-1."));
        assertThat(h.incident(1).isOpen()).isTrue();

        h.run("root", channel, "resolve");
        assertThat(h.incident(1).isOpen()).isFalse();
    }

    @Test
    void settingsRefuseAdminsThatAreNotPlatformIdsAndUpdateRolesThatDoNotExist() {
        assertThatThrownBy(() -> new EngineSettings(Map.of(), 2, "inc", Set.of("root"), EngineSettings.DEFAULT_ROLES,
                EngineSettings.DEFAULT_UPDATE_ROLES, EngineSettings.DEFAULT_POSTMORTEM_DUE, false))
                .hasMessageContaining("'root'");
        assertThatThrownBy(() -> new EngineSettings(Map.of(), 2, "inc", Set.of(), EngineSettings.DEFAULT_ROLES,
                List.of("comms"), EngineSettings.DEFAULT_POSTMORTEM_DUE, false))
                .hasMessageContaining("update-roles must include commander");
        assertThatThrownBy(() -> new EngineSettings(Map.of(), 2, "inc", Set.of(), EngineSettings.DEFAULT_ROLES,
                List.of("commander", "pager"), EngineSettings.DEFAULT_POSTMORTEM_DUE, false))
                .hasMessageContaining("'pager'");
    }
}
