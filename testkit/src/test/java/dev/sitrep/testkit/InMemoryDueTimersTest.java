package dev.sitrep.testkit;

import dev.sitrep.commands.port.DueTimers;
import java.time.Duration;

class InMemoryDueTimersTest extends DueTimersContract {

    @Override
    protected DueTimers newTimers(Duration lease) {
        return new InMemoryDueTimers(lease);
    }

    @Override
    protected DueTimers anotherClientOf(DueTimers timers) {
        return timers;
    }
}
