package dev.sitrep.discord;

import net.dv8tion.jda.api.interactions.InteractionHook;
import org.jspecify.annotations.Nullable;

/** The interaction being answered, so private replies go to it as ephemeral follow-ups. */
final class DiscordReplyContext {

    private static final ThreadLocal<InteractionHook> HOOK = new ThreadLocal<>();

    private DiscordReplyContext() {
    }

    static void run(@Nullable InteractionHook hook, Runnable work) {
        HOOK.set(hook);
        try {
            work.run();
        } finally {
            HOOK.remove();
        }
    }

    static @Nullable InteractionHook hook() {
        return HOOK.get();
    }
}
