package dev.sitrep.testkit;

import dev.sitrep.commands.port.AlertGroups;
import java.time.Duration;

class InMemoryAlertGroupsTest extends AlertGroupsContract {

    private final MutableClock clock = new MutableClock(EngineHarness.T0);

    @Override
    protected AlertGroups newGroups() {
        return new InMemoryAlertGroups(new InMemoryIncidentStore(new InMemoryDueTimers(Duration.ofSeconds(30))), clock);
    }

    @Override
    protected AlertGroups anotherClientOf(AlertGroups groups) {
        return groups;
    }

    @Override
    protected void runOut(Duration window) {
        clock.advance(window.plusMillis(1));
    }
}
