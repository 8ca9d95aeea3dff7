package dev.sitrep.testkit;

import dev.sitrep.commands.port.IncidentStore;

class InMemoryIncidentStoreTest extends IncidentStoreContract {

    @Override
    protected IncidentStore newStore() {
        return new InMemoryIncidentStore();
    }

    /** One instance is the whole store, shared by the threads of every "replica". */
    @Override
    protected IncidentStore anotherClientOf(IncidentStore store) {
        return store;
    }
}
