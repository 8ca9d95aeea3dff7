package dev.sitrep.bot.blackbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for Discord's REST API v10 (and the state its gateway, {@link DiscordFakeGateway},
 * announces), written from Discord's developer documentation. It keeps one guild with the
 * category, broadcast channel and roles README.md's "Prepare the server" asks for, answers in
 * Discord's shapes and refuses what Discord refuses; every refusal is recorded in {@link #refusals}
 * so a check can name the rule that was broken.
 */
final class DiscordFake extends FakeHttp {

    // Snowflakes carry their creation time (ms since the Discord epoch << 22); clients such as JDA
    // derive an interaction's age from it.
    // https://discord.com/developers/docs/reference#snowflakes
    static final long DISCORD_EPOCH = 1420070400000L;
    private final AtomicLong increment = new AtomicLong();

    String snowflake() {
        return Long.toString(((System.currentTimeMillis() - DISCORD_EPOCH) << 22) | (increment.incrementAndGet() & 0xFFF));
    }

    final String token = "fake-bot-token.contract.0123456789";
    final String appId = snowflake();
    final String botUserId = appId; // a bot user's id is its application's id
    final String guildId = snowflake();
    final String everyoneRoleId = guildId; // https://discord.com/developers/docs/topics/permissions#role-object: @everyone's id is the guild's
    final String botRoleId = snowflake();
    final String commanderRoleId = snowflake();
    final String opsRoleId = snowflake();
    final String categoryId = snowflake();
    final String archiveCategoryId = snowflake();
    final String broadcastChannelId = snowflake();
    final String generalChannelId = snowflake();
    final String aliceId = snowflake();
    final String bobId = snowflake();
    final String carolId = snowflake();

    /** README's invite link asks for these permissions; sitrep's managed role holds exactly them. */
    static final long README_PERMISSIONS = 2251800082238480L;

    final Map<String, ObjectNode> channels = new ConcurrentHashMap<>();
    final Map<String, ObjectNode> users = new LinkedHashMap<>();
    final List<ObjectNode> roles = new ArrayList<>();
    /** Messages as created, in order (channel messages, interaction follow-ups and edits of @original). */
    final List<ObjectNode> messages = new CopyOnWriteArrayList<>();
    final Map<String, ObjectNode> nonces = new ConcurrentHashMap<>();
    final List<String> pins = new CopyOnWriteArrayList<>();
    /** Every request refused, with the documented rule it broke. */
    final List<String> refusals = new CopyOnWriteArrayList<>();
    /** Requests to routes this fake does not know (answered 404 as Discord does). */
    final List<String> unknownRoutes = new CopyOnWriteArrayList<>();
    final Map<String, String> memberRoleChanges = new ConcurrentHashMap<>();
    volatile JsonNode registeredCommands;
    volatile String registeredCommandsPath;
    volatile DiscordFakeGateway gateway;

    /** One interaction the gateway dispatched. */
    static final class Interaction {
        final String id;
        final String token;
        final long dispatchedAt;
        volatile int callbackType = -1;
        volatile int callbackFlags;
        volatile long callbackAt;
        volatile JsonNode callbackData;
        volatile ObjectNode original;
        final List<ObjectNode> followups = new CopyOnWriteArrayList<>();
        /** Interaction type (2 APPLICATION_COMMAND, 3 MESSAGE_COMPONENT, 5 MODAL_SUBMIT). */
        volatile int type;
        /** For a component interaction: the id of the message the component is on. */
        volatile String messageId;
        /** Every initial response tried (accepted or refused), in order. */
        final List<Integer> callbackAttempts = new CopyOnWriteArrayList<>();

        Interaction(String id, String token, long dispatchedAt) {
            this.id = id;
            this.token = token;
            this.dispatchedAt = dispatchedAt;
        }
    }

    final Map<String, Interaction> interactions = new ConcurrentHashMap<>();

    /** Rate limits the test asks for: the next {@code n} requests matching a route key get a 429. */
    private final Map<String, Integer> pending429 = new ConcurrentHashMap<>();
    /** Route key → time before which the bucket is exhausted (a request then is refused again). */
    private final Map<String, Long> exhaustedUntil = new ConcurrentHashMap<>();
    final List<String> earlyRetries = new CopyOnWriteArrayList<>();
    final List<String> rateLimited = new CopyOnWriteArrayList<>();
    static final double RETRY_AFTER_SECONDS = 1.5;

    DiscordFake() throws IOException {
        super();
        users.put(botUserId, user(botUserId, "sitrep", true));
        users.put(aliceId, user(aliceId, "alice", false));
        users.put(bobId, user(bobId, "bob", false));
        users.put(carolId, user(carolId, "carol", false));
        roles.add(role(everyoneRoleId, "@everyone", 0, 1071698529857L, false));
        roles.add(role(botRoleId, "sitrep", 3, README_PERMISSIONS, true));
        roles.add(role(commanderRoleId, "Incident Commander", 2, 0, false));
        roles.add(role(opsRoleId, "ops", 1, 0, false));
        channels.put(categoryId, channel(categoryId, 4, "Incidents", null, null));
        channels.put(archiveCategoryId, channel(archiveCategoryId, 4, "Archive", null, null));
        channels.put(broadcastChannelId, channel(broadcastChannelId, 0, "incidents", null, "where stakeholders follow incidents"));
        channels.put(generalChannelId, channel(generalChannelId, 0, "general", null, null));
    }

    // ---- shapes -----------------------------------------------------------------------------

    /** https://discord.com/developers/docs/resources/user#user-object */
    ObjectNode user(String id, String name, boolean bot) {
        ObjectNode u = object();
        u.put("id", id);
        u.put("username", name);
        u.put("discriminator", "0");
        u.put("global_name", name);
        u.putNull("avatar");
        u.put("bot", bot);
        u.put("system", false);
        u.put("mfa_enabled", false);
        u.putNull("banner");
        u.putNull("accent_color");
        u.put("locale", "en-US");
        u.put("verified", true);
        u.put("flags", 0);
        u.put("public_flags", 0);
        u.put("premium_type", 0);
        return u;
    }

    /** https://discord.com/developers/docs/topics/permissions#role-object */
    ObjectNode role(String id, String name, int position, long permissions, boolean managed) {
        ObjectNode r = object();
        r.put("id", id);
        r.put("name", name);
        r.put("color", 0);
        ObjectNode colors = r.putObject("colors");
        colors.put("primary_color", 0);
        colors.putNull("secondary_color");
        colors.putNull("tertiary_color");
        r.put("hoist", false);
        r.putNull("icon");
        r.putNull("unicode_emoji");
        r.put("position", position);
        r.put("permissions", Long.toString(permissions));
        r.put("managed", managed);
        r.put("mentionable", true);
        r.put("flags", 0);
        if (managed) {
            r.putObject("tags").put("bot_id", botUserId);
        }
        return r;
    }

    /** https://discord.com/developers/docs/resources/channel#channel-object */
    ObjectNode channel(String id, int type, String name, String parentId, String topic) {
        ObjectNode c = object();
        c.put("id", id);
        c.put("type", type);
        c.put("guild_id", guildId);
        c.put("position", channels.size());
        c.putArray("permission_overwrites");
        c.put("name", name);
        if (type == 0) {
            if (topic == null) c.putNull("topic"); else c.put("topic", topic);
            c.put("nsfw", false);
            c.putNull("last_message_id");
            c.put("rate_limit_per_user", 0);
            c.putNull("last_pin_timestamp");
        }
        if (parentId == null) c.putNull("parent_id"); else c.put("parent_id", parentId);
        c.put("flags", 0);
        return c;
    }

