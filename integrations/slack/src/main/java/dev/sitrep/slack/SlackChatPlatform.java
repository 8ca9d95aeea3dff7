package dev.sitrep.slack;

import com.slack.api.RequestConfigurator;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.request.chat.ChatPostMessageRequest;
import com.slack.api.methods.response.conversations.ConversationsCreateResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.users.UsersInfoResponse;
import com.slack.api.model.User;
import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.message.Postmortem;
import dev.sitrep.commands.message.Message;
import dev.sitrep.commands.message.Messages;
import dev.sitrep.commands.port.ChatPlatform;
import dev.sitrep.commands.port.PostedMessage;
import dev.sitrep.commands.port.Waiting;
import dev.sitrep.http.Pacer;
import dev.sitrep.templates.TemplateRenderer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** The engine's chat platform on Slack's Web API; every call goes through {@link SlackCalls}. */
public final class SlackChatPlatform implements ChatPlatform {

    public static final String NAME = "slack";
    private static final int MAX_NAME_ATTEMPTS = 10;
    private static final int MAX_TOPIC = 250;
    private static final String METADATA_TYPE = "sitrep_post";
    private static final int MOST_INVITED = 100;
    private static final Set<String> HARMLESS_INVITE_ERRORS = Set.of("already_in_channel", "cant_invite_self");

    private final MethodsClient client;
    private final @Nullable ChatPoster poster;
    private final SlackCalls calls;
    private final TemplateRenderer renderer;
    private final BlockKit blockKit;
    private final TemplateRenderer markdown;
    private final String broadcastChannel;
    private final SlackChannelIds channelIds;

    /**
     * {@code renderer} writes mrkdwn (the topic and every message's {@code text} fallback), {@code blocks}
     * the Block Kit of each message ({@link SlackBlocksDialect}); operators' block templates are checked here.
     */
    public SlackChatPlatform(MethodsClient client, SlackCalls calls, TemplateRenderer renderer, TemplateRenderer blocks,
                             TemplateRenderer markdown, String broadcastChannel) {
        this(client, null, calls, renderer, blocks, markdown, broadcastChannel);
    }

