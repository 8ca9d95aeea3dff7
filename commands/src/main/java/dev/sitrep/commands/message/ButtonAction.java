package dev.sitrep.commands.message;

import dev.sitrep.commands.Command;
import dev.sitrep.commands.MemberRef;
import dev.sitrep.commands.UpdateFields;
import dev.sitrep.commands.Verb;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.Member;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a button does, defined once for every platform: its stable {@link #id() id} (part of
 * {@link Button#id()}, so never rename one: messages already posted carry it), its label, the
 * {@link Command} of the command language it runs — so a click goes through the same handler, the
 * same permission rules and the same timeline entry (naming who clicked) as typed text — and what
 * the clicked message shows afterwards.
 */
public enum ButtonAction {
    /** {@code update} without fields: opens the update form where the platform has one. */
    POST_UPDATE("post-update", "Post update", "Update posted", Style.PRIMARY, Verb.UPDATE, true),
    /** {@code commander @<whoever clicked>}: same rule as typed, only the commander or an admin hands over. */
    TAKE_COMMAND("take-command", "Take command", "Command taken", Style.DEFAULT, null, true),
    /** {@code resolve}, asking for the summary in a form where the platform has one. */
    RESOLVE("resolve", "Resolve", "Resolved", Style.DANGER, Verb.RESOLVE, true),
    /** {@code snooze 15m}. */
    SNOOZE_15M("snooze-15m", "Snooze 15m", "Snoozed 15m", Style.DEFAULT, null, true),
    /** {@code action done <n>}: also after resolution, action items are follow-ups. */
    ACTION_DONE("action-done", "Done", "Done", Style.PRIMARY, null, false),
    /** {@code postmortem done}: only after resolution. */
    POSTMORTEM_DONE("postmortem-done", "Mark postmortem done", "Postmortem marked done", Style.PRIMARY, null, false),
    /**
     * On an alert group posted for triage: declare its incident (the number reserved for the group) with
     * the group's alerts, the clicker as commander. There is no incident before the click.
     */
    DECLARE_ALERTS("declare-alerts", "Declare incident", "Declared", Style.PRIMARY, null, false),
    /** On an alert group posted for triage: nothing to declare; the first decision about a group stands. */
    DISMISS_ALERTS("dismiss-alerts", "Dismiss", "Dismissed", Style.DEFAULT, null, false);

    /** How a platform may colour the button; a hint, platforms without styles ignore it. */
    public enum Style {
        DEFAULT, PRIMARY, DANGER
    }

    /** The snooze a {@link #SNOOZE_15M} click asks for. */
    public static final Duration SNOOZE = Duration.ofMinutes(15);

    private final String id;
    private final String label;
    private final String done;
    private final Style style;
    private final @Nullable Verb form;
    private final boolean needsOpenIncident;

    ButtonAction(String id, String label, String done, Style style, @Nullable Verb form, boolean needsOpenIncident) {
        this.id = id;
        this.label = label;
        this.done = done;
        this.style = style;
        this.form = form;
        this.needsOpenIncident = needsOpenIncident;
    }

    /** Stable, lower-case, no {@code :}; part of every posted button's id. */
    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    /** What happened, as the clicked message shows it: "Update posted" (+ " by bob 10:42", see {@link Clicked}). */
    public String done() {
        return done;
    }

    public Style style() {
        return style;
    }

    /**
     * The verb whose form a platform with forms opens for this click ({@code update}: the update form,
     * {@code resolve}: the summary), or empty when the click runs its command at once.
     */
    public Optional<Verb> form() {
        return Optional.ofNullable(form);
    }

    /** Whether the click only makes sense on an open incident; on a resolved one it is answered "INC-7 is resolved". */
    public boolean needsOpenIncident() {
        return needsOpenIncident;
    }

    public static Optional<ButtonAction> of(String id) {
        return Arrays.stream(values()).filter(a -> a.id.equals(id)).findFirst();
    }

    /** Whether the button decides about an alert group posted for triage rather than acting on an incident. */
    public boolean decidesTriage() {
        return this == DECLARE_ALERTS || this == DISMISS_ALERTS;
    }

    /**
     * The command a click by {@code clicker} runs; {@code incident} is the button's incident (for a triage
     * button the number reserved for the alert group), {@code item} the action item's number ({@link #ACTION_DONE} only).
     */
    Command command(Member clicker, IncidentId incident, int item) {
        return switch (this) {
            case POST_UPDATE -> new Command.PostUpdate(UpdateFields.NONE);
            case TAKE_COMMAND -> new Command.AssignRole("commander", mentionOf(clicker));
            case RESOLVE -> new Command.Resolve(null);
            case SNOOZE_15M -> new Command.Snooze(SNOOZE);
            case ACTION_DONE -> new Command.CompleteAction(item);
            case POSTMORTEM_DONE -> new Command.CompletePostmortem();
            case DECLARE_ALERTS -> new Command.DecideTriage(incident, true);
            case DISMISS_ALERTS -> new Command.DecideTriage(incident, false);
        };
    }

    /** The clicker as the platform's own mention, so {@code ChatPlatform.findMember} resolves them by id. */
    private static MemberRef mentionOf(Member clicker) {
        String byId = "<@" + clicker.id() + ">";
        return new MemberRef(MemberRef.looksLikeMention(byId) ? byId : "@" + clicker.id());
    }
}
