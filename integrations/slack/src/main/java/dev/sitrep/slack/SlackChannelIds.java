package dev.sitrep.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.conversations.ConversationsListResponse;
import com.slack.api.model.Conversation;
import com.slack.api.model.ConversationType;
import dev.sitrep.commands.port.PlatformFailure;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A channel given by name (a service's broadcast channel, {@code sitrep.slack.broadcast-channel}) as
 * the id the methods that read a channel need: chat.postMessage takes a name
 * (https://api.slack.com/methods/chat.postMessage#arg_channel), but conversations.history wants
 * the conversation's id (https://api.slack.com/methods/conversations.history#arg_channel) and
 * answers a name with channel_not_found. Names are looked up with conversations.list, every page
 * (cursor pagination, https://api.slack.com/methods/conversations.list and
 * https://api.slack.com/docs/pagination), and kept: a channel's id never changes, and a rename only
 * leaves the old name pointing at the same channel until the next restart.
 */
public final class SlackChannelIds {

    /** Ids are upper case, starting C (channels), G (older private ones) or D; names are lower case, so never one. */
    private static final Pattern ID = Pattern.compile("[CGD][A-Z0-9]+");
    /** The page size Slack's pagination guide recommends (https://api.slack.com/docs/pagination); the cursor does the rest. */
    private static final int PAGE = 200;

    private final MethodsClient client;
    private final SlackCalls calls;
    /**
     * How soon a name not found may cause another listing: a missing name is asked on every retry of
     * an effect, inside that effect's hold, and a full listing of a large workspace must not run each time.
     */
    private static final long RELIST_AFTER_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(1);

    private final Map<String, String> byName = new ConcurrentHashMap<>();
    private long listedAt;
    private boolean listed;

    public SlackChannelIds(MethodsClient client, SlackCalls calls) {
        this.client = client;
        this.calls = calls;
    }

    /** Whether {@code channel} is written as an id, not a name. */
    public static boolean isId(String channel) {
        return ID.matcher(channel).matches();
    }

    /** The id of {@code channel} (an id is its own; a name, with or without '#', is looked up once). */
    public String idOf(String channel) {
        if (isId(channel)) {
            return channel;
        }
        String name = channel.startsWith("#") ? channel.substring(1) : channel;
        String known = byName.get(name);
        if (known != null) {
            return known;
        }
        synchronized (this) {
            // One listing for everyone who asked at the same time.
            if (!byName.containsKey(name) && (!listed || System.nanoTime() - listedAt > RELIST_AFTER_NANOS)) {
                listAll();
                listed = true;
                listedAt = System.nanoTime();
            }
        }
        String found = byName.get(name);
        if (found == null) {
            throw new PlatformFailure("Slack has no channel named #" + name + " that sitrep can see (conversations.list"
                    + " lists public channels and the private ones sitrep is in): give its id (C…) instead, or invite"
                    + " the sitrep app to it", null);
        }
        return found;
    }

    private void listAll() {
        String cursor = null;
        do {
            String page = cursor;
            ConversationsListResponse listed = calls.call("conversations.list", null, () -> client.conversationsList(r -> r
                    .types(List.of(ConversationType.PUBLIC_CHANNEL, ConversationType.PRIVATE_CHANNEL))
                    .excludeArchived(true).limit(PAGE).cursor(page)));
            if (listed.getChannels() != null) {
                for (Conversation c : listed.getChannels()) {
                    byName.put(c.getName(), c.getId());
                }
            }
            cursor = listed.getResponseMetadata() == null ? null : listed.getResponseMetadata().getNextCursor();
        } while (cursor != null && !cursor.isEmpty());
    }
}
