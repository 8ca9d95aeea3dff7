package dev.sitrep.bot.blackbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The real jar configured for Discord as README.md's "Discord" section documents
 * ({@code DISCORD_TOKEN}, {@code sitrep.discord.guild-id}, {@code api-url}, {@code gateway-url},
 * {@code commander-role}, {@code archive-category}; category {@code Incidents} and broadcast
 * channel {@code incidents} by their defaults), pointed at {@link DiscordFake} and
 * {@link DiscordFakeGateway}.
 */
final class DiscordFakeRun implements AutoCloseable {

    final DiscordFake discord;
    final DiscordFakeGateway gateway;
    final SlackBotProcess bot;

    DiscordFakeRun() throws Exception {
        this(List.of());
    }

    DiscordFakeRun(List<String> extraArgs) throws Exception {
        this(d -> extraArgs);
    }

    /** Arguments that name the fake's ids (e.g. {@code sitrep.admins=discord:<id>}). */
    DiscordFakeRun(java.util.function.Function<DiscordFake, List<String>> extraArgsOf) throws Exception {
        discord = new DiscordFake();
        List<String> extraArgs = extraArgsOf.apply(discord);
        gateway = new DiscordFakeGateway(discord);
        gateway.start();
        SlackBotProcess started = null;
        try {
            List<String> args = new ArrayList<>(List.of(
                    "--sitrep.discord.guild-id=" + discord.guildId,
                    "--sitrep.discord.api-url=" + discord.baseUrl() + "/api/v10/",
                    "--sitrep.discord.gateway-url=" + gateway.url(),
                    "--sitrep.discord.commander-role=Incident Commander",
                    "--sitrep.discord.archive-category=Archive",
                    "--sitrep.console.enabled=false"));
            args.addAll(extraArgs);
            started = new SlackBotProcess(null, Map.of("DISCORD_TOKEN", discord.token), args);
            bot = started;
            bot.waitReady(() -> gateway.ready() && discord.registeredCommands != null,
                    () -> "sitrep to IDENTIFY on the gateway and register /incident; gateway: " + gateway.violations
                            + " queries " + gateway.connectQueries + "; REST:\n" + discord.log());
        } catch (Throwable t) {
            if (started != null) started.close();
            gateway.shutdown();
            discord.close();
            throw t;
        }
    }

    /** The /incident command as sitrep registered it. */
    JsonNode incidentCommand() {
        for (JsonNode c : discord.registeredCommands) {
            if (c.path("name").asText().equals("incident") && c.path("type").asInt(1) == 1) return c;
        }
        throw new AssertionError("sitrep registered no /incident chat command: " + discord.registeredCommands);
    }

    /**
     * An APPLICATION_COMMAND interaction for {@code /incident <sub> [options]} shaped after the
     * command sitrep registered (option types taken from the registration).
     * https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-object
     */
    ObjectNode command(String sub, Map<String, Object> options, String userId, String channelId) {
        JsonNode cmd = incidentCommand();
        JsonNode subDef = null;
        for (JsonNode o : cmd.path("options")) {
            if (o.path("name").asText().equals(sub) && o.path("type").asInt() == 1) subDef = o;
        }
        if (subDef == null) throw new AssertionError("/incident has no subcommand '" + sub + "': " + cmd);
        ObjectNode data = FakeHttp.object();
        data.put("id", cmd.get("id").asText());
        data.put("name", "incident");
        data.put("type", 1);
        data.put("guild_id", discord.guildId);
        ObjectNode subOpt = data.putArray("options").addObject();
        subOpt.put("name", sub);
        subOpt.put("type", 1);
        ArrayNode values = subOpt.putArray("options");
        for (Map.Entry<String, Object> e : options.entrySet()) {
            JsonNode def = null;
            for (JsonNode o : subDef.path("options")) {
                if (o.path("name").asText().equals(e.getKey())) def = o;
            }
            if (def == null) throw new AssertionError("/incident " + sub + " has no option '" + e.getKey() + "': " + subDef);
            ObjectNode v = values.addObject();
            v.put("name", e.getKey());
            v.put("type", def.path("type").asInt());
            Object val = e.getValue();
            if (def.path("type").asInt() == 6) {
                // USER options come with the user and member in data.resolved
                // https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-object-resolved-data-structure
                String uid = val.toString();
                ObjectNode resolved = data.has("resolved") ? (ObjectNode) data.get("resolved") : data.putObject("resolved");
                resolved.with("users").set(uid, discord.users.get(uid).deepCopy());
                ObjectNode m = discord.member(uid);
                m.remove("user");
                m.put("permissions", "1071698529857");
                resolved.with("members").set(uid, m);
            }
            if (val instanceof Boolean b) v.put("value", b);
            else if (val instanceof Integer i) v.put("value", i);
            else v.put("value", val.toString());
        }
        return interaction(2, data, userId, channelId);
    }

