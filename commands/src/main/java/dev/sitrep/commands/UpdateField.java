package dev.sitrep.commands;

import dev.sitrep.commands.incident.Status;
import dev.sitrep.commands.incident.StatusUpdate;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The fields of {@code /incident update}, defined once. The text parser, the usage line, the
 * Discord options, both modals and the timeline summary are derived from this list, so a new
 * field is added here (and to the two records that carry the values).
 */
public enum UpdateField {
    CONFIRMED("confirmed", "What we can confirm", Kind.PARAGRAPH, true, UpdateFields::confirmed,
            StatusUpdate::confirmed),
    SUSPECTED("suspected", "What we suspect", Kind.PARAGRAPH, true, UpdateFields::suspected, StatusUpdate::suspected),
    VERIFYING("verifying", "What we still have to verify", Kind.PARAGRAPH, false, UpdateFields::verifying,
            StatusUpdate::verifying),
    ACTIONS("actions", "What to do now", Kind.PARAGRAPH, true, UpdateFields::actions, StatusUpdate::actions),
    RISK("risk", "What the next step risks", Kind.PARAGRAPH, false, UpdateFields::risk, StatusUpdate::risk),
    IMPACT("impact", "Impact", Kind.LINE, true, UpdateFields::impact, StatusUpdate::impact),
    STATUS("status", "Status", Kind.STATUS, false, f -> word(f.status()), u -> word(u.status())),
    NEXT("next", "Next update in", Kind.DURATION, true, f -> span(f.next()), u -> span(u.next())),
    /**
     * Whether the update's impact is for customers: only an update marked {@code public: yes} ever
     * reaches the status page, so publishing is always an explicit act of the one who posts it.
     */
    PUBLIC("public", "Public (impact shown on the status page)", Kind.YES_NO, false, f -> yesNo(f.publicUpdate()),
            u -> u.publicUpdate() ? "yes" : null);

    /** What a field holds, which decides how it is asked for and checked. */
    public enum Kind {
        /** Free text that may run over several lines. */
        PARAGRAPH,
        /** Free text on one line. */
        LINE,
        /** One of the statuses an update may move to (not resolved: that is {@code /incident resolve}). */
        STATUS,
        /** When the next update is due, as {@link DurationRule} accepts it. */
        DURATION,
        /** {@code yes} or {@code no}. */
        YES_NO
    }

    private static final String YES = "yes";
    private static final String NO = "no";

    /** The longest text one field takes; Discord caps an option or a text input at this too. */
    public static final int MAX_LENGTH = 1000;

    private final String key;
    private final String label;
    private final Kind kind;
    private final boolean compact;
    private final Function<UpdateFields, @Nullable String> given;
    private final Function<StatusUpdate, @Nullable String> recorded;

    UpdateField(String key, String label, Kind kind, boolean compact, Function<UpdateFields, @Nullable String> given,
                Function<StatusUpdate, @Nullable String> recorded) {
        this.key = key;
        this.label = label;
        this.kind = kind;
        this.compact = compact;
        this.given = given;
        this.recorded = recorded;
    }

    /** The name as users type it before the colon. */
    public String key() {
        return key;
    }

    /** The question a form asks for this field, and the heading it is shown under in every message. */
    public String label() {
        return label;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isText() {
        return kind == Kind.PARAGRAPH || kind == Kind.LINE;
    }

    public boolean multiLine() {
        return kind == Kind.PARAGRAPH;
    }

    /**
     * True for the fields a short form shows when a platform cannot show them all (a Discord modal
     * takes five inputs); the others stay reachable as inline fields and options.
     */
    public boolean compact() {
        return compact;
    }

    /** The values a choice field offers, in order; empty for the others. */
    public List<String> choices() {
        return switch (kind) {
            case STATUS -> Arrays.stream(Status.values()).filter(s -> s != Status.RESOLVED).map(Status::word).toList();
            case YES_NO -> List.of(YES, NO);
            default -> List.of();
        };
    }

    /** This field's value in an update as given, as text; null when it is not given. */
    public @Nullable String valueIn(UpdateFields fields) {
        return given.apply(fields);
    }

    /** This field's value in a recorded update, as text; null when it was not given. */
    public @Nullable String valueIn(StatusUpdate update) {
        return recorded.apply(update);
    }

    /** What a form shows in the empty input as an example, or null when the label says enough. */
    public @Nullable String placeholder() {
        return switch (kind) {
            case DURATION -> "e.g. 30m";
            case YES_NO -> NO;
            default -> null;
        };
    }

    /** The fields a recorded update gives, in this enumeration's order, with their values as text. */
    public static Map<UpdateField, String> givenIn(StatusUpdate update) {
        Map<UpdateField, String> given = new EnumMap<>(UpdateField.class);
        for (UpdateField field : values()) {
            String value = field.valueIn(update);
            if (value != null) {
                given.put(field, value);
            }
        }
        return given;
    }

    /** What is wrong with a (non-empty) value for this field, said to the user; empty when it is fine. */
    public Optional<String> problem(String value) {
        return switch (kind) {
            case PARAGRAPH, LINE -> value.length() <= MAX_LENGTH ? Optional.empty()
                    : Optional.of("The field '" + key + ":' is " + value.length() + " characters long; the limit is "
                            + MAX_LENGTH + ".");
            case STATUS -> Status.parse(value).isPresent() ? Optional.empty()
                    : Optional.of("Unknown status '" + CommandParser.shorten(value) + "': use " + Status.words() + ".");
            case DURATION -> DurationRule.parse(value).isPresent() ? Optional.empty()
                    : Optional.of(DurationRule.problem(key + ": " + value));
            case YES_NO -> yesNo(value).isPresent() ? Optional.empty()
                    : Optional.of("'" + key + ": " + CommandParser.shorten(value) + "' takes yes or no.");
        };
    }

    public static Optional<UpdateField> of(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.key.equals(k)).findFirst();
    }

    /** {@code confirmed: … | … | next: 30m}: every field as typed inline, for usage lines. */
    public static String inlineForm() {
        return Arrays.stream(values()).map(UpdateField::inline).collect(Collectors.joining(" | "));
    }

    /** {@code confirmed: …} or {@code next: 30m}: this field as typed inline, for usage lines. */
    public String inline() {
        return key + ": " + switch (kind) {
            case DURATION -> "30m";
            case YES_NO -> YES;
            default -> "…";
        };
    }

    /** {@code yes} or {@code no} (any case) as the flag it says; empty for anything else. */
    static Optional<Boolean> yesNo(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        return v.equals(YES) ? Optional.of(true) : v.equals(NO) ? Optional.of(false) : Optional.empty();
    }

    private static @Nullable String yesNo(@Nullable Boolean flag) {
        return flag == null ? null : flag ? YES : NO;
    }

    private static @Nullable String word(@Nullable Status status) {
        return status == null ? null : status.word();
    }

    private static @Nullable String span(@Nullable Duration next) {
        return next == null ? null : DurationText.format(next);
    }
}
