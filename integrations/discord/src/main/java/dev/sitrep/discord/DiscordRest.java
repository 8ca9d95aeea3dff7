package dev.sitrep.discord;

import dev.sitrep.commands.port.PlatformFailure;
import dev.sitrep.http.Answer;
import dev.sitrep.http.Call;
import dev.sitrep.http.CallFailed;
import dev.sitrep.http.HttpService;
import dev.sitrep.http.OutboundPolicy;
import dev.sitrep.http.Pacer;
import java.net.URI;
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
 *
 * <p>Paced by Discord's rate limits (https://discord.com/developers/docs/topics/rate-limits) in a
 * {@link Pacer}: every call waits in the global line, "up to 50 requests per second"
 * (#global-rate-limit), and in its route's line (the path, whose only ids are its top-level
 * resource, the channel or the server: #rate-limits). When an answer says the route's bucket is
 * used up ({@code X-RateLimit-Remaining: 0}) its line waits the {@code X-RateLimit-Reset-After}
 * (#header-format) instead of running into a 429; a 429 all the same (another replica used the
 * bucket) is waited out by {@link HttpService} for its {@code retry_after} and is never a breaker
 * failure. Reminders go first in both lines.
 */
public final class DiscordRest {

    private static final int MAX_ATTEMPTS = 4;
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    /** https://discord.com/developers/docs/topics/rate-limits#global-rate-limit */
    static final Pacer.Limit GLOBAL = new Pacer.Limit(50, Duration.ofSeconds(1));
    /**
     * A route's own limit is not published ("should not be hard coded": #rate-limits); its line holds
     * no more than the global limit until an answer says its bucket is used up.
     */
    static final Pacer.Limit ROUTE_UNTIL_TOLD = GLOBAL;

    private final HttpService http;
    private final String apiUrl;
    private final Pacer pacer = new Pacer();
    /**
     * The longest a used-up bucket pauses its line: the policy's longest wait for a 429. A longer
     * reset (a topic edit's bucket can be minutes) must not hold the caller — the outbox's drain, and
     * reminders behind it — that long: the route's next call then meets Discord's 429 itself, which
     * {@link HttpService} refuses at once for being longer than sitrep waits, and the outbox backs off.
     */
    private final Duration longestPause;

    /** @param apiUrl Discord's API root with a trailing slash, e.g. {@code https://discord.com/api/v10/} */
    public DiscordRest(String apiUrl, String token, Duration firstBackoff) {
        this(apiUrl, token, OutboundPolicy.of(MAX_ATTEMPTS, firstBackoff, TIMEOUT));
    }

    public DiscordRest(String apiUrl, String token, OutboundPolicy policy) {
        this.apiUrl = apiUrl.endsWith("/") ? apiUrl : apiUrl + "/";
        this.longestPause = policy.longestWait();
        this.http = new HttpService("Discord", policy, Map.of("Authorization", "Bot " + token,
                "User-Agent", "DiscordBot (https://github.com/sitrep/sitrep, 1)"));
    }

    /**
     * Sends a message and answers its id. Safe to send again: every message carries a nonce with
     * {@code enforce_nonce}, and Discord returns the first message for a repeated one
     * (https://discord.com/developers/docs/resources/message#create-message).
     */
    public String send(String channelId, DataObject message) {
        return send(channelId, message, Pacer.Lane.NORMAL);
    }

    /** {@link #send(String, DataObject)} in {@code lane}: reminders go {@link Pacer.Lane#FIRST}. */
    public String send(String channelId, DataObject message, Pacer.Lane lane) {
        return DataObject.fromJson(request(new Call("POST", apiUrl + "channels/" + channelId + "/messages",
                message.toString(), message.hasKey("nonce") && message.getBoolean("enforce_nonce", false)), lane))
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
        return request(call, Pacer.Lane.NORMAL);
    }

    private String request(Call call, Pacer.Lane lane) {
        String route = call.method() + " " + URI.create(call.url()).getRawPath();
        try {
            Pacer.Ticket ticket = pacer.await(route, ROUTE_UNTIL_TOLD, lane, place -> { });
            Pacer.Ticket global;
            try {
                global = pacer.await("global", GLOBAL, lane, place -> { });
            } catch (InterruptedException e) {
                pacer.answered(ticket);
                throw e;
            }
            try {
                Answer answer = http.send(call);
                usedUp(answer).filter(resetAfter -> resetAfter.compareTo(longestPause) <= 0)
                        .ifPresent(resetAfter -> pacer.pause(ticket, resetAfter));
                return answer.body().isEmpty() ? "{}" : answer.body();
            } finally {
                // Counted from the answer: Discord surely saw the call by then (and no later than that).
                pacer.answered(global);
                pacer.answered(ticket);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformFailure("Discord " + route + " was not sent: interrupted while waiting in line", e);
        } catch (CallFailed e) {
            String hint = e.kind() != CallFailed.Kind.REFUSED ? "" : e.status() == 401 ? " (check the bot token)"
                    : e.status() == 403 ? " (grant sitrep's role the permission)" : "";
            throw new PlatformFailure(e.getMessage() + hint, e);
        }
    }

    /**
     * How long until the route's bucket resets, when the answer says it is used up
     * (https://discord.com/developers/docs/topics/rate-limits#header-format).
     */
    static Optional<Duration> usedUp(Answer answer) {
        Optional<String> remaining = answer.headers().firstValue("X-RateLimit-Remaining");
        Optional<String> resetAfter = answer.headers().firstValue("X-RateLimit-Reset-After");
        if (remaining.isEmpty() || resetAfter.isEmpty() || !remaining.get().trim().equals("0")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofMillis((long) Math.ceil(Double.parseDouble(resetAfter.get().trim()) * 1000)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
