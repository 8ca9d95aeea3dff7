package dev.sitrep.bot.slack;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/** True when Slack sends its requests over HTTP: a bot token and no app token (no Socket Mode). */
class SlackHttpMode implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        var env = context.getEnvironment();
        return StringUtils.hasText(env.getProperty("sitrep.slack.bot-token"))
                && !StringUtils.hasText(env.getProperty("sitrep.slack.app-token"));
    }
}
