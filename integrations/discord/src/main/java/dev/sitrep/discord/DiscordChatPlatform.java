package dev.sitrep.discord;

import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.incident.Severity;
import dev.sitrep.commands.message.Message;
import dev.sitrep.commands.message.Messages;
import dev.sitrep.commands.port.ChatPlatform;
import dev.sitrep.commands.port.PlatformFailure;
import dev.sitrep.commands.port.PostedMessage;
import dev.sitrep.templates.TemplateRenderer;
import java.awt.Color;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Role;
import net.dv8tion.jda.api.entities.UserSnowflake;
import net.dv8tion.jda.api.entities.channel.concrete.Category;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.InsufficientPermissionException;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.requests.restaction.ChannelAction;
import net.dv8tion.jda.api.requests.restaction.MessageCreateAction;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.jspecify.annotations.Nullable;

/**
 * The engine's chat platform on one Discord server, through JDA (which waits out Discord's rate
 * limits itself). Messages are embeds coloured by severity; the only pings are the mentions sitrep
 * puts in the message content on purpose, enforced with allowed_mentions on every message.
 *
 * <p>Only one replica holds the gateway connection (and so JDA's cache of the server); on the
 * others {@code jda} supplies null, and what they still need to do — post the reminders and
 * escalations they claim, set a topic — goes through {@link DiscordRest}.
 */
public final class DiscordChatPlatform implements ChatPlatform {

    public static final String NAME = "discord";
    private static final EnumSet<Permission> MEMBER_ACCESS = EnumSet.of(Permission.VIEW_CHANNEL,
            Permission.MESSAGE_SEND, Permission.MESSAGE_HISTORY);

    private final Supplier<@Nullable JDA> jda;
    private final DiscordRest rest;
    private final DiscordSettings settings;
    private final TemplateRenderer renderer;
    private final TemplateRenderer markdown;

    private volatile @Nullable String broadcastId;
    private final Map<String, String> lastPosted = new ConcurrentHashMap<>();

    public DiscordChatPlatform(Supplier<@Nullable JDA> jda, DiscordRest rest, DiscordSettings settings,
                               TemplateRenderer renderer, TemplateRenderer markdown) {
        this.jda = jda;
        this.rest = rest;
        this.settings = settings;
        this.renderer = renderer;
        this.markdown = markdown;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int maxChannelNameLength() {
        return 100;
    }

    @Override
    public ChannelRef openChannel(String name, boolean privateChannel) {
        Guild guild = guild();
        Category category = category(guild, settings.category());
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
        TextChannel text = text(channel);
        var everyone = text.getPermissionOverride(text.getGuild().getPublicRole());
        if (everyone != null && everyone.getDenied().contains(Permission.VIEW_CHANNEL)) {
            discord("add a member to the private channel", Permission.MANAGE_ROLES, () -> text.getManager()
                    .putMemberPermissionOverride(Long.parseLong(member.id()), Permission.getRaw(MEMBER_ACCESS), 0)
                    .complete());
        }
    }

    @Override
    public void setTopic(ChannelRef channel, Message topic) {
        String text = limit(renderer.render(topic), 1024);
        TextChannel cached = cached(channel.id());
        if (cached == null) {
            rest.setTopic(channel.id(), text);
            return;
        }
        discord("set the channel topic", Permission.MANAGE_CHANNEL, () -> cached.getManager().setTopic(text).complete());
    }

    /** A fresh nonce even without a key, so that a post retried after a 5xx cannot become two messages. */
    @Override
    public PostedMessage post(ChannelRef channel, Message message) {
        return new PostedMessage(channel, send(channel.id(), message, freshNonce()));
    }

    /**
     * Discord deduplicates messages by nonce when {@code enforce_nonce} is set (JDA sets it): a
     * re-post with the same nonce within a few minutes returns the first message instead of a second.
     */
    @Override
    public PostedMessage post(ChannelRef channel, Message message, String idempotencyKey) {
        return new PostedMessage(channel, send(channel.id(), message, nonce(idempotencyKey)));
    }

    private static String freshNonce() {
        return nonce(UUID.randomUUID().toString());
    }

    /** Discord nonces are at most 25 characters: a digest of the key. */
    static String nonce(String key) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest).substring(0, 25);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void pin(PostedMessage message) {
        discord("pin the kick-off message", Permission.PIN_MESSAGES,
                () -> text(message.channel()).pinMessageById(message.id()).complete());
    }

