package dev.sitrep.bot.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.context.SmartLifecycle;

/** Connects the Bolt app over Socket Mode when SLACK_APP_TOKEN is set (for bots behind a firewall). */
final class SlackSocketMode implements SmartLifecycle {

    private final App app;
    private final SlackProperties properties;
    private SocketModeApp socketModeApp;

    SlackSocketMode(App app, SlackProperties properties) {
        this.app = app;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        if (!properties.socketMode()) {
            return;
        }
        try {
            socketModeApp = new SocketModeApp(properties.appToken(), SocketModeClient.Backend.JavaWebSocket, app);
            socketModeApp.startAsync();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a Slack Socket Mode connection", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot open a Slack Socket Mode connection: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void stop() {
        if (socketModeApp != null) {
            try {
                socketModeApp.stop();
            } catch (Exception e) {
                // shutting down anyway
            }
            socketModeApp = null;
        }
    }

    /** Empty without Socket Mode; otherwise whether the WebSocket to Slack is open right now. */
    synchronized java.util.Optional<Boolean> connected() {
        if (!properties.socketMode()) {
            return java.util.Optional.empty();
        }
        SocketModeApp current = socketModeApp;
        return java.util.Optional.of(current != null && !current.isClientStopped() && current.getClient() != null
                && current.getClient().verifyConnection());
    }

    @Override
    public synchronized boolean isRunning() {
        return socketModeApp != null;
    }
}
