package dev.sitrep.discord;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The interactions this gateway session has already received. Discord replays events to a resumed
 * session (https://discord.com/developers/docs/events/gateway#resuming), and answering a replayed
 * interaction again is refused with 40060 "Interaction has already been acknowledged"
 * (https://discord.com/developers/docs/topics/opcodes-and-status-codes#json). The deferral has to
 * come before the Redis take (which must never hold up JDA's event thread), so a replay is caught
 * here first, in memory: replays reach the session that holds the gateway, i.e. this replica. The
 * take in Redis still keeps a command from running twice anywhere else.
 */
final class SeenInteractions {

    /** Far more than arrive in the 15 minutes an interaction can be answered in. */
    private static final int REMEMBERED = 10_000;

    private final Map<String, Boolean> seen = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** True the first time an interaction id is offered, false for every replay of it. */
    synchronized boolean firstTime(String interactionId) {
        return seen.putIfAbsent(interactionId, Boolean.TRUE) == null;
    }
}
