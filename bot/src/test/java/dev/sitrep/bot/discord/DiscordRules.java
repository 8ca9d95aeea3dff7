package dev.sitrep.bot.discord;

import static dev.sitrep.bot.discord.FakeDiscordGateway.BOT;
import static dev.sitrep.bot.discord.FakeDiscordGateway.BOT_ROLE;
import static dev.sitrep.bot.discord.FakeDiscordGateway.COMMANDER_ROLE;
import static dev.sitrep.bot.discord.FakeDiscordGateway.GUILD;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;

/**
 * What Discord refuses, applied to every request the fake API serves: permissions computed from
 * the bot's roles and the channel's overwrites, the interaction response windows, nonce
 * deduplication, and 500s when a test asks for them. Each rule cites the page it comes from.
 */
final class DiscordRules implements ResponseDefinitionTransformerV2 {

    // https://discord.com/developers/docs/topics/permissions#permissions-bitwise-permission-flags
    static final long MANAGE_CHANNELS = 1L << 4;
    static final long ADMINISTRATOR = 1L << 3;
    static final long VIEW_CHANNEL = 1L << 10;
    static final long SEND_MESSAGES = 1L << 11;
    static final long ATTACH_FILES = 1L << 15;
    static final long READ_MESSAGE_HISTORY = 1L << 16;
    static final long MANAGE_ROLES = 1L << 28;
    static final long PIN_MESSAGES = 1L << 51;
    static final long ALL = (1L << 52) - 1;

    /** Discord's epoch, for the time an interaction was created (its snowflake says). */
    private static final long DISCORD_EPOCH = 1420070400000L;
    private static final Pattern CHANNEL = Pattern.compile("/api/v10/channels/(\\d+)(/.*)?");
    private static final Pattern OVERWRITE = Pattern.compile("/api/v10/channels/(\\d+)/permissions/(\\d+)");
    private static final Pattern MEMBER_ROLE = Pattern.compile("/api/v10/guilds/\\d+/members/\\d+/roles/(\\d+)");
    private static final Pattern CALLBACK = Pattern.compile("/api/v10/interactions/(\\d+)/([^/]+)/callback");
    private static final Pattern FOLLOW_UP = Pattern.compile("/api/v10/webhooks/\\d+/([^/?]+)(/messages/@original)?");
    private static final Pattern NONCE = Pattern.compile("\"nonce\"\\s*:\\s*\"([^\"]+)\"");

    private final Duration followUpWindow;
    private volatile long everyonePermissions = VIEW_CHANNEL;
    private volatile long botRolePermissions = ADMINISTRATOR;
    private final Map<String, DataArray> overwrites = new ConcurrentHashMap<>();
    private final Map<String, String> messagesByNonce = new ConcurrentHashMap<>();
    private final Map<String, List<String>> created = new ConcurrentHashMap<>();
    private final Map<String, Interaction> interactions = new ConcurrentHashMap<>();
    private final List<Failure> failures = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong(880000000000000000L);

    /** An interaction as the fake saw it: when it was created, its initial response, and its first follow-up. */
    static final class Interaction {
        final String token;
        final long createdAt;
        volatile int responseType = -1;
        volatile long respondedAt;
        volatile long answeredAt;
        /** Already judged by a test's check, so one test's failure does not fail every later test. */
        volatile boolean checked;
        final List<String> answers = new CopyOnWriteArrayList<>();

        Interaction(String token, long createdAt) {
            this.token = token;
            this.createdAt = createdAt;
        }
    }

    private record Failure(String method, Pattern path, AtomicLong left) {
    }

    /** {@code until}: 0 until the limit is hit, then the epoch millisecond it ends. */
    private record Limit(String method, Pattern path, double seconds, AtomicLong until) {
    }

    private final List<Limit> limitedNext = new CopyOnWriteArrayList<>();
    private final DiscordRateLimits limits = new DiscordRateLimits();
    private volatile boolean freshChannels;
    private final java.util.concurrent.atomic.AtomicInteger tooEarly = new java.util.concurrent.atomic.AtomicInteger();

    /** @param followUpWindow how long a deferred interaction may wait for its follow-up (15 minutes on Discord) */
    DiscordRules(Duration followUpWindow) {
        this.followUpWindow = followUpWindow;
    }

