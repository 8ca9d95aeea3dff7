package dev.sitrep.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.discord.DiscordGateway;
import dev.sitrep.redis.RedisKeys;
import dev.sitrep.redis.RedisLease;
import dev.sitrep.redis.TestRedis;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import net.dv8tion.jda.api.JDA;
import org.junit.jupiter.api.Test;

/**
 * The lease decisions of {@link DiscordGateway} on a real {@link RedisLease}, one check at a time,
 * with a stand-in JDA (an interface) that only reports a status and counts shutdowns.
 */
class DiscordGatewayTest {

    private final RedisKeys keys = TestRedis.freshKeys();
    private final Duration ttl = Duration.ofSeconds(15);

    /** A JDA that answers getStatus with {@code status} and counts shutdown calls. */
    private static JDA jda(AtomicReference<JDA.Status> status, AtomicInteger shutdowns) {
        return (JDA) Proxy.newProxyInstance(JDA.class.getClassLoader(), new Class<?>[] {JDA.class}, (proxy, method, args) ->
                switch (method.getName()) {
                    case "getStatus" -> status.get();
                    case "shutdown", "shutdownNow" -> {
                        shutdowns.incrementAndGet();
                        status.set(JDA.Status.SHUTDOWN);
                        yield null;
                    }
                    case "awaitShutdown" -> true;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }

    private final class Replica {
        final AtomicReference<JDA.Status> status = new AtomicReference<>(JDA.Status.CONNECTED);
        final AtomicInteger connects = new AtomicInteger();
        final AtomicInteger shutdowns = new AtomicInteger();
        final RedisLease lease;
        final DiscordGateway gateway;

        Replica(String name) {
            lease = new RedisLease(TestRedis.connect(), keys, "discord-gateway", name);
            gateway = new DiscordGateway(lease, ttl, () -> {
                connects.incrementAndGet();
                status.set(JDA.Status.CONNECTED);
                return jda(status, shutdowns);
            });
        }
    }

    @Test
    void onlyTheLeaseHolderConnectsAndACleanStopHandsOver() {
        Replica a = new Replica("a");
        Replica b = new Replica("b");
        a.gateway.check();
        b.gateway.check();
        a.gateway.check();
        assertThat(a.connects).hasValue(1);
        assertThat(b.connects).hasValue(0);
        assertThat(a.gateway.connected()).isNotNull();
        assertThat(b.gateway.connected()).isNull();
        assertThat(b.gateway.holder()).contains("a");

        GatewayLoop loop = new GatewayLoop(a.gateway);
        loop.start();
        loop.stop();
        assertThat(a.shutdowns).hasValue(1);
        assertThat(b.gateway.holder()).as("released on stop").isEmpty();
        b.gateway.check();
        assertThat(b.connects).hasValue(1);
    }

    @Test
    void aHolderThatLostItsLeaseDisconnects() {
        Replica a = new Replica("a");
        a.gateway.check();
        // a stalled past its lease (a long GC pause, say) and b took over.
        TestRedis.connect().delete(keys.prefix() + "lease:discord-gateway");
        Replica b = new Replica("b");
        b.gateway.check();

        a.gateway.check();
        assertThat(a.shutdowns).hasValue(1);
        assertThat(a.gateway.holdsLease()).isFalse();
        assertThat(b.gateway.holder()).contains("b");
    }

    @Test
    void aSessionDiscordEndedForGoodGivesTheLeaseUp() {
        Replica a = new Replica("a");
        Replica b = new Replica("b");
        a.gateway.check();
        a.status.set(JDA.Status.FAILED_TO_LOGIN);

        a.gateway.check();
        assertThat(a.gateway.holdsLease()).isFalse();
        assertThat(a.gateway.holder()).isEmpty();
        b.gateway.check();
        assertThat(b.connects).hasValue(1);
    }
}
