package dev.sitrep.testkit;

import dev.sitrep.commands.port.DueTimers;
import dev.sitrep.commands.port.IncidentStore;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;

class InMemoryIncidentStoreTest extends IncidentStoreContract {

    private final Map<IncidentStore, InMemoryDueTimers> timers = new IdentityHashMap<>();

    @Override
    protected IncidentStore newStore() {
        InMemoryDueTimers own = new InMemoryDueTimers(Duration.ofSeconds(30));
        IncidentStore created = new InMemoryIncidentStore(own);
        timers.put(created, own);
        return created;
    }

    /** One instance is the whole store, shared by the threads of every "replica". */
    @Override
    protected IncidentStore anotherClientOf(IncidentStore store) {
        return store;
    }

    @Override
    protected DueTimers timersOf(IncidentStore store) {
        return timers.get(store);
    }
}
