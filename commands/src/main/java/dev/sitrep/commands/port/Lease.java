package dev.sitrep.commands.port;

import java.time.Duration;
import java.util.Optional;

/**
 * A named lease one replica holds at a time (the Discord gateway connection, say). It expires
 * unless renewed, so a replica that dies hands it on by itself; renewing and releasing only ever
 * act on our own hold, so a replica whose lease ran out cannot extend or drop its successor's.
 */
public interface Lease {

    /** Takes the lease if nobody holds it, or extends it if we already do; true while we hold it. */
    boolean acquireOrRenew(Duration ttl);

    /** Gives the lease up at once (a clean shutdown), so the next replica need not wait for it to expire. */
    void release();

    /** Who holds the lease now, if anyone. */
    Optional<String> holder();

    /** Our own name as a holder. */
    String self();
}
