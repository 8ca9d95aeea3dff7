package dev.sitrep.bot.console;

import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.message.Button;
import dev.sitrep.commands.message.Buttons;
import dev.sitrep.commands.message.Message;
import dev.sitrep.commands.port.ChatPlatform;
import dev.sitrep.commands.port.PostedMessage;
import dev.sitrep.templates.ConsoleDialect;
import dev.sitrep.templates.TemplateRenderer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** The chat platform of the terminal: every message is printed, prefixed with its channel. */
public final class ConsoleChatPlatform implements ChatPlatform {

    public static final String NAME = ConsoleDialect.PLATFORM;

    private final ConsoleIo io;
    private final ConsoleWorkspace workspace;
    private final TemplateRenderer renderer;
    private final String broadcastChannel;
    private final ConsoleChoices choices;
    private final AtomicLong messageIds = new AtomicLong();

    ConsoleChatPlatform(ConsoleIo io, ConsoleWorkspace workspace, TemplateRenderer renderer, String broadcastChannel,
                        ConsoleChoices choices) {
        this.io = io;
        this.workspace = workspace;
        this.renderer = renderer;
        this.broadcastChannel = broadcastChannel;
        this.choices = choices;
    }

    static ChannelRef ref(String channelName) {
        return new ChannelRef(NAME, channelName, channelName);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ChannelRef openChannel(String name, boolean privateChannel) {
        workspace.open(name, privateChannel);
        io.info("* sitrep created " + (privateChannel ? "private " : "") + "channel #" + name);
        return ref(name);
    }

    @Override
    public void invite(ChannelRef channel, Member member) {
        workspace.addMember(channel.id(), member.id());
        if (member.id().equals(workspace.me())) {
            // On a terminal there is only one screen: follow the caller into the channel they were added to.
            workspace.moveTo(member.id(), channel.id());
            io.info("* you (" + member.id() + ") are now in #" + channel.id());
        } else {
            io.info("* " + member.id() + " was added to #" + channel.id());
        }
    }

    @Override
    public void setTopic(ChannelRef channel, Message topic) {
        io.print("#" + channel.id(), "topic: " + renderer.render(topic));
    }

    @Override
    public PostedMessage post(ChannelRef channel, Message message) {
        String id = Long.toString(messageIds.incrementAndGet());
        List<Button> buttons = Buttons.of(message);
        if (buttons.isEmpty()) {
            io.print("#" + channel.id(), renderer.render(message));
        } else {
            // Offered before they are shown, so a /click typed the moment they appear finds them.
            List<ConsoleChoices.Choice> offered = choices.offer(channel.id(), id, buttons);
            io.print("#" + channel.id(), renderer.render(message) + "\n" + ConsoleChoices.line(offered));
        }
        return new PostedMessage(channel, id);
    }

    @Override
    public void pin(PostedMessage message) {
        io.info("* sitrep pinned message " + message.id() + " in #" + message.channel().id());
    }

    @Override
    public void announce(Message message) {
        io.print("#" + broadcastChannel, renderer.render(message));
    }

    /** A service's broadcast channel, named as configured. */
    @Override
    public void announceIn(String channel, Message message, String idempotencyKey) {
        io.print(channel.startsWith("#") ? channel : "#" + channel, renderer.render(message));
    }

    /** How a pressed choice is shown: "↳ Update posted by bob 10:42:07 UTC", under the channel's messages. */
    void answered(String channel, String shown) {
        io.print("#" + channel, "↳ " + shown);
    }

    String time(Instant at) {
        return renderer.dialect().time(at);
    }

    @Override
    public void replyPrivately(ChannelRef where, Member to, Message message) {
        io.print("(only " + to.displayName() + ")", renderer.render(message));
    }

    @Override
    public Optional<Member> findMember(String mentionKey) {
        return workspace.person(mentionKey).map(p -> new Member(NAME, p, p));
    }

    @Override
    public String attachPostmortem(ChannelRef channel, dev.sitrep.commands.message.Postmortem postmortem) {
        String file = postmortem.fileName();
        io.print("#" + channel.id(), "[file " + file + "]\n" + renderer.render(postmortem));
        return "#" + channel.name() + " (" + file + ")";
    }

    @Override
    public boolean openUpdateForm(ChannelRef channel, Member caller, Incident incident) {
        return false;
    }
}
