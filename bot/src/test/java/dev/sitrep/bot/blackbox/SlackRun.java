package dev.sitrep.bot.blackbox;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * sitrep started against a {@link SlackFake} as the README's Slack section configures it
 * ({@code SLACK_BOT_TOKEN}, {@code --sitrep.slack.api-url}, {@code --sitrep.slack.broadcast-channel}):
 * the set-up and tear-down the Slack contract ITs share.
 */
final class SlackRun implements AutoCloseable {

    final SlackFake slack;
    /** {@code null} until {@link #start} ran. */
    SlackBotProcess bot;

    /** A fresh fake, serving Socket Mode's WebSocket too when {@code socketMode}. */
    SlackRun(boolean socketMode) throws Exception {
        slack = new SlackFake();
        if (socketMode) {
            try {
                slack.enableSocketMode();
            } catch (Throwable t) {
                slack.close();
                throw t;
            }
        }
    }

    /**
     * Starts the bot with its bot token and {@code credentials} (a signing secret or an app-level
     * token) and waits until {@code ready}; if that fails, everything started is stopped.
     */
    void start(Map<String, String> credentials, BooleanSupplier ready, Supplier<String> waitingFor) throws Exception {
        try {
            Map<String, String> env = new HashMap<>(credentials);
            env.put("SLACK_BOT_TOKEN", slack.botToken);
            bot = new SlackBotProcess(slack.base(), env,
                    List.of("--sitrep.slack.api-url=" + slack.apiUrl(),
                            "--sitrep.slack.broadcast-channel=" + SlackFake.BROADCAST));
            bot.waitReady(ready, waitingFor);
        } catch (Throwable t) {
            close();
            throw t;
        }
    }

    @Override
    public void close() {
        if (bot != null) bot.close();
        slack.close();
    }

    static String abbreviate(String s) { return s == null ? "" : s.length() > 400 ? s.substring(0, 400) + "…" : s; }

    static boolean waitUntil(Duration max, BooleanSupplier cond) {
        Instant end = Instant.now().plus(max);
        while (Instant.now().isBefore(end)) {
            if (cond.getAsBoolean()) return true;
            try { Thread.sleep(50); } catch (InterruptedException e) { Thread.currentThread().interrupt(); return false; }
        }
        return cond.getAsBoolean();
    }
}
