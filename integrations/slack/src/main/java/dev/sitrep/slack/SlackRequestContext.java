package dev.sitrep.slack;

import org.jspecify.annotations.Nullable;

/**
 * The trigger id of the Slack request being worked on, for the one thing that needs it: opening a
 * modal. Set by the adapter around a command's execution, on the thread that runs it.
 */
final class SlackRequestContext {

    private static final ThreadLocal<String> TRIGGER = new ThreadLocal<>();

    private SlackRequestContext() {
    }

    static void run(@Nullable String triggerId, Runnable work) {
        TRIGGER.set(triggerId);
        try {
            work.run();
        } finally {
            TRIGGER.remove();
        }
    }

    static @Nullable String triggerId() {
        return TRIGGER.get();
    }
}
