package dev.sitrep.slack;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.MemberJoinedChannelEvent;
import com.slack.api.model.event.PinAddedEvent;
import com.slack.api.model.event.ReactionAddedEvent;
import dev.sitrep.commands.Command;
import dev.sitrep.commands.Parsed;
import dev.sitrep.commands.Verb;
import dev.sitrep.commands.engine.IncidentEngine;
import dev.sitrep.commands.engine.Invocation;
import dev.sitrep.commands.engine.Pressed;
import dev.sitrep.commands.inbound.Delivery;
import dev.sitrep.commands.inbound.InboundPipeline;
import dev.sitrep.commands.inbound.Taken;
import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.commands.message.Button;
import dev.sitrep.commands.message.Clicked;
import dev.sitrep.commands.message.Messages;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Translates Slack requests into deliveries of the {@link InboundPipeline}: the pipeline takes each
 * once (by trigger, view or event id), so Slack's retries, even on another replica, never make a
 * second incident or message, and runs it after the work of its channel. A slash command is
 * acknowledged at once, before the take, with a text that is right whatever the take decides
 * ("Received …"); one Redis could not take is told privately afterwards. Modal submissions and
 * events wait for the take (at most {@link InboundPipeline#TAKE_WITHIN}, inside Slack's 3 seconds),
 * since their acknowledgement is the only way to say it: a modal keeps its form open with the
 * error, an event not taken is answered 503 so Slack delivers it again.
 */
public final class SlackHandlers {

    public static final String COMMAND = "/incident";
    public static final String TIMELINE_SHORTCUT = "add_to_timeline";
    /**
     * How the bot's own warm-up commands' trigger ids start (bot's SlackWarmUp, before ready): their
     * keys are taken beforehand, so the pipeline finds them duplicates; should Redis lose a key
     * meanwhile, such a command still runs no work and tells no one. Slack's trigger ids never look
     * like this (digits and dots), and a request must carry the signing secret's signature.
     */
    public static final String WARM_UP_TRIGGER = "sitrep-warm-up.";
    private static final Logger LOG = LoggerFactory.getLogger(SlackHandlers.class);
    /** The slash command's acknowledgement: sent before the take, so it claims nothing about the outcome. */
    static final String RECEIVED = "Received %s.";
    static final String NOT_TAKEN = "sitrep could not take %s: its store (Redis) is not answering, so nothing was"
            + " done. Run it again in a minute.";

    private final IncidentEngine engine;
    private final SlackChatPlatform platform;
    private final InboundPipeline pipeline;
    private final Executor work;
    private final Executor intake;
    private final String timelineEmoji;

    /**
     * @param work   also carries the private notes for requests whose acknowledgement cannot say anything
     * @param intake hands slash commands to the pipeline after their acknowledgement, in arrival order:
     *               one thread, never refusing (handing over never blocks: the take runs on the
     *               pipeline's own threads), so a channel's commands keep their order
     */
    public SlackHandlers(IncidentEngine engine, SlackChatPlatform platform, InboundPipeline pipeline, Executor work,
                         Executor intake, String timelineEmoji) {
        this.engine = engine;
        this.platform = platform;
        this.pipeline = pipeline;
        this.work = work;
        this.intake = intake;
        this.timelineEmoji = timelineEmoji;
    }

    public void registerOn(App app) {
        app.command(COMMAND, (req, ctx) -> {
            SlashCommandPayload p = req.getPayload();
            ChannelRef channel = new ChannelRef(SlackChatPlatform.NAME, p.getChannelId(),
                    p.getChannelName() == null ? p.getChannelId() : p.getChannelName());
            Member caller = new Member(SlackChatPlatform.NAME, p.getUserId(),
                    p.getUserName() == null ? p.getUserId() : p.getUserName());
            // The trigger id travels with the invocation: only with it can the answer be the update modal.
            Invocation invocation = new Invocation(channel, caller,
                    new SlackAnswer(platform, channel, caller, p.getTriggerId(), p.getResponseUrl()));
            String text = p.getText() == null ? "" : p.getText();
            // Acknowledged before the take, so no acknowledgement waits on Redis (issue 15 §1): the
            // text, shown only to the user who typed the command, is true whatever the take decides
            // (a retry, a replica that got it first), and a command Redis could not take is told later.
            // Even handing it to the pipeline happens on the intake thread, after this returns.
            boolean warmUp = p.getTriggerId() != null && p.getTriggerId().startsWith(WARM_UP_TRIGGER);
            Runnable handOver = () -> {
                Delivery delivery = Delivery.typed(SlackChatPlatform.NAME, commandDelivery(p.getTriggerId()), p.getChannelId(), text);
                accept(delivery, warmUp ? () -> { } : () -> engine.execute(invocation, text)).thenAccept(taken -> {
                    if (taken == Taken.UNAVAILABLE && !warmUp) {
                        // Rendered through a template that escapes it: the command in quotes, not code marks.
                        tellLater(p.getChannelId(), p.getUserId(), NOT_TAKEN.formatted("\"/incident " + shorten(text) + "\""));
                    }
                });
            };
            try {
                intake.execute(handOver);
            } catch (RejectedExecutionException e) {
                // Shutting down: the pipeline itself refuses it now, and says so.
                handOver.run();
            }
            return ctx.ack(RECEIVED.formatted("`/incident " + SlackDialect.escape(shorten(text)) + "`"));
        });

        app.viewSubmission(UpdateModal.CALLBACK_ID, (req, ctx) -> {
            var payload = req.getPayload();
            Map<String, String> errors = UpdateModal.errors(payload.getView().getState());
            if (!errors.isEmpty()) {
                return ctx.ack(r -> r.responseAction("errors").errors(errors));
            }
            FormOrigin origin = FormOrigin.of(payload.getView().getPrivateMetadata());
            Command update = UpdateModal.update(payload.getView().getState());
            if (submitOnce("view:" + payload.getView().getId() + ":" + payload.getView().getHash(), origin.channelId(),
                    Verb.UPDATE.word(), () -> submitted(origin, submitter(payload), update)) == Taken.UNAVAILABLE) {
                // The modal stays open with what was typed, so "again" is one click.
                return ctx.ack(r -> r.responseAction("errors").errors(Map.of(UpdateModal.FIRST_BLOCK,
                        NOT_TAKEN.formatted("the update"))));
            }
            return ctx.ack();
        });

        app.viewSubmission(ResolveModal.CALLBACK_ID, (req, ctx) -> {
            var payload = req.getPayload();
            Parsed parsed = ResolveModal.command(payload.getView().getState());
            if (parsed instanceof Parsed.Invalid invalid) {
                return ctx.ack(r -> r.responseAction("errors").errors(Map.of(ResolveModal.SUMMARY, invalid.problem())));
            }
            FormOrigin origin = FormOrigin.of(payload.getView().getPrivateMetadata());
            if (submitOnce("view:" + payload.getView().getId() + ":" + payload.getView().getHash(), origin.channelId(),
                    Verb.RESOLVE.word(), () -> submitted(origin, submitter(payload), ((Parsed.Ok) parsed).command()))
                    == Taken.UNAVAILABLE) {
                return ctx.ack(r -> r.responseAction("errors").errors(Map.of(ResolveModal.SUMMARY,
                        NOT_TAKEN.formatted("the resolution"))));
            }
            return ctx.ack();
        });

        // A click on one of sitrep's buttons (https://api.slack.com/reference/interaction-payloads/block-actions):
        // taken once by its action_ts, which Slack's retries of the same click repeat.
        app.blockAction(Pattern.compile("^" + Pattern.quote(Button.PREFIX) + ".*"), (req, ctx) -> {
            BlockActionPayload p = req.getPayload();
            if (p.getActions() == null || p.getActions().isEmpty() || p.getChannel() == null) {
                return ctx.ack();
            }
            BlockActionPayload.Action action = p.getActions().get(0);
            Optional<Button> button = Button.parse(action.getActionId());
            if (button.isEmpty()) {
                LOG.warn("Slack sent a click on an unknown sitrep button {}", action.getActionId());
                return ctx.ack();
            }
            String channelId = p.getChannel().getId();
            String messageTs = p.getContainer() == null ? null : p.getContainer().getMessageTs();
            String id = "action:" + channelId + ":" + messageTs + ":" + action.getActionId() + ":" + action.getActionTs();
            if (submitOnce(id, channelId, button.get().command(clicker(p)).verb().word(), () -> click(p, button.get()))
                    == Taken.UNAVAILABLE) {
                tellLater(channelId, p.getUser().getId(), NOT_TAKEN.formatted("\"" + button.get().label() + "\""));
            }
            return ctx.ack();
        });

        app.messageShortcut(TIMELINE_SHORTCUT, (req, ctx) -> {
            var p = req.getPayload();
            if (submitOnce("shortcut:" + p.getTriggerId(), p.getChannel().getId(), "timeline", () -> record(p.getChannel().getId(),
                    p.getUser().getId(), TimelineEntry.Kind.PIN, "Added to timeline: " + p.getMessage().getText()))
                    == Taken.UNAVAILABLE) {
                tellLater(p.getChannel().getId(), p.getUser().getId(), NOT_TAKEN.formatted("\"Add to timeline\""));
            }
            return ctx.ack();
        });

        app.event(ReactionAddedEvent.class, (payload, ctx) -> {
            ReactionAddedEvent e = payload.getEvent();
            if (timelineEmoji.equals(e.getReaction()) && e.getItem() != null && "message".equals(e.getItem().getType())) {
                return ackEvent(ctx, submitOnce("event:" + payload.getEventId(), e.getItem().getChannel(), "reaction",
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
                return ackEvent(ctx, submitOnce("event:" + payload.getEventId(), e.getChannelId(), "pin",
                        () -> record(e.getChannelId(), e.getUser(), TimelineEntry.Kind.PIN, "Pinned: " + text)));
            }
            return ctx.ack();
        });

        app.event(MemberJoinedChannelEvent.class, (payload, ctx) -> {
            MemberJoinedChannelEvent e = payload.getEvent();
            return ackEvent(ctx, submitOnce("event:" + payload.getEventId(), e.getChannel(), "joined",
                    () -> record(e.getChannel(), e.getUser(), TimelineEntry.Kind.PARTICIPANT, "joined the channel")));
        });
    }

    /** A slash command's delivery id: its trigger id, which Slack's retries of the command repeat. */
    public static String commandDelivery(String triggerId) {
        return "command:" + triggerId;
    }

    private static Member submitter(com.slack.api.app_backend.views.payload.ViewSubmissionPayload p) {
        return new Member(SlackChatPlatform.NAME, p.getUser().getId(), p.getUser().getName());
    }

    private static Member clicker(BlockActionPayload p) {
        String name = p.getUser().getUsername() != null ? p.getUser().getUsername() : p.getUser().getName();
        return new Member(SlackChatPlatform.NAME, p.getUser().getId(), name == null ? p.getUser().getId() : name);
    }

    /**
     * The click as its command; then the clicked message shows what happened instead of its buttons.
     * A form it opens carries the message and the button, so that its submission does the same.
     */
    private void click(BlockActionPayload p, Button button) {
        String channelId = p.getChannel().getId();
        ChannelRef channel = new ChannelRef(SlackChatPlatform.NAME, channelId,
                p.getChannel().getName() == null ? channelId : p.getChannel().getName());
        Member caller = clicker(p);
        String messageTs = p.getContainer() == null ? null : p.getContainer().getMessageTs();
        FormOrigin origin = messageTs == null ? FormOrigin.typed(channelId) : FormOrigin.clicked(channelId, messageTs, button);
        Pressed pressed = engine.press(new Invocation(channel, caller,
                new SlackAnswer(platform, channel, caller, p.getTriggerId(), origin, p.getResponseUrl())), button);
        if (pressed.shown() == null || p.getMessage() == null || p.getMessage().getBlocks() == null) {
            return;
        }
        showClicked(channelId, () -> platform.showClicked(channelId, messageTs, SlackBlocksJson.of(p.getMessage().getBlocks()),
                pressed.shown(), pressed.click().map(Clicked::at).orElse(null)));
    }

    /**
     * A submitted form: the command, as {@link IncidentEngine#submit} when a click opened the form,
     * and then the clicked message is edited exactly as after a click without a form.
     */
    private void submitted(FormOrigin origin, Member submitter, Command command) {
        String channelId = origin.channelId();
        Invocation invocation = new Invocation(new ChannelRef(SlackChatPlatform.NAME, channelId, channelId), submitter);
        Optional<Button> button = origin.clickedButton();
        if (button.isEmpty()) {
            engine.execute(invocation, command);
            return;
        }
        Pressed pressed = engine.submit(invocation, button.get(), command);
        if (pressed.shown() != null) {
            showClicked(channelId, () -> platform.showClicked(channelId, origin.messageTs(), pressed.shown(),
                    pressed.click().map(Clicked::at).orElse(null)));
        }
    }

    private static void showClicked(String channelId, Runnable edit) {
        try {
            edit.run();
        } catch (RuntimeException e) {
            // The command itself went through and was answered; only the clicked message stays as it was.
            LOG.warn("Could not edit the clicked message in {}: {}", channelId, e.toString());
        }
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
     * Hands the request to the pipeline and waits for the take, which the pipeline bounds: the
     * acknowledgement depends on it. Work taken but refused by a stopping replica is given back, so
     * Slack's retry of an event can succeed elsewhere.
     */
    private Taken submitOnce(String id, String channel, String verb, Runnable task) {
        return submitOnce(new Delivery(SlackChatPlatform.NAME, id, channel, verb), task);
    }

    private Taken submitOnce(Delivery delivery, Runnable task) {
        // Through the intake, behind the slash commands acknowledged before it: a click right after a
        // typed command in the same channel joins the channel's queue after that command.
        CompletableFuture<CompletableFuture<Taken>> handedOver;
        try {
            handedOver = CompletableFuture.supplyAsync(() -> accept(delivery, task), intake);
        } catch (RejectedExecutionException e) {
            // Shutting down: the pipeline itself refuses it now, and says so.
            handedOver = CompletableFuture.completedFuture(accept(delivery, task));
        }
        return handedOver.thenCompose(taken -> taken).join();
    }

    /** Hands the request to the pipeline without waiting: the take's outcome, within the pipeline's bound. */
    private CompletableFuture<Taken> accept(Delivery delivery, Runnable task) {
        return pipeline.accept(delivery, task, () -> LOG.warn("Slack request {} not run: this replica is overloaded or "
                + "stopping", delivery.id())).taken();
    }

    private static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "…";
    }
}
