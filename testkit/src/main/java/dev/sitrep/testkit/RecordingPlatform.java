package dev.sitrep.testkit;

import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.message.Message;
import dev.sitrep.commands.message.Messages;
import dev.sitrep.commands.message.Postmortem;
import dev.sitrep.commands.port.ChatPlatform;
import dev.sitrep.commands.port.PlatformFailure;
import dev.sitrep.commands.port.PostedMessage;
import dev.sitrep.commands.port.Waiting;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A chat platform that records what the engine asked of it, for tests of the engine's decisions
 * (what is posted where, to whom). Rendering and transport are tested with the real adapters.
 * Safe to share between threads (two replicas racing post to one recording).
 */
public final class RecordingPlatform implements ChatPlatform {

    /** One thing the engine did: where ("#channel", "broadcast", "private:member") and what. */
    public record Sent(String where, Message message) {
    }

    private final String name;
    private final Set<String> members;
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicInteger failures = new AtomicInteger();

    private final Map<String, String> refusals = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> refused = new ConcurrentHashMap<>();

    /** The next n posts fail as an outage would. */
    public void failNextPosts(int n) {
        failures.set(n);
    }

    /**
     * Every call of one kind (open, invite, invite-group, commander, topic, post, pin, announce, reply) fails from now
     * on with this message, as a platform refuses a call the bot lacks a permission for.
     */
    public void refuse(String call, String message) {
        refusals.put(call, message);
    }

    /** How many calls of this kind were refused so far. */
    public int refused(String call) {
        AtomicInteger count = refused.get(call);
        return count == null ? 0 : count.get();
    }

    /** Calls of this kind work again (the permission was granted). */
    public void allow(String call) {
        refusals.remove(call);
    }

    /** Closed while announcements wait in line (a broadcast channel's rate limit in a burst). */
    private volatile CountDownLatch announcementsOpen = new CountDownLatch(0);
    private final AtomicInteger announcementsWaiting = new AtomicInteger();

    /**
     * From now on every announcement waits until {@link #releaseAnnouncements}, as one waits in a
     * broadcast channel's line behind a burst's announcements.
     */
    public void holdAnnouncements() {
        announcementsOpen = new CountDownLatch(1);
    }

    public void releaseAnnouncements() {
        announcementsOpen.countDown();
    }

    /** How many announcements wait in line now. */
    public int announcementsHeld() {
        return announcementsWaiting.get();
    }

    private void waitInAnnouncementsLine() {
        CountDownLatch open = announcementsOpen;
        if (open.getCount() == 0) {
            return;
        }
        announcementsWaiting.incrementAndGet();
        try {
            open.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformFailure("interrupted while waiting in the broadcast channel's line", e);
        } finally {
            announcementsWaiting.decrementAndGet();
        }
    }

    private void check(String call) {
        String refusal = refusals.get(call);
        if (refusal != null) {
            refused.computeIfAbsent(call, c -> new AtomicInteger()).incrementAndGet();
            throw new PlatformFailure(refusal, null);
        }
    }

    public RecordingPlatform(String name, Set<String> members) {
        this.name = name;
        this.members = members;
    }

    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    public <M extends Message> List<M> sent(Class<M> type) {
        return sent.stream().map(Sent::message).filter(type::isInstance).map(type::cast).toList();
    }

    /** The private answers a member received that were rejections. */
    public List<Messages.CommandRejected> rejections() {
        return sent(Messages.CommandRejected.class);
    }

    public void clear() {
        sent.clear();
    }

    @Override
    public String name() {
        return name;
    }

    private volatile Waiting line;

    /** Channel creation waits in this line from now on (a platform pacing a burst), as Slack tells its place. */
    public void paceChannelCreation(Waiting waiting) {
        line = waiting;
    }

    @Override
    public ChannelRef openChannel(String channelName, boolean privateChannel, Consumer<Waiting> whileWaiting) {
        Waiting waiting = line;
        if (waiting != null) {
            whileWaiting.accept(waiting);
        }
        return openChannel(channelName, privateChannel);
    }

    @Override
    public ChannelRef openChannel(String channelName, boolean privateChannel) {
        check("open");
        sent.add(new Sent("open:" + channelName + (privateChannel ? ":private" : ""), new Messages.CommandAccepted(
                channelName, null)));
        return new ChannelRef(name, "C-" + channelName, channelName);
    }

    @Override
    public void invite(ChannelRef channel, Member member) {
        check("invite");
        sent.add(new Sent("invite:" + channel.name() + ":" + member.id(), new Messages.CommandAccepted(member.id(), null)));
    }

    /** Recorded as {@code invite-group:<channel>:<group>}; refused with {@code refuse("invite-group", …)}. */
    @Override
    public void inviteGroup(ChannelRef channel, String group) {
        check("invite-group");
        sent.add(new Sent("invite-group:" + channel.name() + ":" + group, new Messages.CommandAccepted(group, null)));
    }

    @Override
    public void setTopic(ChannelRef channel, Message topic) {
        check("topic");
        sent.add(new Sent("topic:#" + channel.name(), topic));
    }

    @Override
    public PostedMessage post(ChannelRef channel, Message message) {
        check("post");
        if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new PlatformFailure("chat is down", null);
        }
        sent.add(new Sent("#" + channel.name(), message));
        return new PostedMessage(channel, Long.toString(ids.incrementAndGet()));
    }

    @Override
    public void pin(PostedMessage message) {
        check("pin");
        sent.add(new Sent("pin:#" + message.channel().name(), new Messages.CommandAccepted(message.id(), null)));
    }

    @Override
    public void announce(Message message) {
        check("announce");
        waitInAnnouncementsLine();
        sent.add(new Sent("broadcast", message));
    }

    /** Recorded as {@code broadcast:<channel>}. */
    @Override
    public void announceIn(String channel, Message message, String idempotencyKey) {
        check("announce");
        waitInAnnouncementsLine();
        sent.add(new Sent("broadcast:" + channel, message));
    }

    @Override
    public void replyPrivately(ChannelRef where, Member to, Message message) {
        check("reply");
        sent.add(new Sent("private:" + to.id(), message));
    }

    @Override
    public void commanderChanged(ChannelRef channel, Member previous, Member current) {
        check("commander");
        sent.add(new Sent("commander:" + channel.name() + ":" + current.id(), new Messages.CommandAccepted(
                current.id(), null)));
    }

    @Override
    public Optional<Member> findMember(String mentionKey) {
        return members.contains(mentionKey) ? Optional.of(new Member(name, mentionKey, mentionKey)) : Optional.empty();
    }

    @Override
    public String attachPostmortem(ChannelRef channel, Postmortem postmortem) {
        sent.add(new Sent("file:#" + channel.name(), postmortem));
        return "#" + channel.name() + " (" + postmortem.fileName() + ")";
    }

    @Override
    public boolean openUpdateForm(ChannelRef channel, Member caller, Incident incident) {
        return false;
    }
}
