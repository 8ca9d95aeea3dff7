package dev.sitrep.bot.slack;

import dev.sitrep.bot.LoopbackWebSocketServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;

/** A local WebSocket server speaking Slack's Socket Mode: hello on connect, then the envelopes we send. */
final class FakeSlackSocket extends LoopbackWebSocketServer {

    final CountDownLatch connected = new CountDownLatch(1);
    final List<String> received = new CopyOnWriteArrayList<>();
    private volatile WebSocket client;

    FakeSlackSocket() {
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        client = conn;
        conn.send("{\"type\":\"hello\",\"num_connections\":1,\"debug_info\":{\"host\":\"fake\",\"approximate_connection_time\":3600},"
                + "\"connection_info\":{\"app_id\":\"A1\"}}");
        connected.countDown();
    }

    void sendEnvelope(String json) {
        client.send(json);
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        received.add(message);
    }
}
