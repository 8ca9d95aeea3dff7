package dev.sitrep.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.port.IncidentChanges;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** An open dashboard must not hold a replica's shutdown: its streams end before Tomcat waits for requests. */
class LiveChangesShutdownTest {

    /**
     * Spring Boot's WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE (spring-boot-web-server 4.1):
     * lifecycles stop from the highest phase down, so the streams must be ended in a higher one.
     */
    private static final int GRACEFUL_SHUTDOWN_PHASE = Integer.MAX_VALUE - 1024;

    private final AtomicBoolean unsubscribed = new AtomicBoolean();
    private final IncidentChanges changes = new IncidentChanges() {
        @Override
        public void changed(IncidentId id) {
        }

        @Override
        public Subscription listen(Consumer<IncidentId> listener) {
            return () -> unsubscribed.set(true);
        }
    };
    private final LiveChanges live = new LiveChanges(changes, null,
            new Viewers(new DashboardSettings(Set.of(), Map.of(), "console:alice", 50, ZoneOffset.UTC, Map.of()), false));

    @Test
    void stoppingEndsEveryOpenStreamBeforeTheWebServersGracefulShutdown() throws Exception {
        SseEmitter first = live.events(null);
        SseEmitter second = live.events(null);
        assertThat(live.watching()).isEqualTo(2);
        assertThat(live.getPhase()).isGreaterThan(GRACEFUL_SHUTDOWN_PHASE);

        live.stop();

        assertThat(live.isRunning()).isFalse();
        assertThat(live.watching()).isZero();
        for (SseEmitter ended : new SseEmitter[] {first, second}) {
            assertThatThrownBy(() -> ended.send("late")).isInstanceOf(IllegalStateException.class);
        }
        // The notices keep flowing to nobody until the context closes the subscription.
        assertThat(unsubscribed).isFalse();
        live.close();
        assertThat(unsubscribed).isTrue();
    }

    @Test
    void aStreamOpenedWhileShuttingDownEndsAtOnce() throws Exception {
        live.stop();
        SseEmitter late = live.events(null);
        assertThat(live.watching()).isZero();
        assertThatThrownBy(() -> late.send("late")).isInstanceOf(IllegalStateException.class);
    }
}
