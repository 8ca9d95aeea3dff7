package dev.sitrep.discord;

import dev.sitrep.commands.port.PlatformFailure;
import dev.sitrep.http.Call;
import dev.sitrep.http.CallFailed;
import dev.sitrep.http.HttpService;
import dev.sitrep.http.OutboundPolicy;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;

/**
 * Discord's REST API without a gateway session, for replicas that do not hold the gateway lease:
 * they still post the reminders and escalations they claim. Only the calls those need — send a
 * message, set a topic, find a channel — under the shared {@link OutboundPolicy} (Discord's
 * {@code retry_after} waited out, 5xx retried, refusals named).
 */
public final class DiscordRest {

    private static final int MAX_ATTEMPTS = 4;
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final HttpService http;
    private final String apiUrl;

    /** @param apiUrl Discord's API root with a trailing slash, e.g. {@code https://discord.com/api/v10/} */
    public DiscordRest(String apiUrl, String token, Duration firstBackoff) {
        this(apiUrl, token, OutboundPolicy.of(MAX_ATTEMPTS, firstBackoff, TIMEOUT));
    }

    public DiscordRest(String apiUrl, String token, OutboundPolicy policy) {
        this.apiUrl = apiUrl.endsWith("/") ? apiUrl : apiUrl + "/";
        this.http = new HttpService("Discord", policy, Map.of("Authorization", "Bot " + token,
                "User-Agent", "DiscordBot (https://github.com/sitrep/sitrep, 1)"));
    }

    /**
     * Sends a message and answers its id. Safe to send again: every message carries a nonce with
     * {@code enforce_nonce}, and Discord returns the first message for a repeated one
     * (https://discord.com/developers/docs/resources/message#create-message).
     */
    public String send(String channelId, DataObject message) {
        return DataObject.fromJson(request(new Call("POST", apiUrl + "channels/" + channelId + "/messages",
                message.toString(), message.hasKey("nonce") && message.getBoolean("enforce_nonce", false))))
                .getString("id");
    }

    public void setTopic(String channelId, String topic) {
        request(Call.of("PATCH", apiUrl + "channels/" + channelId, DataObject.empty().put("topic", topic).toString()));
    }

    /** The id of a text channel in the server, given its id or its name (with or without '#'). */
    public Optional<String> textChannel(String guildId, String idOrName) {
        String name = idOrName.startsWith("#") ? idOrName.substring(1) : idOrName;
        DataArray channels = DataArray.fromJson(request(Call.get(apiUrl + "guilds/" + guildId + "/channels")));
        for (int i = 0; i < channels.length(); i++) {
            DataObject channel = channels.getObject(i);
            if (channel.getInt("type", -1) == 0 && (channel.getString("id").equals(idOrName)
                    || channel.getString("name", "").equalsIgnoreCase(name))) {
                return Optional.of(channel.getString("id"));
            }
        }
        return Optional.empty();
    }

    /** The one server sitrep is in, for setups that configure no guild id. */
    public Optional<String> onlyGuild() {
        DataArray guilds = DataArray.fromJson(request(Call.get(apiUrl + "users/@me/guilds")));
        return guilds.isEmpty() ? Optional.empty() : Optional.of(guilds.getObject(0).getString("id"));
    }

    private String request(Call call) {
        try {
            String body = http.send(call).body();
            return body.isEmpty() ? "{}" : body;
        } catch (CallFailed e) {
            String hint = e.kind() != CallFailed.Kind.REFUSED ? "" : e.status() == 401 ? " (check the bot token)"
                    : e.status() == 403 ? " (grant sitrep's role the permission)" : "";
            throw new PlatformFailure(e.getMessage() + hint, e);
        }
    }
}
