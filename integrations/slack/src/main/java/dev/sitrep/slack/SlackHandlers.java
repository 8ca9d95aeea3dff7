package dev.sitrep.slack;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.MemberJoinedChannelEvent;
import com.slack.api.model.event.PinAddedEvent;
import com.slack.api.model.event.ReactionAddedEvent;
import dev.sitrep.commands.Command;
import dev.sitrep.commands.engine.IncidentEngine;
import dev.sitrep.commands.engine.Invocation;
import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.commands.message.Messages;
import dev.sitrep.commands.port.IdempotencyKeys;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Translates Slack requests into engine calls. Acknowledges within Slack's 3 seconds, then works on
 * an executor. Each request is taken once (by trigger or event id, in Redis), so Slack's retries,
 * even when they land on another replica, never make a second incident or message. When Redis does
 * not answer in time the request is not taken at all and the user is told privately to send it
 * again: nothing runs, so nothing can run twice.
 */
public final class SlackHandlers {

    public static final String COMMAND = "/incident";
    public static final String TIMELINE_SHORTCUT = "add_to_timeline";
    private static final Logger LOG = LoggerFactory.getLogger(SlackHandlers.class);
    private static final Duration HOLD = Duration.ofMinutes(5);
    private static final Duration KEEP = Duration.ofDays(1);
    /**
     * How long the acknowledgement may wait for Redis to take the request: Slack shows the user an
     * error when the answer takes longer than 3 s
     * (https://api.slack.com/interactivity/slash-commands#responding_basic_receipt); the rest is
     * for the network and Bolt.
     */
    private static final Duration TAKE_WITHIN = Duration.ofSeconds(2);
    static final String NOT_TAKEN = "sitrep could not take %s: its store (Redis) is not answering, so nothing was"
            + " done. Run it again in a minute.";

    /** Whether a request was taken for work: Slack's retries of a taken one are ignored. */
    private enum Taken { NOW, ALREADY, UNAVAILABLE }

    private final IncidentEngine engine;
    private final SlackChatPlatform platform;
    private final IdempotencyKeys once;
    private final ExecutorService work;
    private final ExecutorService keyChecks;
    private final String timelineEmoji;
    private final Map<String, CompletableFuture<Void>> channelQueues = new ConcurrentHashMap<>();

    /** {@code keyChecks} runs the Redis call that takes a request, so the acknowledgement never waits past its budget. */
    public SlackHandlers(IncidentEngine engine, SlackChatPlatform platform, IdempotencyKeys once, ExecutorService work,
                         ExecutorService keyChecks, String timelineEmoji) {
        this.engine = engine;
        this.platform = platform;
        this.once = once;
        this.work = work;
        this.keyChecks = keyChecks;
        this.timelineEmoji = timelineEmoji;
    }

