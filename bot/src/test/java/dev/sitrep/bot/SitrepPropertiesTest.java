package dev.sitrep.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** Defaults, overrides, and bad values that must stop startup naming the property. */
class SitrepPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(SitrepProperties.class)
    static class PropertiesOnly {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(PropertiesOnly.class);

    @Test
    void defaults() {
        runner.run(context -> {
            SitrepProperties p = context.getBean(SitrepProperties.class);
            assertThat(p.channelPrefix()).isEqualTo("inc");
            assertThat(p.broadcastChannel()).isEqualTo("incidents");
            assertThat(p.reminders().escalateAfterMissed()).isEqualTo(2);
            assertThat(p.severities().sev1().updateEvery()).isNull();
            assertThat(p.roles()).containsExactly("commander", "comms", "scribe", "ops");
            assertThat(p.updateRoles()).containsExactly("commander", "comms");
            assertThat(p.admins()).isEmpty();
            assertThat(p.timezone()).isEqualTo(ZoneId.of("UTC"));
            assertThat(p.postmortem().dir().toString()).isEqualTo(".sitrep/postmortems");
        });
    }

    @Test
    void overrides() {
        runner.withPropertyValues("sitrep.severities.sev1.update-every=5s", "sitrep.severities.sev4.update-every=8h",
                "sitrep.admins=U024BE7LH, W012A3CDE,1213000000000000001,discord:121300000000000002,slack:U0LEAD,console:Root",
                "sitrep.update-roles=commander,comms,scribe", "sitrep.timezone=Europe/Berlin", "sitrep.channel-prefix=sev")
                .run(context -> {
                    SitrepProperties p = context.getBean(SitrepProperties.class);
                    assertThat(p.severities().sev1().updateEvery()).isEqualTo(Duration.ofSeconds(5));
                    assertThat(p.severities().sev4().updateEvery()).isEqualTo(Duration.ofHours(8));
                    // Every admin ends up qualified by its platform: a bare id's shape says which one.
                    assertThat(p.admins()).containsExactly("slack:U024BE7LH", "slack:W012A3CDE", "discord:1213000000000000001",
                            "discord:121300000000000002", "slack:U0LEAD", "console:root");
                    assertThat(p.updateRoles()).containsExactly("commander", "comms", "scribe");
                    assertThat(p.timezone()).isEqualTo(ZoneId.of("Europe/Berlin"));
                });
    }

    @Test
    void badValuesFailStartupNamingTheProperty() {
        assertStartupFails("sitrep.severities.sev1.update-every=soon", "sitrep.severities.sev1.update-every");
        assertStartupFails("sitrep.severities.sev2.update-every=-5m", "sitrep.severities.*.update-every must be positive");
        assertStartupFails("sitrep.reminders.escalate-after-missed=0", "sitrep.reminders.escalate-after-missed");
        assertStartupFails("sitrep.reminders.escalate-after-missed=two", "sitrep.reminders.escalate-after-missed");
        assertStartupFails("sitrep.channel-prefix=Inc_!", "sitrep.channel-prefix");
        assertStartupFails("sitrep.timezone=Mars/Olympus", "sitrep.timezone");
        assertStartupFails("sitrep.roles=comms,scribe", "sitrep.roles must include commander");
        assertStartupFails("sitrep.update-roles=comms", "sitrep.update-roles must include commander");
        assertStartupFails("sitrep.update-roles=commander,pager", "sitrep.update-roles names 'pager'");
    }

    @Test
    void anEmptyAdminListAsTheChartPassesItMeansNoAdmins() {
        runner.withPropertyValues("sitrep.admins=").run(context ->
                assertThat(context.getBean(SitrepProperties.class).admins()).isEmpty());
    }

    @Test
    void anAdminThatIsNotAnIdFailsStartupNamingTheEntry() {
        // Names, handles and ids of the wrong shape for their platform: none of them identifies an account.
        assertStartupFails("sitrep.admins=U024BE7LH,root", "sitrep.admins: 'root' is not a member id");
        assertStartupFails("sitrep.admins=@U024BE7LH", "sitrep.admins: '@U024BE7LH' is not a member id");
        assertStartupFails("sitrep.admins=discord:root", "sitrep.admins: 'discord:root' is not a member id");
        assertStartupFails("sitrep.admins=slack:1213000000000000001", "'slack:1213000000000000001' is not a member id");
        assertStartupFails("sitrep.admins=teams:29:1abc", "'teams:29:1abc' is not a member id");
        assertStartupFails("sitrep.admins=1213", "sitrep.admins: '1213' is not a member id");
    }

    private void assertStartupFails(String property, String named) {
        runner.withPropertyValues(property).run(context -> {
            assertThat(context).hasFailed();
            StringBuilder messages = new StringBuilder();
            for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
                messages.append(t.getMessage()).append('\n');
            }
            assertThat(messages.toString()).as(property).contains(named);
        });
    }
}
