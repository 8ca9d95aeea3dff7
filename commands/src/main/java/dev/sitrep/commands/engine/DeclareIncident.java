package dev.sitrep.commands.engine;

import dev.sitrep.commands.Command;
import dev.sitrep.commands.Verb;
import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.incident.Severity;
import dev.sitrep.commands.incident.SetupProgress.Step;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.commands.message.Messages;
import dev.sitrep.commands.port.Change;
import dev.sitrep.commands.port.ChatPlatform;
import dev.sitrep.commands.port.PlatformFailure;
import dev.sitrep.commands.port.PostedMessage;
import dev.sitrep.commands.port.TimerChange;
import dev.sitrep.commands.port.Waiting;
import dev.sitrep.commands.service.Service;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * {@code start}: records the incident first, then opens and prepares its channel, then announces it.
 * Each preparation step is recorded on the incident once done and stands alone: one the platform
 * refuses does not stop the others, and running the same start again does only what is missing.
 */
final class DeclareIncident implements CommandHandler<Command.Start> {

    private static final System.Logger LOG = System.getLogger(DeclareIncident.class.getName());

    /**
     * Longer than a setup takes: a handful of platform calls, each retried for a few seconds, and in
     * a burst waiting minutes in the platform's line (Slack: up to 10 min of 429 pauses per call).
     */
    private static final Duration SETUP_HOLD = Duration.ofMinutes(15);

    private final HandlerSupport support;

    DeclareIncident(HandlerSupport support) {
        this.support = support;
    }

    @Override
    public void handle(Command.Start command, Invocation invocation) {
        ChatPlatform platform = support.platform(invocation.platform());
        Member caller = invocation.caller();
        // An unknown service is refused before anything is recorded.
        Service service = command.service() == null ? null : support.service(command.service(), Verb.START);
        Optional<Incident> unfinished = unfinished(command, caller, platform.name());
        Incident incident = unfinished.orElseGet(() -> declare(command, service, caller, support.now()));
        IncidentId id = incident.id();
        support.ports().observer().workingOn(id);
        // One setup at a time per incident: a start sent twice in a hurry must not open two channels
        // or post two kick-offs. A replica that dies mid-setup lets the key go after the hold.
        setUpFor(id, invocation, unfinished.isPresent());
    }

    /**
     * Sets up incident {@code id} for the person who declared it (invited, given the commander role, and
     * answered), as {@code start} does; a triage click that declared an alert group comes here too.
     */
    void setUpFor(IncidentId id, Invocation invocation, boolean resumed) {
        String setupKey = "setup:" + id.number();
        if (!support.ports().idempotencyKeys().begin(setupKey, SETUP_HOLD)) {
            throw new Rejected(id + " is being set up right now (its channel may be waiting in line). If it is not"
                    + " finished in a few minutes, run the same /incident start again.", Verb.START);
        }
        try {
            setUp(id, invocation, support.platform(invocation.platform()), resumed);
        } finally {
            support.ports().idempotencyKeys().abandon(setupKey);
        }
    }

    private void setUp(IncidentId id, Invocation invocation, ChatPlatform platform, boolean resumed) {
        Prepared prepared = prepare(id, invocation.caller(), platform, invocation);
        answer(invocation, prepared.incident(), prepared.channel(), resumed, prepared.missing(), prepared.failures());
    }

    /**
     * Sets up an incident nobody typed a command for (an alert declared it): the same steps, with sitrep
     * as the caller, so no one is invited or given the commander role; failures are logged and on the
     * timeline, and the group's next notification runs the missing steps again.
     */
    void setUpUnattended(IncidentId id, ChatPlatform platform) {
        String setupKey = "setup:" + id.number();
        if (!support.ports().idempotencyKeys().begin(setupKey, SETUP_HOLD)) {
            return;
        }
        try {
            // A person a triage click made commander is still invited and given the role, though absent.
            Member commander = support.ports().store().find(id).flatMap(Incident::commander)
                    .filter(Member::isPerson).orElse(Member.SITREP);
            Prepared prepared = prepare(id, commander, platform, null);
            if (!prepared.failures().isEmpty()) {
                LOG.log(System.Logger.Level.WARNING, "Set up " + id + " from an alert, but some steps failed: "
                        + String.join("; ", prepared.failures()));
            }
        } catch (PlatformFailure e) {
            LOG.log(System.Logger.Level.WARNING, e.getMessage() + " (the alert group's next notification tries again)");
        } finally {
            support.ports().idempotencyKeys().abandon(setupKey);
        }
    }

