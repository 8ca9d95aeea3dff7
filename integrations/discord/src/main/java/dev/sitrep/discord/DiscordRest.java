package dev.sitrep.discord;

import dev.sitrep.commands.port.PlatformFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.jspecify.annotations.Nullable;

/**
 * Discord's REST API without a gateway session, for replicas that do not hold the gateway lease:
 * they still post the reminders and escalations they claim. Only the calls those need — send a
 * message, set a topic, find a channel — and Discord's 429s and 5xx waited out a few times.
 */
public final class DiscordRest {

    private static final int MAX_ATTEMPTS = 4;
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final String apiUrl;
    private final String authorization;
    private final Duration firstBackoff;

    /** @param apiUrl Discord's API root with a trailing slash, e.g. {@code https://discord.com/api/v10/} */
    public DiscordRest(String apiUrl, String token, Duration firstBackoff) {
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        this.apiUrl = apiUrl.endsWith("/") ? apiUrl : apiUrl + "/";
        this.authorization = "Bot " + token;
        this.firstBackoff = firstBackoff;
    }

    /** Sends a message and answers its id; Discord returns the first message again for a repeated enforced nonce. */
    public String send(String channelId, DataObject message) {
        return call("POST", "channels/" + channelId + "/messages", message).getString("id");
    }

    public void setTopic(String channelId, String topic) {
        call("PATCH", "channels/" + channelId, DataObject.empty().put("topic", topic));
    }

    /** The id of a text channel in the server, given its id or its name (with or without '#'). */
    public Optional<String> textChannel(String guildId, String idOrName) {
        String name = idOrName.startsWith("#") ? idOrName.substring(1) : idOrName;
        DataArray channels = DataArray.fromJson(request("GET", "guilds/" + guildId + "/channels", null));
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
        DataArray guilds = DataArray.fromJson(request("GET", "users/@me/guilds", null));
        return guilds.isEmpty() ? Optional.empty() : Optional.of(guilds.getObject(0).getString("id"));
    }

    private DataObject call(String method, String path, DataObject body) {
        return DataObject.fromJson(request(method, path, body.toString()));
    }

    private String request(String method, String path, @Nullable String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(apiUrl + path))
                .timeout(Duration.ofSeconds(15))
                .header("Authorization", authorization)
                .header("User-Agent", "DiscordBot (https://github.com/sitrep/sitrep, 1)")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        Duration backoff = firstBackoff;
        for (int attempt = 1; ; attempt++) {
            String failure;
            Duration wait = backoff;
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status / 100 == 2) {
                    return response.body().isEmpty() ? "{}" : response.body();
                }
                failure = "HTTP " + status + " " + reason(response.body());
                if (status == 429) {
                    wait = retryAfter(response).orElse(backoff);
                } else if (status < 500) {
                    throw new PlatformFailure("Discord " + method + " /" + path + " answered " + failure
                            + (status == 401 ? " (check the bot token)" : status == 403
                            ? " (grant sitrep's role the permission)" : ""), null);
                }
            } catch (IOException e) {
                failure = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PlatformFailure("Interrupted while calling Discord", e);
            }
            if (attempt >= MAX_ATTEMPTS || wait.compareTo(LONGEST_WAIT) > 0) {
                throw new PlatformFailure("Discord " + method + " /" + path + " failed after " + attempt
                        + " attempts: " + failure, null);
            }
            sleep(wait);
            backoff = backoff.multipliedBy(2);
        }
    }

    /** Discord says how long to wait in seconds, as a header and as {@code retry_after} in the body. */
    private static Optional<Duration> retryAfter(HttpResponse<String> response) {
        try {
            DataObject body = DataObject.fromJson(response.body());
            if (body.hasKey("retry_after")) {
                return Optional.of(Duration.ofMillis((long) Math.ceil(body.getDouble("retry_after") * 1000)));
            }
        } catch (RuntimeException notJson) {
            // fall through to the header
        }
        return response.headers().firstValue("Retry-After")
                .map(s -> Duration.ofMillis((long) Math.ceil(Double.parseDouble(s) * 1000)));
    }

    private static String reason(String body) {
        try {
            return DataObject.fromJson(body).getString("message", "");
        } catch (RuntimeException notJson) {
            return "";
        }
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformFailure("Interrupted while waiting out a Discord rate limit", e);
        }
    }
}