    @Override
    public String getName() {
        return "discord-rules";
    }

    void botRolePermissions(long permissions) {
        botRolePermissions = permissions;
    }

    void overwrites(String channelId, String json) {
        overwrites.put(channelId, DataArray.fromJson(json));
    }

    void failNext(String method, String pathRegex, int times) {
        failures.add(new Failure(method, Pattern.compile("/api/v10/" + pathRegex), new AtomicLong(times)));
    }

    /**
     * The next request to a matching route is rate limited for {@code seconds}, and so is every one
     * before that time is over: "wait for the duration of retry_after before retrying"
     * (https://discord.com/developers/docs/topics/rate-limits#exceeding-a-rate-limit). The 429 carries
     * {@code retry_after} (seconds, with decimals) in the body and {@code Retry-After} as a header
     * (https://discord.com/developers/docs/topics/rate-limits#header-format).
     */
    void rateLimitNext(String method, String pathRegex, double seconds) {
        limitedNext.add(new Limit(method, Pattern.compile("/api/v10/" + pathRegex), seconds, new AtomicLong()));
    }

    /** Requests that came before their rate limit's retry_after was over. */
    int tooEarly() {
        return tooEarly.get();
    }

    /** The messages Discord actually created in a channel (a deduplicated nonce creates none). */
    List<String> created(String channelId) {
        return List.copyOf(created.getOrDefault(channelId, List.of()));
    }

    Map<String, Interaction> interactions() {
        return interactions;
    }

    Duration followUpWindow() {
        return followUpWindow;
    }

    /** Discord's rate limits, off until a test switches them on ({@link DiscordRateLimits}). */
    DiscordRateLimits limits() {
        return limits;
    }

    /** Each channel creation makes a new channel with its own id (a burst of declarations needs many). */
    void everyChannelNew() {
        freshChannels = true;
    }

    /**
     * Every answer comes with {@code Via}, as Discord's API answers do (it is served through Google's
     * load balancer): JDA takes a 429 without it for Cloudflare's ban of the whole client, not a
     * route's limit (net.dv8tion.jda.api.requests.SequentialRestRateLimiter#updateBucket).
     */
    @Override
    public ResponseDefinition transform(ServeEvent event) {
        Request request = event.getRequest();
        String path = request.getUrl().replaceFirst("\\?.*", "");
        DiscordRateLimits.Verdict verdict = limits.take(request.getMethod().getName(), path,
                request.containsHeader("Authorization") ? request.getHeader("Authorization") : null);
        ResponseDefinition judged = verdict.refusal() != null ? null : judge(event);
        // An armed 429 carries its own bucket's headers (Remaining 0): the route's count is not added to it.
        ResponseDefinition answer = verdict.refusal() != null ? verdict.refusal()
                : judged.getStatus() == 429 ? judged : DiscordRateLimits.withHeaders(judged, verdict.headers());
        if (!path.startsWith("/api/v10/")) {
            return answer;
        }
        return ResponseDefinitionBuilder.like(answer).withHeader("Via", "1.1 google").build();
    }

