package dev.sitrep.bot.blackbox;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * Discord's gateway as https://discord.com/developers/docs/events/gateway describes the
 * connection: on open the server sends Hello (op 10, heartbeat_interval); the client Identifies
 * (op 2, token); the server answers Ready (op 0 t=READY) and then one Guild Create per guild;
 * every Heartbeat (op 1) gets a Heartbeat ACK (op 11); dispatches carry a growing sequence s.
 * A wrong token closes with 4004 Authentication failed
 * (https://discord.com/developers/docs/topics/opcodes-and-status-codes#gateway-gateway-close-event-codes).
 */
final class BbDiscordGateway extends WebSocketServer {
    private final String token;
    private final Supplier<JsonObject> ready;
    private final Supplier<JsonObject> guildCreate;
    private final AtomicInteger seq = new AtomicInteger();
    final List<JsonObject> received = new CopyOnWriteArrayList<>();
    private volatile WebSocket session;
    private final java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);

    BbDiscordGateway(String token, Supplier<JsonObject> ready, Supplier<JsonObject> guildCreate) {
        super(new InetSocketAddress("127.0.0.1", 0));
        this.token = token;
        this.ready = ready;
        this.guildCreate = guildCreate;
        setReuseAddr(true);
    }

    String url() {
        return "ws://127.0.0.1:" + getPort();
    }

    boolean identified() {
        return session != null && session.isOpen();
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        JsonObject hello = new JsonObject();
        hello.addProperty("op", 10);
        JsonObject d = new JsonObject();
        d.addProperty("heartbeat_interval", 41250);
        hello.add("d", d);
        hello.add("s", null);
        hello.add("t", null);
        conn.send(hello.toString());
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        JsonObject m = JsonParser.parseString(message).getAsJsonObject();
        received.add(m);
        int op = m.get("op").getAsInt();
        switch (op) {
            case 1 -> {
                JsonObject ack = new JsonObject();
                ack.addProperty("op", 11);
                conn.send(ack.toString());
            }
            case 2 -> {
                String given = m.getAsJsonObject("d").get("token").getAsString();
                if (!token.equals(given) && !("Bot " + token).equals(given)) {
                    conn.close(4004, "Authentication failed.");
                    return;
                }
                session = conn;
                dispatch("READY", ready.get());
                dispatch("GUILD_CREATE", guildCreate.get());
            }
            case 6 -> {
                // a resume this stand-in cannot honour: Invalid Session, d=false (not resumable)
                JsonObject invalid = new JsonObject();
                invalid.addProperty("op", 9);
                invalid.addProperty("d", false);
                conn.send(invalid.toString());
            }
            default -> {
            }
        }
    }

    /** A Dispatch (op 0) to the identified session. */
    synchronized void dispatch(String type, JsonElement data) {
        WebSocket s = session;
        if (s == null || !s.isOpen()) {
            throw new IllegalStateException("no identified gateway session to dispatch " + type + " to");
        }
        JsonObject ev = new JsonObject();
        ev.addProperty("op", 0);
        ev.addProperty("t", type);
        ev.addProperty("s", seq.incrementAndGet());
        ev.add("d", data);
        s.send(ev.toString());
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        if (conn == session) {
            session = null;
        }
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    /** Starts listening and returns once the port is bound, so url() names the real port. */
    void startAndAwait() {
        start();
        try {
            if (!started.await(20, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IllegalStateException("gateway stand-in did not bind");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