    /**
     * A MESSAGE_COMPONENT interaction (type 3): a press of the button {@code customId} on {@code message}
     * as Discord shows it now. data carries custom_id and component_type (2 = button); the interaction
     * carries the message the component is on.
     * https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-object-interaction-type
     * https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-object-message-component-data-structure
     */
    ObjectNode click(JsonNode message, String customId, String userId) {
        ObjectNode data = FakeHttp.object();
        data.put("custom_id", customId);
        data.put("component_type", 2);
        // the component's numeric id, which Discord assigns to every component of a message
        // https://discord.com/developers/docs/components/reference#anatomy-of-a-component
        for (JsonNode row : message.path("components")) {
            for (JsonNode c : row.path("components")) {
                if (c.path("custom_id").asText().equals(customId) && c.has("id")) data.put("id", c.get("id").asInt());
            }
        }
        ObjectNode i = interaction(3, data, userId, message.path("channel_id").asText());
        ObjectNode m = message.deepCopy();
        m.remove("_request");
        i.set("message", m);
        return i;
    }

    /**
     * A MODAL_SUBMIT (interaction type 5) of the modal a press was answered with ({@code modal}: the
     * type 9 response's data), every text input filled with {@code value}, from the message whose button
     * opened it. The submitted components keep the modal's layout (action rows of text inputs, or label
     * components holding one):
     * https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-object-modal-submit-data-structure
     */
    ObjectNode modalSubmit(JsonNode message, JsonNode modal, String value, String userId) {
        ObjectNode data = FakeHttp.object();
        data.put("custom_id", modal.path("custom_id").asText());
        ArrayNode submitted = data.putArray("components");
        int id = 1;
        for (JsonNode c : modal.path("components")) {
            boolean label = c.path("type").asInt() == 18;
            JsonNode input = label ? c.path("component") : c.path("components").path(0);
            ObjectNode text = FakeHttp.object();
            text.put("type", 4);
            text.put("id", id + 1);
            text.put("custom_id", input.path("custom_id").asText());
            text.put("value", value);
            ObjectNode wrap = submitted.addObject();
            wrap.put("type", label ? 18 : 1);
            wrap.put("id", id);
            if (label) {
                wrap.set("component", text);
            } else {
                wrap.putArray("components").add(text);
            }
            id += 2;
        }
        ObjectNode i = interaction(5, data, userId, message.path("channel_id").asText());
        ObjectNode m = message.deepCopy();
        m.remove("_request");
        i.set("message", m);
        return i;
    }

    ObjectNode interaction(int type, ObjectNode data, String userId, String channelId) {
        ObjectNode i = FakeHttp.object();
        i.put("id", discord.snowflake());
        i.put("application_id", discord.appId);
        i.put("type", type);
        i.set("data", data);
        i.put("guild_id", discord.guildId);
        // partial guild object: id, locale, features
        ObjectNode g = i.putObject("guild");
        g.put("id", discord.guildId);
        g.put("locale", "en-US");
        g.putArray("features");
        ObjectNode ch = discord.channels.get(channelId).deepCopy();
        i.set("channel", ch);
        i.put("channel_id", channelId);
        ObjectNode member = discord.member(userId);
        member.put("permissions", "1071698529857");
        i.set("member", member);
        i.put("token", "itoken-" + UUID.randomUUID());
        i.put("version", 1);
        i.put("app_permissions", Long.toString(DiscordFake.README_PERMISSIONS));
        i.put("locale", "en-US");
        i.put("guild_locale", "en-US");
        i.putArray("entitlements");
        i.putObject("authorizing_integration_owners").put("0", discord.guildId);
        i.put("context", 0);
        i.put("attachment_size_limit", 10485760);
        return i;
    }

    static Map<String, Object> opts(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int k = 0; k < kv.length; k += 2) m.put((String) kv[k], kv[k + 1]);
        return m;
    }

    /** All text a message shows (content, embed title/description/fields/footer/author). */
    static String text(JsonNode m) {
        List<String> parts = new ArrayList<>();
        parts.add(m.path("content").asText(""));
        for (JsonNode e : m.path("embeds")) {
            parts.add(e.path("title").asText(""));
            parts.add(e.path("description").asText(""));
            for (JsonNode f : e.path("fields")) {
                parts.add(f.path("name").asText(""));
                parts.add(f.path("value").asText(""));
            }
            parts.add(e.path("footer").path("text").asText(""));
            parts.add(e.path("author").path("name").asText(""));
        }
        return String.join("\n", parts);
    }

    /** The private answer an interaction ended in: the edited @original or the follow-ups, in order. */
    static String answerText(DiscordFake.Interaction i) {
        StringBuilder out = new StringBuilder();
        if (i.callbackType == 4 && i.callbackData != null) out.append(text(i.callbackData)).append('\n');
        if (i.original != null) out.append(text(i.original)).append('\n');
        i.followups.forEach(f -> out.append(text(f)).append('\n'));
        return out.toString();
    }

    void waitUntil(Duration max, BooleanSupplier cond, Supplier<String> what) {
        SlackBotProcess.waitFor(max, () -> {
            if (!bot.alive()) throw new AssertionError("sitrep exited:\n" + bot.logTail(60));
            return cond.getAsBoolean();
        }, () -> what.get() + "\nrefusals:\n  " + discord.refusalsText() + "\nREST:\n" + discord.log()
                + "\n--- sitrep log tail ---\n" + bot.logTail(40));
    }

    @Override
    public void close() {
        try {
            if (bot != null) {
                bot.close();
                deleteTree(bot.dir);
            }
        } finally {
            gateway.shutdown();
            discord.close();
        }
    }

    private static void deleteTree(java.nio.file.Path dir) {
        try (var paths = java.nio.file.Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException ignored) {
            // best effort: a temporary directory
        }
    }
}