    private ResponseDefinition judge(ServeEvent event) {
        Request request = event.getRequest();
        String path = request.getUrl().replaceFirst("\\?.*", "");
        String method = request.getMethod().getName();
        if (!path.startsWith("/api/v10/")) {
            return event.getResponseDefinition();
        }
        if (freshChannels && "POST".equals(method) && path.equals("/api/v10/guilds/" + GUILD + "/channels")
                && (permissions(null) & MANAGE_CHANNELS) != 0) {
            return newChannel(request.getBodyAsString());
        }
        ResponseDefinition limited = rateLimited(method, path);
        if (limited != null) {
            return limited;
        }
        ResponseDefinition badComponents = components(method, path, request.getBodyAsString());
        if (badComponents != null) {
            return badComponents;
        }
        Matcher callback = CALLBACK.matcher(path);
        if ("POST".equals(method) && callback.matches()) {
            ResponseDefinition badChoices = choices(request.getBodyAsString());
            if (badChoices != null) {
                return badChoices;
            }
            return respond(callback.group(1), callback.group(2), request.getBodyAsString(), event);
        }
        Matcher followUp = FOLLOW_UP.matcher(path);
        if (followUp.matches() && ("POST".equals(method) || "PATCH".equals(method))) {
            return followUp(followUp.group(1), request.getBodyAsString(), event);
        }
        long needed = needed(method, path, request);
        if (needed != 0) {
            long have = permissions(channelOf(path));
            if ((have & needed) != needed) {
                // https://discord.com/developers/docs/topics/opcodes-and-status-codes#json-json-error-codes
                // 50013 Missing Permissions, with Discord's error shape:
                // https://discord.com/developers/docs/reference#error-messages
                return error(403, 50013, "Missing Permissions");
            }
        }
        Matcher role = MEMBER_ROLE.matcher(path);
        if (role.matches() && !role.group(1).equals(COMMANDER_ROLE)) {
            // Only roles below the bot's highest role (sitrep's is 5, the commander role's 1) can be given:
            // https://discord.com/developers/docs/topics/permissions#permission-hierarchy
            return error(403, 50013, "Missing Permissions");
        }
        Matcher overwrite = OVERWRITE.matcher(path);
        if (overwrite.matches() && "PUT".equals(method)) {
            return editOverwrite(overwrite.group(1), overwrite.group(2), request.getBodyAsString());
        }
        Matcher channel = CHANNEL.matcher(path);
        if (channel.matches() && "PATCH".equals(method) && channel.group(2) == null) {
            DataObject body = DataObject.fromJson(request.getBodyAsString());
            if (body.hasKey("permission_overwrites")) {
                overwrites.put(channel.group(1), body.getArray("permission_overwrites"));
            }
        }
        if (channel.matches() && "POST".equals(method) && "/messages".equals(channel.group(2))) {
            String id = createMessage(channel.group(1), request.getBodyAsString());
            if (shouldFail(method, path)) {
                // The message exists, but the answer was lost: only the nonce keeps a retry from doubling it.
                return error(500, 0, "500: Internal Server Error");
            }
            return new ResponseDefinitionBuilder().withStatus(200).withHeader("Content-Type", "application/json")
                    .withBody(FakeDiscordApi.message(id, channel.group(1))).build();
        }
        if (shouldFail(method, path)) {
            return error(500, 0, "500: Internal Server Error");
        }
        return event.getResponseDefinition();
    }

    /**
     * Create Guild Channel (https://discord.com/developers/docs/resources/guild#create-guild-channel):
     * the new channel object, with the name, parent and overwrites asked for.
     */
    private ResponseDefinition newChannel(String body) {
        DataObject json = DataObject.fromJson(body);
        String id = Long.toString(ids.incrementAndGet());
        String overwrites = json.optArray("permission_overwrites").map(DataArray::toString).orElse("[]");
        overwrites(id, overwrites);
        String parent = json.hasKey("parent_id") && !json.isNull("parent_id") ? json.getString("parent_id")
                : FakeDiscordGateway.CATEGORY;
        return new ResponseDefinitionBuilder().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(FakeDiscordApi.channel(id, json.getString("name"), parent, overwrites)).build();
    }

    /**
     * Edit Channel Permissions (https://discord.com/developers/docs/resources/channel#edit-channel-permissions):
     * {@code type} is required, 0 for a role and 1 for a member; {@code allow}/{@code deny} are permission
     * bit sets as strings; only permissions the bot has may be allowed or denied; a 204 on success. A role
     * the server does not have is 10011 Unknown Role
     * (https://discord.com/developers/docs/topics/opcodes-and-status-codes#json-json-error-codes). The overwrite
     * replaces the target's earlier one and counts for the channel's permissions from then on.
     */
    private ResponseDefinition editOverwrite(String channelId, String targetId, String body) {
        DataObject json = DataObject.fromJson(body);
        if (!json.hasKey("type") || json.isNull("type") || (json.getInt("type") != 0 && json.getInt("type") != 1)) {
            return error(400, 50035, "Invalid Form Body");
        }
        if (json.getInt("type") == 0 && !FakeDiscordGateway.ROLES.contains(targetId)) {
            return error(404, 10011, "Unknown Role");
        }
        long allow = json.hasKey("allow") && !json.isNull("allow") ? Long.parseLong(json.getString("allow")) : 0;
        long deny = json.hasKey("deny") && !json.isNull("deny") ? Long.parseLong(json.getString("deny")) : 0;
        long have = permissions(channelId);
        if (((allow | deny) & ~have) != 0) {
            return error(403, 50013, "Missing Permissions");
        }
        DataArray updated = DataArray.empty();
        DataArray before = overwrites.getOrDefault(channelId, DataArray.empty());
        for (int i = 0; i < before.length(); i++) {
            if (!before.getObject(i).getString("id").equals(targetId)) {
                updated.add(before.getObject(i));
            }
        }
        updated.add(DataObject.empty().put("id", targetId).put("type", json.getInt("type"))
                .put("allow", Long.toString(allow)).put("deny", Long.toString(deny)));
        overwrites.put(channelId, updated);
        return new ResponseDefinitionBuilder().withStatus(204).build();
    }

