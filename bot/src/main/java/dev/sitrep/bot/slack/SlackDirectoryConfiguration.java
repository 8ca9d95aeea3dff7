package dev.sitrep.bot.slack;

import com.slack.api.Slack;
import dev.sitrep.commands.port.MemberDirectory;
import dev.sitrep.slack.KeptGsonMethods;
import dev.sitrep.slack.SlackCalls;
import dev.sitrep.slack.SlackMemberDirectory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The dashboard finds a signed-in person's Slack account by their e-mail through Slack's own
 * {@code users.lookupByEmail}, when {@code sitrep.web.slack-lookup} is on (the app then needs the
 * {@code users:read.email} scope).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(SlackConfigured.class)
@ConditionalOnBooleanProperty("sitrep.web.slack-lookup")
class SlackDirectoryConfiguration {

    @Bean
    MemberDirectory slackMemberDirectory(Slack slack, SlackProperties properties, SlackCalls calls) {
        return new SlackMemberDirectory(KeptGsonMethods.of(slack, properties.botToken()), calls);
    }
}
