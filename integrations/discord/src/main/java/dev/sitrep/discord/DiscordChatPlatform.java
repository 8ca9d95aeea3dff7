package dev.sitrep.discord;

import static dev.sitrep.discord.JdaCalls.discord;

import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.message.Clicked;
import dev.sitrep.commands.message.Message;
import dev.sitrep.commands.message.Messages;
import dev.sitrep.commands.message.Postmortem;
import dev.sitrep.commands.port.ChatPlatform;
import dev.sitrep.commands.port.PlatformFailure;
import dev.sitrep.commands.port.PostedMessage;
import dev.sitrep.commands.port.Waiting;
import dev.sitrep.http.Pacer;
import dev.sitrep.templates.TemplateRenderer;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Role;
import net.dv8tion.jda.api.entities.UserSnowflake;
import net.dv8tion.jda.api.entities.channel.concrete.Category;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.requests.restaction.ChannelAction;
import net.dv8tion.jda.api.utils.FileUpload;
import org.jspecify.annotations.Nullable;

/**
 * The engine's chat platform on one Discord server. What it says becomes a {@link DiscordMessage}
 * ({@link MessageComposer}) that {@link DiscordRouter} sends through JDA or REST; what it looks up
 * comes from the {@link GuildDirectory}; what only the gateway replica can do (create channels,
 * roles, pins) goes through JDA, which waits out Discord's rate limits itself (its buckets, learnt from
 * the {@code X-RateLimit-*} headers; {@link RateLimitWatch} only reads them, to tell people their place).
 *
 * <p>Only one replica holds the gateway connection (and so JDA's cache of the server); on the
 * others {@code jda} supplies null, and what they still need to do — post the reminders and
 * escalations they claim, set a topic — goes through {@link DiscordRest}.
 */
public final class DiscordChatPlatform implements ChatPlatform {

    public static final String NAME = "discord";
    private static final EnumSet<Permission> MEMBER_ACCESS = EnumSet.of(Permission.VIEW_CHANNEL,
            Permission.MESSAGE_SEND, Permission.MESSAGE_HISTORY);
    /** https://discord.com/developers/docs/resources/channel#modify-channel-json-params-guild-channel */
    private static final int MAX_TOPIC = 1024;

    private final DiscordSettings settings;
    private final MessageComposer composer;
    private final TemplateRenderer markdown;
    private final GuildDirectory directory;
    private final DiscordRouter router;
    private final RateLimitWatch limits;
    /** Channel creations on their way on this replica: JDA sends them one after the other, in this order. */
    private final AtomicInteger creating = new AtomicInteger();

    public DiscordChatPlatform(Supplier<@Nullable JDA> jda, DiscordRest rest, DiscordSettings settings,
                               TemplateRenderer renderer, TemplateRenderer markdown) {
        this(jda, rest, settings, renderer, markdown, new RateLimitWatch());
    }

