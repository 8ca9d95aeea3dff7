package dev.sitrep.redis.faults;

/**
 * Counts the step boundaries one run passes — before and after every write to Redis and every call
 * to the chat platform — and kills the process at the chosen one. Once killed, every later step
 * dies too: a dead process does nothing more, not even its finally blocks' writes.
 */
final class CrashPoints {

    private int target;
    private int passed;
    private boolean dead;
    private String killedAt = "";

    /** Kills at boundary {@code k} (1-based) of the next run; 0 never kills. */
    void killAt(int k) {
        target = k;
        passed = 0;
        dead = false;
        killedAt = "";
    }

    void disarm() {
        killAt(0);
    }

    void boundary(String where) {
        if (dead) {
            throw new Killed(where + " (already dead)");
        }
        passed++;
        if (passed == target) {
            dead = true;
            killedAt = where;
            throw new Killed(where);
        }
    }

    boolean killed() {
        return dead;
    }

    String killedAt() {
        return killedAt;
    }

    int passed() {
        return passed;
    }

    /** Runs a write between two boundaries: killed before it (not done) or after it (done, but never returned). */
    <T> T around(String what, java.util.function.Supplier<T> write) {
        boundary("before " + what);
        T result = write.get();
        boundary("after " + what);
        return result;
    }

    void around(String what, Runnable write) {
        around(what, () -> {
            write.run();
            return null;
        });
    }
}