    /** What a setup did: the incident after it, its channel, the steps it tried and those that failed. */
    private record Prepared(Incident incident, ChannelRef channel, List<Step> missing, List<String> failures) {
    }

    /** {@code invocation}, when someone typed the command, hears of a wait in the platform's line. */
    private Prepared prepare(IncidentId id, Member caller, ChatPlatform platform, @Nullable Invocation invocation) {
        // Read again under the key: a setup that just finished elsewhere has recorded its steps.
        Incident incident = support.ports().store().find(id)
                .orElseThrow(() -> new IllegalStateException(id + " disappeared from the store"));
        ChannelRef channel = incident.channelOn(platform.name()).orElse(null);
        boolean madeChannel = false;
        if (channel == null) {
            String name = ChannelNames.of(support.settings().channelPrefix(), id, incident.title(),
                    platform.maxChannelNameLength());
            Incident recorded = incident;
            try {
                channel = platform.openChannel(name, incident.privateIncident(), waiting -> {
                    if (invocation != null) {
                        tellWaiting(invocation, recorded, waiting);
                    }
                });
            } catch (PlatformFailure e) {
                throw new PlatformFailure(id + " is recorded, but its channel could not be made: " + e.getMessage(), e);
            }
            ChannelRef opened = channel;
            // The owners are invited through the outbox, each once, retried by the next tick if refused.
            incident = support.apply(id, i -> Change.of(i, i.withChannel(opened))
                    .effects(ServiceEffects.inviteOwners(i.withChannel(opened), support.ports().services(),
                            opened.platform()))).after();
            madeChannel = true;
        }

        List<Step> missing = incident.setup().missing();
        List<String> failures = new ArrayList<>();
        for (Step step : missing) {
            incident = run(step, incident, channel, caller, platform, failures);
        }
        if (madeChannel && incident.nextReminderAt().isPresent()) {
            // A reminder that came due while there was no channel was held back; now, after the
            // kick-off, it can be posted.
            Instant at = incident.nextReminderAt().get();
            incident = support.apply(id, i -> Change.of(i, i).timer(TimerChange.arm(at))).after();
        }
        return new Prepared(incident, channel, missing, failures);
    }

    /**
     * The channel waits in the platform's line (a burst of declarations): the declarer hears at once
     * that nothing is lost and roughly when, and hears again when it is ready (the usual answer).
     */
    private void tellWaiting(Invocation invocation, Incident incident, Waiting waiting) {
        long seconds = Math.max(1, (waiting.about().toMillis() + 999) / 1000);
        try {
            support.reply(invocation, new Messages.CommandAccepted(incident.id() + " is recorded; " + waiting.pacedBy()
                    + " is pacing " + waiting.what() + ", yours is " + ordinal(waiting.place()) + " in line, about "
                    + seconds + " s. You will be told here when its channel is ready.", incident));
        } catch (PlatformFailure e) {
            LOG.log(System.Logger.Level.WARNING, "Could not tell the caller of /incident start that " + incident.id()
                    + " waits in line: " + e.getMessage());
        }
    }

    /** 1st, 2nd, 3rd, 4th, …, 11th, 12th, 13th, …, 21st. */
    static String ordinal(int n) {
        int lastTwo = n % 100;
        String suffix = lastTwo >= 11 && lastTwo <= 13 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }

    /** Runs one step; a refusal is noted (for the caller and the timeline) and the next step still runs. */
    private Incident run(Step step, Incident incident, ChannelRef channel, Member caller, ChatPlatform platform,
                         List<String> failures) {
        if (step == Step.PIN && incident.setup().kickoff() == null) {
            // Nothing to pin yet: the kick-off's own failure is already told, and a re-run does both.
            // (Or the kick-off went out but its recording failed: it is found, not posted again, but
            // the platform says only that it is there, not which message it is.)
            failures.add(step.phrase() + (incident.setup().has(Step.KICKOFF)
                    ? ": the kick-off is posted but was not recorded; pin it by hand"
                    : ": the kick-off was not posted"));
            return incident;
        }
        String posted;
        try {
            posted = perform(step, incident, channel, caller, platform);
        } catch (PlatformFailure e) {
            LOG.log(System.Logger.Level.WARNING, "/incident start: could not " + step.phrase() + " for " + incident.id()
                    + ": " + e.getMessage());
            failures.add(step.phrase() + ": " + e.getMessage());
            return support.apply(incident.id(), i -> Change.of(i, i).record(support.entry(Member.SITREP,
                    TimelineEntry.Kind.NOTE, "Setup: could not " + step.phrase() + ": " + e.getMessage()))).after();
        }
        return support.apply(incident.id(), i -> Change.of(i, i.withSetup(
                posted == null ? i.setup().with(step) : i.setup().withKickoff(posted)))).after();
    }

    /** Does the step on the platform; returns the kick-off's message id when the step posted it. */
    private @Nullable String perform(Step step, Incident incident, ChannelRef channel, Member caller,
                                     ChatPlatform platform) {
        // Keyed like reminders, so a platform that dedupes by key (Discord's nonce) never doubles a re-run's post.
        String key = "setup:" + incident.id().number() + ":" + step.name().toLowerCase(Locale.ROOT);
        switch (step) {
            // An incident an alert declared has no person to invite or to make commander yet.
            case INVITE -> {
                if (caller.isPerson()) {
                    platform.invite(channel, caller);
                }
            }
            case COMMANDER_ROLE -> {
                if (caller.isPerson()) {
                    platform.commanderChanged(channel, null, caller);
                }
            }
            case TOPIC -> platform.setTopic(channel, new Messages.Topic(incident));
            case KICKOFF -> {
                return once(key, () -> platform.alreadyPosted(channel, key),
                        () -> platform.post(channel, new Messages.Kickoff(incident), key).id());
            }
            case PIN -> platform.pin(new PostedMessage(channel, incident.setup().kickoff()));
            case ANNOUNCEMENT -> {
                // The platform's broadcast channel (null) and the service's own, as Effects.broadcasts
                // decides for escalations too; keyed apart, so a re-run posts each once.
                for (String in : Effects.broadcasts(incident)) {
                    String announceKey = in == null ? key : key + ":service";
                    Messages.Announcement announcement = new Messages.Announcement(incident, channel);
                    once(announceKey,
                            () -> in == null ? platform.alreadyAnnounced(announceKey) : platform.alreadyAnnouncedIn(in, announceKey),
                            () -> {
                                if (in == null) {
                                    platform.announce(announcement, announceKey);
                                } else {
                                    platform.announceIn(in, announcement, announceKey);
                                }
                                return null;
                            });
                }
            }
            default -> throw new IllegalStateException("no setup step " + step);
        }
        return null;
    }

    /**
     * Posts under the exactly-once protocol, so a re-run after a failed store write (the post went
     * out, its recording did not) asks the platform instead of posting a second kick-off.
     */
    private @Nullable String once(String key, java.util.function.BooleanSupplier alreadyThere,
                                  java.util.function.Supplier<@Nullable String> post) {
        ExactlyOnce.Done<String> done = support.once().run(key, alreadyThere, post);
        if (done.outcome() == ExactlyOnce.Outcome.BUSY) {
            throw new PlatformFailure("another start is posting it right now; run the same /incident start again"
                    + " in a minute", null);
        }
        return done.value();
    }