    /** The channel's permission overwrites as the fake holds them. */
    DataArray overwritesOf(String channelId) {
        return overwrites.getOrDefault(channelId, DataArray.empty());
    }

    private ResponseDefinition rateLimited(String method, String path) {
        long now = System.currentTimeMillis();
        for (Limit limit : limitedNext) {
            if (!limit.method().equals(method) || !limit.path().matcher(path).matches()) {
                continue;
            }
            if (limit.until().get() == 0) {
                limit.until().set(now + (long) Math.ceil(limit.seconds() * 1000));
            } else if (now >= limit.until().get()) {
                limitedNext.remove(limit);
                continue;
            } else {
                tooEarly.incrementAndGet();
            }
            double left = (limit.until().get() - now) / 1000.0;
            return new ResponseDefinitionBuilder().withStatus(429).withHeader("Content-Type", "application/json")
                    .withHeader("Retry-After", Long.toString((long) Math.ceil(left)))
                    .withHeader("X-RateLimit-Scope", "user")
                    // https://discord.com/developers/docs/topics/rate-limits#header-format: a bucket used up.
                    .withHeader("X-RateLimit-Limit", "1")
                    .withHeader("X-RateLimit-Remaining", "0")
                    .withHeader("X-RateLimit-Reset", String.format(java.util.Locale.ROOT, "%.3f", limit.until().get() / 1000.0))
                    .withHeader("X-RateLimit-Reset-After", String.format(java.util.Locale.ROOT, "%.3f", left))
                    .withHeader("X-RateLimit-Bucket", "armed-" + Integer.toHexString(limit.path().pattern().hashCode()))
                    .withBody("{\"message\":\"You are being rate limited.\",\"retry_after\":" + left
                            + ",\"global\":false}").build();
        }
        return null;
    }

    private boolean shouldFail(String method, String path) {
        return failures.stream().anyMatch(f -> f.method().equals(method) && f.path().matcher(path).matches()
                && f.left().getAndUpdate(n -> Math.max(0, n - 1)) > 0);
    }

    /**
     * https://discord.com/developers/docs/resources/message#create-message: "If enforce_nonce is
     * set to true, the nonce will be checked for uniqueness in the past few minutes. If another
     * message was created by the same author with the same nonce, that message will be returned
     * and no new message will be created."
     */
    private String createMessage(String channelId, String body) {
        Matcher nonce = NONCE.matcher(body);
        boolean enforced = body.contains("\"enforce_nonce\":true");
        if (enforced && nonce.find()) {
            return messagesByNonce.computeIfAbsent(channelId + "/" + nonce.group(1), k -> newMessage(channelId, body));
        }
        return newMessage(channelId, body);
    }

    private String newMessage(String channelId, String body) {
        created.computeIfAbsent(channelId, k -> new CopyOnWriteArrayList<>()).add(body);
        return Long.toString(ids.incrementAndGet());
    }

