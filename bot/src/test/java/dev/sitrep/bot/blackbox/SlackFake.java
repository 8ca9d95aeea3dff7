package dev.sitrep.bot.blackbox;

import dev.sitrep.bot.LoopbackWebSocketServer;
import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A stand-in for Slack, written from Slack's public documentation only (never from sitrep's code):
 * the Web API under {@code /api/<method>}, the {@code response_url} endpoints under
 * {@code /commands/<id>}, and (optionally) a Socket Mode WebSocket server handed out by
 * {@code apps.connections.open}. Every rule it enforces cites the page it comes from.
 *
 * <p>All methods answer HTTP 200 with {@code {"ok":false,"error":...}} when Slack would refuse the
 * call, exactly as the Web API does: https://api.slack.com/web#evaluating_responses ("a boolean
 * ok ... and an error property with a short machine-readable error code").
 */
final class SlackFake implements AutoCloseable {

    static final String TEAM_ID = "T0SITREP1";
    static final String TEAM_DOMAIN = "sitrep-contract";
    static final String APP_ID = "A0SITREP1";
    static final String BOT_USER = "U0SITREPBOT";
    static final String BOT_ID = "B0SITREPBOT";
    static final String ALICE = "U0ALICE001";
    static final String BOB = "U0BOB00001";
    static final String GENERAL = "C0GENERAL01";
    static final String BROADCAST = "C0INCIDENTS";

    /** One Web API call as the fake saw it. */
    record Call(String method, String httpMethod, String contentType, boolean tokenInHeader, String token,
                Map<String, String> args, String error, String problem, Instant at, String wentTo) {
        boolean ok() { return error == null; }
        String arg(String name) { return args.get(name); }
        @Override public String toString() {
            Map<String, String> shown = new LinkedHashMap<>(args);
            shown.remove("token");
            return (wentTo == null ? "" : "[sent to " + wentTo + ", not to the configured api-url] ") + method
                    + (error == null ? " ok" : " -> " + error + " (" + problem + ")") + " " + shown;
        }
    }

    record Message(String channel, String ts, String text, String blocks, String userOrBot, Instant at) {}

    record ResponseUrlPost(String path, String body, Instant at) {}

    static final class Channel {
        final String id; final String name; final boolean isPrivate; final Set<String> members = ConcurrentHashMap.newKeySet();
        final String creator; final long created = Instant.now().getEpochSecond();
        volatile String topic = ""; final Set<String> pinned = ConcurrentHashMap.newKeySet();
        Channel(String id, String name, boolean isPrivate, String creator) {
            this.id = id; this.name = name; this.isPrivate = isPrivate; this.creator = creator;
        }
    }

    final String botToken = "xoxb-" + rnd() + "-" + rnd() + "-fakebottoken";
    final String appToken = "xapp-1-" + APP_ID + "-" + rnd() + "-fakeapptoken";

    private final HttpServer http;
    private final Gson gson = new Gson();
    private final AtomicLong seq = new AtomicLong(1);
    final List<Call> calls = new CopyOnWriteArrayList<>();
    final List<Message> messages = new CopyOnWriteArrayList<>();
    final List<ResponseUrlPost> responseUrlPosts = new CopyOnWriteArrayList<>();
    final Map<String, Channel> channels = new ConcurrentHashMap<>();
    final Set<String> users = Set.of(ALICE, BOB, BOT_USER);
    /** conversations.create is refused with this error when the requested name contains the key. */
    final Map<String, String> refuseCreate = new ConcurrentHashMap<>();

    // Socket Mode
    private volatile SocketModeServer ws;
    final List<String> socketMessagesFromApp = new CopyOnWriteArrayList<>();
    final List<WebSocket> socketConnections = new CopyOnWriteArrayList<>();

