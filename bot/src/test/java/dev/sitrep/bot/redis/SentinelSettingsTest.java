package dev.sitrep.bot.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.redis.LocalRedisServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.RedisNode;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * {@code spring.data.redis.sentinel.master} and {@code .nodes} alone are enough: no local Redis is
 * started, the client goes through the sentinels, and application.yml's 2 s command timeout applies.
 * (No connection is opened here: SentinelFailoverIT does that against real sentinels.)
 */
class SentinelSettingsTest {

    private final ApplicationContextRunner sitrep = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
            .withUserConfiguration(LocalRedisConfiguration.class);

    @Test
    void theSentinelSettingsAloneSelectSentinelWithTheCommandTimeout() {
        sitrep.withPropertyValues("spring.data.redis.sentinel.master=sitrep",
                "spring.data.redis.sentinel.nodes=127.0.0.1:26379,127.0.0.1:26380").run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(LocalRedisServer.class);
            LettuceConnectionFactory redis = context.getBean(LettuceConnectionFactory.class);
            assertThat(redis.getSentinelConfiguration()).isNotNull();
            assertThat(redis.getSentinelConfiguration().getMaster().getName()).isEqualTo("sitrep");
            assertThat(redis.getSentinelConfiguration().getSentinels()).extracting(RedisNode::asString)
                    .containsExactlyInAnyOrder("127.0.0.1:26379", "127.0.0.1:26380");
            assertThat(redis.getClientConfiguration().getCommandTimeout()).isEqualTo(Duration.ofSeconds(2));
        });
    }
}