    /**
     * An APPLICATION_COMMAND_AUTOCOMPLETE_RESULT (type 8) carries {@code data.choices}: at most 25, each a
     * {@code name} of 1-100 characters and a string {@code value} of at most 100
     * (https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-response-object-autocomplete,
     * https://discord.com/developers/docs/interactions/application-commands#application-command-object-application-command-option-choice-structure).
     */
    private static ResponseDefinition choices(String body) {
        if (body == null || !body.stripLeading().startsWith("{")) {
            return null;
        }
        DataObject json = DataObject.fromJson(body);
        if (json.getInt("type", -1) != 8) {
            return null;
        }
        if (!json.hasKey("data") || json.isNull("data") || !json.getObject("data").hasKey("choices")) {
            return invalidForm("data.choices", "BASE_TYPE_REQUIRED", "This field is required");
        }
        DataArray choices = json.getObject("data").getArray("choices");
        if (choices.length() > 25) {
            return invalidForm("data.choices", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.");
        }
        for (int i = 0; i < choices.length(); i++) {
            DataObject choice = choices.getObject(i);
            String name = choice.getString("name", "");
            if (name.isEmpty() || name.length() > 100) {
                return invalidForm("data.choices." + i + ".name", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.");
            }
            if (choice.getString("value", "").length() > 100) {
                return invalidForm("data.choices." + i + ".value", "BASE_TYPE_BAD_LENGTH", "Must be 100 or fewer in length.");
            }
        }
        return null;
    }

    /**
     * The components of a message sitrep creates or edits (a post, a follow-up, an edit of the
     * clicked message, a callback that carries a message), checked as Discord checks them, answering
     * 50035 Invalid Form Body with the field that broke the rule
     * (https://discord.com/developers/docs/reference#error-messages). A modal's components (callback
     * type 9) are a form, not a message's: {@link #modal} checks them.
     */
    private static ResponseDefinition components(String method, String path, String body) {
        boolean message = "POST".equals(method) && path.matches("/api/v10/channels/\\d+/messages")
                || FOLLOW_UP.matcher(path).matches() && ("POST".equals(method) || "PATCH".equals(method));
        boolean callback = "POST".equals(method) && CALLBACK.matcher(path).matches();
        if (!(message || callback) || body == null || !body.stripLeading().startsWith("{")) {
            return null;
        }
        DataObject json = DataObject.fromJson(body);
        if (callback) {
            if (json.isNull("data") || !json.hasKey("data")) {
                return null;
            }
            if (json.getInt("type") == 9) {
                return modal(json.getObject("data"));
            }
            json = json.getObject("data");
        }
        if (!json.hasKey("components") || json.isNull("components")) {
            return null;
        }
        DataArray rows = json.getArray("components");
        // https://discord.com/developers/docs/interactions/message-components#action-rows: up to 5 action rows.
        if (rows.length() > 5) {
            return invalidForm("components", "BASE_TYPE_MAX_LENGTH", "Must be 5 or fewer in length.");
        }
        for (int r = 0; r < rows.length(); r++) {
            DataObject row = rows.getObject(r);
            // https://discord.com/developers/docs/interactions/message-components#action-rows: buttons go in an
            // action row (type 1), at most 5 in one.
            if (row.getInt("type") != 1) {
                return invalidForm("components." + r + ".type", "UNION_TYPE_CHOICES", "Value of field \"type\" must be one of (1,).");
            }
            DataArray children = row.getArray("components");
            if (children.length() > 5) {
                return invalidForm("components." + r + ".components", "BASE_TYPE_MAX_LENGTH", "Must be 5 or fewer in length.");
            }
            for (int c = 0; c < children.length(); c++) {
                DataObject button = children.getObject(c);
                String at = "components." + r + ".components." + c;
                // https://discord.com/developers/docs/interactions/message-components#button-object: a custom_id of
                // at most 100 characters (required on non-link buttons), a label of at most 80.
                String customId = button.getString("custom_id", "");
                if (customId.isEmpty()) {
                    return invalidForm(at + ".custom_id", "BASE_TYPE_REQUIRED", "This field is required");
                }
                if (customId.length() > 100) {
                    return invalidForm(at + ".custom_id", "BASE_TYPE_MAX_LENGTH", "Must be 100 or fewer in length.");
                }
                if (button.getString("label", "").length() > 80) {
                    return invalidForm(at + ".label", "BASE_TYPE_MAX_LENGTH", "Must be 80 or fewer in length.");
                }
            }
        }
        return null;
    }

    /**
     * A modal as Discord takes it: a custom_id of 1 to 100 characters and a title of 1 to 45, 1 to 5
     * components (https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-response-object-modal),
     * each a label (type 18) of 1 to 45 characters with a description of at most 100 around one text
     * input (https://discord.com/developers/docs/components/reference#label), or the older action row
     * (type 1) holding exactly one text input; a text input (type 4) has a custom_id of 1 to 100, style 1
     * (short) or 2 (paragraph), min_length 0 to 4000, max_length 1 to 4000, a placeholder of at most 100
     * and a value of at most 4000 (https://discord.com/developers/docs/components/reference#text-input).
     */
    private static ResponseDefinition modal(DataObject data) {
        ResponseDefinition bad = text(data, "data.custom_id", "custom_id", 1, 100);
        if (bad == null) {
            bad = text(data, "data.title", "title", 1, 45);
        }
        if (bad != null) {
            return bad;
        }
        DataArray components = data.optArray("components").orElse(DataArray.empty());
        if (components.isEmpty()) {
            return invalidForm("data.components", "BASE_TYPE_MIN_LENGTH", "Must be 1 or more in length.");
        }
        if (components.length() > 5) {
            return invalidForm("data.components", "BASE_TYPE_MAX_LENGTH", "Must be 5 or fewer in length.");
        }
        for (int i = 0; i < components.length(); i++) {
            DataObject component = components.getObject(i);
            String at = "data.components." + i;
            int type = component.getInt("type", 0);
            DataObject input;
            if (type == 18) {
                bad = text(component, at + ".label", "label", 1, 45);
                if (bad == null) {
                    bad = text(component, at + ".description", "description", 0, 100);
                }
                if (bad != null) {
                    return bad;
                }
                input = component.optObject("component").orElse(DataObject.empty());
                at += ".component";
            } else if (type == 1 && component.optArray("components").map(DataArray::length).orElse(0) == 1) {
                input = component.getArray("components").getObject(0);
                at += ".components.0";
                bad = text(input, at + ".label", "label", 1, 45);
                if (bad != null) {
                    return bad;
                }
            } else {
                return invalidForm(at + ".type", "UNION_TYPE_CHOICES", "Value of field \"type\" must be one of (1, 18).");
            }
            bad = textInput(input, at);
            if (bad != null) {
                return bad;
            }
        }
        return null;
    }

    private static ResponseDefinition textInput(DataObject input, String at) {
        if (input.getInt("type", 0) != 4) {
            return invalidForm(at + ".type", "UNION_TYPE_CHOICES", "Value of field \"type\" must be one of (4,).");
        }
        ResponseDefinition bad = text(input, at + ".custom_id", "custom_id", 1, 100);
        if (bad == null) {
            bad = text(input, at + ".placeholder", "placeholder", 0, 100);
        }
        if (bad == null) {
            bad = text(input, at + ".value", "value", 0, 4000);
        }
        if (bad != null) {
            return bad;
        }
        int style = input.getInt("style", 0);
        if (style != 1 && style != 2) {
            return invalidForm(at + ".style", "BASE_TYPE_CHOICES", "Value must be one of (1, 2).");
        }
        if (input.hasKey("max_length") && !input.isNull("max_length")
                && (input.getInt("max_length") < 1 || input.getInt("max_length") > 4000)) {
            return invalidForm(at + ".max_length", "NUMBER_TYPE_MAX", "int value should be between 1 and 4000.");
        }
        if (input.hasKey("min_length") && !input.isNull("min_length")
                && (input.getInt("min_length") < 0 || input.getInt("min_length") > 4000)) {
            return invalidForm(at + ".min_length", "NUMBER_TYPE_MAX", "int value should be between 0 and 4000.");
        }
        return null;
    }

    /** A string field of {@code min} to {@code max} characters; absent counts as empty. */
    private static ResponseDefinition text(DataObject json, String at, String key, int min, int max) {
        String value = json.hasKey(key) && !json.isNull(key) ? json.getString(key) : "";
        if (value.length() < min) {
            return invalidForm(at, "BASE_TYPE_REQUIRED", "This field is required");
        }
        if (value.length() > max) {
            return invalidForm(at, "BASE_TYPE_MAX_LENGTH", "Must be " + max + " or fewer in length.");
        }
        return null;
    }

    /** Discord's 50035 shape: the errors nested by field path, each with its own code and message. */
    private static ResponseDefinition invalidForm(String field, String code, String message) {
        DataObject errors = DataObject.empty().put("_errors", DataArray.empty()
                .add(DataObject.empty().put("code", code).put("message", message)));
        String[] parts = field.split("\\.");
        for (int i = parts.length - 1; i >= 0; i--) {
            errors = DataObject.empty().put(parts[i], errors);
        }
        return new ResponseDefinitionBuilder().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody(DataObject.empty().put("code", 50035).put("errors", errors).put("message", "Invalid Form Body")
                        .toString()).build();
    }

    /**
     * The initial response: within 3 seconds of the interaction, once.
     * https://discord.com/developers/docs/interactions/receiving-and-responding#responding-to-an-interaction
     * ("you must send an initial response within 3 seconds of receiving the event"); a second one is
     * 40060 "Interaction has already been acknowledged", a late one 10062 "Unknown interaction"
     * (https://discord.com/developers/docs/topics/opcodes-and-status-codes#json-json-error-codes).
     * The same holds for a click on a button, a component interaction
     * (https://discord.com/developers/docs/interactions/message-components: "you must send an initial
     * response within 3 seconds"), answered at once or deferred as an update of its message (type 6,
     * DEFERRED_UPDATE_MESSAGE), which then owes an edit or a follow-up like type 5.
     */
    private ResponseDefinition respond(String id, String token, String body, ServeEvent event) {
        long now = System.currentTimeMillis();
        Interaction interaction = interactions.computeIfAbsent(id,
                k -> new Interaction(token, (Long.parseLong(id) >> 22) + DISCORD_EPOCH));
        synchronized (interaction) {
            if (interaction.responseType != -1) {
                return error(400, 40060, "Interaction has already been acknowledged.");
            }
            if (now - interaction.createdAt > 3000) {
                return error(404, 10062, "Unknown interaction");
            }
            int type = DataObject.fromJson(body).getInt("type");
            ResponseDefinition notForThisKind = allowed(id, type);
            if (notForThisKind != null) {
                return notForThisKind;
            }
            interaction.responseType = type;
            interaction.respondedAt = now;
            // 4 (a message) and 9 (a modal) answer at once; 5 (deferred) still owes a follow-up.
            if (interaction.responseType != 5 && interaction.responseType != 6) {
                interaction.answeredAt = now;
            }
        }
        return event.getResponseDefinition();
    }

    /**
     * Which kind of interaction may get which answer
     * (https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-response-object-interaction-callback-type):
     * MODAL (9) is "not available for MODAL_SUBMIT and PING interactions"; DEFERRED_UPDATE_MESSAGE (6) and
     * UPDATE_MESSAGE (7) are "only valid for component-based interactions", which includes a modal a
     * component opened (its interaction carries that message, and the update edits it:
     * https://docs.jda.wiki/net/dv8tion/jda/api/interactions/callbacks/IMessageEditCallback.html). The page
     * names no error code for this, so the answer is its generic 50035 Invalid Form Body on {@code type}.
     * Interactions a test built without {@link Interactions} are not judged here.
     */
    private static ResponseDefinition allowed(String interactionId, int responseType) {
        Interactions.Kind kind = Interactions.kindOf(interactionId).orElse(null);
        if (kind == null) {
            return null;
        }
        boolean ok = switch (responseType) {
            case 9 -> kind.type() == 2 || kind.type() == 3;
            case 6, 7 -> kind.fromMessage();
            default -> true;
        };
        return ok ? null : invalidForm("type", "BASE_TYPE_CHOICES", "Interaction callback type " + responseType
                + " is not valid for interaction type " + kind.type() + ".");
    }

    /**
     * Follow-ups and edits of the original need the initial response first and a token younger
     * than 15 minutes (here: the window the test set).
     * https://discord.com/developers/docs/interactions/receiving-and-responding#followup-messages
     * ("Interaction tokens are valid for 15 minutes"); 10015 Unknown Webhook, 50027 Invalid Webhook Token.
     */
    private ResponseDefinition followUp(String token, String body, ServeEvent event) {
        Interaction interaction = interactions.values().stream().filter(i -> i.token.equals(token)).findFirst()
                .orElse(null);
        if (interaction == null || interaction.responseType == -1) {
            return error(404, 10015, "Unknown Webhook");
        }
        long now = System.currentTimeMillis();
        if (now - interaction.respondedAt > followUpWindow.toMillis()) {
            return error(401, 50027, "Invalid Webhook Token");
        }
        synchronized (interaction) {
            if (interaction.answeredAt == 0) {
                interaction.answeredAt = now;
            }
            interaction.answers.add(body);
        }
        return event.getResponseDefinition();
    }

    /**
     * Which permission a route needs, per its page: create channel (MANAGE_CHANNELS,
     * https://discord.com/developers/docs/resources/guild#create-guild-channel), modify channel
     * (MANAGE_CHANNELS; MANAGE_ROLES when overwrites change,
     * https://discord.com/developers/docs/resources/channel#modify-channel), create message
     * (SEND_MESSAGES, and ATTACH_FILES for uploads,
     * https://discord.com/developers/docs/resources/message#create-message), pin (PIN_MESSAGES,
     * https://discord.com/developers/docs/resources/message#pin-message), pinned messages
     * (VIEW_CHANNEL and READ_MESSAGE_HISTORY), member roles (MANAGE_ROLES,
     * https://discord.com/developers/docs/resources/guild#add-guild-member-role).
     */
    private static long needed(String method, String path, Request request) {
        if ("POST".equals(method) && path.equals("/api/v10/guilds/" + GUILD + "/channels")) {
            return MANAGE_CHANNELS;
        }
        Matcher role = MEMBER_ROLE.matcher(path);
        if (role.matches() && ("PUT".equals(method) || "DELETE".equals(method))) {
            return MANAGE_ROLES;
        }
        Matcher channel = CHANNEL.matcher(path);
        if (!channel.matches()) {
            return 0;
        }
        String rest = channel.group(2) == null ? "" : channel.group(2);
        if (rest.isEmpty() && "PATCH".equals(method)) {
            return request.getBodyAsString().contains("permission_overwrites") ? MANAGE_CHANNELS | MANAGE_ROLES
                    : MANAGE_CHANNELS;
        }
        if (rest.startsWith("/permissions/")) {
            return MANAGE_ROLES;
        }
        if (rest.equals("/messages") && "POST".equals(method)) {
            String type = request.getHeader("Content-Type");
            return VIEW_CHANNEL | SEND_MESSAGES | (type != null && type.startsWith("multipart/") ? ATTACH_FILES : 0);
        }
        if (rest.matches("(/messages)?/pins/\\d+") && ("PUT".equals(method) || "DELETE".equals(method))) {
            return VIEW_CHANNEL | PIN_MESSAGES;
        }
        if (rest.matches("(/messages)?/pins") && "GET".equals(method)) {
            return VIEW_CHANNEL | READ_MESSAGE_HISTORY;
        }
        return 0;
    }

    private static String channelOf(String path) {
        Matcher channel = CHANNEL.matcher(path);
        return channel.matches() ? channel.group(1) : null;
    }

    /**
     * The bot's permissions in the server, then in a channel: @everyone's and its role's
     * permissions; Administrator is everything; then the channel's @everyone overwrite, its role
     * overwrites, its member overwrite, each deny before allow; without View Channel nothing.
     * https://discord.com/developers/docs/topics/permissions#permission-overwrites
     */
    long permissions(String channelId) {
        long base = everyonePermissions | botRolePermissions;
        if ((base & ADMINISTRATOR) != 0) {
            return ALL;
        }
        DataArray channel = channelId == null ? null : overwrites.get(channelId);
        if (channel == null) {
            return base;
        }
        List<DataObject> all = new ArrayList<>();
        for (int i = 0; i < channel.length(); i++) {
            all.add(channel.getObject(i));
        }
        long perms = base;
        for (DataObject o : all) {
            if (o.getString("id").equals(GUILD)) {
                perms = (perms & ~o.getLong("deny")) | o.getLong("allow");
            }
        }
        long allow = 0;
        long deny = 0;
        for (DataObject o : all) {
            if (o.getInt("type") == 0 && o.getString("id").equals(BOT_ROLE)) {
                allow |= o.getLong("allow");
                deny |= o.getLong("deny");
            }
        }
        perms = (perms & ~deny) | allow;
        for (DataObject o : all) {
            if (o.getInt("type") == 1 && o.getString("id").equals(BOT)) {
                perms = (perms & ~o.getLong("deny")) | o.getLong("allow");
            }
        }
        return (perms & VIEW_CHANNEL) == 0 ? 0 : perms;
    }

    private static ResponseDefinition error(int status, int code, String message) {
        return new ResponseDefinitionBuilder().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"" + message + "\",\"code\":" + code + "}").build();
    }
}
