package dev.sitrep.bot.blackbox;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The jar configured for Discord as the README's "Discord" section says, on {@link BbDiscordFake}. */
final class BbDiscordRun implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(25);
    final BbDiscordFake discord;
    final BbBot bot;

    private BbDiscordRun(BbDiscordFake discord, BbBot bot) {
        this.discord = discord;
        this.bot = bot;
    }

    static BbDiscordRun start(String name, List<String> extraArgs) throws Exception {
        BbDiscordFake discord = new BbDiscordFake();
        try {
            List<String> args = new ArrayList<>(List.of(
                    "--sitrep.discord.guild-id=" + BbDiscordFake.GUILD,
                    "--sitrep.discord.api-url=" + discord.apiUrl(),
                    "--sitrep.discord.gateway-url=" + discord.gateway.url()));
            args.addAll(extraArgs);
            BbBot bot = BbBot.start(name, Map.of("DISCORD_TOKEN", BbDiscordFake.TOKEN), args);
            BbDiscordRun run = new BbDiscordRun(discord, bot);
            try {
                // README: with a guild id the commands are registered on that server
                BbWait.untilTrue("sitrep identified on the gateway and registered /incident", WAIT,
                        () -> discord.gateway.identified() && incident(discord).isPresent(),
                        () -> discord.dump() + "\n--- bot log ---\n" + bot.logTail());
            } catch (Throwable t) {
                run.close();
                throw t;
            }
            return run;
        } catch (Throwable t) {
            discord.close();
            throw t;
        }
    }

    static Optional<JsonObject> incident(BbDiscordFake discord) {
        for (JsonElement c : discord.guildCommands) {
            if (c.getAsJsonObject().get("name").getAsString().equals("incident")) {
                return Optional.of(c.getAsJsonObject());
            }
        }
        return Optional.empty();
    }

    JsonObject subcommand(String name) {
        JsonObject cmd = incident(discord).orElseThrow();
        for (JsonElement o : cmd.getAsJsonArray("options")) {
            if (o.getAsJsonObject().get("name").getAsString().equals(name)) {
                return o.getAsJsonObject();
            }
        }
        throw new AssertionError("/incident has no subcommand " + name + ": " + cmd);
    }

    /**
     * APPLICATION_COMMAND data (https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-object-application-command-data-structure)
     * for /incident <sub> with string options; the one named focused is marked focused (autocomplete).
     */
    JsonObject commandData(String sub, Map<String, String> values, String focused) {
        JsonObject cmd = incident(discord).orElseThrow();
        JsonObject d = new JsonObject();
        d.addProperty("id", cmd.get("id").getAsString());
        d.addProperty("name", "incident");
        d.addProperty("type", 1);
        d.addProperty("guild_id", BbDiscordFake.GUILD);
        JsonArray opts = new JsonArray();
        values.forEach((k, v) -> {
            JsonObject o = new JsonObject();
            o.addProperty("name", k);
            o.addProperty("type", 3);
            o.addProperty("value", v);
            if (k.equals(focused)) {
                o.addProperty("focused", true);
            }
            opts.add(o);
        });
        JsonObject s = new JsonObject();
        s.addProperty("name", sub);
        s.addProperty("type", 1);
        s.add("options", opts);
        JsonArray top = new JsonArray();
        top.add(s);
        d.add("options", top);
        return d;
    }

    /** /incident start by alice in #general; returns the kick-off message posted in the new channel. */
    JsonObject startIncident(String title, String slug) {
        discord.interact(2, commandData("start", Map.of("title", title), null), BbDiscordFake.GENERAL,
                BbDiscordFake.ALICE, "alice", null);
        return BbWait.until("the kick-off with buttons in the channel *" + slug + "*", WAIT, () -> discord.channels.values().stream()
                .filter(c -> c.get("name").getAsString().contains(slug))
                .flatMap(c -> discord.messagesIn(c.get("id").getAsString()).stream())
                .filter(m -> !buttons(m).isEmpty()).findFirst(),
                () -> discord.dump() + "\n--- bot log ---\n" + bot.logTail());
    }

    static List<JsonObject> buttons(JsonObject message) {
        List<JsonObject> out = new ArrayList<>();
        if (!message.has("components")) {
            return out;
        }
        for (JsonElement row : message.getAsJsonArray("components")) {
            JsonArray comps = row.getAsJsonObject().getAsJsonArray("components");
            if (comps == null) {
                continue;
            }
            for (JsonElement c : comps) {
                if (c.getAsJsonObject().get("type").getAsInt() == 2) {
                    out.add(c.getAsJsonObject());
                }
            }
        }
        return out;
    }

    static JsonObject button(JsonObject message, String labelRegex) {
        return buttons(message).stream().filter(b -> b.has("label") && b.get("label").getAsString().matches("(?i)" + labelRegex))
                .findFirst().orElseThrow(() -> new AssertionError("no button /" + labelRegex + "/ on " + message));
    }

    /** MESSAGE_COMPONENT data for a button: custom_id and component_type 2. */
    BbDiscordFake.Interaction click(JsonObject message, String labelRegex, String userId, String userName) {
        JsonObject b = button(message, labelRegex);
        JsonObject d = new JsonObject();
        d.addProperty("custom_id", b.get("custom_id").getAsString());
        d.addProperty("component_type", 2);
        return discord.interact(3, d, message.get("channel_id").getAsString(), userId, userName, current(message));
    }

    JsonObject current(JsonObject message) {
        return discord.messages.get(message.get("id").getAsString()).deepCopy();
    }

    /** The accepted initial response to an interaction, waited for. */
    BbDiscordFake.Callback initialResponse(BbDiscordFake.Interaction i, String what) {
        return BbWait.until(what, WAIT, () -> Optional.ofNullable(i.initial)
                        .or(() -> discord.callbacksOf(i).stream().filter(c -> c.status() >= 400).findFirst()),
                () -> "callbacks=" + discord.callbacksOf(i) + "\n" + discord.dump() + "\n--- bot log ---\n" + bot.logTail());
    }

    @Override
    public void close() {
        bot.close();
        discord.close();
    }
}
