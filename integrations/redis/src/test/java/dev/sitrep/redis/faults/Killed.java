package dev.sitrep.redis.faults;

/**
 * The process dies here. An Error, not an exception: nothing in sitrep catches it, so no handler
 * and no catch block gets to tidy up, as with a killed process.
 */
final class Killed extends Error {

    Killed(String where) {
        super("killed " + where, null, false, false);
    }
}
