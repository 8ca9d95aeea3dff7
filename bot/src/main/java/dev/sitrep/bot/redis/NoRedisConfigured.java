package dev.sitrep.bot.redis;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * True when the operator configured no Redis of their own: then sitrep starts a local one. A URL, a
 * host or a Sentinel master each count as configured; Spring Boot's Lettuce auto-configuration then
 * connects (through the sentinels, following their failovers, when a master is named).
 */
class NoRedisConfigured implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        var env = context.getEnvironment();
        return !env.containsProperty("spring.data.redis.url") && !env.containsProperty("spring.data.redis.host")
                && !env.containsProperty("spring.data.redis.sentinel.master");
    }
}
