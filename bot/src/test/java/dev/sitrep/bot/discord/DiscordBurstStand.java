package dev.sitrep.bot.discord;

import static dev.sitrep.bot.discord.FakeDiscordGateway.GUILD;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Discord standing in for a burst (the benchmark's and the tests'): the REST stand-in holding every
 * request to Discord's rate limits ({@link DiscordRateLimits}), each channel creation a new channel,
 * and the fake gateway to deliver {@code /incident start} from many people at once.
 */
public final class DiscordBurstStand implements AutoCloseable {

    /** Channel creation's bucket in the stand-in: how many per window. */
    public static final int CREATE_LIMIT = DiscordRateLimits.CREATE_CHANNEL.limit();
    public static final long CREATE_WINDOW_MILLIS = DiscordRateLimits.CREATE_CHANNEL.per().toMillis();
    /** The broadcast channel's message bucket: every announcement of a burst goes through it. */
    public static final int MESSAGE_LIMIT = DiscordRateLimits.CHANNEL_MESSAGES.limit();
    public static final long MESSAGE_WINDOW_MILLIS = DiscordRateLimits.CHANNEL_MESSAGES.per().toMillis();
    public static final String BROADCAST = FakeDiscordGateway.BROADCAST;

    private static final Pattern FOLLOW_UP = Pattern.compile("/api/v10/webhooks/\\d+/tok-(\\d+)(/messages/@original)?");

    /** What one person was told privately about one interaction, and when. */
    public record Told(String interaction, String content, long at) {
    }

    /** A message sitrep posted in a channel, and when. */
    public record Posted(String channel, String body, long at) {
    }

    final FakeDiscordApi api = new FakeDiscordApi();
    final FakeDiscordGateway gateway;
    private final java.util.Set<String> teamChannels = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public DiscordBurstStand() throws IOException {
        api.everyChannelNew();
        api.enforceRateLimits();
        gateway = new FakeDiscordGateway();
        gateway.start();
    }

    /** sitrep on this Discord, with {@code extraArgs}; returns once JDA identified. */
    public ConfigurableApplicationContext startBot(String... extraArgs) throws IOException, InterruptedException {
        return DiscordBot.start(api, gateway, "sitrep-discord-burst", extraArgs);
    }

    /** Someone types {@code /incident start} in a channel of their own; answers the interaction's id. */
    public String declare(String userId, String userName, String channelId, String title, String severity) {
        if (teamChannels.add(channelId)) {
            // The team's channel exists in the server (JDA builds an interaction's channel from its cache).
            gateway.dispatch("CHANNEL_CREATE", FakeDiscordApi.channel(channelId, "team-" + channelId,
                    FakeDiscordGateway.CATEGORY, "[]"));
        }
        String id = Interactions.snowflake();
        gateway.dispatch("INTERACTION_CREATE", Interactions.slash(id, channelId, "team", userId, userName, "start",
                Map.of("title", title, "severity", severity), Map.of()));
        return id;
    }

    /** Someone types {@code /incident help} in the general channel; answers the interaction's id. */
    public String help(String userId, String userName) {
        String id = Interactions.snowflake();
        gateway.dispatch("INTERACTION_CREATE", Interactions.slash(id, FakeDiscordGateway.GENERAL, "general", userId,
                userName, "help", Map.of(), Map.of()));
        return id;
    }

    /** Everything sitrep told people privately (follow-ups and edits of deferred answers), in order. */
    public List<Told> told() {
        List<Told> told = new ArrayList<>();
        for (ServeEvent event : api.server.getAllServeEvents()) {
            var m = FOLLOW_UP.matcher(event.getRequest().getUrl().replaceFirst("\\?.*", ""));
            String method = event.getRequest().getMethod().getName();
            if (m.matches() && ("POST".equals(method) || "PATCH".equals(method))
                    && event.getResponse().getStatus() / 100 == 2) {
                String body = event.getRequest().getBodyAsString();
                String content = body.isBlank() ? "" : DataObject.fromJson(body).getString("content", "");
                told.add(new Told(m.group(1), content, event.getRequest().getLoggedDate().getTime()));
            }
        }
        told.sort(Comparator.comparingLong(Told::at));
        return told;
    }

    /** A channel sitrep created, and when. */
    public record Created(String channel, long at) {
    }

    /** The channels created (answered 2xx), in order. */
    public List<Created> created() {
        return api.server.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getMethod().getName().equals("POST")
                        && e.getRequest().getUrl().equals("/api/v10/guilds/" + GUILD + "/channels")
                        && e.getResponse().getStatus() / 100 == 2)
                .map(e -> new Created(DataObject.fromJson(e.getResponse().getBodyAsString()).getString("id"),
                        e.getRequest().getLoggedDate().getTime()))
                .sorted(Comparator.comparingLong(Created::at)).toList();
    }

    /** When each channel was created (answered 2xx). */
    public List<Long> channelsCreated() {
        return api.server.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getMethod().getName().equals("POST")
                        && e.getRequest().getUrl().equals("/api/v10/guilds/" + GUILD + "/channels")
                        && e.getResponse().getStatus() / 100 == 2)
                .map(e -> e.getRequest().getLoggedDate().getTime()).sorted().toList();
    }

    /** Messages posted (answered 2xx) in any channel. */
    public List<Posted> posted() {
        Pattern messages = Pattern.compile("/api/v10/channels/(\\d+)/messages");
        List<Posted> posted = new ArrayList<>();
        for (ServeEvent e : api.server.getAllServeEvents()) {
            var m = messages.matcher(e.getRequest().getUrl());
            if (e.getRequest().getMethod().getName().equals("POST") && m.matches() && e.getResponse().getStatus() / 100 == 2) {
                posted.add(new Posted(m.group(1), e.getRequest().getBodyAsString(), e.getRequest().getLoggedDate().getTime()));
            }
        }
        posted.sort(Comparator.comparingLong(Posted::at));
        return posted;
    }

    /** 429s answered for a route's bucket. */
    public long routeLimited() {
        return api.rules.limits().routeLimited();
    }

    /** 429s answered for the global limit. */
    public long globalLimited() {
        return api.rules.limits().globalLimited();
    }

    /** Requests to a bucket that came again before their 429's retry_after was over. */
    public long tooEarly() {
        return api.rules.limits().tooEarly();
    }

    /** Requests that arrived while a global 429's retry_after ran (see {@link DiscordRateLimits#globalTooEarly}). */
    public long globalTooEarly() {
        return api.rules.limits().globalTooEarly();
    }

    /** Lowers the global limit, so a test meets it without 50 requests in a second. */
    public void globalPerSecond(int perSecond) {
        api.rules.limits().globalPerSecond(perSecond);
    }

    @Override
    public void close() {
        api.close();
        try {
            gateway.stop(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
