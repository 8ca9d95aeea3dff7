package dev.sitrep.bot.blackbox;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A stateful stand-in for Slack's Web API on 127.0.0.1, written from Slack's method pages only.
 * Every answer is HTTP 200 with {@code {"ok":…}} JSON, as Slack answers
 * (https://api.slack.com/web#responses). The token's scopes are the bot scopes the app's own
 * manifest (integrations/slack/manifest.yml) requests, so a method whose scope the manifest lacks
 * is refused exactly as Slack refuses it: {@code missing_scope} with {@code needed}/{@code provided}
 * (https://api.slack.com/web#errors , https://api.slack.com/scopes).
 * It also serves {@code /response/<n>}, the response_url of interactions and slash commands
 * (https://api.slack.com/interactivity/handling#message_responses).
 */
final class BbSlackFake implements AutoCloseable {
    static final String TOKEN = "xoxb-0000000000-bbcheck-fake-token";
    static final String BOT_USER = "UBBOT0001";
    static final String TEAM = "T0BBCHECK";
    private static final Gson GSON = new Gson();

    /** Bot scopes each method needs, from each method's page ("Required scopes"). */
    private static final Map<String, List<String>> SCOPES = Map.ofEntries(
            // https://api.slack.com/methods/chat.postMessage , chat.update , chat.postEphemeral: chat:write
            Map.entry("chat.postMessage", List.of("chat:write")),
            Map.entry("chat.update", List.of("chat:write")),
            Map.entry("chat.postEphemeral", List.of("chat:write")),
            // https://api.slack.com/methods/conversations.create , .invite , .setTopic: channels:manage or groups:write
            Map.entry("conversations.create", List.of("channels:manage", "groups:write")),
            Map.entry("conversations.invite", List.of("channels:manage", "groups:write")),
            Map.entry("conversations.setTopic", List.of("channels:manage", "groups:write")),
            // https://api.slack.com/methods/conversations.info , .members: channels:read or groups:read
            Map.entry("conversations.info", List.of("channels:read", "groups:read")),
            Map.entry("conversations.members", List.of("channels:read", "groups:read")),
            // https://api.slack.com/methods/conversations.history: channels:history or groups:history
            Map.entry("conversations.history", List.of("channels:history", "groups:history")),
            // https://api.slack.com/methods/pins.add: pins:write
            Map.entry("pins.add", List.of("pins:write")),
            // https://api.slack.com/methods/users.info: users:read
            Map.entry("users.info", List.of("users:read")),
            // https://api.slack.com/methods/usergroups.users.list: usergroups:read
            Map.entry("usergroups.users.list", List.of("usergroups:read")),
            Map.entry("usergroups.list", List.of("usergroups:read")));

    record Call(String method, Map<String, String> params, JsonObject answer) {
        boolean ok() {
            return answer.get("ok").getAsBoolean();
        }

        String p(String name) {
            return params.getOrDefault(name, "");
        }
    }

    record Message(String channel, String ts, String user, String text, JsonArray blocks) {
        String all() {
            return text + "\n" + (blocks == null ? "" : blocks.toString());
        }
    }

    static final class Channel {
        final String id;
        final String name;
        final boolean isPrivate;
        final Set<String> members = ConcurrentHashMap.newKeySet();
        volatile String topic = "";

        Channel(String id, String name, boolean isPrivate) {
            this.id = id;
            this.name = name;
            this.isPrivate = isPrivate;
        }
    }

    private final HttpServer server;
    private final Set<String> scopes;
    final List<Call> calls = new CopyOnWriteArrayList<>();
    final List<JsonObject> responseUrlPosts = new CopyOnWriteArrayList<>();
    private final Map<String, String> responseUrlOwners = new ConcurrentHashMap<>();
    final Map<String, Channel> channels = new ConcurrentHashMap<>();
    final List<Message> messages = new CopyOnWriteArrayList<>();
    final Map<String, Set<String>> pins = new ConcurrentHashMap<>();
    final Map<String, List<String>> usergroups = new ConcurrentHashMap<>();
    final Set<String> users = ConcurrentHashMap.newKeySet();
    /** Views opened with views.open, as Slack stored them (with id and hash). */
    final List<JsonObject> views = new CopyOnWriteArrayList<>();
    private final AtomicLong clock = new AtomicLong(1_764_650_000_000_100L);
    private final AtomicInteger ids = new AtomicInteger(100);
    private final AtomicInteger responseUrls = new AtomicInteger();

    BbSlackFake() throws IOException {
        this.scopes = manifestBotScopes();
        users.addAll(List.of(BOT_USER, "UALICE0001", "UBOB00001", "UCAROL001"));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/", this::api);
        server.createContext("/response/", this::responseUrl);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
        server.start();
    }

    String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
    }

    /** A response_url for one request by one user; posts to it are private to that user unless in_channel. */
    String newResponseUrl(String user) {
        String path = "/response/" + responseUrls.incrementAndGet();
        responseUrlOwners.put(path, user);
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** What the bot told one user privately: chat.postEphemeral to them and posts to their response_urls. */
    List<String> privateAnswersTo(String user) {
        List<String> out = new ArrayList<>();
        calls("chat.postEphemeral").stream().filter(c -> c.p("user").equals(user)).forEach(c -> out.add(c.p("text") + c.p("blocks")));
        responseUrlPosts.stream().filter(r -> user.equals(responseUrlOwners.get(r.get("_url").getAsString())))
                .forEach(r -> out.add(r.toString()));
        return out;
    }

    Channel addChannel(String id, String name, boolean botIsMember) {
        Channel c = new Channel(id, name, false);
        if (botIsMember) {
            c.members.add(BOT_USER);
        }
        channels.put(id, c);
        return c;
    }

    /** The bot scopes requested by the manifest the README tells operators to install. */
    static Set<String> manifestBotScopes() throws IOException {
        Path manifest = Files.exists(Path.of("integrations/slack/manifest.yml"))
                ? Path.of("integrations/slack/manifest.yml") : Path.of("../integrations/slack/manifest.yml");
        Set<String> found = new LinkedHashSet<>();
        boolean inBot = false;
        for (String line : Files.readAllLines(manifest)) {
            String t = line.strip();
            if (t.equals("bot:")) {
                inBot = true;
            } else if (inBot && t.startsWith("- ")) {
                found.add(t.substring(2).split("#")[0].strip());
            } else if (inBot && !t.isEmpty() && !t.startsWith("#")) {
                inBot = false;
            }
        }
        if (found.isEmpty()) {
            throw new IllegalStateException("no bot scopes found in " + manifest);
        }
        return found;
    }

    List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method.equals(method)).toList();
    }

    List<Message> messagesIn(String channel) {
        return messages.stream().filter(m -> m.channel.equals(channel)).toList();
    }

    String dump() {
        StringBuilder b = new StringBuilder();
        for (Call c : calls) {
            String params = c.params.entrySet().stream().filter(e -> !e.getKey().equals("token"))
                    .map(e -> e.getKey() + "=" + abbreviate(e.getValue())).collect(Collectors.joining(" "));
            b.append(c.method).append(' ').append(params).append(" -> ").append(abbreviate(c.answer.toString())).append('\n');
        }
        for (JsonObject r : responseUrlPosts) {
            b.append("response_url <- ").append(abbreviate(r.toString())).append('\n');
        }
        return b.toString();
    }

    private static String abbreviate(String s) {
        return s.length() > 400 ? s.substring(0, 400) + "…" : s;
    }

    private void responseUrl(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        JsonObject json;
        try {
            json = JsonParser.parseString(body).getAsJsonObject();
        } catch (RuntimeException e) {
            json = new JsonObject();
            json.addProperty("unparsable", body);
        }
        json.addProperty("_url", ex.getRequestURI().getPath());
        responseUrlPosts.add(json);
        JsonObject ok = new JsonObject();
        ok.addProperty("ok", true);
        reply(ex, ok);
    }

    private void api(HttpExchange ex) throws IOException {
        String method = ex.getRequestURI().getPath().substring("/api/".length());
        Map<String, String> params = new LinkedHashMap<>(parseForm(ex.getRequestURI().getRawQuery()));
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String type = String.valueOf(ex.getRequestHeaders().getFirst("Content-Type"));
        if (type.startsWith("application/json") && !body.isBlank()) {
            // https://api.slack.com/web#posting_json : JSON bodies for write methods
            JsonObject o = JsonParser.parseString(body).getAsJsonObject();
            for (Map.Entry<String, JsonElement> e : o.entrySet()) {
                params.put(e.getKey(), e.getValue().isJsonPrimitive() ? e.getValue().getAsString() : e.getValue().toString());
            }
        } else {
            params.putAll(parseForm(body));
        }
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        String token = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : params.get("token");
        JsonObject answer;
        try {
            answer = answer(method, params, token);
        } catch (RuntimeException e) {
            answer = error("internal_error");
            answer.addProperty("_fake", e.toString());
        }
        calls.add(new Call(method, params, answer));
        reply(ex, answer);
    }

    private JsonObject answer(String method, Map<String, String> p, String token) {
        // https://api.slack.com/web#authentication : no token → not_authed, a wrong one → invalid_auth
        if (token == null || token.isEmpty()) {
            return error("not_authed");
        }
        if (!TOKEN.equals(token)) {
            return error("invalid_auth");
        }
        List<String> needed = SCOPES.get(method);
        if (needed != null && needed.stream().noneMatch(scopes::contains)) {
            JsonObject e = error("missing_scope");
            e.addProperty("needed", String.join(",", needed));
            e.addProperty("provided", String.join(",", scopes));
            return e;
        }
        return switch (method) {
            case "auth.test" -> authTest();
            case "chat.postMessage" -> postMessage(p);
            case "chat.update" -> update(p);
            case "chat.postEphemeral" -> postEphemeral(p);
            case "conversations.create" -> create(p);
            case "conversations.invite" -> invite(p);
            case "conversations.setTopic" -> setTopic(p);
            case "conversations.info" -> info(p);
            case "conversations.members" -> members(p);
            case "conversations.history" -> history(p);
            case "conversations.join" -> join(p);
            case "pins.add" -> pin(p);
            case "users.info" -> userInfo(p);
            case "usergroups.users.list" -> usergroupUsers(p);
            case "views.open" -> viewsOpen(p);
            case "chat.getPermalink" -> permalink(p);
            // https://api.slack.com/web#errors : a method Slack does not have
            default -> error("unknown_method");
        };
    }

    private JsonObject authTest() {
        // https://api.slack.com/methods/auth.test#examples
        JsonObject o = ok();
        o.addProperty("url", "https://bbcheck.slack.com/");
        o.addProperty("team", "bbcheck");
        o.addProperty("user", "sitrep");
        o.addProperty("team_id", TEAM);
        o.addProperty("user_id", BOT_USER);
        o.addProperty("bot_id", "BBBOT0001");
        o.addProperty("is_enterprise_install", false);
        return o;
    }

    private JsonObject postMessage(Map<String, String> p) {
        // https://api.slack.com/methods/chat.postMessage#errors
        Channel c = channels.get(p.getOrDefault("channel", ""));
        if (c == null) {
            return error("channel_not_found");
        }
        if (!c.members.contains(BOT_USER) && (c.isPrivate || !scopes.contains("chat:write.public"))) {
            return error("not_in_channel");
        }
        JsonObject invalid = checkContent(p);
        if (invalid != null) {
            return invalid;
        }
        String ts = nextTs();
        JsonArray blocks = blocks(p);
        messages.add(new Message(c.id, ts, BOT_USER, p.getOrDefault("text", ""), blocks));
        JsonObject o = ok();
        o.addProperty("channel", c.id);
        o.addProperty("ts", ts);
        o.add("message", messageJson(ts, p.getOrDefault("text", ""), blocks));
        return o;
    }

    private JsonObject update(Map<String, String> p) {
        // https://api.slack.com/methods/chat.update#errors
        Channel c = channels.get(p.getOrDefault("channel", ""));
        if (c == null) {
            return error("channel_not_found");
        }
        String ts = p.getOrDefault("ts", "");
        Message old = messages.stream().filter(m -> m.channel.equals(c.id) && m.ts.equals(ts)).findFirst().orElse(null);
        if (old == null) {
            return error("message_not_found");
        }
        if (!BOT_USER.equals(old.user)) {
            return error("cant_update_message");
        }
        JsonObject invalid = checkContent(p);
        if (invalid != null) {
            return invalid;
        }
        JsonArray blocks = blocks(p);
        messages.set(messages.indexOf(old), new Message(c.id, ts, BOT_USER, p.getOrDefault("text", ""), blocks));
        JsonObject o = ok();
        o.addProperty("channel", c.id);
        o.addProperty("ts", ts);
        o.addProperty("text", p.getOrDefault("text", ""));
        o.add("message", messageJson(ts, p.getOrDefault("text", ""), blocks));
        return o;
    }

    private JsonObject postEphemeral(Map<String, String> p) {
        // https://api.slack.com/methods/chat.postEphemeral#errors
        if (!channels.containsKey(p.getOrDefault("channel", ""))) {
            return error("channel_not_found");
        }
        if (!users.contains(p.getOrDefault("user", ""))) {
            return error("user_not_found");
        }
        JsonObject invalid = checkContent(p);
        if (invalid != null) {
            return invalid;
        }
        JsonObject o = ok();
        o.addProperty("message_ts", nextTs());
        return o;
    }

    /** Text and blocks as chat.postMessage/chat.update take them. */
    private JsonObject checkContent(Map<String, String> p) {
        String text = p.getOrDefault("text", "");
        String rawBlocks = p.get("blocks");
        // https://api.slack.com/methods/chat.postMessage#errors : no_text when neither text nor blocks
        if (text.isBlank() && (rawBlocks == null || rawBlocks.isBlank() || rawBlocks.equals("[]"))) {
            return error("no_text");
        }
        // https://api.slack.com/methods/chat.postMessage#truncating : text over 40,000 characters → msg_too_long
        if (text.length() > 40_000) {
            return error("msg_too_long");
        }
        if (rawBlocks == null || rawBlocks.isBlank()) {
            return null;
        }
        JsonArray blocks;
        try {
            blocks = JsonParser.parseString(rawBlocks).getAsJsonArray();
        } catch (RuntimeException e) {
            // https://api.slack.com/methods/chat.postMessage#errors : invalid_blocks_format
            return error("invalid_blocks_format");
        }
        String why = BlockRules.check(blocks);
        if (why != null) {
            // https://api.slack.com/methods/chat.postMessage#errors : invalid_blocks
            JsonObject e = error("invalid_blocks");
            JsonObject meta = new JsonObject();
            JsonArray msgs = new JsonArray();
            msgs.add(why);
            meta.add("messages", msgs);
            e.add("response_metadata", meta);
            return e;
        }
        return null;
    }

    private JsonObject create(Map<String, String> p) {
        // https://api.slack.com/methods/conversations.create#errors and the naming rules there:
        // lowercase letters, numbers, hyphens and underscores, at most 80 characters
        String name = p.getOrDefault("name", "");
        if (name.isEmpty()) {
            return error("invalid_name_required");
        }
        if (name.length() > 80) {
            return error("invalid_name_maxlength");
        }
        if (!name.matches("[a-z0-9_-]+")) {
            return error("invalid_name_specials");
        }
        if (channels.values().stream().anyMatch(c -> c.name.equals(name))) {
            return error("name_taken");
        }
        Channel c = new Channel("C0BB" + ids.incrementAndGet(), name, Boolean.parseBoolean(p.getOrDefault("is_private", "false")));
        c.members.add(BOT_USER);
        channels.put(c.id, c);
        JsonObject o = ok();
        o.add("channel", channelJson(c));
        return o;
    }

    private JsonObject invite(Map<String, String> p) {
        // https://api.slack.com/methods/conversations.invite : "users: a comma separated list of user
        // IDs. Up to 1000 users may be listed"; errors channel_not_found, not_in_channel, no_user,
        // cant_invite_self, user_not_found, already_in_channel ("Invited user is already in the
        // channel"). Without force=true a failing invitee fails the call and nobody is invited
        // ("Partially failed calls" on the same page).
        Channel c = channels.get(p.getOrDefault("channel", ""));
        if (c == null) {
            return error("channel_not_found");
        }
        if (!c.members.contains(BOT_USER)) {
            return error("not_in_channel");
        }
        List<String> invited = Arrays.stream(p.getOrDefault("users", "").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (invited.isEmpty()) {
            return error("no_user");
        }
        if (invited.size() > 1000) {
            return error("too_many_users");
        }
        boolean force = Boolean.parseBoolean(p.getOrDefault("force", "false"));
        JsonArray errors = new JsonArray();
        List<String> fine = new ArrayList<>();
        for (String u : invited) {
            String err = u.equals(BOT_USER) ? "cant_invite_self"
                    : !users.contains(u) ? "user_not_found"
                    : c.members.contains(u) ? "already_in_channel" : null;
            if (err == null) {
                fine.add(u);
            } else {
                JsonObject e = new JsonObject();
                e.addProperty("user", u);
                e.addProperty("ok", false);
                e.addProperty("error", err);
                errors.add(e);
            }
        }
        if (!errors.isEmpty() && !force) {
            JsonObject e = error(errors.get(0).getAsJsonObject().get("error").getAsString());
            e.add("errors", errors);
            return e;
        }
        c.members.addAll(fine);
        JsonObject o = ok();
        o.add("channel", channelJson(c));
        if (!errors.isEmpty()) {
            o.add("errors", errors);
        }
        return o;
    }

    private JsonObject setTopic(Map<String, String> p) {
        // https://api.slack.com/methods/conversations.setTopic#errors : too_long over 250 characters
        Channel c = channels.get(p.getOrDefault("channel", ""));
        if (c == null) {
            return error("channel_not_found");
        }
        String topic = p.getOrDefault("topic", "");
        if (topic.length() > 250) {
            return error("too_long");
        }
        c.topic = topic;
        JsonObject o = ok();
        o.add("channel", channelJson(c));
        return o;
    }

    private JsonObject info(Map<String, String> p) {
        Channel c = channels.get(p.getOrDefault("channel", ""));
        if (c == null) {
            return error("channel_not_found");
        }
        JsonObject o = ok();
        o.add("channel", channelJson(c));
        return o;
    }

    private JsonObject members(Map<String, String> p) {
        Channel c = channels.get(p.getOrDefault("channel", ""));
        if (c == null) {
            return error("channel_not_found");
        }
        JsonObject o = ok();
        o.add("members", GSON.toJsonTree(new ArrayList<>(c.members)));
        o.add("response_metadata", JsonParser.parseString("{\"next_cursor\":\"\"}"));
        return o;
    }

    private JsonObject history(Map<String, String> p) {
        // https://api.slack.com/methods/conversations.history : newest first
        Channel c = channels.get(p.getOrDefault("channel", ""));
        if (c == null) {
            return error("channel_not_found");
        }
        JsonArray list = new JsonArray();
        List<Message> in = new ArrayList<>(messagesIn(c.id));
        for (int i = in.size() - 1; i >= 0; i--) {
            list.add(messageJson(in.get(i).ts, in.get(i).text, in.get(i).blocks));
        }
        JsonObject o = ok();
        o.add("messages", list);
        o.addProperty("has_more", false);
        return o;
    }

    private JsonObject join(Map<String, String> p) {
        Channel c = channels.get(p.getOrDefault("channel", ""));
        if (c == null) {
            return error("channel_not_found");
        }
        c.members.add(BOT_USER);
        JsonObject o = ok();
        o.add("channel", channelJson(c));
        return o;
    }

    private JsonObject pin(Map<String, String> p) {
        // https://api.slack.com/methods/pins.add#errors
        Channel c = channels.get(p.getOrDefault("channel", ""));
        if (c == null) {
            return error("channel_not_found");
        }
        String ts = p.getOrDefault("timestamp", "");
        if (messagesIn(c.id).stream().noneMatch(m -> m.ts.equals(ts))) {
            return error("message_not_found");
        }
        if (!pins.computeIfAbsent(c.id, k -> ConcurrentHashMap.newKeySet()).add(ts)) {
            return error("already_pinned");
        }
        return ok();
    }

    private JsonObject userInfo(Map<String, String> p) {
        // https://api.slack.com/methods/users.info#examples
        String id = p.getOrDefault("user", "");
        if (!users.contains(id)) {
            return error("user_not_found");
        }
        String name = id.equals(BOT_USER) ? "sitrep" : id.substring(1).replaceAll("0+\\d*$", "").toLowerCase();
        JsonObject user = new JsonObject();
        user.addProperty("id", id);
        user.addProperty("team_id", TEAM);
        user.addProperty("name", name);
        user.addProperty("real_name", name);
        user.addProperty("deleted", false);
        user.addProperty("is_bot", id.equals(BOT_USER));
        user.addProperty("tz", "Europe/Berlin");
        JsonObject profile = new JsonObject();
        profile.addProperty("display_name", name);
        profile.addProperty("real_name", name);
        user.add("profile", profile);
        JsonObject o = ok();
        o.add("user", user);
        return o;
    }

    private JsonObject usergroupUsers(Map<String, String> p) {
        // https://api.slack.com/methods/usergroups.users.list : arg usergroup (required); answers
        // {"ok":true,"users":[…]}; no_such_subteam for an unknown group
        String group = p.getOrDefault("usergroup", "");
        List<String> members = usergroups.get(group);
        if (members == null) {
            return error("no_such_subteam");
        }
        JsonObject o = ok();
        o.add("users", GSON.toJsonTree(members));
        return o;
    }

    private JsonObject viewsOpen(Map<String, String> p) {
        // https://api.slack.com/methods/views.open#errors : trigger_id and view are required
        if (p.getOrDefault("trigger_id", "").isEmpty()) {
            return error("invalid_arguments");
        }
        JsonObject view;
        try {
            view = JsonParser.parseString(p.getOrDefault("view", "")).getAsJsonObject();
        } catch (RuntimeException e) {
            return error("invalid_arguments");
        }
        String why = viewProblem(view);
        if (why != null) {
            // https://api.slack.com/methods/views.open#errors : invalid_arguments with the reason in response_metadata
            JsonObject e = error("invalid_arguments");
            JsonObject meta = new JsonObject();
            JsonArray msgs = new JsonArray();
            msgs.add(why);
            meta.add("messages", msgs);
            e.add("response_metadata", meta);
            return e;
        }
        view.addProperty("id", "VBB" + ids.incrementAndGet());
        view.addProperty("team_id", TEAM);
        view.addProperty("hash", "1764650000.bbcheck" + ids.get());
        views.add(view);
        JsonObject o = ok();
        o.add("view", view);
        return o;
    }

    /**
     * https://api.slack.com/reference/surfaces/views : a modal has type "modal", a plain_text title
     * of at most 24 characters, up to 100 blocks, a submit button when it holds input blocks,
     * private_metadata up to 3000 characters and callback_id up to 255.
     */
    private static String viewProblem(JsonObject view) {
        if (!"modal".equals(BlockRules.str(view, "type"))) {
            return "[ERROR] must be a modal [json-pointer:/view/type]";
        }
        JsonObject title = view.getAsJsonObject("title");
        if (title == null || !"plain_text".equals(BlockRules.str(title, "type")) || BlockRules.str(title, "text").isEmpty()
                || BlockRules.str(title, "text").length() > 24) {
            return "[ERROR] must be less than 25 characters [json-pointer:/view/title/text]";
        }
        JsonArray blocks = view.getAsJsonArray("blocks");
        if (blocks == null || blocks.size() > 100) {
            return "[ERROR] no more than 100 items allowed [json-pointer:/view/blocks]";
        }
        boolean inputs = false;
        for (JsonElement b : blocks) {
            inputs |= "input".equals(BlockRules.str(b.getAsJsonObject(), "type"));
        }
        if (inputs && !view.has("submit")) {
            return "[ERROR] submit is required when an input block is within the blocks array [json-pointer:/view/submit]";
        }
        if (BlockRules.str(view, "private_metadata").length() > 3000) {
            return "[ERROR] must be less than 3001 characters [json-pointer:/view/private_metadata]";
        }
        if (BlockRules.str(view, "callback_id").length() > 255) {
            return "[ERROR] must be less than 256 characters [json-pointer:/view/callback_id]";
        }
        return null;
    }

    private JsonObject permalink(Map<String, String> p) {
        JsonObject o = ok();
        o.addProperty("channel", p.getOrDefault("channel", ""));
        o.addProperty("permalink", "https://bbcheck.slack.com/archives/" + p.getOrDefault("channel", "")
                + "/p" + p.getOrDefault("message_ts", "").replace(".", ""));
        return o;
    }

    private JsonObject channelJson(Channel c) {
        JsonObject o = new JsonObject();
        o.addProperty("id", c.id);
        o.addProperty("name", c.name);
        o.addProperty("is_channel", !c.isPrivate);
        o.addProperty("is_group", false);
        o.addProperty("is_private", c.isPrivate);
        o.addProperty("is_archived", false);
        o.addProperty("is_member", c.members.contains(BOT_USER));
        o.addProperty("created", 1_764_650_000L);
        o.addProperty("creator", BOT_USER);
        JsonObject topic = new JsonObject();
        topic.addProperty("value", c.topic);
        o.add("topic", topic);
        return o;
    }

    private static JsonObject messageJson(String ts, String text, JsonArray blocks) {
        JsonObject m = new JsonObject();
        m.addProperty("type", "message");
        m.addProperty("user", BOT_USER);
        m.addProperty("bot_id", "BBBOT0001");
        m.addProperty("text", text);
        m.addProperty("ts", ts);
        if (blocks != null) {
            m.add("blocks", blocks);
        }
        return m;
    }

    private static JsonArray blocks(Map<String, String> p) {
        String raw = p.get("blocks");
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return JsonParser.parseString(raw).getAsJsonArray();
    }

    private String nextTs() {
        long micros = clock.addAndGet(100);
        return String.format("%d.%06d", micros / 1_000_000, micros % 1_000_000);
    }

    private static JsonObject ok() {
        JsonObject o = new JsonObject();
        o.addProperty("ok", true);
        return o;
    }

    private static JsonObject error(String error) {
        JsonObject o = new JsonObject();
        o.addProperty("ok", false);
        o.addProperty("error", error);
        return o;
    }

    private static void reply(HttpExchange ex, JsonObject body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(200, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    static Map<String, String> parseForm(String raw) {
        Map<String, String> m = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return m;
        }
        for (String pair : raw.split("&")) {
            int i = pair.indexOf('=');
            String k = URLDecoder.decode(i < 0 ? pair : pair.substring(0, i), StandardCharsets.UTF_8);
            String v = i < 0 ? "" : URLDecoder.decode(pair.substring(i + 1), StandardCharsets.UTF_8);
            m.put(k, v);
        }
        return m;
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    /** The Block Kit limits Slack refuses with invalid_blocks (https://api.slack.com/reference/block-kit/blocks). */
    static final class BlockRules {
        private BlockRules() {
        }

        static String check(JsonArray blocks) {
            // https://api.slack.com/reference/block-kit/blocks : up to 50 blocks per message
            if (blocks.size() > 50) {
                return "no more than 50 items allowed [json-pointer:/blocks]";
            }
            Set<String> actionIds = new HashSet<>();
            for (int i = 0; i < blocks.size(); i++) {
                JsonObject b = blocks.get(i).getAsJsonObject();
                String type = b.has("type") ? b.get("type").getAsString() : "";
                switch (type) {
                    case "header" -> {
                        // https://api.slack.com/reference/block-kit/blocks#header : plain_text, max 150
                        JsonObject t = b.getAsJsonObject("text");
                        if (t == null || !"plain_text".equals(str(t, "type")) || str(t, "text").isEmpty() || str(t, "text").length() > 150) {
                            return "invalid header text [json-pointer:/blocks/" + i + "/text]";
                        }
                    }
                    case "section" -> {
                        // https://api.slack.com/reference/block-kit/blocks#section : text 1–3000, up to 10 fields of ≤2000
                        JsonObject t = b.getAsJsonObject("text");
                        JsonArray fields = b.getAsJsonArray("fields");
                        if (t == null && fields == null) {
                            return "section needs text or fields [json-pointer:/blocks/" + i + "]";
                        }
                        if (t != null && (str(t, "text").isEmpty() || str(t, "text").length() > 3000)) {
                            return "invalid section text [json-pointer:/blocks/" + i + "/text]";
                        }
                        if (fields != null) {
                            if (fields.size() > 10) {
                                return "no more than 10 items allowed [json-pointer:/blocks/" + i + "/fields]";
                            }
                            for (JsonElement f : fields) {
                                String ft = str(f.getAsJsonObject(), "text");
                                if (ft.isEmpty() || ft.length() > 2000) {
                                    return "invalid field [json-pointer:/blocks/" + i + "/fields]";
                                }
                            }
                        }
                        if (b.has("accessory")) {
                            String why = element(b.getAsJsonObject("accessory"), actionIds, "/blocks/" + i + "/accessory");
                            if (why != null) {
                                return why;
                            }
                        }
                    }
                    case "actions" -> {
                        // https://api.slack.com/reference/block-kit/blocks#actions : 1–25 elements
                        JsonArray elements = b.getAsJsonArray("elements");
                        if (elements == null || elements.isEmpty() || elements.size() > 25) {
                            return "actions needs 1 to 25 elements [json-pointer:/blocks/" + i + "/elements]";
                        }
                        for (int j = 0; j < elements.size(); j++) {
                            String why = element(elements.get(j).getAsJsonObject(), actionIds, "/blocks/" + i + "/elements/" + j);
                            if (why != null) {
                                return why;
                            }
                        }
                    }
                    case "context" -> {
                        // https://api.slack.com/reference/block-kit/blocks#context : 1–10 elements
                        JsonArray elements = b.getAsJsonArray("elements");
                        if (elements == null || elements.isEmpty() || elements.size() > 10) {
                            return "context needs 1 to 10 elements [json-pointer:/blocks/" + i + "/elements]";
                        }
                    }
                    case "divider", "image", "rich_text", "input", "file", "video" -> {
                    }
                    default -> {
                        return "unknown block type '" + type + "' [json-pointer:/blocks/" + i + "/type]";
                    }
                }
                if (b.has("block_id") && str(b, "block_id").length() > 255) {
                    return "block_id too long [json-pointer:/blocks/" + i + "/block_id]";
                }
            }
            return null;
        }

        private static String element(JsonObject e, Set<String> actionIds, String pointer) {
            if ("button".equals(str(e, "type"))) {
                // https://api.slack.com/reference/block-kit/block-elements#button : text plain_text ≤ 75,
                // action_id ≤ 255 and unique in the message, value ≤ 2000, style primary|danger
                JsonObject t = e.getAsJsonObject("text");
                if (t == null || !"plain_text".equals(str(t, "type")) || str(t, "text").isEmpty() || str(t, "text").length() > 75) {
                    return "invalid button text [json-pointer:" + pointer + "/text]";
                }
                if (e.has("value") && str(e, "value").length() > 2000) {
                    return "button value too long [json-pointer:" + pointer + "/value]";
                }
                if (e.has("style") && !List.of("primary", "danger").contains(str(e, "style"))) {
                    return "invalid button style [json-pointer:" + pointer + "/style]";
                }
            }
            if (e.has("action_id")) {
                String id = str(e, "action_id");
                if (id.length() > 255 || !actionIds.add(id)) {
                    return "action_id must be unique and ≤ 255 [json-pointer:" + pointer + "/action_id]";
                }
            }
            return null;
        }

        private static String str(JsonObject o, String key) {
            JsonElement e = o.get(key);
            return e == null || e.isJsonNull() ? "" : e.isJsonPrimitive() ? e.getAsString() : e.toString();
        }
    }

    /** Buttons ({@code type: button}) of a message's blocks. */
    static List<JsonObject> buttons(Message m) {
        List<JsonObject> out = new ArrayList<>();
        if (m.blocks == null) {
            return out;
        }
        for (JsonElement be : m.blocks) {
            JsonObject b = be.getAsJsonObject();
            List<JsonElement> candidates = new ArrayList<>();
            if (b.has("elements") && b.get("elements").isJsonArray()) {
                b.getAsJsonArray("elements").forEach(candidates::add);
            }
            if (b.has("accessory")) {
                candidates.add(b.get("accessory"));
            }
            for (JsonElement e : candidates) {
                if (e.isJsonObject() && "button".equals(BlockRules.str(e.getAsJsonObject(), "type"))) {
                    JsonObject btn = e.getAsJsonObject().deepCopy();
                    btn.addProperty("_block_id", b.has("block_id") ? b.get("block_id").getAsString() : "");
                    out.add(btn);
                }
            }
        }
        return out;
    }

    static String buttonText(JsonObject button) {
        return button.getAsJsonObject("text").get("text").getAsString();
    }

    static final Pattern MENTION = Pattern.compile("<@([UW][A-Z0-9]+)(?:\\|[^>]*)?>");

    static Set<String> mentions(String s) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = MENTION.matcher(s);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
