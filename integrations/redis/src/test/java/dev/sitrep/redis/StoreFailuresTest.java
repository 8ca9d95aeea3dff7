package dev.sitrep.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sitrep.commands.engine.EngineSettings;
import dev.sitrep.commands.engine.IncidentEngine;
import dev.sitrep.commands.engine.Invocation;
import dev.sitrep.commands.engine.Ports;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.port.DueTimers;
import dev.sitrep.commands.port.EngineObserver;
import dev.sitrep.commands.port.IdempotencyKeys;
import dev.sitrep.commands.port.IncidentStore;
import dev.sitrep.commands.port.StoreUnavailable;
import dev.sitrep.testkit.EngineHarness;
import dev.sitrep.testkit.MutableClock;
import dev.sitrep.testkit.RecordingPlatform;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * A Redis that does not answer reaches the engine as {@link StoreUnavailable}, and the caller is
 * told privately to run the command again — not "something went wrong", not an ERROR stack trace.
 */
class StoreFailuresTest {

    private LettuceConnectionFactory factory;

    @AfterEach
    void stop() {
        if (factory != null) {
            factory.destroy();
        }
    }

    /** A real Lettuce client pointed at a port where nothing listens (freed right before). */
    private StringRedisTemplate nobodyListening() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port),
                LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(1)).build());
        factory.afterPropertiesSet();
        factory.start();
        StringRedisTemplate template = new StringRedisTemplate(factory);
        template.afterPropertiesSet();
        return template;
    }

    @Test
    void anOutageBecomesStoreUnavailable() throws IOException {
        IncidentStore store = StoreFailures.translated(IncidentStore.class,
                new RedisIncidentStore(nobodyListening(), TestRedis.freshKeys()));
        assertThatThrownBy(() -> store.find(new IncidentId(1))).isInstanceOf(StoreUnavailable.class)
                .hasMessageContaining("Redis is not answering");
    }

    @Test
    void aConnectionFactoryStoppedByShutdownIsAnOutageToo() {
        factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", TestRedis.server().port()));
        factory.afterPropertiesSet();
        factory.start();
        StringRedisTemplate template = new StringRedisTemplate(factory);
        template.afterPropertiesSet();
        IncidentStore store = StoreFailures.translated(IncidentStore.class,
                new RedisIncidentStore(template, TestRedis.freshKeys()));
        assertThat(store.find(new IncidentId(1))).isEmpty();
        factory.stop();
        assertThatThrownBy(() -> store.find(new IncidentId(1))).isInstanceOf(StoreUnavailable.class);
    }

    @Test
    void aFailureThatIsNotAnOutageStaysWhatItIs() {
        StringRedisTemplate redis = TestRedis.connect();
        IdempotencyKeys broken = StoreFailures.translated(IdempotencyKeys.class, new IdempotencyKeys() {
            @Override
            public boolean begin(String key, Duration hold) {
                // A script error is a bug, not an outage.
                redis.execute(RedisScript.of("return redis.call('NOSUCHCOMMAND')", Long.class), List.of("k"));
                return true;
            }

            @Override
            public boolean isDone(String key) {
                return false;
            }

            @Override
            public void complete(String key, Duration keep) {
            }

            @Override
            public void abandon(String key) {
            }

            @Override
            public void holdAfterFailure(String key, Duration wait) {
            }

            @Override
            public int failed(String key, Duration keep) {
                return 1;
            }
        });
        assertThatThrownBy(() -> broken.begin("k", Duration.ofSeconds(1))).isNotInstanceOf(StoreUnavailable.class)
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void theCallerIsToldToRunTheCommandAgain() throws IOException {
        StringRedisTemplate dead = nobodyListening();
        RedisKeys keys = TestRedis.freshKeys();
        RecordingPlatform platform = new RecordingPlatform("console", Set.of("alice"));
        Ports ports = new Ports(StoreFailures.translated(IncidentStore.class, new RedisIncidentStore(dead, keys)),
                StoreFailures.translated(DueTimers.class, new RedisDueTimers(dead, keys, Duration.ofSeconds(30))),
                StoreFailures.translated(IdempotencyKeys.class, new RedisIdempotencyKeys(dead, keys)),
                List.of(platform), List.of(), new MutableClock(EngineHarness.T0), EngineObserver.NONE);
        IncidentEngine engine = new IncidentEngine(new EngineSettings(Map.of(), 2, "inc", Set.of(),
                EngineSettings.DEFAULT_ROLES, EngineSettings.DEFAULT_UPDATE_ROLES, EngineSettings.DEFAULT_POSTMORTEM_DUE,
                false), ports);

        engine.execute(new Invocation(EngineHarness.GENERAL, new Member("console", "alice", "alice")),
                "start Checkout errors sev1");

        assertThat(platform.rejections()).singleElement().satisfies(r -> assertThat(r.problem())
                .contains("sitrep could not finish /incident start: its store (Redis) is not answering")
                .contains("run it again"));
        assertThat(platform.sent()).filteredOn(s -> !(s.message() instanceof dev.sitrep.commands.message.Messages.CommandRejected))
                .isEmpty();
    }
}