    SlackFake() throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.setExecutor(Executors.newFixedThreadPool(4, r -> { Thread t = new Thread(r, "slack-fake"); t.setDaemon(true); return t; }));
        http.createContext("/api/", this::api);
        http.createContext("/commands/", this::responseUrl);
        http.start();
        Channel general = new Channel(GENERAL, "general", false, ALICE);
        general.members.addAll(List.of(ALICE, BOB, BOT_USER));
        channels.put(GENERAL, general);
        Channel broadcast = new Channel(BROADCAST, "incidents", false, ALICE);
        broadcast.members.addAll(List.of(ALICE, BOB)); // the bot is not a member: chat:write.public lets it post
        channels.put(BROADCAST, broadcast);
    }

    String base() { return "http://127.0.0.1:" + http.getAddress().getPort(); }

    String apiUrl() { return "http://127.0.0.1:" + http.getAddress().getPort() + "/api/"; }

    String newResponseUrl() { return "http://127.0.0.1:" + http.getAddress().getPort() + "/commands/" + TEAM_ID + "/" + seq.incrementAndGet() + "/" + rnd(); }

    private static String rnd() { return UUID.randomUUID().toString().replace("-", "").substring(0, 12); }

    // ---------------------------------------------------------------- queries for the checks

    Optional<Channel> channelNamed(Predicate<String> name) {
        return channels.values().stream().filter(c -> name.test(c.name)).findFirst();
    }

    List<Call> callsSince(Instant t) { return calls.stream().filter(c -> !c.at().isBefore(t)).toList(); }

    /** What the user {@code user} could see after {@code since}: ephemerals to them, response_url posts, messages in channels they are in. */
    List<String> visibleRepliesTo(String user, Instant since, Collection<String> responseUrls) {
        List<String> seen = new ArrayList<>();
        for (Call c : calls) {
            if (c.at().isBefore(since) || !c.ok()) continue;
            if (c.method().equals("chat.postEphemeral") && user.equals(c.arg("user"))) seen.add("ephemeral: " + c.arg("text"));
        }
        for (ResponseUrlPost p : responseUrlPosts) {
            if (!p.at().isBefore(since) && responseUrls.stream().anyMatch(u -> u.endsWith(p.path()))) seen.add("response_url: " + p.body());
        }
        for (Message m : messages) {
            Channel ch = channels.get(m.channel());
            if (!m.at().isBefore(since) && ch != null && ch.members.contains(user)) seen.add("message in #" + ch.name + ": " + m.text());
        }
        return seen;
    }

    // ---------------------------------------------------------------- response_url
    // https://api.slack.com/interactivity/handling#message_responses : the app POSTs a JSON message
    // (text/blocks, response_type) to response_url, up to 5 times within 30 minutes.
    private void responseUrl(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        responseUrlPosts.add(new ResponseUrlPost(ex.getRequestURI().getPath(), body, Instant.now()));
        boolean json;
        try { json = JsonParser.parseString(body).isJsonObject(); } catch (RuntimeException e) { json = false; }
        if (!"POST".equals(ex.getRequestMethod()) || !json) {
            send(ex, 400, "text/plain", "invalid_payload");
            return;
        }
        send(ex, 200, "application/json", "{\"ok\":true}");
    }

    // ---------------------------------------------------------------- Web API
    private void api(HttpExchange ex) throws IOException {
        String method = ex.getRequestURI().getPath().substring("/api/".length());
        String contentType = Optional.ofNullable(ex.getRequestHeaders().getFirst("Content-Type")).orElse("");
        byte[] raw;
        try (InputStream in = ex.getRequestBody()) { raw = in.readAllBytes(); }
        String body = new String(raw, StandardCharsets.UTF_8);
        Map<String, String> args = new LinkedHashMap<>();
        String query = ex.getRequestURI().getRawQuery();
        if (query != null) args.putAll(form(query));
        boolean jsonBody = contentType.toLowerCase().startsWith("application/json");
        String problem = null;
        if (jsonBody) {
            try {
                JsonObject o = JsonParser.parseString(body).getAsJsonObject();
                for (var e : o.entrySet()) args.put(e.getKey(), e.getValue().isJsonPrimitive() ? e.getValue().getAsString() : e.getValue().toString());
            } catch (RuntimeException e) {
                reply(ex, method, "POST", contentType, false, null, args, "invalid_json", "body is not JSON");
                return;
            }
        } else if (!body.isEmpty()) {
            args.putAll(form(body));
        }
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        String headerToken = auth != null && auth.startsWith("Bearer ") ? auth.substring(7).trim() : null;
        // https://api.slack.com/web#authentication : "tokens should be passed as an HTTP Authorization
        // header or alternatively, as a POST parameter"; https://api.slack.com/web#posting_json : with a
        // JSON body the token cannot travel in the body, only in the Authorization header.
        String token = headerToken != null ? headerToken : (jsonBody ? null : args.get("token"));
        if (token == null || token.isEmpty()) {
            reply(ex, method, ex.getRequestMethod(), contentType, false, null, args, "not_authed", "no token sent");
            return;
        }
        boolean isApp = token.equals(appToken), isBot = token.equals(botToken);
        if (!isApp && !isBot) {
            reply(ex, method, ex.getRequestMethod(), contentType, headerToken != null, token, args, "invalid_auth", "token not issued by this workspace");
            return;
        }
        // https://api.slack.com/methods/apps.connections.open : app-level token only;
        // app-level tokens work with apps.connections.open only (https://api.slack.com/authentication/token-types#app).
        if (method.equals("apps.connections.open") != isApp) {
            reply(ex, method, ex.getRequestMethod(), contentType, headerToken != null, token, args, "not_allowed_token_type",
                    isApp ? "app-level token used for " + method : "bot token used for apps.connections.open");
            return;
        }
        JsonObject ok = new JsonObject();
        ok.addProperty("ok", true);
        String error;
        try {
            error = switch (method) {
                case "auth.test" -> authTest(ok);
                case "apps.connections.open" -> connectionsOpen(ok);
                case "conversations.create" -> create(args, ok);
                case "conversations.invite" -> invite(args, ok);
                case "conversations.setTopic" -> setTopic(args, ok);
                case "conversations.info" -> info(args, ok);
                case "conversations.join" -> join(args, ok);
                case "conversations.list" -> list(ok);
                case "conversations.history" -> history(args, ok);
                case "conversations.members" -> members(args, ok);
                case "chat.postMessage" -> postMessage(args, ok);
                case "chat.postEphemeral" -> postEphemeral(args, ok);
                case "chat.getPermalink" -> permalink(args, ok);
                case "pins.add" -> pinsAdd(args, ok);
                case "users.info" -> usersInfo(args, ok);
                // https://api.slack.com/web : a method Slack does not have answers unknown_method.
                default -> "unknown_method";
            };
        } catch (Refusal r) {
            error = r.getMessage();
            problem = r.why;
        }
        if (error != null) {
            reply(ex, method, ex.getRequestMethod(), contentType, headerToken != null, token, args, error, problem == null ? error : problem);
            return;
        }
        calls.add(new Call(method, ex.getRequestMethod(), contentType, headerToken != null, token, args, null, null, Instant.now(),
                ex.getRequestHeaders().getFirst("X-Contract-Went-To")));
        send(ex, 200, "application/json; charset=utf-8", gson.toJson(ok));
    }

    private void reply(HttpExchange ex, String method, String httpMethod, String contentType, boolean inHeader, String token,
                       Map<String, String> args, String error, String problem) throws IOException {
        calls.add(new Call(method, httpMethod, contentType, inHeader, token, args, error, problem, Instant.now(),
                ex.getRequestHeaders().getFirst("X-Contract-Went-To")));
        JsonObject o = new JsonObject();
        o.addProperty("ok", false);
        o.addProperty("error", error);
        send(ex, 200, "application/json; charset=utf-8", gson.toJson(o));
    }

    static final class Refusal extends RuntimeException {
        final String why;
        Refusal(String error, String why) { super(error, null, false, false); this.why = why; }
    }

    private static String require(Map<String, String> args, String name) {
        String v = args.get(name);
        // https://api.slack.com/web#evaluating_responses : a missing required argument is
        // refused; per-method pages list it as missing_argument / invalid_arguments.
        if (v == null || v.isBlank()) throw new Refusal("invalid_arguments", "required argument '" + name + "' missing");
        return v;
    }

    private Channel channel(Map<String, String> args) {
        String id = args.get("channel");
        if (id == null || id.isBlank()) throw new Refusal("channel_not_found", "no channel argument");
        Channel c = channels.get(id);
        if (c == null) throw new Refusal("channel_not_found", "no channel with id " + id);
        return c;
    }

    // https://api.slack.com/methods/auth.test (response shape)
    private String authTest(JsonObject ok) {
        ok.addProperty("url", "https://" + TEAM_DOMAIN + ".slack.com/");
        ok.addProperty("team", "Sitrep Contract");
        ok.addProperty("user", "sitrep");
        ok.addProperty("team_id", TEAM_ID);
        ok.addProperty("user_id", BOT_USER);
        ok.addProperty("bot_id", BOT_ID);
        ok.addProperty("is_enterprise_install", false);
        return null;
    }

    // https://api.slack.com/methods/apps.connections.open : {"ok": true, "url": "wss://..."}
    private String connectionsOpen(JsonObject ok) {
        if (ws == null) return "invalid_auth"; // Socket Mode not enabled for this app
        ok.addProperty("url", "ws://127.0.0.1:" + ws.getPort() + "/link/?ticket=" + UUID.randomUUID() + "&app_id=" + APP_ID);
        return null;
    }

    // https://api.slack.com/methods/conversations.create
    private String create(Map<String, String> args, JsonObject ok) {
        String name = args.get("name");
        // "invalid_name_required: Value passed for name was empty."
        if (name == null || name.isEmpty()) return "invalid_name_required";
        // Naming: "Channel names may only contain lowercase letters, numbers, hyphens, and
        // underscores, and must be 80 characters or less."
        if (name.codePointCount(0, name.length()) > 80) throw new Refusal("invalid_name_maxlength", "name longer than 80: " + name);
        boolean hasAlnum = false;
        for (int cp : name.codePoints().toArray()) {
            boolean allowed = cp == '-' || cp == '_' || (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z')
                    || (cp > 127 && Character.isLetter(cp) && !Character.isUpperCase(cp));
            // "invalid_name_specials: Value passed for name contained unallowed special characters or upper case characters."
            if (!allowed) throw new Refusal("invalid_name_specials", "character '" + new String(Character.toChars(cp)) + "' in " + name);
            if (cp != '-' && cp != '_') hasAlnum = true;
        }
        // "invalid_name_punctuation: Value passed for name contained only punctuation."
        if (!hasAlnum) throw new Refusal("invalid_name_punctuation", "only punctuation: " + name);
        for (var e : refuseCreate.entrySet()) if (name.contains(e.getKey())) throw new Refusal(e.getValue(), "told to refuse " + name);
        // "name_taken: A channel cannot be created with the given name."
        if (channels.values().stream().anyMatch(c -> c.name.equals(name))) throw new Refusal("name_taken", name);
        boolean priv = "true".equalsIgnoreCase(args.get("is_private")) || "1".equals(args.get("is_private"));
        Channel c = new Channel("C0" + String.format("%09d", seq.incrementAndGet()), name, priv, BOT_USER);
        c.members.add(BOT_USER); // the creator is a member
        channels.put(c.id, c);
        ok.add("channel", conversation(c, BOT_USER));
        return null;
    }

    // https://api.slack.com/methods/conversations.invite
    private String invite(Map<String, String> args, JsonObject ok) {
        Channel c = channel(args);
        String users = args.get("users");
        // "no_user: No value was passed for users."
        if (users == null || users.isBlank()) throw new Refusal("no_user", "users missing");
        if (!c.members.contains(BOT_USER)) throw new Refusal("not_in_channel", "bot is not in " + c.name);
        List<String> ids = List.of(users.split(","));
        // "too_many_users: Too many user IDs were provided" (up to 1000 per call)
        if (ids.size() > 1000) throw new Refusal("too_many_users", ids.size() + " users");
        for (String u : ids) {
            String id = u.trim();
            // "cant_invite_self: Authenticated user cannot invite themselves to a channel."
            if (id.equals(BOT_USER)) throw new Refusal("cant_invite_self", "invited the bot itself");
            // "user_not_found: Value(s) passed for users was invalid."
            if (!users().contains(id)) throw new Refusal("user_not_found", id);
            // "already_in_channel: Invited user is already in the channel."
            if (c.members.contains(id)) throw new Refusal("already_in_channel", id);
        }
        ids.forEach(id -> c.members.add(id.trim()));
        ok.add("channel", conversation(c, BOT_USER));
        return null;
    }

    private Set<String> users() { return users; }

    // https://api.slack.com/methods/conversations.setTopic
    private String setTopic(Map<String, String> args, JsonObject ok) {
        Channel c = channel(args);
        String topic = args.get("topic");
        if (topic == null) throw new Refusal("invalid_arguments", "topic missing");
        if (!c.members.contains(BOT_USER)) throw new Refusal("not_in_channel", c.name);
        // "too_long: Topic was longer than 250 characters."
        if (topic.codePointCount(0, topic.length()) > 250) throw new Refusal("too_long", topic.length() + " characters");
        c.topic = topic;
        ok.add("channel", conversation(c, BOT_USER));
        return null;
    }

    // https://api.slack.com/methods/conversations.info
    private String info(Map<String, String> args, JsonObject ok) {
        Channel c = channel(args);
        if (c.isPrivate && !c.members.contains(BOT_USER)) throw new Refusal("channel_not_found", "private channel the bot is not in");
        ok.add("channel", conversation(c, BOT_USER));
        return null;
    }

    // https://api.slack.com/methods/conversations.join
    private String join(Map<String, String> args, JsonObject ok) {
        Channel c = channel(args);
        if (c.isPrivate) throw new Refusal("method_not_supported_for_channel_type", "cannot join a private channel");
        c.members.add(BOT_USER);
        ok.add("channel", conversation(c, BOT_USER));
        return null;
    }

    // https://api.slack.com/methods/conversations.list
    private String list(JsonObject ok) {
        JsonArray arr = new JsonArray();
        channels.values().stream().filter(c -> !c.isPrivate || c.members.contains(BOT_USER)).forEach(c -> arr.add(conversation(c, BOT_USER)));
        ok.add("channels", arr);
        JsonObject meta = new JsonObject();
        meta.addProperty("next_cursor", "");
        ok.add("response_metadata", meta);
        return null;
    }

    // https://api.slack.com/methods/conversations.history
    private String history(Map<String, String> args, JsonObject ok) {
        Channel c = channel(args);
        if (!c.members.contains(BOT_USER)) throw new Refusal("not_in_channel", c.name);
        JsonArray arr = new JsonArray();
        List<Message> in = messages.stream().filter(m -> m.channel().equals(c.id)).toList();
        for (int i = in.size() - 1; i >= 0; i--) arr.add(messageJson(in.get(i)));
        ok.add("messages", arr);
        ok.addProperty("has_more", false);
        ok.addProperty("pin_count", c.pinned.size());
        JsonObject meta = new JsonObject();
        meta.addProperty("next_cursor", "");
        ok.add("response_metadata", meta);
        return null;
    }

    // https://api.slack.com/methods/conversations.members
    private String members(Map<String, String> args, JsonObject ok) {
        Channel c = channel(args);
        JsonArray arr = new JsonArray();
        c.members.forEach(arr::add);
        ok.add("members", arr);
        JsonObject meta = new JsonObject();
        meta.addProperty("next_cursor", "");
        ok.add("response_metadata", meta);
        return null;
    }

    // https://api.slack.com/methods/chat.postMessage
    private String postMessage(Map<String, String> args, JsonObject ok) {
        Channel c = channel(args);
        // "not_in_channel": a private channel the bot is not in; public ones are open to chat:write.public
        // (https://api.slack.com/scopes/chat:write.public), which the manifest requests.
        if (c.isPrivate && !c.members.contains(BOT_USER)) throw new Refusal("channel_not_found", "private channel the bot is not in");
        String text = checkMessageContent(args);
        String ts = ts();
        Message m = new Message(c.id, ts, text, args.get("blocks"), BOT_USER, Instant.now());
        messages.add(m);
        ok.addProperty("channel", c.id);
        ok.addProperty("ts", ts);
        ok.add("message", messageJson(m));
        return null;
    }

    // https://api.slack.com/methods/chat.postEphemeral
    private String postEphemeral(Map<String, String> args, JsonObject ok) {
        Channel c = channel(args);
        String user = args.get("user");
        if (user == null || user.isBlank()) throw new Refusal("user_not_found", "user missing");
        if (!users().contains(user)) throw new Refusal("user_not_found", user);
        // "user_not_in_channel: Intended recipient is not in the specified channel."
        if (!c.members.contains(user)) throw new Refusal("user_not_in_channel", user + " not in " + c.name);
        checkMessageContent(args);
        ok.addProperty("message_ts", ts());
        return null;
    }

    /** Text/blocks rules shared by chat.postMessage and chat.postEphemeral. */
    private String checkMessageContent(Map<String, String> args) {
        String text = args.get("text"), blocks = args.get("blocks"), attachments = args.get("attachments");
        // "no_text: No message text provided" — one of text, blocks or attachments is required.
        if (isBlank(text) && isBlank(blocks) && isBlank(attachments)) throw new Refusal("no_text", "no text, blocks or attachments");
        // https://api.slack.com/methods/chat.postMessage#truncating : "msg_too_long" past 40,000 characters.
        if (text != null && text.length() > 40_000) throw new Refusal("msg_too_long", text.length() + " characters");
        if (!isBlank(blocks)) checkBlocks(blocks);
        if (!isBlank(attachments)) {
            try {
                JsonArray a = JsonParser.parseString(attachments).getAsJsonArray();
                // "too_many_attachments: Too many attachments were provided with this message. A maximum of 100 attachments are allowed"
                if (a.size() > 100) throw new Refusal("too_many_attachments", a.size() + " attachments");
            } catch (IllegalStateException | com.google.gson.JsonParseException e) {
                throw new Refusal("invalid_attachments", "attachments not a JSON array");
            }
        }
        return text;
    }

    /** Block Kit limits, https://api.slack.com/reference/block-kit/blocks and .../composition-objects#text. */
    private static void checkBlocks(String blocks) {
        JsonArray arr;
        try {
            arr = JsonParser.parseString(blocks).getAsJsonArray();
        } catch (RuntimeException e) {
            throw new Refusal("invalid_blocks_format", "blocks is not a JSON array");
        }
        // "You can include up to 50 blocks in each message"
        if (arr.size() > 50) throw new Refusal("invalid_blocks", arr.size() + " blocks");
        for (JsonElement el : arr) {
            if (!el.isJsonObject() || !el.getAsJsonObject().has("type")) throw new Refusal("invalid_blocks", "block without type");
            JsonObject b = el.getAsJsonObject();
            String type = b.get("type").getAsString();
            // block_id: "Maximum length for this field is 255 characters."
            if (b.has("block_id") && b.get("block_id").getAsString().length() > 255) throw new Refusal("invalid_blocks", "block_id > 255");
            switch (type) {
                case "header" -> {
                    // header: text is plain_text, "Maximum length for the text in this field is 150 characters."
                    JsonObject t = textObject(b, "text", "header");
                    if (!"plain_text".equals(t.get("type").getAsString())) throw new Refusal("invalid_blocks", "header text must be plain_text");
                    if (t.get("text").getAsString().length() > 150) throw new Refusal("invalid_blocks", "header text " + t.get("text").getAsString().length() + " > 150 characters");
                }
                case "section" -> {
                    // section: text "Minimum length ... 1 and maximum length ... 3000 characters"; fields max 10 items, each max 2000.
                    if (!b.has("text") && !b.has("fields")) throw new Refusal("invalid_blocks", "section without text or fields");
                    if (b.has("text")) {
                        JsonObject t = textObject(b, "text", "section");
                        if (t.get("text").getAsString().length() > 3000) throw new Refusal("invalid_blocks", "section text " + t.get("text").getAsString().length() + " > 3000 characters");
                    }
                    if (b.has("fields")) {
                        JsonArray f = b.getAsJsonArray("fields");
                        if (f.size() > 10) throw new Refusal("invalid_blocks", "section with " + f.size() + " fields > 10");
                        for (JsonElement fe : f) {
                            JsonObject t = fe.getAsJsonObject();
                            checkText(t, "section field");
                            if (t.get("text").getAsString().length() > 2000) throw new Refusal("invalid_blocks", "section field > 2000 characters");
                        }
                    }
                }
                case "context" -> {
                    // context: "elements ... Maximum number of items is 10."
                    JsonArray e = b.getAsJsonArray("elements");
                    if (e == null || e.isEmpty() || e.size() > 10) throw new Refusal("invalid_blocks", "context with " + (e == null ? 0 : e.size()) + " elements");
                    for (JsonElement x : e) {
                        JsonObject o = x.getAsJsonObject();
                        if (!"image".equals(o.get("type").getAsString())) checkText(o, "context element");
                    }
                }
                case "actions" -> {
                    JsonArray e = b.getAsJsonArray("elements");
                    // actions: "maximum of 25 elements"
                    if (e == null || e.isEmpty() || e.size() > 25) throw new Refusal("invalid_blocks", "actions with bad element count");
                }
                case "divider", "image", "rich_text", "input", "file", "video", "markdown" -> { }
                default -> throw new Refusal("invalid_blocks", "unknown block type " + type);
            }
        }
    }

    private static JsonObject textObject(JsonObject b, String field, String where) {
        JsonElement t = b.get(field);
        if (t == null || !t.isJsonObject()) throw new Refusal("invalid_blocks", where + " without a text object");
        checkText(t.getAsJsonObject(), where);
        return t.getAsJsonObject();
    }

    // Text object: type plain_text or mrkdwn; text "Minimum length ... 1".
    private static void checkText(JsonObject t, String where) {
        String type = t.has("type") ? t.get("type").getAsString() : "";
        if (!type.equals("plain_text") && !type.equals("mrkdwn")) throw new Refusal("invalid_blocks", where + " text object of type '" + type + "'");
        if (!t.has("text") || t.get("text").getAsString().isEmpty()) throw new Refusal("invalid_blocks", where + " with empty text");
    }

    // https://api.slack.com/methods/chat.getPermalink
    private String permalink(Map<String, String> args, JsonObject ok) {
        Channel c = channel(args);
        String ts = args.get("message_ts");
        if (ts == null || messages.stream().noneMatch(m -> m.channel().equals(c.id) && m.ts().equals(ts))) throw new Refusal("message_not_found", "ts " + ts);
        ok.addProperty("channel", c.id);
        ok.addProperty("permalink", "https://" + TEAM_DOMAIN + ".slack.com/archives/" + c.id + "/p" + ts.replace(".", ""));
        return null;
    }

    // https://api.slack.com/methods/pins.add
    private String pinsAdd(Map<String, String> args, JsonObject ok) {
        Channel c = channel(args);
        String ts = args.get("timestamp");
        // "no_item_specified: One of file, file_comment, or timestamp was not specified."
        if (isBlank(ts)) throw new Refusal("no_item_specified", "timestamp missing");
        if (!c.members.contains(BOT_USER)) throw new Refusal("not_in_channel", c.name);
        // "message_not_found: One of the messages specified doesn't exist."
        if (messages.stream().noneMatch(m -> m.channel().equals(c.id) && m.ts().equals(ts))) throw new Refusal("message_not_found", ts);
        // "already_pinned: The specified item is already pinned to the channel."
        if (!c.pinned.add(ts)) throw new Refusal("already_pinned", ts);
        return null;
    }

    // https://api.slack.com/methods/users.info
    private String usersInfo(Map<String, String> args, JsonObject ok) {
        String id = args.get("user");
        if (id == null || !users().contains(id)) throw new Refusal("user_not_found", String.valueOf(id));
        JsonObject u = new JsonObject();
        String name = id.equals(ALICE) ? "alice" : id.equals(BOB) ? "bob" : "sitrep";
        u.addProperty("id", id);
        u.addProperty("team_id", TEAM_ID);
        u.addProperty("name", name);
        u.addProperty("deleted", false);
        u.addProperty("real_name", name);
        u.addProperty("tz", "Europe/Berlin");
        u.addProperty("is_bot", id.equals(BOT_USER));
        JsonObject p = new JsonObject();
        p.addProperty("real_name", name);
        p.addProperty("display_name", name);
        u.add("profile", p);
        ok.add("user", u);
        return null;
    }

    /** A conversation object, https://api.slack.com/types/conversation (booleans as booleans). */
    private JsonObject conversation(Channel c, String viewer) {
        JsonObject o = new JsonObject();
        o.addProperty("id", c.id);
        o.addProperty("name", c.name);
        o.addProperty("is_channel", true);
        o.addProperty("is_group", false);
        o.addProperty("is_im", false);
        o.addProperty("is_mpim", false);
        o.addProperty("is_private", c.isPrivate);
        o.addProperty("created", c.created);
        o.addProperty("is_archived", false);
        o.addProperty("is_general", c.id.equals(GENERAL));
        o.addProperty("unlinked", 0);
        o.addProperty("name_normalized", c.name);
        o.addProperty("is_shared", false);
        o.addProperty("is_org_shared", false);
        o.addProperty("is_pending_ext_shared", false);
        o.add("pending_shared", new JsonArray());
        o.addProperty("context_team_id", TEAM_ID);
        o.addProperty("creator", c.creator);
        o.addProperty("is_ext_shared", false);
        o.add("shared_team_ids", gson.toJsonTree(List.of(TEAM_ID)));
        o.addProperty("is_member", c.members.contains(viewer));
        JsonObject topic = new JsonObject();
        topic.addProperty("value", c.topic);
        topic.addProperty("creator", c.topic.isEmpty() ? "" : BOT_USER);
        topic.addProperty("last_set", 0);
        o.add("topic", topic);
        JsonObject purpose = new JsonObject();
        purpose.addProperty("value", "");
        purpose.addProperty("creator", "");
        purpose.addProperty("last_set", 0);
        o.add("purpose", purpose);
        o.add("previous_names", new JsonArray());
        if (!c.isPrivate || c.members.contains(viewer)) o.addProperty("num_members", c.members.size());
        return o;
    }

    private JsonObject messageJson(Message m) {
        JsonObject o = new JsonObject();
        o.addProperty("type", "message");
        o.addProperty("user", BOT_USER);
        o.addProperty("bot_id", BOT_ID);
        o.addProperty("app_id", APP_ID);
        o.addProperty("text", m.text() == null ? "" : m.text());
        o.addProperty("ts", m.ts());
        o.addProperty("team", TEAM_ID);
        if (m.blocks() != null) {
            try { o.add("blocks", JsonParser.parseString(m.blocks())); } catch (RuntimeException ignored) { }
        }
        return o;
    }

    private String ts() {
        return Instant.now().getEpochSecond() + "." + String.format("%06d", seq.incrementAndGet() % 1_000_000);
    }

    private static boolean isBlank(String s) { return s == null || s.isBlank(); }

    static Map<String, String> form(String body) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) continue;
            int i = pair.indexOf('=');
            String k = i < 0 ? pair : pair.substring(0, i), v = i < 0 ? "" : pair.substring(i + 1);
            m.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return m;
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    // ---------------------------------------------------------------- Socket Mode
    // https://api.slack.com/apis/connections/socket : the app calls apps.connections.open with its
    // app-level token, connects to the returned URL, receives {"type":"hello",...}, then envelopes
    // {"envelope_id", "type", "payload", "accepts_response_payload"} which it acknowledges by sending
    // {"envelope_id": "..."} back (optionally with a "payload") within 3 seconds.

    /** Serves Socket Mode's WebSocket too, on a port it binds itself (apps.connections.open names it). */
    void enableSocketMode() {
        ws = new SocketModeServer();
        ws.start();
    }

    /** Sends a slash_commands envelope to every connected app; returns its envelope_id. */
    String sendSlashCommand(Map<String, String> payload) {
        String envelopeId = UUID.randomUUID().toString();
        JsonObject env = new JsonObject();
        env.add("payload", gson.toJsonTree(payload));
        env.addProperty("envelope_id", envelopeId);
        env.addProperty("type", "slash_commands");
        env.addProperty("accepts_response_payload", true);
        String json = gson.toJson(env);
        for (WebSocket c : socketConnections) if (c.isOpen()) c.send(json);
        return envelopeId;
    }

    boolean acked(String envelopeId) {
        for (String m : socketMessagesFromApp) {
            try {
                JsonObject o = JsonParser.parseString(m).getAsJsonObject();
                if (o.has("envelope_id") && envelopeId.equals(o.get("envelope_id").getAsString())) return true;
            } catch (RuntimeException ignored) { }
        }
        return false;
    }

    final class SocketModeServer extends LoopbackWebSocketServer {
        @Override public void onOpen(WebSocket conn, ClientHandshake handshake) {
            socketConnections.add(conn);
            // Hello message, https://api.slack.com/apis/connections/socket#connect
            JsonObject hello = new JsonObject();
            hello.addProperty("type", "hello");
            hello.addProperty("num_connections", socketConnections.size());
            JsonObject debug = new JsonObject();
            debug.addProperty("host", "applink-contract-1");
            debug.addProperty("build_number", 10);
            debug.addProperty("approximate_connection_time", 18060);
            hello.add("debug_info", debug);
            JsonObject info = new JsonObject();
            info.addProperty("app_id", APP_ID);
            hello.add("connection_info", info);
            conn.send(gson.toJson(hello));
        }
        @Override public void onClose(WebSocket conn, int code, String reason, boolean remote) { socketConnections.remove(conn); }
        @Override public void onMessage(WebSocket conn, String message) { socketMessagesFromApp.add(message); }
    }

    boolean socketConnected() { return socketConnections.stream().anyMatch(WebSocket::isOpen); }

    @Override public void close() {
        http.stop(0);
        if (ws != null) {
            try { ws.stop(1000); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
        }
    }

    static Duration since(Instant t) { return Duration.between(t, Instant.now()); }
}
