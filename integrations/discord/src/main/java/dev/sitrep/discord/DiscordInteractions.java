package dev.sitrep.discord;

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
import dev.sitrep.commands.message.ButtonAction;
import dev.sitrep.commands.message.Messages;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.MessageContextInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.Interaction;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import net.dv8tion.jda.api.modals.Modal;
import net.dv8tion.jda.api.requests.RestAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Translates Discord interactions into deliveries of the {@link InboundPipeline}. JDA's event thread
 * is single and Discord allows 3 seconds for the first answer, so the thread only defers (ephemeral)
 * and hands over: the pipeline takes the interaction once by its id in Redis, on its key-check
 * threads with a bounded wait, and runs the work after the work of the same channel. Whoever
 * defers owns the answer: every deferred interaction ends in a private follow-up — the engine's own
 * answer, a confirmation of what was done with a link to what this command posted, or a notice
 * that it failed or could not be taken. Discord accepts one initial response per interaction
 * (https://discord.com/developers/docs/interactions/receiving-and-responding#responding-to-an-interaction),
 * so an interaction replayed after a gateway resume is recognised before anything is sent
 * ({@link SeenInteractions}); one whose deferral Discord still refuses is not run here.
 */
public final class DiscordInteractions extends ListenerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(DiscordInteractions.class);
    static final String NOT_TAKEN = "sitrep could not take this command: its store (Redis) is not answering, so nothing "
            + "was done. Run it again in a minute.";
    private static final String FAILED = "sitrep could not finish this command; what was already recorded is kept. "
            + "Run it again in a moment.";
    private static final String STOPPING = "sitrep is shutting down; run the command again in a moment.";

    private final IncidentEngine engine;
    private final DiscordChatPlatform platform;
    private final InboundPipeline pipeline;
    private final SeenInteractions seen = new SeenInteractions();

    public DiscordInteractions(IncidentEngine engine, DiscordChatPlatform platform, InboundPipeline pipeline) {
        this.engine = engine;
        this.platform = platform;
        this.pipeline = pipeline;
    }

    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
        if (!IncidentSlashCommand.NAME.equals(event.getName()) || event.getSubcommandName() == null
                || replayed(event.getId())) {
            return;
        }
        if (Verb.UPDATE.word().equals(event.getSubcommandName()) && event.getOptions().isEmpty()) {
            // A modal has to be the first answer, so this one is neither deferred nor taken in Redis: Discord
            // refuses a second first answer, so a replay cannot open it twice; the submission is taken once.
            event.replyModal(UpdateModal.modal()).queue(null,
                    refused -> LOG.info("Discord interaction {} not answered with the form: {}", event.getId(),
                            refused.toString()));
            return;
        }
        runCommand(event, event.getSubcommandName(), DiscordOptions.toCommand(event));
    }

    /**
     * A button sitrep posted (its custom_id is a {@link Button#id()}): the button's command, through the
     * same pipeline, take-once and engine path as typed ones. Discord wants an answer within 3 s, so
     * the click is deferred as an update of its message (DEFERRED_UPDATE_MESSAGE: no "thinking…"
     * reply), and the work then edits that message to show what happened, or the engine's refusal
     * reaches the clicker privately
     * (https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-response-object-interaction-callback-type).
     * Post update and Resolve answer with their form (type 9, MODAL), which has to be the first
     * answer, so those clicks are neither deferred nor taken (a replay cannot open a form twice:
     * Discord refuses a second first answer). Resolve is checked first — who may resolve, one Redis
     * read and the commander rule, within {@link ButtonForms#CHECK_BUDGET} — so a non-commander is
     * refused privately at once instead of typing a summary that the submission would refuse; a check
     * that cannot decide in time opens the form, and the submission is checked as always.
     */
    @Override
    public void onButtonInteraction(ButtonInteractionEvent event) {
        Optional<Button> button = Button.parse(event.getComponentId());
        if (button.isEmpty() || replayed(event.getId())) {
            return;
        }
        Optional<Modal> form = ButtonForms.modalFor(button.get());
        if (form.isPresent() && button.get().action() == ButtonAction.RESOLVE) {
            Invocation asking = invocation(event, null);
            ButtonForms.refusalWithin(() -> engine.refusalBeforeForm(asking, button.get()), ButtonForms.CHECK_BUDGET)
                    .thenAccept(refusal -> refusal.ifPresentOrElse(r -> refuseBeforeForm(event, r),
                            () -> openForm(event, form.get())));
            return;
        }
        if (form.isPresent()) {
            openForm(event, form.get());
            return;
        }
        Member clicker = new Member(DiscordChatPlatform.NAME, event.getUser().getId(), event.getUser().getName());
        deferAndRun(event, event.deferEdit(), button.get().command(clicker).verb().word(), (invocation, answer) ->
                showOnMessage(answer, engine.press(invocation, button.get())));
    }

    private static void openForm(ButtonInteractionEvent event, Modal form) {
        event.replyModal(form).queue(null,
                refused -> LOG.info("Discord interaction {} not answered with the form: {}", event.getId(),
                        refused.toString()));
    }

    /** The refusal the submission would have got, privately, in place of the form; taken once like any click. */
    private void refuseBeforeForm(ButtonInteractionEvent event, Messages.CommandRejected refusal) {
        deferAndRun(event, event.deferReply(true), Verb.RESOLVE.word(), (invocation, answer) -> {
            engine.reject(invocation, refusal);
            return FAILED;
        });
    }

    /**
     * A submitted modal: the form of a click (its custom_id names the button) runs like the click
     * would have, deferred as an update of the clicked message (type 6, which Discord allows for a
     * modal opened from a component) and then edits that message ("Update posted by bob …"); the
     * modal of a typed {@code /incident update} is answered privately like any command.
     */
    @Override
    public void onModalInteraction(ModalInteractionEvent event) {
        if (replayed(event.getId())) {
            return;
        }
        Optional<Button> clicked = ButtonForms.clickedFor(event.getModalId());
        if (clicked.isPresent() && event.getMessage() != null) {
            Button button = clicked.get();
            Parsed parsed = ButtonForms.read(event, button);
            deferAndRun(event, event.deferEdit(), button.action().form().orElseThrow().word(), (invocation, answer) -> {
                if (parsed instanceof Parsed.Invalid invalid) {
                    engine.reject(invocation, new Messages.CommandRejected(invalid.problem(), invalid.verb(), null));
                    return FAILED;
                }
                return showOnMessage(answer, engine.submit(invocation, button, ((Parsed.Ok) parsed).command()));
            });
        } else if (clicked.isPresent()) {
            // Discord names the message a component's modal came from; without one there is nothing to edit.
            runCommand(event, clicked.get().action().form().orElseThrow().word(), ButtonForms.read(event, clicked.get()));
        } else if (UpdateModal.ID.equals(event.getModalId())) {
            runCommand(event, Verb.UPDATE.word(), UpdateModal.fields(event));
        }
    }

    /**
     * The clicked message shows what happened instead of its buttons; a refusal was the engine's
     * private answer and leaves the message as it is. Returns the notice for when nothing was said.
     */
    private String showOnMessage(InteractionAnswer answer, Pressed pressed) {
        if (pressed.shown() != null) {
            answer.showOnMessage(pressed.click().map(platform::clicked).orElse(pressed.shown()));
        }
        return FAILED;
    }

    @Override
    public void onMessageContextInteraction(MessageContextInteractionEvent event) {
        if (!IncidentSlashCommand.ADD_TO_TIMELINE.equals(event.getName()) || replayed(event.getId())) {
            return;
        }
        String text = event.getTarget().getContentRaw();
        String author = event.getTarget().getAuthor().getName();
        deferAndRun(event, event.deferReply(true), "timeline", (invocation, answer) -> engine.recordOnTimeline(invocation,
                TimelineEntry.Kind.PIN, invocation.caller().displayName() + ": Added to timeline: " + author + ": " + text)
                ? "Added to the incident timeline." : "This is not an incident channel; nothing was added.");
    }

    private boolean replayed(String interactionId) {
        if (seen.firstTime(interactionId)) {
            return false;
        }
        LOG.info("Discord interaction {} delivered again to this session; already answered", interactionId);
        return true;
    }

    /** A command from options or the modal; an adapter-side rejection is answered like the engine's. */
    private void runCommand(IReplyCallback event, String verb, Parsed parsed) {
        deferAndRun(event, event.deferReply(true), verb, (invocation, answer) -> {
            if (parsed instanceof Parsed.Invalid invalid) {
                engine.reject(invocation, new Messages.CommandRejected(invalid.problem(), invalid.verb(), null));
                return FAILED;
            }
            Command command = ((Parsed.Ok) parsed).command();
            engine.execute(invocation, command);
            // What this command posted here, carried back in its answer, so the caller can jump to it; the
            // engine records first and posts after, so a post Discord refused leaves the change recorded but unseen.
            return Confirmation.of(command) + answer.postedHere()
                    .map(id -> " " + jumpUrl(event, invocation.channel().id(), id))
                    .orElse(" It is recorded, but sitrep could not post it in this channel; the logs say why.");
        });
    }

    /**
     * Defers (ephemeral for commands, an update of the message for a click) and hands the work to
     * the pipeline, which takes it once and runs it off JDA's event thread after the channel's earlier work; the answer comes in a finally: the work's
     * answer if it gave none itself, {@link #FAILED} if it threw, or a notice if it could not be
     * taken or run. Nothing here waits on Redis.
     */
    private void deferAndRun(IReplyCallback event, RestAction<?> deferral, String verb,
                             BiFunction<Invocation, InteractionAnswer, String> job) {
        CompletableFuture<Boolean> deferred = new CompletableFuture<>();
        deferral.queue(ok -> deferred.complete(true), refused -> {
            LOG.info("Discord interaction {} not deferred: {}", event.getId(), refused.toString());
            deferred.complete(false);
        });
        InteractionAnswer answer = platform.answer(event.getHook());
        Invocation invocation = invocation(event, answer);
        pipeline.accept(new Delivery(DiscordChatPlatform.NAME, "interaction:" + event.getId(), event.getChannelId(),
                verb), deferred, () -> {
                    String confirmation = FAILED;
                    try {
                        confirmation = job.apply(invocation, answer);
                    } finally {
                        answer.finish(confirmation);
                    }
                }, () -> answer.finishWithoutWaiting(STOPPING))
                .taken().thenAccept(taken -> {
                    if (taken == Taken.UNAVAILABLE) {
                        answer.finishWithoutWaiting(NOT_TAKEN);
                    }
                });
    }

    private static String jumpUrl(Interaction event, String channelId, String messageId) {
        return "https://discord.com/channels/" + (event.getGuild() == null ? "@me" : event.getGuild().getId()) + "/"
                + channelId + "/" + messageId;
    }

    private static Invocation invocation(Interaction interaction, InteractionAnswer answer) {
        var channel = interaction.getChannel();
        String channelName = channel == null ? interaction.getChannelId() : channel.getName();
        var user = interaction.getUser();
        String name = interaction.getMember() != null ? interaction.getMember().getEffectiveName() : user.getName();
        return new Invocation(new ChannelRef(DiscordChatPlatform.NAME, interaction.getChannelId(), channelName),
                new Member(DiscordChatPlatform.NAME, user.getId(), name), answer);
    }
}
