package dev.sitrep.discord;

import dev.sitrep.commands.Command;
import dev.sitrep.commands.Parsed;
import dev.sitrep.commands.Verb;
import dev.sitrep.commands.engine.IncidentEngine;
import dev.sitrep.commands.engine.Invocation;
import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.commands.message.Messages;
import dev.sitrep.commands.port.IdempotencyKeys;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.MessageContextInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.Interaction;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Translates Discord interactions into engine commands. Defers the reply first (JDA's event thread
 * is single and Discord allows 3 seconds), then works on an executor. Whoever defers owns the
 * answer: every deferred interaction ends in a private follow-up — the engine's own answer, or a
 * confirmation of what was done with a link to what was posted, or a notice that it failed.
 * Each interaction is taken once by its id in Redis, so one replayed after a gateway resume does
 * not run (or answer) twice; the delivery that took it answers.
 */
public final class DiscordInteractions extends ListenerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(DiscordInteractions.class);
    private static final Duration HOLD = Duration.ofMinutes(5);
    private static final Duration KEEP = Duration.ofDays(1);
    static final String NOT_TAKEN = "sitrep could not take this command: its store (Redis) is not answering, so nothing "
            + "was done. Run it again in a minute.";
    private static final String FAILED = "sitrep could not finish this command; what was already recorded is kept. "
            + "Run it again in a moment.";

    private final IncidentEngine engine;
    private final DiscordChatPlatform platform;
    private final IdempotencyKeys once;
    private final ExecutorService work;

    public DiscordInteractions(IncidentEngine engine, DiscordChatPlatform platform, IdempotencyKeys once,
                               ExecutorService work) {
        this.engine = engine;
        this.platform = platform;
        this.once = once;
        this.work = work;
    }

    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
        if (!IncidentSlashCommand.NAME.equals(event.getName()) || event.getSubcommandName() == null) {
            return;
        }
        if (Verb.UPDATE.word().equals(event.getSubcommandName()) && event.getOptions().isEmpty()) {
            // A modal has to be the first answer, so this one is not deferred; the engine checks on submit.
            if (takeOnce(event)) {
                event.replyModal(UpdateModal.modal()).queue();
            }
            return;
        }
        if (takeOnce(event)) {
            runCommand(event, DiscordOptions.toCommand(event));
        }
    }

    @Override
    public void onModalInteraction(ModalInteractionEvent event) {
        if (UpdateModal.ID.equals(event.getModalId()) && takeOnce(event)) {
            runCommand(event, UpdateModal.fields(event));
        }
    }

    @Override
    public void onMessageContextInteraction(MessageContextInteractionEvent event) {
        if (!IncidentSlashCommand.ADD_TO_TIMELINE.equals(event.getName()) || !takeOnce(event)) {
            return;
        }
        String text = event.getTarget().getContentRaw();
        String author = event.getTarget().getAuthor().getName();
        deferAndRun(event, invocation -> engine.recordOnTimeline(invocation, TimelineEntry.Kind.PIN,
                invocation.caller().displayName() + ": Added to timeline: " + author + ": " + text)
                ? "Added to the incident timeline." : "This is not an incident channel; nothing was added.");
    }

    /** A command from options or the modal; an adapter-side rejection is answered like the engine's. */
    private void runCommand(IReplyCallback event, Parsed parsed) {
        deferAndRun(event, invocation -> {
            if (parsed instanceof Parsed.Invalid invalid) {
                engine.reject(invocation, new Messages.CommandRejected(invalid.problem(), invalid.verb(), null));
                return FAILED;
            }
            Command command = ((Parsed.Ok) parsed).command();
            String channelId = invocation.channel().id();
            Optional<String> before = platform.lastPosted(channelId);
            engine.execute(invocation, command);
            // What the command posted here, so the caller can jump to it from the confirmation; the engine
            // records first and posts after, so a post Discord refused leaves the change recorded but unseen.
            Optional<String> posted = platform.lastPosted(channelId).filter(id -> !Optional.of(id).equals(before));
            return Confirmation.of(command) + posted.map(id -> " " + jumpUrl(event, channelId, id))
                    .orElse(" It is recorded, but sitrep could not post it in this channel; the logs say why.");
        });
    }

    /**
     * Defers (ephemeral), runs the work off JDA's event thread and answers in a finally: the work's
     * answer if it gave none itself, {@link #FAILED} if it threw, or a notice if it could not run.
     */
    private void deferAndRun(IReplyCallback event, Function<Invocation, String> job) {
        event.deferReply(true).queue();
        InteractionAnswer answer = platform.answer(event.getHook());
        Invocation invocation = invocation(event, answer);
        try {
            work.submit(() -> {
                String confirmation = FAILED;
                try {
                    confirmation = job.apply(invocation);
                } catch (RuntimeException e) {
                    LOG.warn("Discord interaction {} failed: {}", event.getId(), e.toString());
                } finally {
                    answer.finish(confirmation);
                }
            });
        } catch (RejectedExecutionException shuttingDown) {
            answer.finishWithoutWaiting("sitrep is shutting down; run the command again in a moment.");
        }
    }

    private static String jumpUrl(Interaction event, String channelId, String messageId) {
        return "https://discord.com/channels/" + (event.getGuild() == null ? "@me" : event.getGuild().getId()) + "/"
                + channelId + "/" + messageId;
    }

    /**
     * Takes the interaction once, in Redis. When Redis does not answer (its 2 s command timeout is
     * inside Discord's 3 s), the interaction is answered at once that nothing was done, instead of
     * being left to expire as "The application did not respond".
     */
    private boolean takeOnce(IReplyCallback interaction) {
        String key = "discord:interaction:" + interaction.getId();
        try {
            if (!once.begin(key, HOLD)) {
                LOG.info("Discord interaction {} replayed; already handled", interaction.getId());
                return false;
            }
            once.complete(key, KEEP);
            return true;
        } catch (RuntimeException storeDown) {
            LOG.warn("Could not take Discord interaction {}: {}", interaction.getId(), storeDown.toString());
            interaction.reply(NOT_TAKEN).setEphemeral(true).setAllowedMentions(List.of())
                    .queue(null, failed -> LOG.warn("Could not say so either: {}", failed.toString()));
            return false;
        }
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
