package dev.sitrep.commands;

import dev.sitrep.commands.incident.Severity;
import dev.sitrep.commands.incident.Status;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Turns the text after {@code /incident} into a {@link Command}, the same way for every platform.
 * Never throws on user input: everything wrong comes back as {@link Parsed.Invalid}.
 */
public final class CommandParser {

    /** Longer than any sensible command; anything beyond is a paste accident or an attack. */
    public static final int MAX_LENGTH = 4_000;
    public static final int MAX_TITLE_LENGTH = 200;

    private static final Pattern FIELD = Pattern.compile(
            "(?i)(?:^|(?<=[\\s|]))(" + Arrays.stream(UpdateField.values()).map(UpdateField::key)
                    .collect(Collectors.joining("|")) + ")\\s*:");

    public Parsed parse(String input) {
        if (input == null) {
            return invalid("Nothing after /incident.", null);
        }
        if (input.length() > MAX_LENGTH) {
            return invalid("That command is " + input.length() + " characters long; the limit is " + MAX_LENGTH + ".",
                    null);
        }
        String text = clean(input);
        if (text.startsWith("/incident")) {
            text = text.substring("/incident".length()).strip();
        }
        if (text.isEmpty()) {
            return invalid("Nothing after /incident: which verb did you mean?", null);
        }
        String[] split = text.split("\\s+", 2);
        String word = split[0];
        String rest = split.length > 1 ? split[1].strip() : "";
        Optional<Verb> verb = Verb.of(word);
        if (verb.isEmpty()) {
            return invalid("Unknown verb '" + shorten(word) + "'.", null);
        }
        return switch (verb.get()) {
            case START -> start(rest);
            case COMMANDER -> role(Verb.COMMANDER, "commander " + rest);
            case ROLE -> role(Verb.ROLE, rest);
            case SEVERITY -> severity(rest);
            case STATUS -> status(rest);
            case UPDATE -> update(rest);
            case NOTE -> rest.isEmpty() ? invalid("A note needs some text.", Verb.NOTE)
                    : ok(new Command.AddNote(rest));
            case ACTION -> action(rest);
            case SNOOZE -> snooze(rest);
            case RESOLVE -> ok(new Command.Resolve(rest.isEmpty() ? null : rest));
            case POSTMORTEM -> rest.equalsIgnoreCase("done") ? ok(new Command.CompletePostmortem())
                    : noArguments(Verb.POSTMORTEM, rest, new Command.FilePostmortem());
            case LIST -> noArguments(Verb.LIST, rest, new Command.ListOpen());
            case HELP -> help(rest);
        };
    }

    private Parsed start(String rest) {
        List<String> tokens = new ArrayList<>(Arrays.asList(rest.isEmpty() ? new String[0] : rest.split("\\s+")));
        Severity severity = null;
        boolean privateIncident = false;
        // Options are only read from the end, so a title like "sev1 cache private keys" keeps its words.
        while (!tokens.isEmpty()) {
            String last = tokens.get(tokens.size() - 1);
            if (last.equalsIgnoreCase("private") && !privateIncident) {
                privateIncident = true;
            } else if (Severity.parse(last).isPresent() && severity == null) {
                severity = Severity.parse(last).get();
            } else if (Severity.looksLikeSeverity(last) && severity == null) {
                return invalid("Unknown severity '" + shorten(last) + "': use sev1, sev2, sev3 or sev4.", Verb.START);
            } else {
                break;
            }
            tokens.remove(tokens.size() - 1);
        }
        String title = String.join(" ", tokens).strip();
        if (title.isEmpty()) {
            return invalid("An incident needs a title.", Verb.START);
        }
        if (title.length() > MAX_TITLE_LENGTH) {
            return invalid("The title is " + title.length() + " characters long; keep it under "
                    + MAX_TITLE_LENGTH + ".", Verb.START);
        }
        return ok(new Command.Start(title, severity == null ? Severity.SEV3 : severity, privateIncident));
    }

    private Parsed role(Verb verb, String rest) {
        String[] tokens = rest.isEmpty() ? new String[0] : rest.split("\\s+");
        if (tokens.length != 2) {
            return invalid(verb == Verb.COMMANDER ? "Name exactly one @member."
                    : "Give a role and exactly one @member.", verb);
        }
        String role = tokens[0].toLowerCase(Locale.ROOT);
        if (!role.matches("[a-z][a-z0-9_-]{0,30}")) {
            return invalid("'" + shorten(tokens[0]) + "' is not a role name.", verb);
        }
        if (!MemberRef.looksLikeMention(tokens[1])) {
            return invalid("'" + shorten(tokens[1]) + "' is not a @mention of a member.", verb);
        }
        return ok(new Command.AssignRole(role, new MemberRef(tokens[1])));
    }

    private Parsed severity(String rest) {
        Optional<Severity> severity = Severity.parse(rest);
        return severity.<Parsed>map(s -> ok(new Command.ChangeSeverity(s)))
                .orElseGet(() -> invalid(rest.isEmpty() ? "Which severity? Use sev1, sev2, sev3 or sev4."
                        : "Unknown severity '" + shorten(rest) + "': use sev1, sev2, sev3 or sev4.", Verb.SEVERITY));
    }

    private Parsed status(String rest) {
        Optional<Status> status = Status.parse(rest);
        return status.<Parsed>map(s -> ok(new Command.ChangeStatus(s)))
                .orElseGet(() -> invalid(rest.isEmpty() ? "Which status?"
                        : "Unknown status '" + shorten(rest) + "': use " + Status.words() + ".", Verb.STATUS));
    }