    public void registerOn(App app) {
        app.command(COMMAND, (req, ctx) -> {
            SlashCommandPayload p = req.getPayload();
            Invocation invocation = new Invocation(new ChannelRef(SlackChatPlatform.NAME, p.getChannelId(),
                    p.getChannelName() == null ? p.getChannelId() : p.getChannelName()),
                    new Member(SlackChatPlatform.NAME, p.getUserId(), p.getUserName() == null ? p.getUserId() : p.getUserName()));
            String text = p.getText() == null ? "" : p.getText();
            String typed = "`/incident " + SlackDialect.escape(shorten(text)) + "`";
            // The text of the acknowledgement is shown only to the user who typed the command.
            return switch (submitOnce("command:" + p.getTriggerId(), p.getChannelId(),
                    () -> SlackRequestContext.run(p.getTriggerId(), () -> engine.execute(invocation, text)))) {
                case NOW -> ctx.ack("Working on " + typed + "…");
                case ALREADY -> ctx.ack();
                case UNAVAILABLE -> ctx.ack(NOT_TAKEN.formatted(typed));
            };
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
            Command update = UpdateModal.update(payload.getView().getState());
            if (submitOnce("view:" + payload.getView().getId() + ":" + payload.getView().getHash(), channelId,
                    () -> engine.execute(invocation, update)) == Taken.UNAVAILABLE) {
                // The modal stays open with what was typed, so "again" is one click.
                return ctx.ack(r -> r.responseAction("errors").errors(Map.of(UpdateModal.FIRST_BLOCK,
                        NOT_TAKEN.formatted("the update"))));
            }
            return ctx.ack();
        });

        app.messageShortcut(TIMELINE_SHORTCUT, (req, ctx) -> {
            var p = req.getPayload();
            if (submitOnce("shortcut:" + p.getTriggerId(), p.getChannel().getId(), () -> record(p.getChannel().getId(),
                    p.getUser().getId(), TimelineEntry.Kind.PIN, "Added to timeline: " + p.getMessage().getText()))
                    == Taken.UNAVAILABLE) {
                tellLater(p.getChannel().getId(), p.getUser().getId(), NOT_TAKEN.formatted("\"Add to timeline\""));
            }
            return ctx.ack();
        });

        app.event(ReactionAddedEvent.class, (payload, ctx) -> {
            ReactionAddedEvent e = payload.getEvent();
            if (timelineEmoji.equals(e.getReaction()) && e.getItem() != null && "message".equals(e.getItem().getType())) {
                return ackEvent(ctx, submitOnce("event:" + payload.getEventId(), e.getItem().getChannel(),
                        () -> record(e.getItem().getChannel(), e.getUser(), TimelineEntry.Kind.PIN,
                                "Marked with :" + timelineEmoji + ": message " + e.getItem().getTs())));
            }
            return ctx.ack();
        });

        app.event(PinAddedEvent.class, (payload, ctx) -> {
            PinAddedEvent e = payload.getEvent();
            String text = e.getItem() != null && e.getItem().getMessage() != null ? e.getItem().getMessage().getText() : null;
            // sitrep pins its own kick-off message; that is not news for the timeline.
            if (text != null && !isOwnKickoff(e)) {
                return ackEvent(ctx, submitOnce("event:" + payload.getEventId(), e.getChannelId(),
                        () -> record(e.getChannelId(), e.getUser(), TimelineEntry.Kind.PIN, "Pinned: " + text)));
            }
            return ctx.ack();
        });

        app.event(MemberJoinedChannelEvent.class, (payload, ctx) -> {
            MemberJoinedChannelEvent e = payload.getEvent();
            return ackEvent(ctx, submitOnce("event:" + payload.getEventId(), e.getChannel(),
                    () -> record(e.getChannel(), e.getUser(), TimelineEntry.Kind.PARTICIPANT, "joined the channel")));
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
     * No user waits on an event: one not taken is answered 503, and Slack sends it again later
     * (https://api.slack.com/apis/events-api#retries).
     */
    private static Response ackEvent(EventContext ctx, Taken taken) {
        return taken == Taken.UNAVAILABLE ? Response.builder().statusCode(503).build() : ctx.ack();
    }

    /** A private message after the acknowledgement, for requests whose acknowledgement cannot carry text. */
    private void tellLater(String channelId, String userId, String text) {
        try {
            work.execute(() -> {
                try {
                    platform.replyPrivately(new ChannelRef(SlackChatPlatform.NAME, channelId, channelId),
                            new Member(SlackChatPlatform.NAME, userId, userId), new Messages.CommandRejected(text, null, null));
                } catch (RuntimeException e) {
                    LOG.warn("Could not tell {} that their request was not taken: {}", userId, e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.warn("Could not tell {} that their request was not taken: overloaded", userId);
        }
    }

    /**
     * Runs the work once per key across retries and replicas, after the work already queued for the
     * same channel: people expect their commands in the order they typed them.
     */
    private Taken submitOnce(String key, String channel, Runnable task) {
        String fullKey = "slack:" + key;
        Taken taken = take(fullKey);
        if (taken == Taken.ALREADY) {
            LOG.info("Slack retry of {} ignored: already handled", key);
        }
        if (taken != Taken.NOW) {
            return taken;
        }
        Runnable guarded = () -> {
            try {
                task.run();
            } catch (RuntimeException ex) {
                LOG.warn("Slack request {} failed: {}", key, ex.toString());
            }
            try {
                once.complete(fullKey, KEEP);
            } catch (RuntimeException ex) {
                // The hold expires on its own; until then a retry of this request is ignored, as it should be.
                LOG.warn("Slack request {} done but not marked done: {}", key, ex.toString());
            }
        };
        CompletableFuture<Void> queued = channelQueues.compute(channel, (c, tail) ->
                (tail == null ? CompletableFuture.<Void>completedFuture(null) : tail).thenRunAsync(guarded, work));
        queued.whenComplete((ignored, failure) -> {
            channelQueues.remove(channel, queued);
            if (failure != null) {
                // The executor refused (overload): give the key back so Slack's retry can succeed.
                LOG.warn("Slack request {} not run: {}", key, failure.toString());
                giveBack(fullKey);
            }
        });
        return Taken.NOW;
    }

    /** Takes the key in Redis within {@link #TAKE_WITHIN}; a key taken after that is given back, unused. */
    private Taken take(String fullKey) {
        CompletableFuture<Boolean> begin;
        try {
            begin = CompletableFuture.supplyAsync(() -> once.begin(fullKey, HOLD), keyChecks);
        } catch (RejectedExecutionException e) {
            LOG.warn("Slack request {} not taken: too many waiting on Redis", fullKey);
            return Taken.UNAVAILABLE;
        }
        try {
            return begin.get(TAKE_WITHIN.toMillis(), TimeUnit.MILLISECONDS) ? Taken.NOW : Taken.ALREADY;
        } catch (TimeoutException e) {
            LOG.warn("Slack request {} not taken: Redis did not answer within {} ms", fullKey, TAKE_WITHIN.toMillis());
            begin.thenAccept(late -> {
                if (late) {
                    giveBack(fullKey);
                }
            });
            return Taken.UNAVAILABLE;
        } catch (ExecutionException e) {
            LOG.warn("Slack request {} not taken: {}", fullKey, e.getCause().toString());
            return Taken.UNAVAILABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Taken.UNAVAILABLE;
        }
    }

    private void giveBack(String fullKey) {
        try {
            once.abandon(fullKey);
        } catch (RuntimeException e) {
            // The hold expires on its own.
            LOG.warn("Could not give back {}: {}", fullKey, e.toString());
        }
    }

    private static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "…";
    }
}