    /** @param limits the watch on JDA's HTTP client, to tell a declarer where their channel stands */
    public DiscordChatPlatform(Supplier<@Nullable JDA> jda, DiscordRest rest, DiscordSettings settings,
                               TemplateRenderer renderer, TemplateRenderer markdown, RateLimitWatch limits) {
        this.limits = limits;
        this.settings = settings;
        this.composer = new MessageComposer(renderer);
        this.markdown = markdown;
        this.directory = new GuildDirectory(jda, rest, settings);
        this.router = new DiscordRouter(directory, rest);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int maxChannelNameLength() {
        return 100;
    }

    /**
     * Channel creation is one bucket per server ({@code POST /guilds/{id}/channels}), and JDA sends
     * its requests one after the other as the bucket allows. When this one has to wait for the
     * bucket, the declarer is told at once its place and about how long, from what Discord's last
     * answer said of the bucket (https://discord.com/developers/docs/topics/rate-limits#header-format).
     */
    @Override
    public ChannelRef openChannel(String name, boolean privateChannel, Consumer<Waiting> whileWaiting) {
        int place = creating.incrementAndGet();
        try {
            limits.wait("POST", "/guilds/" + directory.guild().getId() + "/channels", place).ifPresent(about ->
                    whileWaiting.accept(new Waiting("Discord", "channel creation", place, about)));
            return openChannel(name, privateChannel);
        } finally {
            creating.decrementAndGet();
        }
    }

    @Override
    public ChannelRef openChannel(String name, boolean privateChannel) {
        Guild guild = directory.guild();
        Category category = directory.category(settings.category());
        return discord("create the incident channel", Permission.MANAGE_CHANNEL, () -> {
            ChannelAction<TextChannel> create = guild.createTextChannel(name, category);
            if (privateChannel) {
                create = create.addPermissionOverride(guild.getPublicRole(), EnumSet.noneOf(Permission.class),
                                EnumSet.of(Permission.VIEW_CHANNEL))
                        .addMemberPermissionOverride(guild.getSelfMember().getIdLong(), MEMBER_ACCESS,
                                EnumSet.noneOf(Permission.class));
            }
            TextChannel channel = create.complete();
            return new ChannelRef(NAME, channel.getId(), channel.getName());
        });
    }

    /** Public channels are open to everyone already; a private one gets a member override. */
    @Override
    public void invite(ChannelRef channel, Member member) {
        TextChannel text = directory.text(channel);
        var everyone = text.getPermissionOverride(text.getGuild().getPublicRole());
        if (everyone != null && everyone.getDenied().contains(Permission.VIEW_CHANNEL)) {
            discord("add a member to the private channel", Permission.MANAGE_ROLES, () -> text.getManager()
                    .putMemberPermissionOverride(Long.parseLong(member.id()), Permission.getRaw(MEMBER_ACCESS), 0)
                    .complete());
        }
    }

    /**
     * A service's owners role is given the channel with a role overwrite (Edit Channel Permissions,
     * {@code PUT /channels/{id}/permissions/{role id}} with {@code type} 0 for a role:
     * https://discord.com/developers/docs/resources/channel#edit-channel-permissions), so its members
     * see a private channel too; the kick-off mentions the role ({@link MessageComposer#rolePings}).
     */
    @Override
    public void inviteGroup(ChannelRef channel, String group) {
        TextChannel text = directory.text(channel);
        Role role = DiscordDialect.isSnowflake(group) ? text.getGuild().getRoleById(group) : null;
        if (role == null) {
            throw new PlatformFailure("The Discord role " + group + " (a service's owners group) does not exist in"
                    + " this server", null);
        }
        discord("give the owners role access to the channel", Permission.MANAGE_ROLES,
                () -> text.upsertPermissionOverride(role).grant(MEMBER_ACCESS).complete());
    }

    @Override
    public void setTopic(ChannelRef channel, Message topic) {
        router.setTopic(channel.id(), DiscordMessage.limit(composer.render(topic), MAX_TOPIC));
    }

    /** A fresh nonce even without a key, so that a post retried after a 5xx cannot become two messages. */
    @Override
    public PostedMessage post(ChannelRef channel, Message message) {
        return new PostedMessage(channel, router.send(channel.id(), composer.compose(message, DiscordMessage.freshNonce())));
    }

    /**
     * Discord deduplicates messages by nonce when {@code enforce_nonce} is set: a re-post with the
     * same nonce within a few minutes returns the first message instead of a second.
     */
    @Override
    public PostedMessage post(ChannelRef channel, Message message, String idempotencyKey) {
        return new PostedMessage(channel, router.send(channel.id(),
                composer.compose(message, DiscordMessage.nonce(idempotencyKey)), lane(message)));
    }

    /** Reminders go ahead of everything else waiting in the same line (the broadcast channel in a burst). */
    static Pacer.Lane lane(Message message) {
        return message instanceof Messages.UpdateOverdue || message instanceof Messages.UpdatesEscalated
                || message instanceof Messages.OverdueBroadcast || message instanceof Messages.PostmortemOverdue
                ? Pacer.Lane.FIRST : Pacer.Lane.NORMAL;
    }

    @Override
    public void pin(PostedMessage message) {
        discord("pin the kick-off message", Permission.PIN_MESSAGES,
                () -> directory.text(message.channel()).pinMessageById(message.id()).complete());
    }

    @Override
    public void announce(Message message) {
        announceWith(message, DiscordMessage.freshNonce());
    }

    @Override
    public void announce(Message message, String idempotencyKey) {
        announceWith(message, DiscordMessage.nonce(idempotencyKey));
    }

    /** A service's broadcast channel, by id or name; Discord's nonce keeps a retry to one message. */
    @Override
    public void announceIn(String channel, Message message, String idempotencyKey) {
        try {
            router.send(directory.textChannelId(channel, "sitrep.services.*.broadcast-channel"),
                    composer.compose(message, DiscordMessage.nonce(idempotencyKey)).withoutButtons(), lane(message));
        } catch (PlatformFailure e) {
            directory.forget(channel);
            throw e;
        }
    }

    private void announceWith(Message message, String nonce) {
        try {
            router.send(directory.broadcast(), composer.compose(message, nonce).withoutButtons(), lane(message));
        } catch (PlatformFailure e) {
            directory.forgetBroadcast();
            throw e;
        }
    }

    /** The private answer to one deferred interaction, rendered like every other message. */
    InteractionAnswer answer(InteractionHook hook) {
        return new InteractionAnswer(hook, composer::render);
    }

    /** What a clicked message shows once its button's command went through: "Resolved by alice" and the time. */
    String clicked(Clicked clicked) {
        return composer.clicked(clicked);
    }

    /**
     * Interactions are answered through their own {@link InteractionAnswer}; anything else private
     * (nobody is waiting on an interaction) goes as a direct message.
     */
    @Override
    public void replyPrivately(ChannelRef where, Member to, Message message) {
        router.sendDirect(to.id(), DiscordMessage.text(composer.render(message), DiscordMessage.freshNonce()));
    }

    @Override
    public Optional<Member> findMember(String mentionKey) {
        return directory.member(mentionKey);
    }

    /** A file is JDA's alone: DiscordRest posts JSON only, and only the gateway replica files postmortems. */
    @Override
    public String attachPostmortem(ChannelRef channel, Postmortem postmortem) {
        String file = postmortem.fileName();
        byte[] content = markdown.render(postmortem).getBytes(StandardCharsets.UTF_8);
        discord("attach the postmortem", Permission.MESSAGE_ATTACH_FILES, () -> directory.text(channel)
                .sendFiles(FileUpload.fromData(content, file)).setAllowedMentions(List.of())
                .setNonce(DiscordMessage.freshNonce()).complete());
        return "#" + channel.name() + " (" + file + ")";
    }

    /** Discord shows a modal only as the first answer to an interaction; the adapter does that itself. */
    @Override
    public boolean openUpdateForm(ChannelRef channel, Member caller, Incident incident) {
        return false;
    }

    @Override
    public void commanderChanged(ChannelRef channel, @Nullable Member previous, Member current) {
        Role role = directory.commanderRole();
        if (role == null) {
            return;
        }
        Guild guild = role.getGuild();
        if (previous != null && !previous.id().equals(current.id())) {
            discord("take the commander role", Permission.MANAGE_ROLES,
                    () -> guild.removeRoleFromMember(UserSnowflake.fromId(previous.id()), role).complete());
        }
        discord("give the commander role", Permission.MANAGE_ROLES,
                () -> guild.addRoleToMember(UserSnowflake.fromId(current.id()), role).complete());
    }

    /** The commander lets go of the role; with an archive category the channel moves there. */
    @Override
    public void incidentResolved(ChannelRef channel, Incident incident) {
        Role role = directory.commanderRole();
        if (role != null && incident.commander().isPresent()) {
            discord("take the commander role", Permission.MANAGE_ROLES, () -> role.getGuild()
                    .removeRoleFromMember(UserSnowflake.fromId(incident.commander().get().id()), role).complete());
        }
        if (settings.archiveCategory() != null && !settings.archiveCategory().isBlank()) {
            Category archive = directory.category(settings.archiveCategory());
            discord("move the channel to the archive category", Permission.MANAGE_CHANNEL,
                    () -> directory.text(channel).getManager().setParent(archive).complete());
        }
    }
}