    @Override
    public void announce(Message message) {
        announceWith(message, freshNonce());
    }

    @Override
    public void announce(Message message, String idempotencyKey) {
        announceWith(message, nonce(idempotencyKey));
    }

    private void announceWith(Message message, String nonce) {
        try {
            send(broadcast(), message, nonce);
        } catch (PlatformFailure e) {
            // The channel may have been replaced since it was looked up: look it up again next time.
            broadcastId = null;
            throw e;
        }
    }

    /** The broadcast channel's id, found once (from JDA's cache, or by REST on a replica without the gateway). */
    private String broadcast() {
        String id = broadcastId;
        if (id != null) {
            return id;
        }
        Optional<String> found;
        if (jda.get() == null) {
            String guildId = settings.guildId() != null && !settings.guildId().isBlank() ? settings.guildId()
                    : rest.onlyGuild().orElseThrow(() -> notInServer());
            found = rest.textChannel(guildId, settings.broadcastChannel());
        } else {
            Guild guild = guild();
            found = Optional.ofNullable(byIdOrName(settings.broadcastChannel(), guild::getTextChannelById,
                    n -> guild.getTextChannelsByName(n, true))).map(TextChannel::getId);
        }
        id = found.orElseThrow(() -> new PlatformFailure("Discord broadcast channel '" + settings.broadcastChannel()
                + "' does not exist (sitrep.discord.broadcast-channel)", null));
        broadcastId = id;
        return id;
    }

    /** The private answer to one deferred interaction, rendered like every other message. */
    InteractionAnswer answer(InteractionHook hook) {
        return new InteractionAnswer(hook, renderer::render);
    }

    /**
     * The id of the message sitrep last posted in a channel from this replica, so an interaction's
     * confirmation can link to what its command posted.
     */
    Optional<String> lastPosted(String channelId) {
        return Optional.ofNullable(lastPosted.get(channelId));
    }

    /**
     * Interactions are answered through their own {@link InteractionAnswer}; anything else private
     * (nobody is waiting on an interaction) goes as a direct message.
     */
    @Override
    public void replyPrivately(ChannelRef where, Member to, Message message) {
        String text = renderer.render(message);
        discord("send a direct message", () -> jda().openPrivateChannelById(to.id())
                .flatMap(dm -> dm.sendMessage(limit(text, 2000)).setAllowedMentions(List.of())).complete());
    }

    @Override
    public Optional<Member> findMember(String mentionKey) {
        if (!DiscordDialect.isSnowflake(mentionKey)) {
            return Optional.empty();
        }
        try {
            net.dv8tion.jda.api.entities.Member member = guild().retrieveMemberById(mentionKey).complete();
            return Optional.of(new Member(NAME, member.getId(), member.getEffectiveName()));
        } catch (ErrorResponseException e) {
            if (e.getErrorResponse() == ErrorResponse.UNKNOWN_MEMBER || e.getErrorResponse() == ErrorResponse.UNKNOWN_USER) {
                return Optional.empty();
            }
            throw new PlatformFailure("Discord could not look up that member: " + e.getMeaning(), e);
        }
    }

    @Override
    public String attachPostmortem(ChannelRef channel, dev.sitrep.commands.message.Postmortem postmortem) {
        String file = postmortem.fileName();
        byte[] content = markdown.render(postmortem).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        discord("attach the postmortem", Permission.MESSAGE_ATTACH_FILES, () -> text(channel).sendFiles(
                net.dv8tion.jda.api.utils.FileUpload.fromData(content, file)).setAllowedMentions(List.of())
                .setNonce(freshNonce()).complete());
        return "#" + channel.name() + " (" + file + ")";
    }

    /** Discord shows a modal only as the first answer to an interaction; the adapter does that itself. */
    @Override
    public boolean openUpdateForm(ChannelRef channel, Member caller, Incident incident) {
        return false;
    }