    /** https://discord.com/developers/docs/resources/guild#guild-member-object */
    ObjectNode member(String userId) {
        ObjectNode m = object();
        m.set("user", users.get(userId).deepCopy());
        m.putNull("nick");
        m.putNull("avatar");
        m.putNull("banner");
        ArrayNode r = m.putArray("roles");
        if (userId.equals(botUserId)) r.add(botRoleId);
        if (userId.equals(bobId)) r.add(opsRoleId);
        m.put("joined_at", "2026-01-05T10:00:00.000000+00:00");
        m.putNull("premium_since");
        m.put("deaf", false);
        m.put("mute", false);
        m.put("flags", 0);
        m.put("pending", false);
        m.putNull("communication_disabled_until");
        return m;
    }

    /** The guild as GUILD_CREATE carries it: https://discord.com/developers/docs/events/gateway-events#guild-create */
    ObjectNode guildCreate() {
        ObjectNode g = object();
        g.put("id", guildId);
        g.put("name", "Acme Ops");
        g.putNull("icon");
        g.putNull("icon_hash");
        g.putNull("splash");
        g.putNull("discovery_splash");
        g.put("owner_id", aliceId);
        g.putNull("afk_channel_id");
        g.put("afk_timeout", 300);
        g.put("widget_enabled", false);
        g.put("verification_level", 1);
        g.put("default_message_notifications", 1);
        g.put("explicit_content_filter", 0);
        ArrayNode r = g.putArray("roles");
        roles.forEach(x -> r.add(x.deepCopy()));
        g.putArray("emojis");
        g.putArray("features");
        g.put("mfa_level", 0);
        g.putNull("application_id");
        g.put("system_channel_id", generalChannelId);
        g.put("system_channel_flags", 0);
        g.putNull("rules_channel_id");
        g.putNull("max_presences");
        g.put("max_members", 500000);
        g.putNull("vanity_url_code");
        g.putNull("description");
        g.putNull("banner");
        g.put("premium_tier", 0);
        g.put("premium_subscription_count", 0);
        g.put("preferred_locale", "en-US");
        g.putNull("public_updates_channel_id");
        g.put("max_video_channel_users", 25);
        g.put("nsfw_level", 0);
        g.putArray("stickers");
        g.put("premium_progress_bar_enabled", false);
        g.putNull("safety_alerts_channel_id");
        g.put("joined_at", "2026-01-05T10:00:00.000000+00:00");
        g.put("large", false);
        g.put("unavailable", false);
        g.put("member_count", users.size());
        g.putArray("voice_states");
        ArrayNode m = g.putArray("members");
        users.keySet().forEach(id -> m.add(member(id)));
        ArrayNode c = g.putArray("channels");
        channels.values().forEach(x -> c.add(withoutGuildId(x)));
        g.putArray("threads");
        g.putArray("presences");
        g.putArray("stage_instances");
        g.putArray("guild_scheduled_events");
        g.putArray("soundboard_sounds");
        return g;
    }

    private static ObjectNode withoutGuildId(ObjectNode channel) {
        ObjectNode c = channel.deepCopy();
        c.remove("guild_id"); // channels inside GUILD_CREATE carry no guild_id
        return c;
    }

    /** https://discord.com/developers/docs/resources/message#message-object */
    ObjectNode message(String channelId, JsonNode body, boolean webhook) {
        ObjectNode msg = object();
        msg.put("id", snowflake());
        msg.put("channel_id", channelId);
        msg.set("author", users.get(botUserId).deepCopy());
        msg.put("content", text(body, "content"));
        msg.put("timestamp", Instant.now().toString());
        msg.putNull("edited_timestamp");
        msg.put("tts", false);
        msg.put("mention_everyone", false);
        msg.putArray("mentions");
        msg.putArray("mention_roles");
        msg.putArray("attachments");
        msg.set("embeds", rich(body.has("embeds") && body.get("embeds").isArray() ? body.get("embeds").deepCopy() : JSON.createArrayNode()));
        msg.put("pinned", false);
        msg.put("type", 0);
        msg.put("flags", body.path("flags").asInt(0));
        msg.set("components", withComponentIds(body.has("components") ? body.get("components").deepCopy() : JSON.createArrayNode()));
        if (body.hasNonNull("nonce")) msg.set("nonce", body.get("nonce"));
        if (webhook) {
            msg.put("webhook_id", appId);
            msg.put("application_id", appId);
        }
        // kept for the checks, not part of Discord's answer
        ObjectNode sent = msg.deepCopy();
        sent.set("_request", body.deepCopy());
        messages.add(sent);
        return msg;
    }

    /**
     * "id: Optional identifier for component ... If you do not specify an id, the API will generate a
     * sequential id" — the message Discord answers carries an id on every component.
     * https://discord.com/developers/docs/components/reference#anatomy-of-a-component
     */
    private static JsonNode withComponentIds(JsonNode components) {
        int[] next = {1};
        assignIds(components, next);
        return components;
    }

    private static void assignIds(JsonNode components, int[] next) {
        for (JsonNode c : components) {
            if (c instanceof ObjectNode o && !o.has("id")) o.put("id", next[0]++);
            else if (c.has("id")) next[0] = Math.max(next[0], c.get("id").asInt() + 1);
            assignIds(c.path("components"), next);
        }
    }

    /** Embeds as Discord answers them carry their type: "always "rich" for webhook embeds". https://discord.com/developers/docs/resources/message#embed-object */
    private static JsonNode rich(JsonNode embeds) {
        for (JsonNode e : embeds) if (e instanceof ObjectNode o && !o.has("type")) o.put("type", "rich");
        return embeds;
    }

    private static String text(JsonNode body, String field) {
        return body.hasNonNull(field) ? body.get(field).asText() : "";
    }

    // ---- the REST API -----------------------------------------------------------------------

    private static final Pattern PREFIX = Pattern.compile("^/api(?:/v\\d+)?");

    @Override
    Answer handle(Request request) throws IOException {
        String path = PREFIX.matcher(request.path()).replaceFirst("");
        if (path.endsWith("/") && path.length() > 1) path = path.substring(0, path.length() - 1);
        String route = request.method() + " " + path;
        boolean webhookRoute = path.startsWith("/webhooks/") || path.startsWith("/interactions/");
        // Bot requests authenticate with "Authorization: Bot <token>"; anything else is 401.
        // Interaction callbacks and webhook routes are authorised by the token in the URL.
        // https://discord.com/developers/docs/reference#authentication
        // https://discord.com/developers/docs/interactions/receiving-and-responding#responding-to-an-interaction
        if (!webhookRoute && !("Bot " + token).equals(request.authorization())) {
            return refuse(route, "missing or wrong 'Authorization: Bot <token>' (https://discord.com/developers/docs/reference#authentication)",
                    401, error(0, "401: Unauthorized"));
        }
        String bucket = bucketOf(request.method(), path);
        Answer limited = rateLimit(route, bucket);
        if (limited != null) return limited;
        Answer answer = route(request, path, route);
        return withRateLimitHeaders(answer, bucket);
    }

