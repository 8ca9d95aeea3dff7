package dev.sitrep.redis.faults;

import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.message.Message;
import dev.sitrep.commands.message.Postmortem;
import dev.sitrep.commands.port.ChatPlatform;
import dev.sitrep.commands.port.PostedMessage;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The chat as the outside world sees it: everything that reached it, in order, outliving any
 * replica. A keyed post can be found again by its key, as Slack finds a message by its metadata
 * (https://api.slack.com/metadata/using: metadata is returned by conversations.history with
 * include_all_metadata) — so {@link #alreadyPosted} answers truthfully. Every call is a step
 * boundary: killed before it, it never reached the chat; killed after, it did, but the replica
 * never learned so.
 */
final class LedgerPlatform implements ChatPlatform {

    /**
     * One thing that reached the chat: where (channel names with the incident number blanked), what
     * (a message's template, or an action such as "topic"), under which key; {@code message} when
     * it is a message people read (a post or an announcement), which must never appear twice.
     */
    record Seen(String where, String what, @Nullable String key, boolean message) {
    }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private final Set<String> members;
    private final CrashPoints crash;

    LedgerPlatform(Set<String> members, CrashPoints crash) {
        this.members = members;
        this.crash = crash;
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    private void reach(String where, String what, @Nullable String key) {
        reach(where, what, key, false);
    }

    private void reach(String where, String what, @Nullable String key, boolean message) {
        crash.around(what + " in " + where,
                () -> seen.add(new Seen(where.replaceAll("inc-\\d+", "inc-N"), what, key, message)));
    }

    @Override
    public String name() {
        return "console";
    }

    @Override
    public ChannelRef openChannel(String channelName, boolean privateChannel) {
        reach("#" + channelName, "open channel", null);
        return new ChannelRef("console", "C-" + channelName, channelName);
    }

    @Override
    public void invite(ChannelRef channel, Member member) {
        reach("#" + channel.name(), "invite " + member.id(), null);
    }

    @Override
    public void setTopic(ChannelRef channel, Message topic) {
        reach("#" + channel.name(), "topic", null);
    }

    @Override
    public PostedMessage post(ChannelRef channel, Message message) {
        return post(channel, message, null);
    }

    @Override
    public PostedMessage post(ChannelRef channel, Message message, @Nullable String idempotencyKey) {
        reach("#" + channel.name(), message.template(), idempotencyKey, true);
        return new PostedMessage(channel, Long.toString(ids.incrementAndGet()));
    }

    @Override
    public boolean alreadyPosted(ChannelRef channel, String idempotencyKey) {
        String where = ("#" + channel.name()).replaceAll("inc-\\d+", "inc-N");
        return seen.stream().anyMatch(s -> s.where().equals(where) && idempotencyKey.equals(s.key()));
    }

    @Override
    public void pin(PostedMessage message) {
        reach("#" + message.channel().name(), "pin", null);
    }

    @Override
    public void announce(Message message) {
        announce(message, null);
    }

    @Override
    public void announce(Message message, @Nullable String idempotencyKey) {
        reach("broadcast", message.template(), idempotencyKey, true);
    }

    @Override
    public boolean alreadyAnnounced(String idempotencyKey) {
        return seen.stream().anyMatch(s -> s.where().equals("broadcast") && idempotencyKey.equals(s.key()));
    }

    @Override
    public void replyPrivately(ChannelRef where, Member to, Message message) {
        // The caller's own answer: a killed process never gives it, a re-run does; not part of the record.
    }

    @Override
    public Optional<Member> findMember(String mentionKey) {
        return members.contains(mentionKey) ? Optional.of(new Member("console", mentionKey, mentionKey)) : Optional.empty();
    }

    @Override
    public boolean openUpdateForm(ChannelRef channel, Member caller, Incident incident) {
        return false;
    }

    @Override
    public String attachPostmortem(ChannelRef channel, Postmortem postmortem) {
        reach("#" + channel.name(), "postmortem file", null);
        return "#" + channel.name();
    }

    @Override
    public void commanderChanged(ChannelRef channel, @Nullable Member previous, Member current) {
        reach("#" + channel.name(), "commander role to " + current.id(), null);
    }

    @Override
    public void incidentResolved(ChannelRef channel, Incident incident) {
        reach("#" + channel.name(), "close channel", null);
    }
}