    private Parsed update(String rest) {
        if (rest.isEmpty()) {
            return ok(new Command.PostUpdate(UpdateFields.NONE));
        }
        Matcher m = FIELD.matcher(rest);
        Map<UpdateField, String> values = new EnumMap<>(UpdateField.class);
        int previousEnd = -1;
        String previousName = null;
        while (m.find()) {
            if (previousName == null) {
                String before = stripBars(rest.substring(0, m.start()));
                if (!before.isEmpty()) {
                    return invalid("'" + shorten(before) + "' is not under a field; start with one of "
                            + UpdateField.keyList() + ".", Verb.UPDATE);
                }
            } else {
                Parsed.Invalid bad = putField(values, previousName, rest.substring(previousEnd, m.start()));
                if (bad != null) {
                    return bad;
                }
            }
            previousName = m.group(1).toLowerCase(Locale.ROOT);
            previousEnd = m.end();
        }
        if (previousName == null) {
            return invalid("No update fields found; use " + UpdateField.keyList() + ", e.g. confirmed: checkout fails.",
                    Verb.UPDATE);
        }
        Parsed.Invalid last = putField(values, previousName, rest.substring(previousEnd));
        return last != null ? last : UpdateFields.read(values);
    }

    /** Stores one field; answers what was wrong with it, or null when it was fine. */
    private static Parsed.@Nullable Invalid putField(Map<UpdateField, String> values, String name, String raw) {
        String value = stripBars(raw);
        if (value.isEmpty()) {
            return new Parsed.Invalid("The field '" + name + ":' is empty.", Verb.UPDATE);
        }
        if (values.putIfAbsent(UpdateField.of(name).orElseThrow(), value) != null) {
            return new Parsed.Invalid("The field '" + name + ":' is given twice.", Verb.UPDATE);
        }
        return null;
    }

    private Parsed action(String rest) {
        String[] words = rest.split("\\s+");
        if (words[0].equalsIgnoreCase("done") && words.length <= 2) {
            return actionDone(words.length == 2 ? words[1] : "");
        }
        List<String> tokens = new ArrayList<>(Arrays.asList(rest.isEmpty() ? new String[0] : rest.split("\\s+")));
        LocalDate due = null;
        MemberRef owner = null;
        for (int i = tokens.size() - 1; i >= 0; i--) {
            String token = tokens.get(i);
            if (token.toLowerCase(Locale.ROOT).startsWith("due:")) {
                if (due != null) {
                    return invalid("Give at most one due: date.", Verb.ACTION);
                }
                try {
                    due = LocalDate.parse(token.substring(4));
                } catch (DateTimeParseException e) {
                    return invalid("'" + shorten(token) + "' is not a date; write due:YYYY-MM-DD.", Verb.ACTION);
                }
                tokens.remove(i);
            }
        }
        if (!tokens.isEmpty() && MemberRef.looksLikeMention(tokens.get(tokens.size() - 1))) {
            owner = new MemberRef(tokens.remove(tokens.size() - 1));
        }
        String text = String.join(" ", tokens).strip();
        if (text.isEmpty()) {
            return invalid("An action item needs a description.", Verb.ACTION);
        }
        return ok(new Command.AddAction(text, owner, due));
    }

    /** {@code done 3} or {@code done #3}: which item is finished. */
    private Parsed actionDone(String number) {
        if (number.isEmpty()) {
            return invalid("Which action item is done? Give its number, e.g. /incident action done 2.", Verb.ACTION);
        }
        String digits = number.startsWith("#") ? number.substring(1) : number;
        if (!digits.matches("[0-9]{1,6}") || Integer.parseInt(digits) < 1) {
            return invalid("'" + shorten(number) + "' is not an action item number; write e.g. /incident action done 2.",
                    Verb.ACTION);
        }
        return ok(new Command.CompleteAction(Integer.parseInt(digits)));
    }

    private Parsed snooze(String rest) {
        if (rest.isEmpty()) {
            return invalid("For how long? e.g. 30m.", Verb.SNOOZE);
        }
        return DurationRule.parse(rest).<Parsed>map(d -> ok(new Command.Snooze(d)))
                .orElseGet(() -> invalid(DurationRule.problem(rest), Verb.SNOOZE));
    }

    private Parsed help(String rest) {
        if (rest.isEmpty()) {
            return ok(new Command.Help(null));
        }
        Optional<Verb> topic = Verb.of(rest);
        return topic.<Parsed>map(v -> ok(new Command.Help(v)))
                .orElseGet(() -> invalid("There is no verb '" + shorten(rest) + "'.", Verb.HELP));
    }

    private Parsed noArguments(Verb verb, String rest, Command command) {
        return rest.isEmpty() ? ok(command)
                : invalid("'" + verb.word() + "' takes no arguments, but got '" + shorten(rest) + "'.", verb);
    }

    /** Control characters are never meaningful in a chat command; newlines become spaces. */
    private static String clean(String input) {
        StringBuilder sb = new StringBuilder(input.length());
        input.codePoints().forEach(cp -> {
            if (cp == '\n' || cp == '\r' || cp == '\t') {
                sb.append(' ');
            } else if (!Character.isISOControl(cp) && Character.getType(cp) != Character.FORMAT) {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString().strip();
    }

    private static String stripBars(String s) {
        String t = s.strip();
        while (t.startsWith("|")) {
            t = t.substring(1).strip();
        }
        while (t.endsWith("|")) {
            t = t.substring(0, t.length() - 1).strip();
        }
        return t;
    }

    /** Echoed user text is cut short so an error never repeats a huge paste back. */
    static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "…";
    }

    private static Parsed ok(Command command) {
        return new Parsed.Ok(command);
    }

    private static Parsed invalid(String problem, Verb verb) {
        return new Parsed.Invalid(problem, verb);
    }
}
