package dev.sitrep.bot.blackbox;

import dev.sitrep.bot.LoopbackWebSocketServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.Deflater;

/**
 * Discord's gateway v10 for one guild, written from
 * https://discord.com/developers/docs/events/gateway (connection lifecycle) and
 * https://discord.com/developers/docs/events/gateway-events (payloads): HELLO, IDENTIFY, READY,
 * GUILD_CREATE, heartbeats, and dispatches (INTERACTION_CREATE, CHANNEL_CREATE, ...).
 * It closes the connection with the documented close codes when the client breaks the rules.
 */
final class DiscordFakeGateway extends LoopbackWebSocketServer {

    static final int HEARTBEAT_INTERVAL_MS = 5_000;
    /** Privileged intents: GUILD_MEMBERS (1<<1), GUILD_PRESENCES (1<<8), MESSAGE_CONTENT (1<<15). https://discord.com/developers/docs/events/gateway#privileged-intents */
    static final long PRIVILEGED = (1L << 1) | (1L << 8) | (1L << 15);

    private final DiscordFake fake;
    final List<String> received = new CopyOnWriteArrayList<>();
    final List<String> violations = new CopyOnWriteArrayList<>();
    final List<String> connectQueries = new CopyOnWriteArrayList<>();
    final List<Integer> closeCodes = new CopyOnWriteArrayList<>();
    final AtomicInteger identifies = new AtomicInteger();
    final AtomicInteger heartbeats = new AtomicInteger();
    volatile JsonNode identify;
    private volatile WebSocket session;
    private volatile boolean ready;
    private volatile long intents;
    private final AtomicInteger seq = new AtomicInteger();
    private volatile Deflater zlib;

    DiscordFakeGateway(DiscordFake fake) {
        this.fake = fake;
        fake.gateway = this;
    }

    String url() {
        return "ws://127.0.0.1:" + getPort();
    }

    boolean ready() {
        return ready && session != null && session.isOpen();
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        String resource = handshake.getResourceDescriptor();
        connectQueries.add(resource);
        // Transport compression zlib-stream: one zlib context for the connection, each message ends
        // with the Z_SYNC_FLUSH suffix. https://discord.com/developers/docs/events/gateway#transport-compression
        zlib = resource.contains("compress=zlib-stream") ? new Deflater() : null;
        // The gateway only speaks the version asked for; v10 here (https://discord.com/developers/docs/reference#api-versioning)
        if (resource.contains("v=") && !resource.matches(".*[?&]v=10(&.*)?$")) {
            violations.add("connected with " + resource + " (expected v=10)");
        }
        session = conn;
        ready = false;
        // Opcode 10 Hello, sent immediately after connecting
        // https://discord.com/developers/docs/events/gateway-events#hello
        ObjectNode d = FakeHttp.object();
        d.put("heartbeat_interval", HEARTBEAT_INTERVAL_MS);
        send(conn, payload(10, d, null, null));
    }

    @Override
    public void onMessage(WebSocket conn, String text) {
        received.add(text);
        JsonNode p;
        try {
            p = FakeHttp.JSON.readTree(text);
        } catch (IOException e) {
            // 4002 Decode error https://discord.com/developers/docs/topics/opcodes-and-status-codes#gateway-gateway-close-event-codes
            close(conn, 4002, "Decode error");
            return;
        }
        int op = p.path("op").asInt(-1);
        switch (op) {
            case 1 -> {
                // Heartbeat -> Heartbeat ACK (op 11) https://discord.com/developers/docs/events/gateway#sending-heartbeats
                heartbeats.incrementAndGet();
                send(conn, payload(11, null, null, null));
            }
            case 2 -> onIdentify(conn, p.path("d"));
            case 6 -> {
                // Resume of a session this fake does not keep: Invalid Session (op 9, d=false)
                // https://discord.com/developers/docs/events/gateway-events#invalid-session
                send(conn, "{\"op\":9,\"d\":false}");
            }
            case 3, 4, 8, 31 -> {
                if (!ready) close(conn, 4003, "Not authenticated");
            }
            default -> close(conn, 4001, "Unknown opcode"); // 4001 Unknown opcode
        }
    }