    private Answer route(Request request, String path, String route) throws IOException {
        String m = request.method();
        String[] p = path.substring(1).split("/");
        JsonNode body = bodyOf(request);
        if (m.equals("GET") && path.equals("/users/@me")) return Answer.json(200, users.get(botUserId));
        if (m.equals("GET") && (path.equals("/gateway") || path.equals("/gateway/bot"))) {
            // https://discord.com/developers/docs/events/gateway#get-gateway-bot
            ObjectNode g = object();
            g.put("url", gateway == null ? "ws://127.0.0.1:1" : gateway.url());
            g.put("shards", 1);
            ObjectNode limit = g.putObject("session_start_limit");
            limit.put("total", 1000);
            limit.put("remaining", 999);
            limit.put("reset_after", 14400000);
            limit.put("max_concurrency", 1);
            return Answer.json(200, g);
        }
        if (m.equals("GET") && (path.equals("/oauth2/applications/@me") || path.equals("/applications/@me"))) {
            // https://discord.com/developers/docs/resources/application#application-object
            ObjectNode a = object();
            a.put("id", appId);
            a.put("name", "sitrep");
            a.putNull("icon");
            a.put("description", "");
            a.put("bot_public", false);
            a.put("bot_require_code_grant", false);
            a.set("bot", users.get(botUserId));
            a.put("verify_key", "0".repeat(64));
            a.putNull("team");
            a.set("owner", users.get(aliceId));
            a.put("flags", 0);
            a.putArray("rpc_origins");
            a.putArray("tags");
            return Answer.json(200, a);
        }
        // Bulk overwrite application commands (guild or global)
        // https://discord.com/developers/docs/interactions/application-commands#bulk-overwrite-guild-application-commands
        if (m.equals("PUT") && p.length >= 3 && p[0].equals("applications") && path.endsWith("/commands")) {
            if (!p[1].equals(appId)) return refuse(route, "unknown application", 404, error(10002, "Unknown Application"));
            String invalid = invalidCommands(body);
            if (invalid != null) return refuse(route, invalid, 400, formError("0", "APPLICATION_COMMAND_INVALID", invalid));
            ArrayNode out = JSON.createArrayNode();
            for (JsonNode cmd : body) {
                ObjectNode c = cmd.deepCopy();
                c.put("id", snowflake());
                c.put("application_id", appId);
                c.put("version", snowflake());
                if (path.contains("/guilds/")) c.put("guild_id", p[3]);
                out.add(c);
            }
            registeredCommands = out;
            registeredCommandsPath = path;
            return Answer.json(200, out);
        }
        if (m.equals("GET") && p[0].equals("applications") && path.endsWith("/commands")) {
            return Answer.json(200, registeredCommands == null ? JSON.createArrayNode() : registeredCommands);
        }
        if (p[0].equals("interactions") && p.length == 4 && p[3].equals("callback") && m.equals("POST")) {
            return callback(route, p[1], p[2], body);
        }
        if (p[0].equals("webhooks") && p.length >= 3) {
            return webhook(request, route, p, body);
        }
        if (p[0].equals("guilds") && p.length >= 2) {
            if (!p[1].equals(guildId)) return refuse(route, "unknown guild", 404, error(10004, "Unknown Guild"));
            return guildRoute(route, m, p, body);
        }
        if (p[0].equals("channels") && p.length >= 2) {
            ObjectNode channel = channels.get(p[1]);
            if (channel == null) return refuse(route, "unknown channel", 404, error(10003, "Unknown Channel"));
            return channelRoute(route, m, p, body, channel);
        }
        unknownRoutes.add(route);
        return Answer.json(404, error(0, "404: Not Found"));
    }

    private static final Pattern COMMAND_NAME = Pattern.compile("^[-_\\p{L}\\p{N}\\p{IsDevanagari}\\p{IsThai}]{1,32}$");

    /**
     * Application command rules: name 1-32 characters of the documented pattern, lower case for
     * CHAT_INPUT; description 1-100; at most 25 options and 25 choices; required options before
     * optional ones; at most 100 commands.
     * https://discord.com/developers/docs/interactions/application-commands#application-command-object-application-command-naming
     * https://discord.com/developers/docs/interactions/application-commands#application-command-object-application-command-option-structure
     */
    private static String invalidCommands(JsonNode body) {
        if (!body.isArray()) return "body is not an array of commands";
        if (body.size() > 100) return "more than 100 commands";
        for (JsonNode c : body) {
            String err = invalidCommand(c, c.path("type").asInt(1) == 1, "command " + c.path("name").asText());
            if (err != null) return err;
        }
        return null;
    }

    private static String invalidCommand(JsonNode c, boolean chatInput, String at) {
        String name = c.path("name").asText("");
        if (chatInput && (!COMMAND_NAME.matcher(name).matches() || !name.equals(name.toLowerCase(java.util.Locale.ROOT)))) return at + ": invalid name '" + name + "'";
        if (!chatInput && (name.isEmpty() || name.length() > 32)) return at + ": name not 1-32 characters";
        if (chatInput) {
            String d = c.path("description").asText("");
            if (d.isEmpty() || d.length() > 100) return at + ": description not 1-100 characters";
        }
        JsonNode options = c.path("options");
        if (options.size() > 25) return at + ": more than 25 options";
        boolean optionalSeen = false;
        for (JsonNode o : options) {
            int type = o.path("type").asInt();
            if (type != 1 && type != 2) {
                boolean required = o.path("required").asBoolean(false);
                if (required && optionalSeen) return at + ": required option '" + o.path("name").asText() + "' after an optional one";
                optionalSeen |= !required;
            }
            if (o.path("choices").size() > 25) return at + ": option '" + o.path("name").asText() + "' has more than 25 choices";
            if (o.has("max_length") && (o.get("max_length").asInt() < 1 || o.get("max_length").asInt() > 6000)) return at + ": max_length out of 1-6000";
            String err = invalidCommand(o, true, at + " " + o.path("name").asText());
            if (err != null) return err;
        }
        return null;
    }

    private JsonNode bodyOf(Request request) throws IOException {
        String ct = request.contentType() == null ? "" : request.contentType();
        if (ct.startsWith("multipart/form-data")) {
            // Uploads carry the JSON in the payload_json part
            // https://discord.com/developers/docs/reference#uploading-files
            Matcher pj = Pattern.compile("name=\"payload_json\"[^\\r\\n]*\\r?\\n(?:[^\\r\\n]+\\r?\\n)*\\r?\\n(.*?)\\r?\\n--", Pattern.DOTALL)
                    .matcher(request.body());
            ObjectNode node = pj.find() ? (ObjectNode) JSON.readTree(pj.group(1)) : object();
            node.put("_files", request.body().split("filename=\"", -1).length - 1);
            return node;
        }
        if (request.body() == null || request.body().isBlank()) return object();
        try {
            return JSON.readTree(request.body());
        } catch (IOException e) {
            return object().put("_malformed", request.body());
        }
    }

    // ---- interactions -----------------------------------------------------------------------