    /**
     * The caller's private answer: what was declared or finished, and each step that failed with the
     * platform's reason (which names what to grant). Its own failure is only logged: everything else is done.
     */
    private void answer(Invocation invocation, Incident incident, ChannelRef channel, boolean resumed,
                        List<Step> attempted, List<String> failures) {
        StringBuilder text = new StringBuilder();
        if (!resumed) {
            text.append("Declared ").append(incident.id()).append("; you are its commander.");
        } else {
            List<String> finished = attempted.stream().filter(s -> incident.setup().has(s)).map(Step::phrase).toList();
            text.append("Finished setting up ").append(incident.id())
                    .append(finished.isEmpty() ? "" : ": " + String.join(", ", finished)).append('.');
        }
        incident.pages().forEach(p -> text.append(' ').append(capitalized(p.describe())).append('.'));
        if (!failures.isEmpty()) {
            text.append(" Some steps failed: ").append(String.join("; ", failures))
                    .append(". Fix that and run the same /incident start again to finish them.");
        }
        try {
            // The channel goes in as a channel, so each platform links it (<#id>, <#C…|name>) instead of
            // writing its name as escaped text.
            support.reply(invocation, new Messages.CommandAccepted(text.toString(), incident, channel));
        } catch (PlatformFailure e) {
            LOG.log(System.Logger.Level.WARNING, "Could not answer the caller of /incident start for " + incident.id()
                    + ": " + e.getMessage());
        }
    }

    /**
     * Recorded before any channel exists, so a platform failure never loses the declaration: the
     * incident, its first timeline entries and its timer are one commit.
     */
    private Incident declare(Command.Start command, @Nullable Service service, Member caller, Instant now) {
        Severity severity = command.severityOr(service == null ? Severity.SEV3 : service.defaultSeverity());
        Duration cadence = support.settings().cadence(severity);
        IncidentId id = support.ports().store().nextId();
        Incident declared = Incident.declare(id, command.title(), severity, command.privateIncident(), caller,
                now, cadence);
        Change change = Change.of(null, declared)
                .record(new TimelineEntry(now, caller, TimelineEntry.Kind.DECLARED, "Declared "
                        + severity.label() + ": " + command.title()
                        + (service == null ? "" : " (service " + service.displayName() + ")")
                        + (command.privateIncident() ? " (private)" : "")))
                .record(new TimelineEntry(now, caller, TimelineEntry.Kind.ROLE, caller.displayName() + " is commander"))
                .timer(TimerChange.arm(declared.nextUpdateDue()));
        if (service != null) {
            change = ofService(change, service, now);
        }
        return support.commit(change).orElseThrow(() -> new IllegalStateException(id + " already exists")).after();
    }

    /**
     * A declaration made an incident of {@code service}: its runbook and checklist (as tasks) on it, its
     * on-call paged when declared at or above the threshold. Its owners are invited once its channel
     * exists ({@link #prepare}). Typed ({@code start … service:}) and alert-declared incidents both come here.
     */
    static Change ofService(Change declaration, Service service, Instant now) {
        Incident incident = declaration.after().withService(ServiceEffects.of(service), service.checklist());
        Change change = new Change(declaration.before(), incident, declaration.entries(), declaration.timer(),
                declaration.effects());
        return service.paging().pagesAt(incident.severity())
                ? ServiceEffects.page(change, service, "declared at " + incident.severity().label(), now)
                : change;
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /**
     * The same caller's open incident with the same title whose setup did not finish (no channel, or
     * a step after it failed): running the same start again finishes it instead of declaring another.
     */
    private Optional<Incident> unfinished(Command.Start command, Member caller, String platform) {
        return support.ports().store().open().stream()
                .filter(i -> i.setupUnfinished(platform) && i.title().equals(command.title())
                        && i.holds(caller, Incident.COMMANDER))
                .findFirst();
    }
}