    @Override
    public void commanderChanged(ChannelRef channel, @Nullable Member previous, Member current) {
        Role role = commanderRole();
        if (role == null) {
            return;
        }
        Guild guild = role.getGuild();
        if (previous != null && !previous.id().equals(current.id())) {
            discord("take the commander role", Permission.MANAGE_ROLES, () -> guild.removeRoleFromMember(UserSnowflake.fromId(previous.id()), role)
                    .complete());
        }
        discord("give the commander role", Permission.MANAGE_ROLES, () -> guild.addRoleToMember(UserSnowflake.fromId(current.id()), role).complete());
    }

    /** The commander lets go of the role; with an archive category the channel moves there. */
    @Override
    public void incidentResolved(ChannelRef channel, Incident incident) {
        Role role = commanderRole();
        if (role != null && incident.commander().isPresent()) {
            discord("take the commander role", Permission.MANAGE_ROLES, () -> role.getGuild()
                    .removeRoleFromMember(UserSnowflake.fromId(incident.commander().get().id()), role).complete());
        }
        if (settings.archiveCategory() != null && !settings.archiveCategory().isBlank()) {
            Category archive = category(guild(), settings.archiveCategory());
            discord("move the channel to the archive category", Permission.MANAGE_CHANNEL, () -> text(channel).getManager().setParent(archive)
                    .complete());
        }
    }

    /**
     * Mentions inside embeds never ping; the one person a message means to notify is named in the
     * content, and allowed_mentions lists exactly that user, so nothing from user text pings anyone.
     */
    private String send(String channelId, Message message, String nonce) {
        String text = limit(renderer.render(message), 4096);
        @Nullable String title = message.incident() == null ? null : message.incident().id().label();
        int color = color(message.incident()).getRGB() & 0xFFFFFF;
        List<String> pings = pings(message);
        String content = String.join(" ", pings.stream().map(id -> "<@" + id + ">").toList());
        TextChannel cached = cached(channelId);
        String id;
        if (cached == null) {
            id = rest.send(channelId, restMessage(title, text, color, pings, content, nonce));
        } else {
            EmbedBuilder embed = new EmbedBuilder().setTitle(title).setDescription(text).setColor(color);
            MessageCreateAction action = cached.sendMessageEmbeds(embed.build()).setAllowedMentions(List.of())
                    .setNonce(nonce);
            if (!pings.isEmpty()) {
                action = action.setContent(content).mentionUsers(pings);
            }
            MessageCreateAction finalAction = action;
            id = discord("post a message", Permission.MESSAGE_SEND, () -> finalAction.complete().getId());
        }
        lastPosted.put(channelId, id);
        return id;
    }

    /** The same message as JDA would send it, for {@link DiscordRest}. */
    private static DataObject restMessage(@Nullable String title, String text, int color, List<String> pings,
                                          String content, String nonce) {
        DataObject embed = DataObject.empty().put("description", text).put("color", color);
        if (title != null) {
            embed.put("title", title);
        }
        DataObject body = DataObject.empty().put("embeds", DataArray.empty().add(embed))
                .put("allowed_mentions", DataObject.empty().put("parse", DataArray.empty())
                        .put("users", DataArray.fromCollection(pings)));
        if (!pings.isEmpty()) {
            body.put("content", content);
        }
        return body.put("nonce", nonce).put("enforce_nonce", true);
    }

    /**
     * Whom a message should actually notify: the commander when an update is due or overdue or
     * they were just made commander, the new holder of a role. Every other mention only renders.
     */
    static List<String> pings(Message message) {
        Member who = null;
        if (message instanceof Messages.RoleAssigned assigned) {
            who = assigned.member();
        } else if (message instanceof Messages.Kickoff || message instanceof Messages.UpdateOverdue
                || message instanceof Messages.UpdatesEscalated) {
            who = message.incident().commander().orElse(null);
        }
        return who != null && DiscordDialect.isSnowflake(who.id()) ? List.of(who.id()) : List.of();
    }

    static Color color(@Nullable Incident incident) {
        if (incident == null) {
            return new Color(0x5865F2);
        }
        if (!incident.isOpen()) {
            return new Color(0x2ECC71);
        }
        return incident.severity() == Severity.SEV1 ? new Color(0xE74C3C)
                : incident.severity() == Severity.SEV2 ? new Color(0xE67E22)
                : incident.severity() == Severity.SEV3 ? new Color(0xF1C40F) : new Color(0x95A5A6);
    }