    private Answer callback(String route, String id, String token, JsonNode body) {
        Interaction i = interactions.get(id);
        if (i != null) i.callbackAttempts.add(body.path("type").asInt(-1));
        // https://discord.com/developers/docs/topics/opcodes-and-status-codes#json-json-error-codes: 10062 Unknown interaction
        if (i == null || !i.token.equals(token)) {
            return refuse(route, "callback for an interaction id/token Discord never sent", 404, error(10062, "Unknown interaction"));
        }
        long now = System.currentTimeMillis();
        // "you must send an initial response within 3 seconds of receiving the event. If the 3 second
        // deadline is exceeded, the token will be invalidated."
        // https://discord.com/developers/docs/interactions/receiving-and-responding#responding-to-an-interaction
        if (i.callbackType < 0 && now - i.dispatchedAt > 3000) {
            return refuse(route, "initial response " + (now - i.dispatchedAt) + " ms after the interaction (limit 3 s)", 404,
                    error(10062, "Unknown interaction"));
        }
        // 40060 Interaction has already been acknowledged
        // https://discord.com/developers/docs/topics/opcodes-and-status-codes#json-json-error-codes
        if (i.callbackType >= 0) {
            return refuse(route, "second initial response to one interaction", 400,
                    error(40060, "Interaction has already been acknowledged."));
        }
        int type = body.path("type").asInt(-1);
        JsonNode data = body.path("data");
        // Interaction callback types 1,4,5,6,7,8,9,10,12
        // https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-response-object-interaction-callback-type
        if (!List.of(1, 4, 5, 6, 7, 8, 9, 10, 12).contains(type)) {
            return refuse(route, "unknown callback type " + type, 400, formError("type", "NUMBER_TYPE_COERCE", "Value \"" + type + "\" is not a valid enum value."));
        }
        if (type == 9) {
            // Modal: custom_id max 100, title max 45, between 1 and 5 (inclusive) components
            // https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-response-object-modal
            int n = data.path("components").size();
            if (n < 1 || n > 5) {
                return refuse(route, "modal with " + n + " components (1-5)", 400,
                        formError("data.components", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 5 in length."));
            }
            if (data.path("title").asText("").length() > 45 || data.path("title").asText("").isEmpty()) {
                return refuse(route, "modal title not 1-45 characters", 400, formError("data.title", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 45 in length."));
            }
            if (data.path("custom_id").asText("").length() > 100 || data.path("custom_id").asText("").isEmpty()) {
                return refuse(route, "modal custom_id not 1-100 characters", 400, formError("data.custom_id", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length."));
            }
        }
        // DEFERRED_UPDATE_MESSAGE (6) and UPDATE_MESSAGE (7): "Only valid for component-based interactions"
        // https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-response-object-interaction-callback-type
        if ((type == 6 || type == 7) && i.type != 3 && i.type != 5) {
            return refuse(route, "callback type " + type + " for an interaction of type " + i.type + " (only component-based interactions)", 400,
                    formError("type", "INTERACTION_CALLBACK_TYPE_INVALID", "Interaction callback type " + type + " is only valid for component interactions"));
        }
        if (type == 4) {
            Answer bad = validateMessage(route, data);
            if (bad != null) return bad;
        }
        if (type == 7) {
            // UPDATE_MESSAGE edits the message the component is attached to: the edit's rules apply
            Answer bad = validateEdit(route, data);
            if (bad != null) return bad;
        }
        i.callbackType = type;
        i.callbackFlags = data.path("flags").asInt(0);
        i.callbackAt = now;
        i.callbackData = data.deepCopy();
        if (type == 4) {
            i.original = message(channelOfInteraction(i), data, true);
        }
        if (type == 7) {
            i.original = editStored(i.messageId, data, "callback 7 of interaction " + i.id);
        }
        if (type == 6 && i.messageId != null) {
            // after a deferred update, @original is the message the component is on
            i.original = storedPublic(i.messageId);
        }
        // 204 No Content, unless with_response=true asks for the interaction callback response
        // https://discord.com/developers/docs/interactions/receiving-and-responding#create-interaction-response
        return new Answer(204, "", Map.of());
    }

    final Map<String, String> interactionChannel = new ConcurrentHashMap<>();

    private String channelOfInteraction(Interaction i) {
        return interactionChannel.getOrDefault(i.id, generalChannelId);
    }

    private Interaction byToken(String token) {
        return interactions.values().stream().filter(x -> x.token.equals(token)).findFirst().orElse(null);
    }

    /** Follow-ups and @original: https://discord.com/developers/docs/interactions/receiving-and-responding#followup-messages */
    private Answer webhook(Request request, String route, String[] p, JsonNode body) {
        Interaction i = byToken(p[2]);
        if (!p[1].equals(appId) || i == null) {
            return refuse(route, "webhook for an unknown application/token", 404, error(10015, "Unknown Webhook"));
        }
        long now = System.currentTimeMillis();
        // "Interaction tokens are valid for 15 minutes"
        if (now - i.dispatchedAt > 15 * 60_000L) {
            return refuse(route, "interaction token used after 15 minutes", 401, error(50027, "Invalid Webhook Token"));
        }
        // A follow-up or an edit of the original needs the initial response first.
        if (i.callbackType < 0) {
            return refuse(route, "follow-up/edit before the initial response", 404, error(10015, "Unknown Webhook"));
        }
        String m = request.method();
        if (p.length == 3 && m.equals("POST")) {
            Answer bad = validateMessage(route, body);
            if (bad != null) return bad;
            ObjectNode msg = message(channelOfInteraction(i), body, true);
            i.followups.add(msg);
            return Answer.json(200, msg);
        }
        if (p.length == 5 && p[3].equals("messages") && p[4].equals("@original")) {
            if (m.equals("PATCH")) {
                Answer bad = validateEdit(route, body);
                if (bad != null) return bad;
                if ((i.callbackType == 6 || i.callbackType == 7) && i.messageId != null) {
                    // Edit Original Interaction Response after a (deferred) update edits the component's message
                    // https://discord.com/developers/docs/interactions/receiving-and-responding#edit-original-interaction-response
                    i.original = editStored(i.messageId, body, "PATCH @original of interaction " + i.id);
                    return Answer.json(200, i.original);
                }
                ObjectNode edited = object();
                edited.put("flags", i.callbackFlags);
                body.fields().forEachRemaining(e -> edited.set(e.getKey(), e.getValue()));
                ObjectNode msg = message(channelOfInteraction(i), edited, true);
                msg.put("edited_timestamp", Instant.now().toString());
                i.original = msg;
                return Answer.json(200, msg);
            }
            if (m.equals("GET")) {
                if (i.original == null) return refuse(route, "no original message yet", 404, error(10008, "Unknown Message"));
                return Answer.json(200, i.original);
            }
            if (m.equals("DELETE")) return new Answer(204, "", Map.of());
        }
        unknownRoutes.add(route);
        return Answer.json(404, error(0, "404: Not Found"));
    }

    // ---- guilds and channels ----------------------------------------------------------------

    private Answer guildRoute(String route, String m, String[] p, JsonNode body) {
        if (p.length == 2 && m.equals("GET")) return Answer.json(200, guildCreate());
        if (p.length == 3 && p[2].equals("channels") && m.equals("GET")) {
            ArrayNode out = JSON.createArrayNode();
            channels.values().forEach(out::add);
            return Answer.json(200, out);
        }
        if (p.length == 3 && p[2].equals("roles") && m.equals("GET")) {
            ArrayNode out = JSON.createArrayNode();
            roles.forEach(out::add);
            return Answer.json(200, out);
        }
        if (p.length == 3 && p[2].equals("channels") && m.equals("POST")) return createChannel(route, body);
        if (p.length == 4 && p[2].equals("members") && m.equals("GET")) {
            if (!users.containsKey(p[3])) return refuse(route, "unknown member", 404, error(10007, "Unknown Member"));
            return Answer.json(200, member(p[3]));
        }
        // Add/Remove Guild Member Role -> 204
        // https://discord.com/developers/docs/resources/guild#add-guild-member-role
        if (p.length == 6 && p[2].equals("members") && p[4].equals("roles") && (m.equals("PUT") || m.equals("DELETE"))) {
            if (!users.containsKey(p[3])) return refuse(route, "unknown member", 404, error(10007, "Unknown Member"));
            if (roles.stream().noneMatch(r -> r.get("id").asText().equals(p[5]))) return refuse(route, "unknown role", 404, error(10011, "Unknown Role"));
            memberRoleChanges.put(m + " " + p[3], p[5]);
            return new Answer(204, "", Map.of());
        }
        unknownRoutes.add(route);
        return Answer.json(404, error(0, "404: Not Found"));
    }

    static final long MANAGE_CHANNELS = 1L << 4;

    /** sitrep's base permissions in the guild: @everyone's and its own role's. https://discord.com/developers/docs/topics/permissions#permission-overwrites */
    long botPermissions() {
        long p = 0;
        for (ObjectNode r : roles) {
            String id = r.get("id").asText();
            if (id.equals(everyoneRoleId) || id.equals(botRoleId)) p |= Long.parseLong(r.get("permissions").asText());
        }
        return p;
    }

    /** Changes sitrep's role permissions, as a server admin would, and tells the gateway (GUILD_ROLE_UPDATE). */
    void setBotRolePermissions(long permissions) {
        for (ObjectNode r : roles) {
            if (r.get("id").asText().equals(botRoleId)) r.put("permissions", Long.toString(permissions));
        }
        // https://discord.com/developers/docs/events/gateway-events#guild-role-update
        ObjectNode ev = object();
        ev.put("guild_id", guildId);
        ev.set("role", roles.stream().filter(r -> r.get("id").asText().equals(botRoleId)).findFirst().orElseThrow().deepCopy());
        if (gateway != null) gateway.dispatch("GUILD_ROLE_UPDATE", ev, 1);
    }

    /** https://discord.com/developers/docs/resources/guild#create-guild-channel */
    private Answer createChannel(String route, JsonNode body) {
        // "Requires the MANAGE_CHANNELS permission"; else 403 with 50013 Missing Permissions
        // https://discord.com/developers/docs/topics/opcodes-and-status-codes#json-json-error-codes
        if ((botPermissions() & MANAGE_CHANNELS) == 0 && (botPermissions() & 8) == 0) {
            return refuse(route, "create channel without MANAGE_CHANNELS", 403, error(50013, "Missing Permissions"));
        }
        String name = body.path("name").asText("");
        // Channel name 1-100 characters
        if (name.isEmpty() || name.codePointCount(0, name.length()) > 100) {
            return refuse(route, "channel name not 1-100 characters: '" + name + "'", 400,
                    formError("name", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length."));
        }
        int type = body.path("type").asInt(0);
        // Text channel names are lower case without spaces; Discord refuses names that normalise to nothing.
        // https://discord.com/developers/docs/resources/channel#channel-object-channel-structure
        if (type == 0 && !name.equals(name.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'))) {
            refusals.add(route + ": text channel name '" + name + "' would be renamed by Discord (lower case, no spaces)"
                    + " — https://discord.com/developers/docs/resources/channel#channel-object-channel-structure");
        }
        String topic = body.hasNonNull("topic") ? body.get("topic").asText() : null;
        // topic 0-1024 characters
        if (topic != null && topic.length() > 1024) {
            return refuse(route, "topic over 1024 characters", 400, formError("topic", "BASE_TYPE_MAX_LENGTH", "Must be 1024 or fewer in length."));
        }
        String parent = body.hasNonNull("parent_id") ? body.get("parent_id").asText() : null;
        // parent_id: id of the parent category for a channel
        if (parent != null && (channels.get(parent) == null || channels.get(parent).get("type").asInt() != 4)) {
            return refuse(route, "parent_id " + parent + " is not a category of this guild", 400,
                    formError("parent_id", "CHANNEL_PARENT_INVALID_TYPE", "Not a category"));
        }
        for (JsonNode o : body.path("permission_overwrites")) {
            String bad = invalidOverwrite(o);
            if (bad != null) return refuse(route, bad, 400, formError("permission_overwrites", "BASE_TYPE_CHOICES", bad));
        }
        ObjectNode c = channel(snowflake(), type, name, parent, topic);
        if (body.has("permission_overwrites")) c.set("permission_overwrites", body.get("permission_overwrites").deepCopy());
        channels.put(c.get("id").asText(), c);
        // Channel Create is dispatched over the gateway (GUILDS intent)
        // https://discord.com/developers/docs/events/gateway-events#channel-create
        if (gateway != null) gateway.dispatch("CHANNEL_CREATE", c.deepCopy(), 1);
        return Answer.json(201, c);
    }

    /** Overwrite object: id, type (0 role, 1 member), allow/deny permission strings. https://discord.com/developers/docs/resources/channel#overwrite-object */
    private String invalidOverwrite(JsonNode o) {
        int type = o.path("type").asInt(-1);
        if (type != 0 && type != 1) return "overwrite type " + o.path("type") + " (0 role, 1 member)";
        String id = o.path("id").asText("");
        boolean known = type == 0 ? roles.stream().anyMatch(r -> r.get("id").asText().equals(id)) : users.containsKey(id);
        if (!known) return "overwrite for an unknown " + (type == 0 ? "role" : "member") + " " + id;
        for (String f : List.of("allow", "deny")) {
            if (o.has(f) && !o.get(f).asText().matches("\\d+")) return "overwrite " + f + " is not a permission integer string: " + o.get(f);
        }
        return null;
    }

    private Answer channelRoute(String route, String m, String[] p, JsonNode body, ObjectNode channel) {
        String channelId = p[1];
        if (p.length == 2 && m.equals("GET")) return Answer.json(200, channel);
        // Modify Channel https://discord.com/developers/docs/resources/channel#modify-channel
        if (p.length == 2 && m.equals("PATCH")) {
            if (body.has("name")) {
                String name = body.get("name").asText("");
                if (name.isEmpty() || name.length() > 100) {
                    return refuse(route, "channel name not 1-100 characters", 400, formError("name", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length."));
                }
            }
            if (body.hasNonNull("topic") && body.get("topic").asText().length() > 1024) {
                return refuse(route, "topic over 1024 characters", 400, formError("topic", "BASE_TYPE_MAX_LENGTH", "Must be 1024 or fewer in length."));
            }
            if (body.hasNonNull("parent_id")) {
                ObjectNode parent = channels.get(body.get("parent_id").asText());
                if (parent == null || parent.get("type").asInt() != 4) {
                    return refuse(route, "parent_id is not a category", 400, formError("parent_id", "CHANNEL_PARENT_INVALID_TYPE", "Not a category"));
                }
            }
            body.fields().forEachRemaining(e -> channel.set(e.getKey(), e.getValue().deepCopy()));
            if (gateway != null) gateway.dispatch("CHANNEL_UPDATE", channel.deepCopy(), 1);
            return Answer.json(200, channel);
        }
        // Edit Channel Permissions: {allow, deny, type 0 role | 1 member} -> 204
        // https://discord.com/developers/docs/resources/channel#edit-channel-permissions
        if (p.length == 4 && p[2].equals("permissions") && m.equals("PUT")) {
            ObjectNode o = body.isObject() ? ((ObjectNode) body).deepCopy() : object();
            o.put("id", p[3]);
            String bad = invalidOverwrite(o);
            if (bad != null) return refuse(route, bad, 400, formError("type", "BASE_TYPE_CHOICES", bad));
            com.fasterxml.jackson.databind.node.ArrayNode list = (com.fasterxml.jackson.databind.node.ArrayNode) channel.withArray("permission_overwrites");
            for (int k = list.size() - 1; k >= 0; k--) if (list.get(k).path("id").asText().equals(p[3])) list.remove(k);
            list.add(o);
            return new Answer(204, "", Map.of());
        }
        if (p.length == 3 && p[2].equals("messages") && m.equals("POST")) return createMessage(route, channelId, body);
        // Edit Message https://discord.com/developers/docs/resources/message#edit-message
        if (p.length == 4 && p[2].equals("messages") && m.equals("PATCH")) {
            ObjectNode target = messages.stream().filter(x -> x.get("id").asText().equals(p[3])
                    && x.get("channel_id").asText().equals(channelId)).findFirst().orElse(null);
            if (target == null) return refuse(route, "edit of a message not in this channel", 404, error(10008, "Unknown Message"));
            // 50005 Cannot edit a message authored by another user
            // https://discord.com/developers/docs/topics/opcodes-and-status-codes#json-json-error-codes
            if (!target.path("author").path("id").asText().equals(botUserId)) {
                return refuse(route, "edit of another user's message", 403, error(50005, "Cannot edit a message authored by another user"));
            }
            Answer bad = validateEdit(route, body);
            if (bad != null) return bad;
            return Answer.json(200, editStored(p[3], body, route));
        }
        if (p.length == 3 && p[2].equals("messages") && m.equals("GET")) {
            ArrayNode out = JSON.createArrayNode();
            for (int k = messages.size() - 1; k >= 0; k--) {
                ObjectNode msg = messages.get(k);
                if (msg.get("channel_id").asText().equals(channelId) && !msg.has("webhook_id")) out.add(publicView(msg));
            }
            return Answer.json(200, out);
        }
        // Pin Message: PUT /channels/{id}/messages/pins/{message.id} (and the older /pins/{message.id}) -> 204
        // https://discord.com/developers/docs/resources/message#pin-message
        boolean pinNew = p.length == 5 && p[2].equals("messages") && p[3].equals("pins");
        boolean pinOld = p.length == 4 && p[2].equals("pins");
        if ((pinNew || pinOld) && m.equals("PUT")) {
            String messageId = pinNew ? p[4] : p[3];
            ObjectNode msg = messages.stream().filter(x -> x.get("id").asText().equals(messageId)
                    && x.get("channel_id").asText().equals(channelId)).findFirst().orElse(null);
            if (msg == null) return refuse(route, "pin of a message not in this channel", 404, error(10008, "Unknown Message"));
            msg.put("pinned", true);
            pins.add(channelId + "/" + messageId);
            if (gateway != null) {
                ObjectNode ev = object();
                ev.put("guild_id", guildId);
                ev.put("channel_id", channelId);
                ev.put("last_pin_timestamp", Instant.now().toString());
                gateway.dispatch("CHANNEL_PINS_UPDATE", ev, 1);
            }
            return new Answer(204, "", Map.of());
        }
        // Get Channel Pins: the older /pins answers an array of messages; /messages/pins answers
        // {"items": [{"pinned_at", "message"}], "has_more"}
        // https://discord.com/developers/docs/resources/message#get-channel-pins
        if (p.length == 3 && p[2].equals("pins") && m.equals("GET")) {
            ArrayNode out = JSON.createArrayNode();
            messages.stream().filter(x -> x.get("channel_id").asText().equals(channelId) && x.path("pinned").asBoolean())
                    .forEach(x -> out.add(publicView(x)));
            return Answer.json(200, out);
        }
        if (p.length == 4 && p[2].equals("messages") && p[3].equals("pins") && m.equals("GET")) {
            ObjectNode out = object();
            ArrayNode items = out.putArray("items");
            messages.stream().filter(x -> x.get("channel_id").asText().equals(channelId) && x.path("pinned").asBoolean())
                    .forEach(x -> {
                        ObjectNode item = items.addObject();
                        item.put("pinned_at", Instant.now().toString());
                        item.set("message", publicView(x));
                    });
            out.put("has_more", false);
            return Answer.json(200, out);
        }
        if (p.length == 4 && p[2].equals("messages") && m.equals("GET")) {
            return messages.stream().filter(x -> x.get("id").asText().equals(p[3])).findFirst()
                    .map(x -> Answer.json(200, publicView(x)))
                    .orElseGet(() -> refuse(route, "unknown message", 404, error(10008, "Unknown Message")));
        }
        unknownRoutes.add(route);
        return Answer.json(404, error(0, "404: Not Found"));
    }

    private static ObjectNode publicView(ObjectNode stored) {
        ObjectNode v = stored.deepCopy();
        v.remove("_request");
        return v;
    }

    /** https://discord.com/developers/docs/resources/message#create-message */
    private Answer createMessage(String route, String channelId, JsonNode body) {
        Answer bad = validateMessage(route, body);
        if (bad != null) return bad;
        // enforce_nonce: "If true and nonce is present, it will be checked for uniqueness in the past few
        // minutes. If another message was created by the same author with the same nonce, that message
        // will be returned and no new message will be created."
        if (body.path("enforce_nonce").asBoolean(false) && body.hasNonNull("nonce")) {
            ObjectNode first = nonces.get(body.get("nonce").asText());
            if (first != null) return Answer.json(200, publicView(first));
        }
        ObjectNode msg = message(channelId, body, false);
        if (body.hasNonNull("nonce")) nonces.putIfAbsent(body.get("nonce").asText(), messages.get(messages.size() - 1));
        Integer fail = failAfterCreate.get(route);
        if (fail != null && fail > 0) {
            // The message exists, but the answer is lost: what a client sees when Discord fails after the write.
            failAfterCreate.put(route, fail - 1);
            failedAfterCreate.add(route);
            return Answer.json(500, error(0, "500: Internal Server Error"));
        }
        channels.get(channelId).put("last_message_id", msg.get("id").asText());
        if (gateway != null) {
            ObjectNode ev = msg.deepCopy();
            ev.put("guild_id", guildId);
            gateway.dispatch("MESSAGE_CREATE", ev, 1 << 9);
        }
        return Answer.json(200, msg);
    }

    /** Limits of a message body; null when Discord would take it. */
    private Answer validateMessage(String route, JsonNode body) {
        String content = text(body, "content");
        JsonNode embeds = body.path("embeds");
        boolean hasFiles = body.path("_files").asInt(0) > 0 || body.path("attachments").size() > 0;
        // Create Message: "content, embeds, sticker_ids, components, files[n], or poll" — at least one
        // https://discord.com/developers/docs/resources/message#create-message ; 50006 Cannot send an empty message
        if (content.isEmpty() && embeds.size() == 0 && !hasFiles && body.path("components").size() == 0 && !body.has("poll")) {
            return refuse(route, "empty message", 400, error(50006, "Cannot send an empty message"));
        }
        Answer edit = validateEdit(route, body);
        if (edit != null) return edit;
        // nonce: up to 25 characters
        if (body.hasNonNull("nonce") && body.get("nonce").isTextual() && body.get("nonce").asText().length() > 25) {
            return refuse(route, "nonce over 25 characters", 400, formError("nonce", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length."));
        }
        return null;
    }

    private Answer validateEdit(String route, JsonNode body) {
        String badComponents = componentViolation(body.path("components"), body.path("flags").asInt(0));
        if (badComponents != null) {
            return refuse(route, badComponents, 400, formError(badComponents.split(" ")[0], "COMPONENT_INVALID", badComponents));
        }
        String content = text(body, "content");
        // content: up to 2000 characters
        if (content.codePointCount(0, content.length()) > 2000) {
            return refuse(route, "content of " + content.length() + " characters (max 2000)", 400,
                    formError("content", "BASE_TYPE_MAX_LENGTH", "Must be 2000 or fewer in length."));
        }
        JsonNode embeds = body.path("embeds");
        // Up to 10 embeds; embed limits: title 256, description 4096, 25 fields, field name 256,
        // value 1024, footer text 2048, author name 256, 6000 characters in total across all embeds
        // https://discord.com/developers/docs/resources/message#embed-object-embed-limits
        if (embeds.size() > 10) return refuse(route, "more than 10 embeds", 400, formError("embeds", "BASE_TYPE_MAX_LENGTH", "Must be 10 or fewer in length."));
        int total = 0;
        for (int k = 0; k < embeds.size(); k++) {
            JsonNode e = embeds.get(k);
            String at = "embeds." + k + ".";
            String err = limit(e.path("title").asText(""), 256, at + "title");
            if (err == null) err = limit(e.path("description").asText(""), 4096, at + "description");
            if (err == null) err = limit(e.path("footer").path("text").asText(""), 2048, at + "footer.text");
            if (err == null) err = limit(e.path("author").path("name").asText(""), 256, at + "author.name");
            if (err != null) return refuse(route, err, 400, formError(err.split(" ")[0], "BASE_TYPE_MAX_LENGTH", err));
            JsonNode fields = e.path("fields");
            if (fields.size() > 25) return refuse(route, at + "fields: " + fields.size() + " fields (max 25)", 400,
                    formError(at + "fields", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length."));
            total += len(e.path("title").asText("")) + len(e.path("description").asText("")) + len(e.path("footer").path("text").asText(""))
                    + len(e.path("author").path("name").asText(""));
            for (int f = 0; f < fields.size(); f++) {
                JsonNode field = fields.get(f);
                String fat = at + "fields." + f + ".";
                if (field.path("name").asText("").isEmpty() || field.path("value").asText("").isEmpty()) {
                    return refuse(route, fat + "name/value empty (both required)", 400, formError(fat + "value", "BASE_TYPE_REQUIRED", "This field is required"));
                }
                String ferr = limit(field.path("name").asText(""), 256, fat + "name");
                if (ferr == null) ferr = limit(field.path("value").asText(""), 1024, fat + "value");
                if (ferr != null) return refuse(route, ferr, 400, formError(ferr.split(" ")[0], "BASE_TYPE_MAX_LENGTH", ferr));
                total += len(field.path("name").asText("")) + len(field.path("value").asText(""));
            }
        }
        if (total > 6000) {
            return refuse(route, "embeds total " + total + " characters (max 6000)", 400, formError("embeds", "BASE_TYPE_MAX_LENGTH", "Embed size exceeds maximum size of 6000"));
        }
        // allowed_mentions: parse may not hold "users"/"roles" together with a users/roles list
        // https://discord.com/developers/docs/resources/message#allowed-mentions-object
        JsonNode am = body.path("allowed_mentions");
        if (am.isObject()) {
            List<String> parse = new ArrayList<>();
            am.path("parse").forEach(x -> parse.add(x.asText()));
            if (parse.contains("users") && am.path("users").size() > 0 || parse.contains("roles") && am.path("roles").size() > 0) {
                return refuse(route, "allowed_mentions parse and list both given", 400,
                        formError("allowed_mentions", "MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE", "parse:[\"users\"] and users: [ids] are mutually exclusive."));
            }
            if (am.path("users").size() > 100 || am.path("roles").size() > 100) {
                return refuse(route, "allowed_mentions list over 100 ids", 400, formError("allowed_mentions", "BASE_TYPE_MAX_LENGTH", "Must be 100 or fewer in length."));
            }
        }
        return null;
    }

    /** IS_COMPONENTS_V2 message flag https://discord.com/developers/docs/resources/message#message-object-message-flags */
    static final int IS_COMPONENTS_V2 = 1 << 15;

    /**
     * The first rule of Discord's message components a message's {@code components} break, or null.
     * Legacy (non-V2) messages: at most 5 action rows (type 1) at the top level, each holding 1-5
     * buttons; a button (type 2) has style 1-6; non-link buttons need a custom_id of 1-100
     * characters, unique within the message; a link button (style 5) has a url and no custom_id;
     * label at most 80 characters; a button shows a label or an emoji.
     * https://discord.com/developers/docs/components/reference#action-row
     * https://discord.com/developers/docs/components/reference#button
     * https://discord.com/developers/docs/interactions/message-components
     */
    static String componentViolation(JsonNode components, int flags) {
        if (components.isMissingNode() || components.isNull()) return null;
        if (!components.isArray()) return "components is not an array";
        boolean v2 = (flags & IS_COMPONENTS_V2) != 0;
        // "Messages can have up to 5 action rows" (legacy); a V2 message up to 40 components in total
        if (!v2 && components.size() > 5) return "components: " + components.size() + " action rows (max 5)";
        java.util.Set<String> ids = new java.util.HashSet<>();
        int[] total = {0};
        for (int r = 0; r < components.size(); r++) {
            JsonNode row = components.get(r);
            String at = "components." + r;
            if (!v2 && row.path("type").asInt() != 1) return at + ".type " + row.path("type") + ": top-level components must be action rows (1)";
            String err = componentTree(row, at, ids, total);
            if (err != null) return err;
        }
        if (v2 && total[0] > 40) return "components: " + total[0] + " components (max 40)";
        return null;
    }

    private static String componentTree(JsonNode c, String at, java.util.Set<String> ids, int[] total) {
        total[0]++;
        int type = c.path("type").asInt(-1);
        if (type == 1) {
            JsonNode children = c.path("components");
            // An Action Row "can contain up to 5 buttons" (or one select menu), and at least one component
            if (children.size() < 1 || children.size() > 5) return at + ".components: action row with " + children.size() + " components (1-5)";
            boolean select = false;
            boolean button = false;
            for (int k = 0; k < children.size(); k++) {
                int t = children.get(k).path("type").asInt(-1);
                if (t == 1) return at + ".components." + k + ": an action row inside an action row";
                button |= t == 2;
                select |= t >= 3 && t <= 8 && t != 4;
            }
            if (button && select) return at + ".components: an action row with buttons cannot also hold a select menu";
            if (select && children.size() > 1) return at + ".components: a select menu fills its action row alone";
            for (int k = 0; k < children.size(); k++) {
                String err = componentTree(children.get(k), at + ".components." + k, ids, total);
                if (err != null) return err;
            }
            return null;
        }
        if (type == 2) return button(c, at, ids);
        for (int k = 0; k < c.path("components").size(); k++) {
            String err = componentTree(c.path("components").get(k), at + ".components." + k, ids, total);
            if (err != null) return err;
        }
        if (c.has("accessory")) return componentTree(c.get("accessory"), at + ".accessory", ids, total);
        return null;
    }

    /** https://discord.com/developers/docs/components/reference#button */
    private static String button(JsonNode b, String at, java.util.Set<String> ids) {
        int style = b.path("style").asInt(-1);
        // Button styles: 1 Primary, 2 Secondary, 3 Success, 4 Danger, 5 Link, 6 Premium
        if (style < 1 || style > 6) return at + ".style " + b.path("style") + " (1-6)";
        String label = b.path("label").asText("");
        // label: "Text that appears on the button; max 80 characters"
        if (len(label) > 80) return at + ".label is " + len(label) + " characters (max 80)";
        boolean hasId = b.hasNonNull("custom_id");
        boolean hasUrl = b.hasNonNull("url");
        if (style == 5) {
            // "Link buttons must have a url, and cannot have a custom_id"
            if (!hasUrl) return at + ".url: a link button (style 5) needs a url";
            if (hasId) return at + ".custom_id: a link button (style 5) cannot have a custom_id";
            if (b.path("url").asText().length() > 512) return at + ".url over 512 characters";
        } else if (style == 6) {
            // Premium buttons carry a sku_id and no custom_id, label, url or emoji
            if (!b.hasNonNull("sku_id") || hasId || hasUrl || !label.isEmpty()) return at + ": a premium button (style 6) has a sku_id only";
        } else {
            // "Non-link buttons must have a custom_id, and cannot have a url"; custom_id max 100 characters
            if (!hasId || b.get("custom_id").asText().isEmpty()) return at + ".custom_id: required for a non-link button (style " + style + ")";
            if (hasUrl) return at + ".url: a non-link button cannot have a url";
            String id = b.get("custom_id").asText();
            if (id.length() > 100) return at + ".custom_id is " + id.length() + " characters (max 100)";
            // "custom_id must be unique among components in the same message"
            if (!ids.add(id)) return at + ".custom_id '" + id + "' is not unique in the message";
        }
        if (style != 6 && label.isEmpty() && !b.has("emoji")) return at + ": a button needs a label or an emoji";
        return null;
    }

    /** Edits of stored messages: message id, what edited it, the body. */
    final List<ObjectNode> edits = new CopyOnWriteArrayList<>();

    /** Applies an edit to a stored message (content, embeds, components, flags as given), as Discord does. */
    private ObjectNode editStored(String messageId, JsonNode body, String via) {
        for (int k = 0; k < messages.size(); k++) {
            ObjectNode stored = messages.get(k);
            if (!stored.get("id").asText().equals(messageId)) continue;
            ObjectNode next = stored.deepCopy();
            for (String f : List.of("content", "allowed_mentions", "flags")) {
                if (body.has(f)) next.set(f, body.get(f).deepCopy());
            }
            if (body.has("embeds")) next.set("embeds", rich(body.get("embeds").deepCopy()));
            if (body.has("components")) next.set("components", withComponentIds(body.get("components").deepCopy()));
            next.put("edited_timestamp", Instant.now().toString());
            messages.set(k, next);
            ObjectNode e = object();
            e.put("message_id", messageId);
            e.put("via", via);
            e.set("body", body.deepCopy());
            edits.add(e);
            ObjectNode out = publicView(next);
            if (gateway != null) {
                // https://discord.com/developers/docs/events/gateway-events#message-update
                ObjectNode ev = out.deepCopy();
                ev.put("guild_id", guildId);
                gateway.dispatch("MESSAGE_UPDATE", ev, 1 << 9);
            }
            return out;
        }
        return null;
    }

    /** The message as Discord shows it now (after edits), or null. */
    ObjectNode storedPublic(String messageId) {
        return messages.stream().filter(x -> x.get("id").asText().equals(messageId)).findFirst().map(DiscordFake::publicView).orElse(null);
    }

    private static int len(String s) {
        return s.codePointCount(0, s.length());
    }

    private static String limit(String value, int max, String field) {
        return len(value) > max ? field + " is " + len(value) + " characters (max " + max + ")" : null;
    }

    // ---- rate limits ------------------------------------------------------------------------

    /** Major parameters (channel, guild, webhook) make their own buckets. https://discord.com/developers/docs/topics/rate-limits */
    private static String bucketOf(String method, String path) {
        return method + " " + path.replaceAll("/messages/\\d+", "/messages/{id}").replaceAll("/pins/\\d+", "/pins/{id}");
    }

    private final Map<String, Integer> failAfterCreate = new ConcurrentHashMap<>();
    final List<String> failedAfterCreate = new CopyOnWriteArrayList<>();

    /** The next {@code times} messages created on {@code route} ("POST /channels/{id}/messages") are answered 500. */
    void failAfterCreatingNext(String route, int times) {
        failAfterCreate.put(route, times);
    }

    /** The next {@code times} requests whose route is {@code method + " " + path} (after /api/v10) get 429. */
    void rateLimitNext(String route, int times) {
        pending429.put(route, times);
    }

    private Answer rateLimit(String route, String bucket) {
        long now = System.currentTimeMillis();
        Long until = exhaustedUntil.get(bucket);
        if (until != null && now < until) {
            // A request before retry_after has passed is refused again.
            earlyRetries.add(route + " " + (until - now) + " ms early");
            return tooMany(route, bucket, (until - now) / 1000.0);
        }
        Integer n = pending429.get(route);
        if (n != null && n > 0) {
            pending429.put(route, n - 1);
            exhaustedUntil.put(bucket, now + (long) (RETRY_AFTER_SECONDS * 1000));
            rateLimited.add(route);
            return tooMany(route, bucket, RETRY_AFTER_SECONDS);
        }
        return null;
    }

    /**
     * 429 with the rate limit response body (message, retry_after in seconds, global) and the
     * X-RateLimit-* and Retry-After headers.
     * https://discord.com/developers/docs/topics/rate-limits#exceeding-a-rate-limit
     * https://discord.com/developers/docs/topics/rate-limits#header-format
     */
    private Answer tooMany(String route, String bucket, double retryAfter) {
        ObjectNode body = object();
        body.put("message", "You are being rate limited.");
        body.put("retry_after", retryAfter);
        body.put("global", false);
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Retry-After", Long.toString((long) Math.ceil(retryAfter)));
        h.put("X-RateLimit-Limit", "5");
        h.put("X-RateLimit-Remaining", "0");
        h.put("X-RateLimit-Reset", String.format(java.util.Locale.ROOT, "%.3f", System.currentTimeMillis() / 1000.0 + retryAfter));
        h.put("X-RateLimit-Reset-After", String.format(java.util.Locale.ROOT, "%.3f", retryAfter));
        h.put("X-RateLimit-Bucket", Integer.toHexString(bucket.hashCode()));
        h.put("X-RateLimit-Scope", "user");
        try {
            return new Answer(429, JSON.writeValueAsString(body), h);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Answer withRateLimitHeaders(Answer a, String bucket) {
        Map<String, String> h = new LinkedHashMap<>(a.headers());
        h.putIfAbsent("X-RateLimit-Limit", "5");
        h.putIfAbsent("X-RateLimit-Remaining", "4");
        h.putIfAbsent("X-RateLimit-Reset", String.format(java.util.Locale.ROOT, "%.3f", System.currentTimeMillis() / 1000.0 + 1));
        h.putIfAbsent("X-RateLimit-Reset-After", "1.000");
        h.putIfAbsent("X-RateLimit-Bucket", Integer.toHexString(bucket.hashCode()));
        return new Answer(a.status(), a.body(), h);
    }

    // ---- errors -----------------------------------------------------------------------------

    /** https://discord.com/developers/docs/reference#error-messages */
    static ObjectNode error(int code, String message) {
        ObjectNode e = object();
        e.put("message", message);
        e.put("code", code);
        return e;
    }

    /** 50035 Invalid Form Body with the nested errors object. https://discord.com/developers/docs/reference#error-messages */
    static ObjectNode formError(String dottedField, String code, String message) {
        ObjectNode e = error(50035, "Invalid Form Body");
        ObjectNode at = e.putObject("errors");
        for (String part : dottedField.split("\\.")) {
            at = at.putObject(part);
        }
        ObjectNode one = at.putArray("_errors").addObject();
        one.put("code", code);
        one.put("message", message);
        return e;
    }

    private Answer refuse(String route, String why, int status, ObjectNode body) {
        refusals.add(route + " -> " + status + " " + body.path("code").asInt() + ": " + why);
        return Answer.json(status, body);
    }

    // ---- for the checks ---------------------------------------------------------------------

    /** Registers an interaction as dispatched now (the 3 s clock starts). */
    Interaction dispatched(String id, String token, String channelId) {
        Interaction i = new Interaction(id, token, System.currentTimeMillis());
        interactions.put(id, i);
        interactionChannel.put(id, channelId);
        return i;
    }

    List<ObjectNode> messagesIn(String channelId) {
        return messages.stream().filter(m -> m.get("channel_id").asText().equals(channelId) && !m.has("webhook_id")).toList();
    }

    List<ObjectNode> createdChannels() {
        return channels.values().stream().filter(c -> c.get("type").asInt() == 0
                && !c.get("id").asText().equals(broadcastChannelId) && !c.get("id").asText().equals(generalChannelId)).toList();
    }

    String refusalsText() {
        return refusals.isEmpty() ? "(none)" : String.join("\n  ", refusals);
    }
}
