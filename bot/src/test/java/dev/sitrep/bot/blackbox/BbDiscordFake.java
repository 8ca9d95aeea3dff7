package dev.sitrep.bot.blackbox;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Discord server as a bot sees it, on 127.0.0.1: the REST API (https://discord.com/developers/docs/reference)
 * and the gateway ({@link BbDiscordGateway}). Interactions are created here and dispatched as
 * INTERACTION_CREATE; their callbacks are held to
 * https://discord.com/developers/docs/interactions/receiving-and-responding : one initial response
 * per interaction, within 3 seconds, of a type the interaction allows; follow-ups and @original
 * edits through the webhook only after it. Refusals use Discord's error shape
 * {@code {"message":…,"code":…}} (https://discord.com/developers/docs/topics/opcodes-and-status-codes#json).
 */
final class BbDiscordFake implements AutoCloseable {
    static final String TOKEN = "MTIwMDAwMDAwMDAwMDAwMDAwMQ.bbcheck.discord-fake-token-0123456789";
    static final String GUILD = "1100000000000000001";
    static final String APP = "1200000000000000001";
    static final String BOT = APP;
    static final String BOT_ROLE = "1100000000000000002";
    /** A role of people (an on-call team) that owns a service; below sitrep's role. */
    static final String ONCALL_ROLE = "1100000000000000003";
    static final String CATEGORY = "1300000000000000001";
    static final String BROADCAST = "1300000000000000002";
    static final String GENERAL = "1300000000000000003";
    static final String ALICE = "1400000000000000001";
    static final String BOB = "1400000000000000002";
    /** README "Invite it": the permissions of sitrep's invite link. */
    static final String BOT_PERMISSIONS = "2251800082238480";

    record Request(String method, String path, String query, JsonElement body, int status, String answer) {
    }

    record Callback(String interactionId, int type, JsonObject data, int status, String refusal) {
    }

    static final class Interaction {
        final String id;
        final String token;
        final int type;
        final JsonObject payload;
        final Instant created = Instant.now();
        volatile Callback initial;
        /** The message a component or a component-opened modal came from. */
        final String messageId;

        Interaction(String id, String token, int type, JsonObject payload, String messageId) {
            this.id = id;
            this.token = token;
            this.type = type;
            this.payload = payload;
            this.messageId = messageId;
        }
    }

    private final HttpServer server;
    final BbDiscordGateway gateway;
    private final AtomicLong snowflakes = new AtomicLong();
    final List<Request> requests = new CopyOnWriteArrayList<>();
    final List<Callback> callbacks = new CopyOnWriteArrayList<>();
    final Map<String, JsonObject> channels = new ConcurrentHashMap<>();
    final Map<String, JsonObject> messages = new ConcurrentHashMap<>();
    final Map<String, List<JsonObject>> edits = new ConcurrentHashMap<>();
    final Map<String, Interaction> interactions = new ConcurrentHashMap<>();
    private final Map<String, String> nonces = new ConcurrentHashMap<>();
    volatile JsonArray guildCommands = new JsonArray();

    BbDiscordFake() throws IOException {
        channels.put(CATEGORY, channel(CATEGORY, 4, "Incidents", null, 0));
        channels.put(BROADCAST, channel(BROADCAST, 0, "incidents", null, 1));
        channels.put(GENERAL, channel(GENERAL, 0, "general", null, 2));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v10/", this::rest);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
        gateway = new BbDiscordGateway(TOKEN, this::ready, this::guildCreate);
        gateway.startAndAwait();
    }

    String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v10/";
    }

    /**
     * A snowflake of now: milliseconds since the Discord epoch (2015-01-01) shifted left by 22,
     * https://discord.com/developers/docs/reference#snowflakes ; clients read creation times (and so
     * an interaction token's age) from it.
     */
    String id() {
        long now = (System.currentTimeMillis() - 1_420_070_400_000L) << 22;
        return String.valueOf(snowflakes.updateAndGet(prev -> Math.max(prev + 1, now)));
    }

    // ---------------------------------------------------------------- gateway payloads

    /** https://discord.com/developers/docs/events/gateway-events#ready */
    private JsonObject ready() {
        JsonObject d = new JsonObject();
        d.addProperty("v", 10);
        d.add("user", user(BOT, "sitrep", true));
        JsonArray guilds = new JsonArray();
        JsonObject g = new JsonObject();
        g.addProperty("id", GUILD);
        g.addProperty("unavailable", true);
        guilds.add(g);
        d.add("guilds", guilds);
        d.addProperty("session_id", "bbcheck-session");
        d.addProperty("resume_gateway_url", gateway.url());
        JsonArray shard = new JsonArray();
        shard.add(0);
        shard.add(1);
        d.add("shard", shard);
        JsonObject app = new JsonObject();
        app.addProperty("id", APP);
        app.addProperty("flags", 0);
        d.add("application", app);
        d.add("private_channels", new JsonArray());
        d.add("relationships", new JsonArray());
        d.add("presences", new JsonArray());
        d.add("guild_join_requests", new JsonArray());
        d.add("user_settings", new JsonObject());
        d.add("session_type", com.google.gson.JsonParser.parseString("\"normal\""));
        d.add("auth_session_id_hash", com.google.gson.JsonParser.parseString("\"bbcheck\""));
        d.add("_trace", new JsonArray());
        return d;
    }

    /** https://discord.com/developers/docs/events/gateway-events#guild-create : a guild object plus its lists. */
    private JsonObject guildCreate() {
        JsonObject g = new JsonObject();
        g.addProperty("id", GUILD);
        g.addProperty("name", "bbcheck");
        g.add("icon", JsonNull.INSTANCE);
        g.add("splash", JsonNull.INSTANCE);
        g.add("discovery_splash", JsonNull.INSTANCE);
        g.addProperty("owner_id", ALICE);
        g.add("afk_channel_id", JsonNull.INSTANCE);
        g.addProperty("afk_timeout", 300);
        g.addProperty("verification_level", 0);
        g.addProperty("default_message_notifications", 1);
        g.addProperty("explicit_content_filter", 0);
        JsonArray roles = new JsonArray();
        roles.add(role(GUILD, "@everyone", "1024", 0, false));
        roles.add(role(ONCALL_ROLE, "Checkout on-call", "0", 1, false));
        roles.add(role(BOT_ROLE, "sitrep", BOT_PERMISSIONS, 2, true));
        g.add("roles", roles);
        g.add("emojis", new JsonArray());
        g.add("stickers", new JsonArray());
        g.add("features", new JsonArray());
        g.addProperty("mfa_level", 0);
        g.add("application_id", JsonNull.INSTANCE);
        g.add("system_channel_id", JsonNull.INSTANCE);
        g.addProperty("system_channel_flags", 0);
        g.add("rules_channel_id", JsonNull.INSTANCE);
        g.add("public_updates_channel_id", JsonNull.INSTANCE);
        g.add("safety_alerts_channel_id", JsonNull.INSTANCE);
        g.add("vanity_url_code", JsonNull.INSTANCE);
        g.add("description", JsonNull.INSTANCE);
        g.add("banner", JsonNull.INSTANCE);
        g.addProperty("premium_tier", 0);
        g.addProperty("premium_subscription_count", 0);
        g.addProperty("preferred_locale", "en-US");
        g.addProperty("nsfw_level", 0);
        g.addProperty("premium_progress_bar_enabled", false);
        g.addProperty("max_members", 500000);
        g.addProperty("max_video_channel_users", 25);
        g.addProperty("joined_at", "2026-11-01T00:00:00.000000+00:00");
        g.addProperty("large", false);
        g.addProperty("unavailable", false);
        g.addProperty("member_count", 3);
        g.add("voice_states", new JsonArray());
        JsonArray members = new JsonArray();
        members.add(member(BOT, "sitrep", true, BOT_ROLE));
        g.add("members", members);
        JsonArray chans = new JsonArray();
        channels.values().forEach(chans::add);
        g.add("channels", chans);
        g.add("threads", new JsonArray());
        g.add("presences", new JsonArray());
        g.add("stage_instances", new JsonArray());
        g.add("guild_scheduled_events", new JsonArray());
        g.add("soundboard_sounds", new JsonArray());
        g.addProperty("lazy", true);
        return g;
    }

    // ---------------------------------------------------------------- objects in Discord's shapes

    /** https://discord.com/developers/docs/resources/user#user-object */
    static JsonObject user(String id, String name, boolean bot) {
        JsonObject u = new JsonObject();
        u.addProperty("id", id);
        u.addProperty("username", name);
        u.addProperty("discriminator", "0");
        u.addProperty("global_name", name);
        u.add("avatar", JsonNull.INSTANCE);
        u.addProperty("bot", bot);
        u.addProperty("public_flags", 0);
        u.addProperty("flags", 0);
        return u;
    }

    /** https://discord.com/developers/docs/resources/guild#guild-member-object */
    static JsonObject member(String id, String name, boolean bot, String... roles) {
        JsonObject m = new JsonObject();
        m.add("user", user(id, name, bot));
        m.add("nick", JsonNull.INSTANCE);
        m.add("avatar", JsonNull.INSTANCE);
        m.add("banner", JsonNull.INSTANCE);
        JsonArray r = new JsonArray();
        for (String role : roles) {
            r.add(role);
        }
        m.add("roles", r);
        m.addProperty("joined_at", "2026-11-01T00:00:00.000000+00:00");
        m.add("premium_since", JsonNull.INSTANCE);
        m.addProperty("deaf", false);
        m.addProperty("mute", false);
        m.addProperty("flags", 0);
        m.addProperty("pending", false);
        m.add("communication_disabled_until", JsonNull.INSTANCE);
        return m;
    }

    /** https://discord.com/developers/docs/topics/permissions#role-object */
    private static JsonObject role(String id, String name, String permissions, int position, boolean managed) {
        JsonObject r = new JsonObject();
        r.addProperty("id", id);
        r.addProperty("name", name);
        r.addProperty("color", 0);
        JsonObject colors = new JsonObject();
        colors.addProperty("primary_color", 0);
        colors.add("secondary_color", JsonNull.INSTANCE);
        colors.add("tertiary_color", JsonNull.INSTANCE);
        r.add("colors", colors);
        r.addProperty("hoist", false);
        r.add("icon", JsonNull.INSTANCE);
        r.add("unicode_emoji", JsonNull.INSTANCE);
        r.addProperty("position", position);
        r.addProperty("permissions", permissions);
        r.addProperty("managed", managed);
        r.addProperty("mentionable", false);
        r.addProperty("flags", 0);
        if (managed) {
            JsonObject tags = new JsonObject();
            tags.addProperty("bot_id", BOT);
            r.add("tags", tags);
        }
        return r;
    }

    /** https://discord.com/developers/docs/resources/channel#channel-object */
    private static JsonObject channel(String id, int type, String name, String parent, int position) {
        JsonObject c = new JsonObject();
        c.addProperty("id", id);
        c.addProperty("type", type);
        c.addProperty("guild_id", GUILD);
        c.addProperty("position", position);
        c.add("permission_overwrites", new JsonArray());
        c.addProperty("name", name);
        c.add("topic", JsonNull.INSTANCE);
        c.addProperty("nsfw", false);
        c.add("last_message_id", JsonNull.INSTANCE);
        c.addProperty("rate_limit_per_user", 0);
        if (parent == null) {
            c.add("parent_id", JsonNull.INSTANCE);
        } else {
            c.addProperty("parent_id", parent);
        }
        c.addProperty("flags", 0);
        return c;
    }

    // ---------------------------------------------------------------- interactions the test sends

    /**
     * Dispatches INTERACTION_CREATE with the fields of
     * https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-object
     * (id, application_id, type, data, guild_id, channel, channel_id, member, token, version,
     * message for components, app_permissions, locale, guild_locale, entitlements,
     * authorizing_integration_owners, context).
     */
    Interaction interact(int type, JsonObject data, String channelId, String userId, String userName, JsonObject message) {
        String id = id();
        String token = "aW50ZXJhY3Rpb246" + id + ":bbcheck-interaction-token";
        JsonObject p = new JsonObject();
        p.addProperty("id", id);
        p.addProperty("application_id", APP);
        p.addProperty("type", type);
        p.add("data", data);
        p.addProperty("guild_id", GUILD);
        JsonObject guild = new JsonObject();
        guild.addProperty("id", GUILD);
        guild.addProperty("locale", "en-US");
        guild.add("features", new JsonArray());
        p.add("guild", guild);
        p.add("channel", channels.get(channelId));
        p.addProperty("channel_id", channelId);
        JsonObject member = member(userId, userName, false);
        member.addProperty("permissions", "2248473465835073");
        p.add("member", member);
        p.addProperty("token", token);
        p.addProperty("version", 1);
        if (message != null) {
            p.add("message", message);
        }
        p.addProperty("app_permissions", BOT_PERMISSIONS);
        p.addProperty("locale", "en-US");
        p.addProperty("guild_locale", "en-US");
        p.add("entitlements", new JsonArray());
        JsonObject owners = new JsonObject();
        owners.addProperty("0", GUILD);
        p.add("authorizing_integration_owners", owners);
        p.addProperty("context", 0);
        p.addProperty("attachment_size_limit", 10485760);
        Interaction i = new Interaction(id, token, type, p, message == null ? null : message.get("id").getAsString());
        interactions.put(id, i);
        gateway.dispatch("INTERACTION_CREATE", p);
        return i;
    }

    // ---------------------------------------------------------------- REST

    private void rest(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getPath().substring("/api/v10/".length());
        String query = ex.getRequestURI().getRawQuery();
        String raw = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String type = String.valueOf(ex.getRequestHeaders().getFirst("Content-Type"));
        JsonElement body = JsonNull.INSTANCE;
        if (type.startsWith("multipart/form-data")) {
            body = payloadJsonOfMultipart(raw);
        } else if (!raw.isBlank()) {
            try {
                body = JsonParser.parseString(raw);
            } catch (RuntimeException e) {
                answer(ex, method, path, query, body, 400, error(50109, "The request body contains invalid JSON."));
                return;
            }
        }
        // https://discord.com/developers/docs/reference#authentication : "Authorization: Bot <token>";
        // interaction callbacks and webhook-token routes need none
        boolean tokenRoute = path.startsWith("interactions/") || path.startsWith("webhooks/");
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (!tokenRoute && !("Bot " + TOKEN).equals(auth)) {
            answer(ex, method, path, query, body, 401, error(0, "401: Unauthorized"));
            return;
        }
        JsonObject result;
        try {
            result = route(method, path, query, body);
        } catch (Refusal r) {
            answer(ex, method, path, query, body, r.status, r.body);
            return;
        } catch (RuntimeException e) {
            answer(ex, method, path, query, body, 500, error(0, "500: bbcheck fake failed: " + e));
            return;
        }
        if (result == null) {
            answer(ex, method, path, query, body, 204, null);
        } else if (result.has("_array")) {
            answer(ex, method, path, query, body, 200, result.get("_array").toString());
        } else {
            answer(ex, method, path, query, body, 200, result.toString());
        }
    }

    private JsonObject route(String method, String path, String query, JsonElement body) {
        Matcher m;
        if (method.equals("GET") && path.equals("users/@me")) {
            return user(BOT, "sitrep", true);
        }
        if (method.equals("GET") && (path.equals("gateway") || path.equals("gateway/bot"))) {
            // https://discord.com/developers/docs/events/gateway#get-gateway-bot
            JsonObject o = new JsonObject();
            o.addProperty("url", gateway.url());
            o.addProperty("shards", 1);
            JsonObject limit = new JsonObject();
            limit.addProperty("total", 1000);
            limit.addProperty("remaining", 999);
            limit.addProperty("reset_after", 14400000);
            limit.addProperty("max_concurrency", 1);
            o.add("session_start_limit", limit);
            return o;
        }
        if (method.equals("GET") && path.equals("applications/@me") || path.equals("oauth2/applications/@me")) {
            JsonObject app = new JsonObject();
            app.addProperty("id", APP);
            app.addProperty("name", "sitrep");
            app.add("icon", JsonNull.INSTANCE);
            app.addProperty("description", "");
            app.addProperty("bot_public", false);
            app.addProperty("bot_require_code_grant", false);
            app.addProperty("verify_key", "00");
            app.addProperty("flags", 0);
            app.add("owner", user(ALICE, "alice", false));
            app.add("team", JsonNull.INSTANCE);
            app.add("bot", user(BOT, "sitrep", true));
            return app;
        }
        if ((m = match("applications/(\\d+)/(?:guilds/(\\d+)/)?commands", path)) != null) {
            if (method.equals("PUT")) {
                return putCommands(body.getAsJsonArray(), m.group(2));
            }
            JsonObject arr = new JsonObject();
            arr.add("_array", guildCommands);
            return arr;
        }
        if (method.equals("GET") && (m = match("guilds/(\\d+)/channels", path)) != null) {
            JsonArray all = new JsonArray();
            channels.values().forEach(all::add);
            JsonObject arr = new JsonObject();
            arr.add("_array", all);
            return arr;
        }
        if (method.equals("POST") && (m = match("guilds/(\\d+)/channels", path)) != null) {
            return createChannel(body.getAsJsonObject());
        }
        if ((m = match("channels/(\\d+)", path)) != null) {
            JsonObject c = channels.get(m.group(1));
            if (c == null) {
                throw new Refusal(404, error(10003, "Unknown Channel"));
            }
            if (method.equals("PATCH")) {
                body.getAsJsonObject().entrySet().forEach(e -> c.add(e.getKey(), e.getValue()));
                gateway.dispatch("CHANNEL_UPDATE", c);
            }
            return c;
        }
        if ((m = match("channels/(\\d+)/permissions/(\\d+)", path)) != null) {
            return null;
        }
        if (method.equals("POST") && (m = match("channels/(\\d+)/messages", path)) != null) {
            return postMessage(m.group(1), body.getAsJsonObject(), null);
        }
        if ((m = match("channels/(\\d+)/messages/(\\d+)", path)) != null) {
            JsonObject msg = messages.get(m.group(2));
            if (msg == null || !msg.get("channel_id").getAsString().equals(m.group(1))) {
                throw new Refusal(404, error(10008, "Unknown Message"));
            }
            if (method.equals("PATCH")) {
                return edit(m.group(2), body.getAsJsonObject());
            }
            return msg;
        }
        if (method.equals("GET") && (m = match("channels/(\\d+)/messages", path)) != null) {
            JsonArray list = new JsonArray();
            messagesIn(m.group(1)).forEach(list::add);
            JsonObject arr = new JsonObject();
            arr.add("_array", list);
            return arr;
        }
        if (method.equals("PUT") && (match("channels/(\\d+)/pins/(\\d+)", path) != null
                || match("channels/(\\d+)/messages/pins/(\\d+)", path) != null)) {
            return null;
        }
        if (match("guilds/(\\d+)/members/(\\d+)/roles/(\\d+)", path) != null) {
            return null;
        }
        if (method.equals("POST") && (m = match("interactions/(\\d+)/([^/]+)/callback", path)) != null) {
            return callback(m.group(1), m.group(2), query, body.getAsJsonObject());
        }
        if ((m = match("webhooks/(\\d+)/([^/]+)/messages/@original", path)) != null) {
            Interaction i = byToken(m.group(2));
            if (method.equals("PATCH")) {
                String target = i.messageId != null && i.initial.type() == 6 ? i.messageId : original(i);
                return edit(target, body.getAsJsonObject());
            }
            return messages.get(original(i));
        }
        if ((m = match("webhooks/(\\d+)/([^/]+)/messages/(\\d+)", path)) != null) {
            byToken(m.group(2));
            if (method.equals("PATCH")) {
                return edit(m.group(3), body.getAsJsonObject());
            }
            return messages.get(m.group(3));
        }
        if (method.equals("POST") && (m = match("webhooks/(\\d+)/([^/]+)", path)) != null) {
            Interaction i = byToken(m.group(2));
            JsonObject ch = i.payload.getAsJsonObject("channel");
            return postMessage(ch.get("id").getAsString(), body.getAsJsonObject(), i.id);
        }
        throw new Refusal(404, error(0, "404: Not Found"));
    }

    private JsonObject putCommands(JsonArray commands, String guild) {
        // https://discord.com/developers/docs/interactions/application-commands#bulk-overwrite-guild-application-commands
        JsonArray out = new JsonArray();
        for (JsonElement e : commands) {
            JsonObject c = e.getAsJsonObject().deepCopy();
            String why = CommandRules.check(c);
            if (why != null) {
                throw new Refusal(400, invalidForm(why));
            }
            c.addProperty("id", id());
            c.addProperty("application_id", APP);
            c.addProperty("version", id());
            if (guild != null) {
                c.addProperty("guild_id", guild);
            }
            if (!c.has("type")) {
                c.addProperty("type", 1);
            }
            if (!c.has("default_member_permissions")) {
                c.add("default_member_permissions", JsonNull.INSTANCE);
            }
            if (!c.has("nsfw")) {
                c.addProperty("nsfw", false);
            }
            out.add(c);
        }
        guildCommands = out;
        JsonObject arr = new JsonObject();
        arr.add("_array", out);
        return arr;
    }

    private JsonObject createChannel(JsonObject b) {
        // https://discord.com/developers/docs/resources/guild#create-guild-channel : name 1-100
        String name = b.has("name") ? b.get("name").getAsString() : "";
        if (name.isEmpty() || name.length() > 100) {
            throw new Refusal(400, invalidForm("name: Must be between 1 and 100 in length."));
        }
        String id = id();
        JsonObject c = channel(id, b.has("type") ? b.get("type").getAsInt() : 0, name,
                b.has("parent_id") && !b.get("parent_id").isJsonNull() ? b.get("parent_id").getAsString() : null, channels.size());
        if (b.has("topic")) {
            c.add("topic", b.get("topic"));
        }
        if (b.has("permission_overwrites")) {
            c.add("permission_overwrites", b.get("permission_overwrites"));
        }
        channels.put(id, c);
        gateway.dispatch("CHANNEL_CREATE", c);
        return c;
    }

    private JsonObject postMessage(String channelId, JsonObject b, String interactionId) {
        if (!channels.containsKey(channelId)) {
            throw new Refusal(404, error(10003, "Unknown Channel"));
        }
        String why = MessageRules.check(b);
        if (why != null) {
            throw new Refusal(400, invalidForm(why));
        }
        // https://discord.com/developers/docs/resources/message#create-message : with enforce_nonce a
        // nonce already used in the last minutes returns the first message instead of a new one
        if (b.has("nonce") && b.has("enforce_nonce") && b.get("enforce_nonce").getAsBoolean()) {
            String seen = nonces.get(channelId + "/" + b.get("nonce").getAsString());
            if (seen != null) {
                return messages.get(seen);
            }
        }
        String id = id();
        JsonObject msg = new JsonObject();
        msg.addProperty("id", id);
        msg.addProperty("channel_id", channelId);
        msg.addProperty("guild_id", GUILD);
        msg.add("author", user(BOT, "sitrep", true));
        msg.addProperty("content", b.has("content") ? b.get("content").getAsString() : "");
        msg.addProperty("timestamp", Instant.now().toString());
        msg.add("edited_timestamp", JsonNull.INSTANCE);
        msg.addProperty("tts", false);
        msg.addProperty("mention_everyone", false);
        msg.add("mentions", new JsonArray());
        msg.add("mention_roles", new JsonArray());
        msg.add("attachments", new JsonArray());
        msg.add("embeds", b.has("embeds") ? rich(b.getAsJsonArray("embeds")) : new JsonArray());
        msg.addProperty("pinned", false);
        msg.addProperty("type", interactionId == null ? 0 : 20);
        msg.addProperty("flags", b.has("flags") ? b.get("flags").getAsInt() : 0);
        msg.add("components", b.has("components") ? b.get("components") : new JsonArray());
        if (b.has("nonce")) {
            msg.add("nonce", b.get("nonce"));
            nonces.put(channelId + "/" + b.get("nonce").getAsString(), id);
        }
        if (interactionId != null) {
            msg.addProperty("webhook_id", APP);
            msg.addProperty("application_id", APP);
        }
        messages.put(id, msg);
        return msg;
    }

    /** https://discord.com/developers/docs/resources/message#embed-object : embeds sent by bots come back with type "rich". */
    private static JsonArray rich(JsonArray embeds) {
        JsonArray out = new JsonArray();
        for (JsonElement e : embeds) {
            JsonObject o = e.getAsJsonObject().deepCopy();
            if (!o.has("type")) {
                o.addProperty("type", "rich");
            }
            out.add(o);
        }
        return out;
    }

    private JsonObject edit(String messageId, JsonObject b) {
        JsonObject msg = messages.get(messageId);
        if (msg == null) {
            throw new Refusal(404, error(10008, "Unknown Message"));
        }
        String why = MessageRules.check(b);
        if (why != null) {
            throw new Refusal(400, invalidForm(why));
        }
        for (String k : List.of("content", "embeds", "components", "flags")) {
            if (b.has(k)) {
                msg.add(k, k.equals("embeds") && b.get(k).isJsonArray() ? rich(b.getAsJsonArray(k)) : b.get(k));
            }
        }
        msg.addProperty("edited_timestamp", Instant.now().toString());
        edits.computeIfAbsent(messageId, k -> new CopyOnWriteArrayList<>()).add(b);
        return msg;
    }

    private JsonObject callback(String interactionId, String token, String query, JsonObject b) {
        Interaction i = interactions.get(interactionId);
        int type = b.has("type") ? b.get("type").getAsInt() : -1;
        JsonObject data = b.has("data") && b.get("data").isJsonObject() ? b.getAsJsonObject("data") : new JsonObject();
        // https://discord.com/developers/docs/topics/opcodes-and-status-codes#json : 10062 Unknown interaction
        if (i == null || !i.token.equals(token)) {
            throw refuse(interactionId, type, data, 404, 10062, "Unknown interaction");
        }
        // "Interaction tokens are valid for 15 minutes … you must send an initial response within 3 seconds"
        if (Duration.between(i.created, Instant.now()).toMillis() > 3000) {
            throw refuse(interactionId, type, data, 404, 10062, "Unknown interaction");
        }
        // 40060 Interaction has already been acknowledged
        if (i.initial != null) {
            throw refuse(interactionId, type, data, 400, 40060, "Interaction has already been acknowledged.");
        }
        String why = CallbackRules.check(i, type, data);
        if (why != null) {
            throw refuse(interactionId, type, data, 400, 50035, "Invalid Form Body: " + why);
        }
        Callback cb = new Callback(interactionId, type, data, 200, null);
        i.initial = cb;
        callbacks.add(cb);
        JsonObject resourceMessage = null;
        if (type == 7 && i.messageId != null) {
            resourceMessage = edit(i.messageId, data);
        } else if (type == 4) {
            resourceMessage = postMessage(i.payload.getAsJsonObject("channel").get("id").getAsString(), data, i.id);
            original.put(i.id, resourceMessage.get("id").getAsString());
        } else if (type == 5) {
            JsonObject placeholder = new JsonObject();
            placeholder.addProperty("content", "sitrep is thinking…");
            resourceMessage = postMessage(i.payload.getAsJsonObject("channel").get("id").getAsString(), placeholder, i.id);
            original.put(i.id, resourceMessage.get("id").getAsString());
        }
        if (query == null || !query.contains("with_response=true")) {
            return null;
        }
        // https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-callback-interaction-callback-response-object
        JsonObject r = new JsonObject();
        JsonObject inter = new JsonObject();
        inter.addProperty("id", i.id);
        inter.addProperty("type", i.type);
        if (resourceMessage != null) {
            inter.addProperty("response_message_id", resourceMessage.get("id").getAsString());
            inter.addProperty("response_message_loading", type == 5);
            inter.addProperty("response_message_ephemeral", (data.has("flags") && (data.get("flags").getAsInt() & 64) != 0));
        }
        r.add("interaction", inter);
        JsonObject res = new JsonObject();
        res.addProperty("type", type);
        if (resourceMessage != null) {
            res.add("message", resourceMessage);
        }
        r.add("resource", res);
        return r;
    }

    private final Map<String, String> original = new ConcurrentHashMap<>();

    private String original(Interaction i) {
        String id = original.get(i.id);
        if (id == null) {
            throw new Refusal(404, error(10008, "Unknown Message"));
        }
        return id;
    }

    private Interaction byToken(String token) {
        Interaction i = interactions.values().stream().filter(x -> x.token.equals(token)).findFirst()
                .orElseThrow(() -> new Refusal(404, error(10015, "Unknown Webhook")));
        // a follow-up or @original edit needs the initial response first
        if (i.initial == null) {
            throw new Refusal(404, error(10015, "Unknown Webhook"));
        }
        return i;
    }

    private Refusal refuse(String interactionId, int type, JsonObject data, int status, int code, String message) {
        callbacks.add(new Callback(interactionId, type, data, status, message));
        return new Refusal(status, error(code, message));
    }

    /** Initial responses to one interaction: the accepted one and the refused ones. */
    List<Callback> callbacksOf(Interaction i) {
        return callbacks.stream().filter(c -> c.interactionId().equals(i.id)).toList();
    }

    List<JsonObject> messagesIn(String channelId) {
        return messages.values().stream().filter(m -> m.get("channel_id").getAsString().equals(channelId))
                .sorted((a, b) -> Long.compare(Long.parseLong(a.get("id").getAsString()), Long.parseLong(b.get("id").getAsString())))
                .toList();
    }

    String dump() {
        StringBuilder s = new StringBuilder();
        for (Request r : requests) {
            String body = r.body == null ? "" : r.body.toString();
            s.append(r.method).append(' ').append(r.path).append(r.query == null ? "" : "?" + r.query).append(' ')
                    .append(body.length() > 500 ? body.substring(0, 500) + "…" : body).append(" -> ").append(r.status)
                    .append(r.status >= 400 ? " " + r.answer : "").append('\n');
        }
        return s.toString();
    }

    private void answer(HttpExchange ex, String method, String path, String query, JsonElement body, int status, String json) throws IOException {
        requests.add(new Request(method, path, query, body, status, json));
        ex.getResponseHeaders().set("Content-Type", "application/json");
        if (json == null) {
            ex.sendResponseHeaders(status, -1);
        } else {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, bytes.length);
            ex.getResponseBody().write(bytes);
        }
        ex.close();
    }

    private static final Pattern PAYLOAD_JSON = Pattern.compile("name=\"payload_json\"[^\\r\\n]*\\r\\n(?:[^\\r\\n]+\\r\\n)*\\r\\n(.*?)\\r\\n--", Pattern.DOTALL);

    private static JsonElement payloadJsonOfMultipart(String raw) {
        Matcher m = PAYLOAD_JSON.matcher(raw);
        return m.find() ? JsonParser.parseString(m.group(1)) : new JsonObject();
    }

    private static Matcher match(String regex, String path) {
        Matcher m = Pattern.compile(regex).matcher(path);
        return m.matches() ? m : null;
    }

    static String error(int code, String message) {
        JsonObject o = new JsonObject();
        o.addProperty("message", message);
        o.addProperty("code", code);
        return o.toString();
    }

    private static String invalidForm(String why) {
        // https://discord.com/developers/docs/reference#error-messages : 50035 Invalid Form Body with errors
        JsonObject o = new JsonObject();
        o.addProperty("message", "Invalid Form Body");
        o.addProperty("code", 50035);
        JsonObject errors = new JsonObject();
        errors.addProperty("_bbcheck", why);
        o.add("errors", errors);
        return o.toString();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        try {
            gateway.stop(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static final class Refusal extends RuntimeException {
        final int status;
        final String body;

        Refusal(int status, String body) {
            super(body, null, false, false);
            this.status = status;
            this.body = body;
        }
    }

    /** Application command limits, https://discord.com/developers/docs/interactions/application-commands#application-command-object . */
    static final class CommandRules {
        private CommandRules() {
        }

        static String check(JsonObject command) {
            return options(command.has("options") ? command.getAsJsonArray("options") : new JsonArray(), "options");
        }

        private static String options(JsonArray options, String at) {
            // "up to 25" options per command or subcommand
            if (options.size() > 25) {
                return at + ": Must be 25 or fewer in length.";
            }
            for (int i = 0; i < options.size(); i++) {
                JsonObject o = options.get(i).getAsJsonObject();
                boolean auto = o.has("autocomplete") && o.get("autocomplete").getAsBoolean();
                // "autocomplete may not be set to true if choices are present"
                if (auto && o.has("choices") && !o.getAsJsonArray("choices").isEmpty()) {
                    return at + "." + i + ".autocomplete: Autocomplete cannot be set with choices.";
                }
                // autocomplete only on STRING (3), INTEGER (4) and NUMBER (10) options
                if (auto && !List.of(3, 4, 10).contains(o.get("type").getAsInt())) {
                    return at + "." + i + ".autocomplete: Autocomplete is not supported for this option type.";
                }
                if (o.has("options")) {
                    String why = options(o.getAsJsonArray("options"), at + "." + i + ".options");
                    if (why != null) {
                        return why;
                    }
                }
            }
            return null;
        }
    }

    /** Message limits, https://discord.com/developers/docs/resources/message#create-message and components/reference. */
    static final class MessageRules {
        private MessageRules() {
        }

        static String check(JsonObject b) {
            // content up to 2000 characters; up to 10 embeds
            if (b.has("content") && !b.get("content").isJsonNull() && b.get("content").getAsString().length() > 2000) {
                return "content: Must be 2000 or fewer in length.";
            }
            if (b.has("embeds") && b.get("embeds").isJsonArray() && b.getAsJsonArray("embeds").size() > 10) {
                return "embeds: Must be 10 or fewer in length.";
            }
            if (!b.has("components") || !b.get("components").isJsonArray()) {
                return null;
            }
            JsonArray rows = b.getAsJsonArray("components");
            // https://discord.com/developers/docs/components/reference#action-row : up to 5 action rows,
            // each with up to 5 buttons; https://discord.com/developers/docs/components/reference#button :
            // custom_id required for non-link buttons, ≤ 100 characters, unique in the message; label ≤ 80
            if (rows.size() > 5) {
                return "components: Must be 5 or fewer in length.";
            }
            Set<String> ids = new HashSet<>();
            for (JsonElement re : rows) {
                JsonObject row = re.getAsJsonObject();
                if (row.get("type").getAsInt() != 1) {
                    continue;
                }
                JsonArray comps = row.getAsJsonArray("components");
                if (comps == null || comps.isEmpty() || comps.size() > 5) {
                    return "components.N.components: Must be between 1 and 5 in length.";
                }
                for (JsonElement ce : comps) {
                    JsonObject c = ce.getAsJsonObject();
                    if (c.get("type").getAsInt() == 2) {
                        int style = c.get("style").getAsInt();
                        if (style != 5 && style != 6) {
                            if (!c.has("custom_id") || c.get("custom_id").getAsString().isEmpty()
                                    || c.get("custom_id").getAsString().length() > 100) {
                                return "components.N.components.N.custom_id: required, 1 to 100 characters.";
                            }
                            if (!ids.add(c.get("custom_id").getAsString())) {
                                return "components.N.components.N.custom_id: Component custom id cannot be duplicated";
                            }
                        }
                        if (c.has("label") && c.get("label").getAsString().length() > 80) {
                            return "components.N.components.N.label: Must be 80 or fewer in length.";
                        }
                    }
                }
            }
            return null;
        }
    }

    /** What each interaction type may be answered with, and the MODAL (9) and autocomplete (8) data limits. */
    static final class CallbackRules {
        private CallbackRules() {
        }

        static String check(Interaction i, int type, JsonObject data) {
            // https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-response-object-interaction-callback-type :
            // DEFERRED_UPDATE_MESSAGE (6) and UPDATE_MESSAGE (7) "only valid for component-based interactions";
            // APPLICATION_COMMAND_AUTOCOMPLETE_RESULT (8) answers autocomplete (4); MODAL (9) "not available for
            // MODAL_SUBMIT and PING interactions"
            List<Integer> allowed = switch (i.type) {
                case 2 -> List.of(4, 5, 9);
                case 3 -> List.of(4, 5, 6, 7, 9);
                case 4 -> List.of(8);
                case 5 -> i.messageId != null ? List.of(4, 5, 6, 7) : List.of(4, 5);
                default -> List.of();
            };
            if (!allowed.contains(type)) {
                return "type " + type + " is not a valid response to an interaction of type " + i.type;
            }
            if (type == 8) {
                return autocomplete(data);
            }
            if (type == 9) {
                return modal(data);
            }
            if (type == 4 || type == 7) {
                return MessageRules.check(data);
            }
            return null;
        }

        private static String autocomplete(JsonObject data) {
            // https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-response-object-autocomplete :
            // choices, max 25; https://discord.com/developers/docs/interactions/application-commands#application-command-object-application-command-option-choice-structure :
            // name 1-100 characters, a string value up to 100 characters
            JsonArray choices = data.getAsJsonArray("choices");
            if (choices == null) {
                return "data.choices: This field is required";
            }
            if (choices.size() > 25) {
                return "data.choices: Must be 25 or fewer in length.";
            }
            for (JsonElement e : choices) {
                JsonObject c = e.getAsJsonObject();
                String name = c.has("name") ? c.get("name").getAsString() : "";
                if (name.isEmpty() || name.length() > 100) {
                    return "data.choices.N.name: Must be between 1 and 100 in length.";
                }
                if (!c.has("value")) {
                    return "data.choices.N.value: This field is required";
                }
                if (c.get("value").getAsJsonPrimitive().isString() && c.get("value").getAsString().length() > 100) {
                    return "data.choices.N.value: Must be 100 or fewer in length.";
                }
            }
            return null;
        }

        private static String modal(JsonObject data) {
            // https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-response-object-modal :
            // custom_id (≤ 100), title (≤ 45), components: between 1 and 5
            String customId = data.has("custom_id") ? data.get("custom_id").getAsString() : "";
            if (customId.isEmpty() || customId.length() > 100) {
                return "data.custom_id: Must be between 1 and 100 in length.";
            }
            String title = data.has("title") ? data.get("title").getAsString() : "";
            if (title.isEmpty() || title.length() > 45) {
                return "data.title: Must be between 1 and 45 in length.";
            }
            JsonArray comps = data.getAsJsonArray("components");
            if (comps == null || comps.isEmpty() || comps.size() > 5) {
                return "data.components: Must be between 1 and 5 in length.";
            }
            Set<String> ids = new HashSet<>();
            for (JsonElement e : comps) {
                JsonObject top = e.getAsJsonObject();
                int t = top.get("type").getAsInt();
                JsonObject input;
                String label;
                if (t == 1) {
                    // legacy layout: an action row holding exactly one text input with its own label
                    JsonArray inner = top.getAsJsonArray("components");
                    if (inner == null || inner.size() != 1) {
                        return "data.components.N.components: an action row in a modal holds exactly one text input";
                    }
                    input = inner.get(0).getAsJsonObject();
                    label = input.has("label") ? input.get("label").getAsString() : "";
                } else if (t == 18) {
                    // https://discord.com/developers/docs/components/reference#label : label ≤ 45, one component
                    input = top.getAsJsonObject("component");
                    label = top.has("label") ? top.get("label").getAsString() : "";
                    if (input == null) {
                        return "data.components.N.component: This field is required";
                    }
                    if (input.get("type").getAsInt() != 4) {
                        continue;
                    }
                } else if (t == 10) {
                    continue;
                } else {
                    return "data.components.N.type: component type " + t + " is not allowed in a modal";
                }
                // https://discord.com/developers/docs/components/reference#text-input : type 4, custom_id 1-100,
                // style 1|2, label ≤ 45, min_length 0-4000, max_length 1-4000, value ≤ 4000, placeholder ≤ 100
                if (input.get("type").getAsInt() != 4) {
                    return "data.components.N: only text inputs in a modal action row";
                }
                String id = input.has("custom_id") ? input.get("custom_id").getAsString() : "";
                if (id.isEmpty() || id.length() > 100 || !ids.add(id)) {
                    return "data.components.N.custom_id: 1 to 100 characters, unique";
                }
                if (label.isEmpty() || label.length() > 45) {
                    return "data.components.N.label: Must be between 1 and 45 in length. (was '" + label + "')";
                }
                int style = input.has("style") ? input.get("style").getAsInt() : 0;
                if (style != 1 && style != 2) {
                    return "data.components.N.style: must be 1 (short) or 2 (paragraph)";
                }
                if (input.has("min_length") && (input.get("min_length").getAsInt() < 0 || input.get("min_length").getAsInt() > 4000)) {
                    return "data.components.N.min_length: between 0 and 4000";
                }
                if (input.has("max_length") && (input.get("max_length").getAsInt() < 1 || input.get("max_length").getAsInt() > 4000)) {
                    return "data.components.N.max_length: between 1 and 4000";
                }
                if (input.has("value") && input.get("value").getAsString().length() > 4000) {
                    return "data.components.N.value: Must be 4000 or fewer in length.";
                }
                if (input.has("placeholder") && input.get("placeholder").getAsString().length() > 100) {
                    return "data.components.N.placeholder: Must be 100 or fewer in length.";
                }
            }
            return null;
        }
    }

    /** The text inputs of a modal, as (custom_id, label, style, min, max). */
    record Input(String customId, String label, int style, int minLength, int maxLength, boolean labelComponent) {
    }

    static List<Input> inputs(JsonObject modalData) {
        List<Input> out = new ArrayList<>();
        for (JsonElement e : modalData.getAsJsonArray("components")) {
            JsonObject top = e.getAsJsonObject();
            JsonObject input;
            String label;
            boolean labelComponent = top.get("type").getAsInt() == 18;
            if (labelComponent) {
                input = top.getAsJsonObject("component");
                label = top.get("label").getAsString();
            } else if (top.get("type").getAsInt() == 1) {
                input = top.getAsJsonArray("components").get(0).getAsJsonObject();
                label = input.has("label") ? input.get("label").getAsString() : "";
            } else {
                continue;
            }
            if (input.get("type").getAsInt() != 4) {
                continue;
            }
            out.add(new Input(input.get("custom_id").getAsString(), label, input.get("style").getAsInt(),
                    input.has("min_length") ? input.get("min_length").getAsInt() : 0,
                    input.has("max_length") ? input.get("max_length").getAsInt() : 4000, labelComponent));
        }
        return out;
    }

    /**
     * The data of a MODAL_SUBMIT (type 5), https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-object-modal-submit-data-structure :
     * custom_id and the submitted components in the layout the modal used (action rows of text
     * inputs, or label components holding one) with each input's value.
     */
    static JsonObject modalSubmit(JsonObject modalData, Map<String, String> values) {
        JsonObject d = new JsonObject();
        d.addProperty("custom_id", modalData.get("custom_id").getAsString());
        JsonArray comps = new JsonArray();
        int n = 1;
        for (Input in : inputs(modalData)) {
            JsonObject text = new JsonObject();
            text.addProperty("type", 4);
            text.addProperty("id", n + 1);
            text.addProperty("custom_id", in.customId());
            text.addProperty("value", values.getOrDefault(in.customId(), ""));
            JsonObject wrap = new JsonObject();
            wrap.addProperty("type", in.labelComponent() ? 18 : 1);
            wrap.addProperty("id", n);
            if (in.labelComponent()) {
                wrap.add("component", text);
            } else {
                JsonArray inner = new JsonArray();
                inner.add(text);
                wrap.add("components", inner);
            }
            comps.add(wrap);
            n += 2;
        }
        d.add("components", comps);
        return d;
    }
}
