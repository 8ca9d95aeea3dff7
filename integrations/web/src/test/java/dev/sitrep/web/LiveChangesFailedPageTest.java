package dev.sitrep.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.Severity;
import dev.sitrep.commands.port.IncidentChanges;
import dev.sitrep.commands.port.IncidentStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** A page whose connection failed must not keep the other pages from hearing of a change. */
class LiveChangesFailedPageTest {

    private static final IncidentId ID = new IncidentId(5);

    /** As Tomcat answers once the connection errored: the send and the completion are both refused. */
    private static final class FailedPage extends SseEmitter {
        @Override
        public void send(SseEventBuilder builder) {
            throw new IllegalStateException("A non-container (application) thread attempted to use the AsyncContext"
                    + " after an error had occurred and the call to AsyncListener.onError() had returned.");
        }

        @Override
        public void completeWithError(Throwable ex) {
            throw new IllegalStateException("A non-container (application) thread attempted to use the AsyncContext"
                    + " after an error had occurred and the call to AsyncListener.onError() had returned.");
        }
    }

    /** A page still listening: what it was sent. */
    private static final class OpenPage extends SseEmitter {
        final List<Set<?>> sent = new ArrayList<>();

        @Override
        public void send(SseEventBuilder builder) {
            sent.add(builder.build());
        }
    }

    @Test
    void aFailedPageIsForgottenAndEveryOtherPageIsStillTold() {
        List<Consumer<IncidentId>> listeners = new ArrayList<>();
        IncidentChanges changes = new IncidentChanges() {
            @Override
            public void changed(IncidentId id) {
            }

            @Override
            public Subscription listen(Consumer<IncidentId> listener) {
                listeners.add(listener);
                return () -> { };
            }
        };
        IncidentStore store = mock(IncidentStore.class);
        Incident incident = Incident.declare(ID, "Checkout", Severity.SEV2, false, ViewersTest.BOB, ViewersTest.NOW,
                Duration.ofMinutes(30));
        when(store.find(ID)).thenReturn(Optional.of(incident));
        LiveChanges live = new LiveChanges(changes, store, new Viewers(ViewersTest.SETTINGS, false));
        Viewer everyone = new Viewer("anyone", Set.of(), false);
        List<OpenPage> open = List.of(new OpenPage(), new OpenPage(), new OpenPage());
        // Failed pages before, between and after the open ones, in whatever order the set iterates.
        for (int i = 0; i < 3; i++) {
            assertThat(live.watch(new FailedPage(), everyone)).isTrue();
            assertThat(live.watch(open.get(i), everyone)).isTrue();
        }
        assertThat(live.watching()).isEqualTo(6);

        listeners.forEach(l -> l.accept(ID));

        assertThat(open).allSatisfy(page -> assertThat(page.sent).hasSize(1));
        assertThat(live.watching()).as("the failed pages are forgotten").isEqualTo(3);
        listeners.forEach(l -> l.accept(ID));
        assertThat(open).allSatisfy(page -> assertThat(page.sent).hasSize(2));
    }
}