    /** The configured server, or the only one sitrep is in when none is configured. */
    private Guild guild() {
        return DiscordPermissions.server(jda(), settings.guildId()).orElseThrow(this::notInServer);
    }

    private PlatformFailure notInServer() {
        return new PlatformFailure("sitrep is not in the Discord server " + settings.guildId()
                + " (sitrep.discord.guild-id); invite it with the URL in the README", null);
    }

    /** JDA on the replica holding the gateway; anything that needs its cache can only happen there. */
    private JDA jda() {
        JDA client = jda.get();
        if (client == null) {
            throw new PlatformFailure("this sitrep replica does not hold the Discord gateway connection right now; "
                    + "the one that does will handle Discord commands", null);
        }
        return client;
    }

    private TextChannel text(ChannelRef channel) {
        TextChannel text = jda().getTextChannelById(channel.id());
        if (text == null) {
            throw new PlatformFailure("The Discord channel #" + channel.name() + " no longer exists", null);
        }
        return text;
    }

    /**
     * The channel from JDA's cache, or null without the gateway or when the cache does not have it
     * (yet): the caller then goes through REST, and Discord itself says if the channel is gone.
     */
    private @Nullable TextChannel cached(String channelId) {
        JDA client = jda.get();
        return client == null ? null : client.getTextChannelById(channelId);
    }

    private @Nullable Category category(Guild guild, @Nullable String idOrName) {
        if (idOrName == null || idOrName.isBlank()) {
            return null;
        }
        Category category = byIdOrName(idOrName, guild::getCategoryById, n -> guild.getCategoriesByName(n, true));
        if (category == null) {
            throw new PlatformFailure("The Discord category '" + idOrName + "' does not exist", null);
        }
        return category;
    }

    private @Nullable Role commanderRole() {
        String idOrName = settings.commanderRole();
        if (idOrName == null || idOrName.isBlank()) {
            return null;
        }
        Guild guild = guild();
        return byIdOrName(idOrName, guild::getRoleById, n -> guild.getRolesByName(n, true));
    }

    private static <T> @Nullable T byIdOrName(String idOrName, java.util.function.Function<String, T> byId,
                                              java.util.function.Function<String, List<T>> byName) {
        T found = DiscordDialect.isSnowflake(idOrName) ? byId.apply(idOrName) : null;
        if (found != null) {
            return found;
        }
        List<T> named = byName.apply(idOrName.startsWith("#") ? idOrName.substring(1) : idOrName);
        return named.isEmpty() ? null : named.get(0);
    }

    /** Turns JDA's failures into answers a person can act on: which permission, which error. */
    static <T> T discord(String what, Supplier<T> call) {
        return discord(what, null, call);
    }

    /**
     * @param needs the permission the call needs, named when Discord answers 50013 Missing
     *              Permissions (JDA's own check names it itself)
     */
    static <T> T discord(String what, @Nullable Permission needs, Supplier<T> call) {
        try {
            return call.get();
        } catch (InsufficientPermissionException e) {
            throw lacks(what, e.getPermission(), e);
        } catch (ErrorResponseException e) {
            if (e.getErrorResponse() == ErrorResponse.MISSING_PERMISSIONS && needs != null) {
                throw lacks(what, needs, e);
            }
            String hint = e.getErrorResponse() == ErrorResponse.MISSING_PERMISSIONS
                    ? " (compare sitrep's role with the permissions in the README's invite link)" : "";
            throw new PlatformFailure("Discord refused to " + what + ": " + e.getMeaning() + hint, e);
        }
    }

    private static PlatformFailure lacks(String what, Permission permission, RuntimeException cause) {
        return new PlatformFailure("sitrep could not " + what + ": it lacks the Discord permission "
                + permission.getName() + "; grant it to sitrep's role in Server Settings → Roles", cause);
    }

    static void discord(String what, Runnable call) {
        discord(what, null, call);
    }

    static void discord(String what, @Nullable Permission needs, Runnable call) {
        discord(what, needs, () -> {
            call.run();
            return null;
        });
    }

    static String limit(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