    /** {@code poster}: chat.postMessage without the SDK's new Gson per answer ({@link ChatPoster}); null: the SDK's own. */
    public SlackChatPlatform(MethodsClient client, @Nullable ChatPoster poster, SlackCalls calls, TemplateRenderer renderer,
                             TemplateRenderer blocks,
                             TemplateRenderer markdown, String broadcastChannel) {
        this.client = client;
        this.poster = poster;
        this.calls = calls;
        this.renderer = renderer;
        this.blockKit = new BlockKit(blocks, renderer);
        this.markdown = markdown;
        this.broadcastChannel = broadcastChannel;
        this.channelIds = new SlackChannelIds(client, calls);
        blockKit.checkOperatorTemplates(BlockSamples.all());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ChannelRef openChannel(String name, boolean privateChannel) {
        return openChannel(name, privateChannel, waiting -> { });
    }

    /**
     * On {@code name_taken} (an archived channel may hold the name) tries {@code name-2}, {@code name-3}, …
     * Slack paces creation (Tier 2): the caller hears its place in line at once.
     */
    @Override
    public ChannelRef openChannel(String name, boolean privateChannel, Consumer<Waiting> whileWaiting) {
        for (int attempt = 1; attempt <= MAX_NAME_ATTEMPTS; attempt++) {
            String candidate = attempt == 1 ? name : withSuffix(name, "-" + attempt);
            try {
                ConversationsCreateResponse created = calls.call("conversations.create", null, Pacer.Lane.NORMAL,
                        place -> whileWaiting.accept(new Waiting("Slack", "channel creation", place.place(),
                                place.about())),
                        () -> client.conversationsCreate(r -> r.name(candidate).isPrivate(privateChannel)));
                return new ChannelRef(NAME, created.getChannel().getId(), created.getChannel().getName());
            } catch (SlackCallFailed e) {
                if (!e.error().equals("name_taken")) {
                    throw e;
                }
            }
        }
        throw new SlackCallFailed("conversations.create", "name_taken for " + name + " and " + MAX_NAME_ATTEMPTS
                + " variants", null);
    }

    static String withSuffix(String name, String suffix) {
        String base = name.length() + suffix.length() > 80 ? name.substring(0, 80 - suffix.length()) : name;
        return (base.endsWith("-") ? base.substring(0, base.length() - 1) : base) + suffix;
    }

    @Override
    public void invite(ChannelRef channel, Member member) {
        try {
            calls.call("conversations.invite", null,
                    () -> client.conversationsInvite(r -> r.channel(channel.id()).users(List.of(member.id()))));
        } catch (SlackCallFailed e) {
            if (!HARMLESS_INVITE_ERRORS.contains(e.error())) {
                throw e;
            }
        }
    }

    /**
     * The user group's members (https://api.slack.com/methods/usergroups.users.list, scope
     * {@code usergroups:read}), invited in one call per {@value #MOST_INVITED} of them
     * (https://api.slack.com/methods/conversations.invite: "Up to 1000 users may be listed", older versions of
     * the page said 100, so 100 is safe under both); {@code force}
     * invites the others when one of them cannot be (already there, deactivated).
     */
    @Override
    public void inviteGroup(ChannelRef channel, String group) {
        var listed = calls.call("usergroups.users.list", null,
                () -> client.usergroupsUsersList(r -> r.usergroup(group)));
        List<String> users = listed.getUsers() == null ? List.of() : listed.getUsers();
        for (int from = 0; from < users.size(); from += MOST_INVITED) {
            List<String> some = users.subList(from, Math.min(users.size(), from + MOST_INVITED));
            try {
                calls.call("conversations.invite", null,
                        () -> client.conversationsInvite(r -> r.channel(channel.id()).users(some).force(true)));
            } catch (SlackCallFailed e) {
                if (!HARMLESS_INVITE_ERRORS.contains(e.error())) {
                    throw e;
                }
            }
        }
    }

    @Override
    public void setTopic(ChannelRef channel, Message topic) {
        String text = renderer.render(topic);
        String cut = text.length() > MAX_TOPIC ? text.substring(0, MAX_TOPIC - 1) + "…" : text;
        calls.call("conversations.setTopic", null, () -> client.conversationsSetTopic(r -> r.channel(channel.id()).topic(cut)));
    }

    @Override
    public PostedMessage post(ChannelRef channel, Message message) {
        ChatPostMessageResponse posted = postTagged(channel.id(), blockKit.render(message), null);
        return new PostedMessage(channel, posted.getTs());
    }

    /** The key travels as message metadata, which conversations.history returns. */
    @Override
    public PostedMessage post(ChannelRef channel, Message message, String idempotencyKey) {
        return new PostedMessage(channel, postTagged(channel.id(), blockKit.render(message), idempotencyKey,
                lane(message)).getTs());
    }

    @Override
    public boolean alreadyPosted(ChannelRef channel, String idempotencyKey) {
        return inHistory(channel.id(), idempotencyKey);
    }

    @Override
    public void announce(Message message, String idempotencyKey) {
        postTagged(broadcastChannel, blockKit.render(message), idempotencyKey, lane(message));
    }

    @Override
    public boolean alreadyAnnounced(String idempotencyKey) {
        return inHistory(channelIds.idOf(broadcastChannel), idempotencyKey);
    }

    /**
     * A service's broadcast channel: an id, or a name, which chat.postMessage also takes
     * (https://api.slack.com/methods/chat.postMessage#arg_channel).
     */
    @Override
    public void announceIn(String channel, Message message, String idempotencyKey) {
        postTagged(channel, blockKit.render(message), idempotencyKey, lane(message));
    }

    @Override
    /** conversations.history takes only an id, so a channel given by name is looked up ({@link SlackChannelIds}). */
    public boolean alreadyAnnouncedIn(String channel, String idempotencyKey) {
        return inHistory(channelIds.idOf(channel), idempotencyKey);
    }

    private ChatPostMessageResponse postTagged(String channelId, BlockKit.Rendered message, @Nullable String idempotencyKey) {
        return postTagged(channelId, message, idempotencyKey, Pacer.Lane.NORMAL);
    }

    /**
     * Blocks with their {@code text} fallback, in the channel's line ({@code lane}); with a key, the
     * key rides along as message metadata (see {@link #inHistory}).
     */
    private ChatPostMessageResponse postTagged(String channelId, BlockKit.Rendered message, @Nullable String idempotencyKey,
                                               Pacer.Lane lane) {
        RequestConfigurator<ChatPostMessageRequest.ChatPostMessageRequestBuilder> request = r -> {
            r.channel(channelId).text(message.text()).blocksAsString(message.blocks()).unfurlLinks(false).unfurlMedia(false);
            if (idempotencyKey != null) {
                r.metadata(com.slack.api.model.Message.Metadata.builder().eventType(METADATA_TYPE)
                        .eventPayload(Map.of("key", idempotencyKey)).build());
            }
            return r;
        };
        return calls.call("chat.postMessage", channelId, lane, place -> { },
                () -> poster != null ? poster.chatPostMessage(request) : client.chatPostMessage(request));
    }

    /** Reminders go ahead of everything else waiting for the same channel (the broadcast channel in a burst). */
    static Pacer.Lane lane(Message message) {
        return message instanceof Messages.UpdateOverdue || message instanceof Messages.UpdatesEscalated
                || message instanceof Messages.OverdueBroadcast || message instanceof Messages.PostmortemOverdue
                ? Pacer.Lane.FIRST : Pacer.Lane.NORMAL;
    }

    private boolean inHistory(String channelId, String idempotencyKey) {
        var history = calls.call("conversations.history", null, () -> client.conversationsHistory(r -> r.channel(channelId)
                .limit(100).includeAllMetadata(true)));
        return history.getMessages() != null && history.getMessages().stream()
                .map(com.slack.api.model.Message::getMetadata)
                .anyMatch(m -> m != null && METADATA_TYPE.equals(m.getEventType()) && m.getEventPayload() != null
                        && idempotencyKey.equals(m.getEventPayload().get("key")));
    }

    @Override
    public void pin(PostedMessage message) {
        try {
            calls.call("pins.add", null,
                    () -> client.pinsAdd(r -> r.channel(message.channel().id()).timestamp(message.id())));
        } catch (SlackCallFailed e) {
            if (!e.error().equals("already_pinned")) {
                throw e;
            }
        }
    }

    @Override
    public void announce(Message message) {
        postTagged(broadcastChannel, blockKit.render(message), null);
    }

    /** Ephemeral where the command was typed; where sitrep is not in that channel, a direct message. */
    @Override
    public void replyPrivately(ChannelRef where, Member to, Message message) {
        BlockKit.Rendered rendered = blockKit.render(message);
        try {
            calls.call("chat.postEphemeral", null, () -> client.chatPostEphemeral(r -> r.channel(where.id()).user(to.id())
                    .text(rendered.text()).blocksAsString(rendered.blocks())));
        } catch (SlackCallFailed e) {
            postTagged(to.id(), rendered, null);
        }
    }

    /**
     * {@link #replyPrivately}, and when the Web API refuses both ways (a refused token refuses them
     * alike) the request's {@code response_url}, which needs no token. The refusal is rethrown when
     * that fails too, or there is none.
     */
    void replyPrivately(ChannelRef where, Member to, Message message, @Nullable String responseUrl) {
        try {
            replyPrivately(where, to, message);
        } catch (dev.sitrep.commands.port.PlatformFailure refused) {
            if (responseUrl == null || responseUrl.isBlank()) {
                throw refused;
            }
            try {
                ResponseUrlReply.send(responseUrl, blockKit.render(message));
            } catch (RuntimeException alsoRefused) {
                refused.addSuppressed(alsoRefused);
                throw refused;
            }
        }
    }

    /**
     * Edits a clicked message (https://api.slack.com/methods/chat.update) to show what happened instead
     * of its buttons, so nobody clicks a stale one.
     */
    void showClicked(String channelId, String ts, List<com.google.gson.JsonObject> blocks, String shown,
                     java.time.@Nullable Instant at) {
        String edited = BlockKit.afterClick(blocks, shown, at);
        calls.call("chat.update", channelId, () -> client.chatUpdate(r -> r.channel(channelId).ts(ts).text(shown)
                .blocksAsString(edited)));
    }

    /**
     * Edits a message whose button opened a form, once the form went through: a submission does not
     * carry the message, so its blocks are read back with conversations.history narrowed to its ts
     * (https://api.slack.com/messaging/retrieving#individual_messages). Nothing happens when it is gone.
     */
    void showClicked(String channelId, String ts, String shown, java.time.@Nullable Instant at) {
        var history = calls.call("conversations.history", null, () -> client.conversationsHistory(r -> r.channel(channelId)
                .latest(ts).oldest(ts).inclusive(true).limit(1)));
        Optional<com.slack.api.model.Message> message = history.getMessages() == null ? Optional.empty()
                : history.getMessages().stream().filter(m -> ts.equals(m.getTs()) && m.getBlocks() != null).findFirst();
        if (message.isEmpty()) {
            throw new SlackCallFailed("conversations.history", "message_not_found", null);
        }
        showClicked(channelId, ts, SlackBlocksJson.of(message.get().getBlocks()), shown, at);
    }

    /** Slack sends mentions as {@code <@U123|name>}; the id is checked with users.info. */
    @Override
    public Optional<Member> findMember(String mentionKey) {
        if (!SlackDialect.isSlackId(mentionKey)) {
            return Optional.empty();
        }
        try {
            UsersInfoResponse info = calls.call("users.info", null, () -> client.usersInfo(r -> r.user(mentionKey)));
            User user = info.getUser();
            if (user == null || user.isDeleted()) {
                return Optional.empty();
            }
            return Optional.of(new Member(NAME, user.getId(), displayName(user)));
        } catch (SlackCallFailed e) {
            if (e.error().equals("user_not_found")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    static String displayName(User user) {
        if (user.getProfile() != null && user.getProfile().getDisplayName() != null
                && !user.getProfile().getDisplayName().isBlank()) {
            return user.getProfile().getDisplayName();
        }
        return user.getRealName() != null && !user.getRealName().isBlank() ? user.getRealName() : user.getName();
    }

    /** files.uploadV2: the client asks for an upload URL, uploads, then completes the upload into the channel. */
    @Override
    public String attachPostmortem(ChannelRef channel, Postmortem postmortem) {
        String file = postmortem.fileName();
        String content = markdown.render(postmortem);
        calls.call("files.uploadV2", null, () -> client.filesUploadV2(r -> r.channel(channel.id()).filename(file)
                .title("Postmortem " + postmortem.incident().id()).content(content)));
        return "#" + channel.name() + " (" + file + ")";
    }

    /** Slack opens a modal only with the trigger id of the request being answered: {@link SlackAnswer} has it. */
    @Override
    public boolean openUpdateForm(ChannelRef channel, Member caller, Incident incident) {
        return false;
    }

    void openUpdateModal(String triggerId, FormOrigin origin, Incident incident) {
        calls.call("views.open", null, () -> client.viewsOpen(r -> r.triggerId(triggerId)
                .view(UpdateModal.view(incident, origin))));
    }

    void openResolveModal(String triggerId, FormOrigin origin, Incident incident) {
        calls.call("views.open", null, () -> client.viewsOpen(r -> r.triggerId(triggerId)
                .view(ResolveModal.view(incident, origin))));
    }
}
