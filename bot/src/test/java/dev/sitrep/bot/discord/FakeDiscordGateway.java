package dev.sitrep.bot.discord;

import dev.sitrep.bot.LoopbackWebSocketServer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;

/**
 * A local WebSocket server speaking Discord's gateway: HELLO, then READY and GUILD_CREATE after
 * IDENTIFY, heartbeat ACKs, and whatever dispatches a test sends (INTERACTION_CREATE, …).
 */
final class FakeDiscordGateway extends LoopbackWebSocketServer {

    static final String BOT = "900000000000000001";
    static final String GUILD = "100000000000000001";
    static final String CATEGORY = "200000000000000001";
    static final String ARCHIVE = "200000000000000002";
    static final String BROADCAST = "300000000000000001";
    static final String GENERAL = "300000000000000002";
    static final String BOT_ROLE = "400000000000000001";
    static final String COMMANDER_ROLE = "400000000000000002";
    /** A role people hold, such as a service's owners (below sitrep's). */
    static final String OWNERS_ROLE = "400000000000000003";
    /** The server's roles (@everyone has the server's id). */
    static final java.util.Set<String> ROLES = java.util.Set.of(GUILD, BOT_ROLE, COMMANDER_ROLE, OWNERS_ROLE);
    static final String ALICE = "500000000000000001";
    static final String BOB = "500000000000000002";

    private static final Pattern OP = Pattern.compile("\"op\"\\s*:\\s*(\\d+)");

    final CountDownLatch identified = new CountDownLatch(1);
    final List<String> received = new CopyOnWriteArrayList<>();
    /** Sessions that sent IDENTIFY and are still open, the most ever open at once, and IDENTIFYs in all. */
    final Set<WebSocket> sessions = ConcurrentHashMap.newKeySet();
    final AtomicInteger mostSessionsAtOnce = new AtomicInteger();
    final AtomicInteger identifies = new AtomicInteger();
    private final AtomicInteger sequence = new AtomicInteger();
    /** What sitrep's role may do when it connects (Administrator unless a test says otherwise). */
    volatile String botRoleAtStart = BOT_ROLE_ADMIN;
    private volatile WebSocket client;

    FakeDiscordGateway() {
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        client = conn;
        conn.send("{\"op\":10,\"s\":null,\"t\":null,\"d\":{\"heartbeat_interval\":41250}}");
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        received.add(message);
        Matcher op = OP.matcher(message);
        if (!op.find()) {
            return;
        }
        switch (Integer.parseInt(op.group(1))) {
            case 1 -> conn.send("{\"op\":11,\"s\":null,\"t\":null,\"d\":null}");
            case 2 -> {
                client = conn;
                sessions.add(conn);
                identifies.incrementAndGet();
                mostSessionsAtOnce.accumulateAndGet(sessions.size(), Math::max);
                dispatch("READY", ready());
                dispatch("GUILD_CREATE", guild(botRoleAtStart));
                identified.countDown();
            }
            default -> {
            }
        }
    }

    /** Administrator: everything sitrep needs. */
    static final String BOT_ROLE_ADMIN = "8";
    /** View and send only: no Manage Channels, no Manage Roles. */
    static final String BOT_ROLE_WEAK = "3072";

    void dispatch(String type, String data) {
        client.send("{\"op\":0,\"s\":" + sequence.incrementAndGet() + ",\"t\":\"" + type + "\",\"d\":" + data + "}");
    }

    /** Changes what sitrep's own role may do, as an admin editing it in Server Settings would. */
    void setBotPermissions(String permissions) {
        dispatch("GUILD_ROLE_UPDATE", "{\"guild_id\":\"" + GUILD + "\",\"role\":" + role(BOT_ROLE, "sitrep", permissions, 5)
                + "}");
    }

    private static String ready() {
        return """
                {"v":10,"user":{"id":"%s","username":"sitrep","discriminator":"0","global_name":null,"avatar":null,
                  "bot":true,"verified":true,"mfa_enabled":false,"flags":0},
                 "guilds":[{"id":"%s","unavailable":true}],"session_id":"fake-session","session_type":"normal",
                 "resume_gateway_url":"ws://127.0.0.1:1","private_channels":[],"relationships":[],"presences":[],
                 "geo_ordered_rtc_regions":[],"guild_join_requests":[],"user_settings":{},
                 "application":{"id":"%s","flags":0},"_trace":["fake"]}
                """.formatted(BOT, GUILD, BOT).strip();
    }

    static String guild(String botPermissions) {
        return """
                {"id":"%s","name":"Acme","icon":null,"splash":null,"discovery_splash":null,"owner_id":"%s",
                 "afk_channel_id":null,"afk_timeout":300,"verification_level":0,"default_message_notifications":0,
                 "explicit_content_filter":0,"features":[],"mfa_level":0,"system_channel_id":null,"system_channel_flags":0,
                 "rules_channel_id":null,"max_members":500000,"vanity_url_code":null,"description":null,"banner":null,
                 "premium_tier":0,"premium_subscription_count":0,"preferred_locale":"en-US","public_updates_channel_id":null,
                 "nsfw_level":0,"premium_progress_bar_enabled":false,"safety_alerts_channel_id":null,
                 "joined_at":"2024-01-01T00:00:00.000000+00:00","large":false,"unavailable":false,"member_count":3,
                 "lazy":true,"application_id":null,
                 "roles":[%s,%s,%s,%s],
                 "emojis":[],"stickers":[],"voice_states":[],"presences":[],"threads":[],"stage_instances":[],
                 "guild_scheduled_events":[],"soundboard_sounds":[],"embedded_activities":[],
                 "members":[{"user":{"id":"%s","username":"sitrep","discriminator":"0","global_name":null,"avatar":null,"bot":true},
                   "roles":["%s"],"joined_at":"2024-01-01T00:00:00.000000+00:00","deaf":false,"mute":false,"flags":0,
                   "pending":false,"nick":null,"premium_since":null}],
                 "channels":[
                   {"id":"%s","type":4,"name":"Incidents","position":1,"permission_overwrites":[],"flags":0},
                   {"id":"%s","type":4,"name":"Archive","position":2,"permission_overwrites":[],"flags":0},
                   {"id":"%s","type":0,"name":"incidents","position":0,"permission_overwrites":[],"topic":null,
                    "nsfw":false,"last_message_id":null,"rate_limit_per_user":0,"parent_id":null,"flags":0},
                   {"id":"%s","type":0,"name":"general","position":0,"permission_overwrites":[],"topic":null,
                    "nsfw":false,"last_message_id":null,"rate_limit_per_user":0,"parent_id":null,"flags":0}]}
                """.formatted(GUILD, ALICE, role(GUILD, "@everyone", "1024", 0), role(BOT_ROLE, "sitrep", botPermissions, 5),
                role(COMMANDER_ROLE, "Incident Commander", "0", 1), role(OWNERS_ROLE, "Checkout owners", "0", 2), BOT, BOT_ROLE, CATEGORY, ARCHIVE, BROADCAST, GENERAL)
                .strip();
    }

    static String role(String id, String name, String permissions, int position) {
        return ("{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"color\":0,\"colors\":{\"primary_color\":0,"
                + "\"secondary_color\":null,\"tertiary_color\":null},\"hoist\":false,\"icon\":null,\"unicode_emoji\":null,"
                + "\"position\":" + position + ",\"permissions\":\"" + permissions + "\",\"managed\":false,"
                + "\"mentionable\":false,\"flags\":0}");
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        sessions.remove(conn);
    }
}
