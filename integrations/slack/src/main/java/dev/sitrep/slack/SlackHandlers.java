package dev.sitrep.slack;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.App;
import com.slack.api.model.event.MemberJoinedChannelEvent;
import com.slack.api.model.event.PinAddedEvent;
import com.slack.api.model.event.ReactionAddedEvent;
import dev.sitrep.commands.Command;
import dev.sitrep.commands.engine.IncidentEngine;
import dev.sitrep.commands.engine.Invocation;
import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.commands.port.IdempotencyKeys;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Translates Slack requests into engine calls. Acknowledges within Slack's 3 seconds, then works on
 * an executor. Each request is taken once (by trigger or event id, in Redis), so Slack's retries,
 * even when they land on another replica, never make a second incident or message.
 */
public final class SlackHandlers {

    public static final String COMMAND = "/incident";
    public static final String TIMELINE_SHORTCUT = "add_to_timeline";
    private static final Logger LOG = LoggerFactory.getLogger(SlackHandlers.class);
    private static final Duration HOLD = Duration.ofMinutes(5);
    private static final Duration KEEP = Duration.ofDays(1);

    private final IncidentEngine engine;
    private final SlackChatPlatform platform;
    private final IdempotencyKeys once;
    private final ExecutorService work;
    private final String timelineEmoji;
    private final Map<String, CompletableFuture<Void>> channelQueues = new ConcurrentHashMap<>();

    public SlackHandlers(IncidentEngine engine, SlackChatPlatform platform, IdempotencyKeys once, ExecutorService work,
                         String timelineEmoji) {
        this.engine = engine;
        this.platform = platform;
        this.once = once;
        this.work = work;
        this.timelineEmoji = timelineEmoji;
    }

    public void registerOn(App app) {
        app.command(COMMAND, (req, ctx) -> {
            SlashCommandPayload p = req.getPayload();
            Invocation invocation = new Invocation(new ChannelRef(SlackChatPlatform.NAME, p.getChannelId(),
                    p.getChannelName() == null ? p.getChannelId() : p.getChannelName()),
                    new Member(SlackChatPlatform.NAME, p.getUserId(), p.getUserName() == null ? p.getUserId() : p.getUserName()));
            String text = p.getText() == null ? "" : p.getText();
            if (!submitOnce("command:" + p.getTriggerId(), p.getChannelId(),
                    () -> SlackRequestContext.run(p.getTriggerId(), () -> engine.execute(invocation, text)))) {
                return ctx.ack();
            }
            return ctx.ack("Working on `/incident " + SlackDialect.escape(shorten(text)) + "`…");
        });

        app.viewSubmission(UpdateModal.CALLBACK_ID, (req, ctx) -> {
            var payload = req.getPayload();
            Map<String, String> errors = UpdateModal.errors(payload.getView().getState());
            if (!errors.isEmpty()) {
                return ctx.ack(r -> r.responseAction("errors").errors(errors));
            }
            String channelId = payload.getView().getPrivateMetadata();
            Invocation invocation = new Invocation(new ChannelRef(SlackChatPlatform.NAME, channelId, channelId),
                    new Member(SlackChatPlatform.NAME, payload.getUser().getId(), payload.getUser().getName()));
            Command update = new Command.PostUpdate(UpdateModal.fields(payload.getView().getState()));
            submitOnce("view:" + payload.getView().getId() + ":" + payload.getView().getHash(), channelId,
                    () -> engine.execute(invocation, update));
            return ctx.ack();
        });

        app.messageShortcut(TIMELINE_SHORTCUT, (req, ctx) -> {
            var p = req.getPayload();
            submitOnce("shortcut:" + p.getTriggerId(), p.getChannel().getId(), () -> record(p.getChannel().getId(), p.getUser().getId(),
                    TimelineEntry.Kind.PIN, "Added to timeline: " + p.getMessage().getText()));
            return ctx.ack();
        });

        app.event(ReactionAddedEvent.class, (payload, ctx) -> {
            ReactionAddedEvent e = payload.getEvent();
            if (timelineEmoji.equals(e.getReaction()) && e.getItem() != null && "message".equals(e.getItem().getType())) {
                submitOnce("event:" + payload.getEventId(), e.getItem().getChannel(), () -> record(e.getItem().getChannel(), e.getUser(),
                        TimelineEntry.Kind.PIN, "Marked with :" + timelineEmoji + ": message " + e.getItem().getTs()));
            }
            return ctx.ack();
        });

        app.event(PinAddedEvent.class, (payload, ctx) -> {
            PinAddedEvent e = payload.getEvent();
            String text = e.getItem() != null && e.getItem().getMessage() != null ? e.getItem().getMessage().getText() : null;
            // sitrep pins its own kick-off message; that is not news for the timeline.
            if (text != null && !isOwnKickoff(e)) {
                submitOnce("event:" + payload.getEventId(), e.getChannelId(), () -> record(e.getChannelId(), e.getUser(),
                        TimelineEntry.Kind.PIN, "Pinned: " + text));
            }
            return ctx.ack();
        });

        app.event(MemberJoinedChannelEvent.class, (payload, ctx) -> {
            MemberJoinedChannelEvent e = payload.getEvent();
            submitOnce("event:" + payload.getEventId(), e.getChannel(), () -> record(e.getChannel(), e.getUser(),
                    TimelineEntry.Kind.PARTICIPANT, "joined the channel"));
            return ctx.ack();
        });
    }

    private boolean isOwnKickoff(PinAddedEvent e) {
        return e.getItem().getMessage().getBotId() != null;
    }

    private void record(String channelId, String userId, TimelineEntry.Kind kind, String text) {
        Member who = platform.findMember(userId).orElse(new Member(SlackChatPlatform.NAME, userId, userId));
        engine.recordOnTimeline(new Invocation(new ChannelRef(SlackChatPlatform.NAME, channelId, channelId), who), kind,
                who.displayName() + ": " + text);
    }

    /**
     * Runs the work once per key across retries and replicas (false when it was already taken), after
     * the work already queued for the same channel: people expect their commands in the order they typed them.
     */
    private boolean submitOnce(String key, String channel, Runnable task) {
        String fullKey = "slack:" + key;
        if (!once.begin(fullKey, HOLD)) {
            LOG.info("Slack retry of {} ignored: already handled", key);
            return false;
        }
        Runnable guarded = () -> {
            try {
                task.run();
            } catch (RuntimeException ex) {
                LOG.warn("Slack request {} failed: {}", key, ex.toString());
            }
            once.complete(fullKey, KEEP);
        };
        CompletableFuture<Void> queued = channelQueues.compute(channel, (c, tail) ->
                (tail == null ? CompletableFuture.<Void>completedFuture(null) : tail).thenRunAsync(guarded, work));
        queued.whenComplete((ignored, failure) -> {
            channelQueues.remove(channel, queued);
            if (failure != null) {
                // The executor refused (overload): give the key back so Slack's retry can succeed.
                LOG.warn("Slack request {} not run: {}", key, failure.toString());
                once.abandon(fullKey);
            }
        });
        return true;
    }

    private static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "…";
    }
}
