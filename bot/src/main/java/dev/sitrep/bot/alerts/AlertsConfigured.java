package dev.sitrep.bot.alerts;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/** True when alert intake has a bearer token (inline or in a file): without one the receiver is not served. */
class AlertsConfigured implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return StringUtils.hasText(context.getEnvironment().getProperty("sitrep.alerts.token"))
                || StringUtils.hasText(context.getEnvironment().getProperty("sitrep.alerts.token-file"));
    }
}