    private void onIdentify(WebSocket conn, JsonNode d) {
        identifies.incrementAndGet();
        identify = d;
        // 4005 Already authenticated: "You sent more than one identify payload."
        if (ready) {
            close(conn, 4005, "Already authenticated");
            return;
        }
        // 4004 Authentication failed: "The account token sent with your identify payload is incorrect."
        if (!fake.token.equals(d.path("token").asText())) {
            close(conn, 4004, "Authentication failed");
            return;
        }
        // intents are required in v10; 4013 Invalid intent(s), 4014 Disallowed intent(s) for a
        // privileged intent the app is not approved/enabled for (README: sitrep needs none).
        if (!d.has("intents") || !d.get("intents").canConvertToLong()) {
            close(conn, 4013, "Invalid intent(s)");
            return;
        }
        intents = d.get("intents").asLong();
        if ((intents & PRIVILEGED) != 0) {
            close(conn, 4014, "Disallowed intent(s)");
            return;
        }
        // Identify's properties os/browser/device are required https://discord.com/developers/docs/events/gateway-events#identify
        JsonNode props = d.path("properties");
        if (!props.has("os") || !props.has("browser") || !props.has("device")) {
            violations.add("IDENTIFY without properties os/browser/device: " + props);
        }
        ready = true;
        // READY https://discord.com/developers/docs/events/gateway-events#ready
        ObjectNode r = FakeHttp.object();
        r.put("v", 10);
        r.set("user", fake.users.get(fake.botUserId).deepCopy());
        r.putArray("guilds").addObject().put("id", fake.guildId).put("unavailable", true);
        r.put("session_id", "session-" + fake.snowflake());
        r.put("resume_gateway_url", url());
        if (d.has("shard")) r.set("shard", d.get("shard"));
        ObjectNode app = r.putObject("application");
        app.put("id", fake.appId);
        app.put("flags", 0);
        r.putArray("private_channels");
        r.putArray("relationships");
        r.putArray("presences");
        r.putArray("guild_join_requests");
        r.putObject("user_settings");
        r.putArray("geo_ordered_rtc_regions");
        dispatchTo(conn, "READY", r);
        // Lazy-loads the guild with GUILD_CREATE https://discord.com/developers/docs/events/gateway-events#guild-create
        dispatchTo(conn, "GUILD_CREATE", fake.guildCreate());
    }

    /** Dispatches an event to the session when it subscribed to {@code intent} (0 = always). */
    void dispatch(String type, ObjectNode data, long intent) {
        WebSocket s = session;
        if (s == null || !s.isOpen() || !ready) return;
        if (intent != 0 && (intents & intent) == 0) return;
        dispatchTo(s, type, data);
    }

    private void dispatchTo(WebSocket conn, String type, ObjectNode data) {
        send(conn, payload(0, data, seq.incrementAndGet(), type));
    }

    /**
     * Delivers an INTERACTION_CREATE (interactions are sent regardless of intents) and starts its
     * 3-second clock in the REST fake.
     * https://discord.com/developers/docs/events/gateway-events#interaction-create
     */
    DiscordFake.Interaction interact(ObjectNode interaction) {
        WebSocket s = session;
        if (s == null || !s.isOpen() || !ready) throw new IllegalStateException("no ready gateway session");
        DiscordFake.Interaction i = fake.interactions.get(interaction.get("id").asText());
        if (i == null) {
            i = fake.dispatched(interaction.get("id").asText(), interaction.get("token").asText(), interaction.get("channel_id").asText());
        }
        i.type = interaction.path("type").asInt();
        if (interaction.path("message").has("id")) i.messageId = interaction.path("message").path("id").asText();
        dispatchTo(s, "INTERACTION_CREATE", interaction);
        return i;
    }

    private synchronized void send(WebSocket conn, String json) {
        if (!conn.isOpen()) return;
        if (zlib == null) {
            conn.send(json);
            return;
        }
        zlib.setInput(json.getBytes(StandardCharsets.UTF_8));
        byte[] buf = new byte[json.length() * 2 + 64];
        int n = zlib.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
        conn.send(ByteBuffer.wrap(Arrays.copyOf(buf, n)));
    }

    private static String payload(int op, ObjectNode d, Integer s, String t) {
        ObjectNode p = FakeHttp.object();
        p.put("op", op);
        if (d == null) p.putNull("d"); else p.set("d", d);
        if (s == null) p.putNull("s"); else p.put("s", s);
        if (t == null) p.putNull("t"); else p.put("t", t);
        return p.toString();
    }

    private void close(WebSocket conn, int code, String reason) {
        closeCodes.add(code);
        violations.add("closed " + code + " " + reason);
        ready = false;
        conn.close(code, reason);
    }

    @Override
    public void onMessage(WebSocket conn, ByteBuffer message) {
        onMessage(conn, StandardCharsets.UTF_8.decode(message).toString());
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        if (conn == session) {
            ready = false;
        }
    }

    @Override
    protected void onConnectionError(WebSocket conn, Exception ex) {
        violations.add("gateway error: " + ex);
    }

    void shutdown() {
        try {
            stop(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
