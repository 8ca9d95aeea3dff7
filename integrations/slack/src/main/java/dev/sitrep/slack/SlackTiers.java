package dev.sitrep.slack;

import dev.sitrep.http.Pacer;
import java.time.Duration;
import java.util.Map;

/**
 * Slack's published limit for each Web API method sitrep calls, applied "per API method per app per
 * workspace" (https://api.slack.com/apis/rate-limits): Tier 2 is 20+ per minute, Tier 3 50+, Tier 4
 * 100+; the tier of each method is on its page, https://api.slack.com/methods/&lt;method&gt;.
 * chat.postMessage is special: about one message per second per channel
 * (https://api.slack.com/methods/chat.postMessage#rate_limiting), so it is paced per channel.
 */
final class SlackTiers {

    static final Pacer.Limit TIER_2 = Pacer.Limit.perMinute(20);
    static final Pacer.Limit TIER_3 = Pacer.Limit.perMinute(50);
    static final Pacer.Limit TIER_4 = Pacer.Limit.perMinute(100);
    static final Pacer.Limit PER_CHANNEL_MESSAGES = new Pacer.Limit(1, Duration.ofSeconds(1));

    private static final Map<String, Pacer.Limit> TIERS = Map.ofEntries(
            Map.entry("conversations.create", TIER_2),      // https://api.slack.com/methods/conversations.create
            Map.entry("conversations.setTopic", TIER_2),    // https://api.slack.com/methods/conversations.setTopic
            Map.entry("pins.add", TIER_2),                  // https://api.slack.com/methods/pins.add
            Map.entry("usergroups.users.list", TIER_2),     // https://api.slack.com/methods/usergroups.users.list
            Map.entry("conversations.invite", TIER_3),      // https://api.slack.com/methods/conversations.invite
            Map.entry("conversations.history", TIER_3),     // https://api.slack.com/methods/conversations.history
            Map.entry("chat.postEphemeral", TIER_4),        // https://api.slack.com/methods/chat.postEphemeral
            Map.entry("users.info", TIER_4),                // https://api.slack.com/methods/users.info
            Map.entry("views.open", TIER_4),                // https://api.slack.com/methods/views.open
            // files.getUploadURLExternal and files.completeUploadExternal, both Tier 4
            // (https://api.slack.com/methods/files.getUploadURLExternal).
            Map.entry("files.uploadV2", TIER_4));

    private SlackTiers() {
    }

    /** The line a call waits in: the method's, or for a message the channel's. */
    static String line(String method, @org.jspecify.annotations.Nullable String channel) {
        return channel == null ? method : method + ":" + channel;
    }

    /** A method not listed gets the most common tier (Tier 2, "most methods"). */
    static Pacer.Limit limit(String method, @org.jspecify.annotations.Nullable String channel) {
        return channel != null ? PER_CHANNEL_MESSAGES : TIERS.getOrDefault(method, TIER_2);
    }
}
