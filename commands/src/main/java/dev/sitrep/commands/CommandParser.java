package dev.sitrep.commands;

import dev.sitrep.commands.Argument.Kind;
import dev.sitrep.commands.Argument.Typed;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Turns the text after {@code /incident} into a {@link Command}, the same way for every platform.
 * Never throws on user input: everything wrong comes back as {@link Parsed.Invalid}.
 */
public final class CommandParser {

    /** Longer than any sensible command; anything beyond is a paste accident or an attack. */
    public static final int MAX_LENGTH = 4_000;
    public static final int MAX_TITLE_LENGTH = 200;

    public Parsed parse(String input) {
        if (input == null) {
            return invalid("Nothing after /incident.");
        }
        if (input.length() > MAX_LENGTH) {
            return invalid("That command is " + input.length() + " characters long; the limit is " + MAX_LENGTH + ".");
        }
        String text = clean(input);
        if (text.startsWith("/incident")) {
            text = text.substring("/incident".length()).strip();
        }
        if (text.isEmpty()) {
            return invalid("Nothing after /incident: which verb did you mean?");
        }
        String[] split = text.split("\\s+", 2);
        String word = split[0];
        String rest = split.length > 1 ? split[1].strip() : "";
        Optional<Verb> verb = Verb.of(word);
        if (verb.isEmpty()) {
            return invalid("Unknown verb '" + shorten(word) + "'.");
        }
        return read(verb.get(), rest);
    }

    /**
     * Picks the verb's arguments out of the text by where each stands ({@link Typed}) and lets the
     * verb check them and make its command.
     */
    private static Parsed read(Verb verb, String rest) {
        if (rest.isEmpty()) {
            return verb.read(Map.of());
        }
        if (verb.arguments().isEmpty()) {
            return verb.invalid("'" + verb.word() + "' takes no arguments, but got '" + shorten(rest) + "'.");
        }
        List<String> words = new ArrayList<>(Arrays.asList(rest.split("\\s+")));
        Optional<Argument> alone = verb.alone();
        if (alone.isPresent() && words.size() <= 2 && words.get(0).equalsIgnoreCase(alone.get().name())) {
            return words.size() == 1 ? verb.invalid(alone.get().missing())
                    : verb.read(Map.of(alone.get().name(), words.get(1)));
        }
        if (verb.arguments().stream().anyMatch(a -> a.typed() == Typed.FIELD)) {
            return fields(verb, rest);
        }
        Map<String, String> values = new HashMap<>();
        Parsed.Invalid bad = tagged(verb, words, values);
        if (bad == null) {
            leading(verb, words, values);
            bad = trailing(verb, words, values);
        }
        if (bad != null) {
            return bad;
        }
        String left = String.join(" ", words);
        Optional<Argument> remainder = typed(verb, Typed.REST).findFirst();
        if (remainder.isEmpty() && !left.isEmpty()) {
            return verb.invalid("Unexpected '" + shorten(left) + "'.");
        }
        remainder.ifPresent(a -> values.put(a.name(), left));
        return verb.read(values);
    }

    /**
     * Takes one word per {@link Typed#WORD} argument off the front; a word that does not have this
     * argument's shape but has a later one's (a mention for the member, a number for {@code task done 3}'s
     * number) is kept for that one, so the argument left out is the one named as missing.
     */
    private static void leading(Verb verb, List<String> words, Map<String, String> values) {
        List<Argument> leading = typed(verb, Typed.WORD).toList();
        for (int i = 0; i < leading.size() && !words.isEmpty(); i++) {
            String word = words.get(0);
            boolean forALater = !shaped(leading.get(i), word)
                    && leading.subList(i + 1, leading.size()).stream().anyMatch(a -> shaped(a, word));
            if (!forALater) {
                values.put(leading.get(i).name(), words.remove(0));
            }
        }
    }

    /** Whether a word looks like a value of the argument (a mention only for a member). */
    private static boolean shaped(Argument argument, String word) {
        return switch (argument.kind()) {
            case MEMBER -> MemberRef.looksLikeMention(word);
            case CHOICE -> argument.choice(word).isPresent();
            case NUMBER -> Argument.number(word) > 0;
            default -> !MemberRef.looksLikeMention(word);
        };
    }

    /** Takes the {@code name:value} words out of {@code words}. */
    private static Parsed.@Nullable Invalid tagged(Verb verb, List<String> words, Map<String, String> values) {
        for (Argument argument : typed(verb, Typed.TAGGED).toList()) {
            String tag = argument.name() + ":";
            for (Iterator<String> it = words.iterator(); it.hasNext(); ) {
                String word = it.next();
                if (word.regionMatches(true, 0, tag, 0, tag.length())) {
                    String value = word.substring(tag.length());
                    if (values.putIfAbsent(argument.name(), value) != null) {
                        return verb.invalid("'" + tag + "' is given twice.");
                    }
                    if (value.isEmpty()) {
                        return verb.invalid(argument.problem(value).orElse("'" + tag + "' is empty."));
                    }
                    it.remove();
                }
            }
        }
        return null;
    }

    /**
     * Takes the optional arguments that stand at the end off {@code words}, by their shape, so a
     * title like "sev1 cache private keys" keeps its words.
     */
    private static Parsed.@Nullable Invalid trailing(Verb verb, List<String> words, Map<String, String> values) {
        List<Argument> ends = typed(verb, Typed.END).toList();
        boolean took = true;
        while (took && !words.isEmpty()) {
            took = false;
            String last = words.get(words.size() - 1);
            for (Argument argument : ends) {
                if (values.containsKey(argument.name())) {
                    continue;
                }
                if (fits(argument, last)) {
                    values.put(argument.name(), argument.kind() == Kind.FLAG ? "true" : last);
                    words.remove(words.size() - 1);
                    took = true;
                    break;
                }
                if (argument.nearMiss(last)) {
                    return verb.invalid(argument.problem(last).orElseThrow());
                }
            }
        }
        return null;
    }

    private static boolean fits(Argument argument, String word) {
        return switch (argument.kind()) {
            case FLAG -> word.equalsIgnoreCase(argument.name());
            case CHOICE -> argument.choice(word).isPresent();
            case MEMBER -> MemberRef.looksLikeMention(word);
            default -> false;
        };
    }

    /** {@code key: text… | key: text…}: each field runs to the next field's key. */
    private static Parsed fields(Verb verb, String rest) {
        List<String> keys = typed(verb, Typed.FIELD).map(Argument::name).toList();
        Matcher m = Pattern.compile("(?i)(?:^|(?<=[\\s|]))(" + String.join("|", keys) + ")\\s*:").matcher(rest);
        Map<String, String> values = new HashMap<>();
        int previousEnd = -1;
        String previousName = null;
        while (m.find()) {
            if (previousName == null) {
                String before = stripBars(rest.substring(0, m.start()));
                if (!before.isEmpty()) {
                    return verb.invalid("'" + shorten(before) + "' is not under a field; start with one of "
                            + keyList(keys) + ".");
                }
            } else {
                Parsed.Invalid bad = putField(verb, values, previousName, rest.substring(previousEnd, m.start()));
                if (bad != null) {
                    return bad;
                }
            }
            previousName = m.group(1).toLowerCase(Locale.ROOT);
            previousEnd = m.end();
        }
        if (previousName == null) {
            return verb.invalid("No update fields found; use " + keyList(keys) + ", e.g. " + keys.get(0) + ": checkout fails.");
        }
        Parsed.Invalid last = putField(verb, values, previousName, rest.substring(previousEnd));
        return last != null ? last : verb.read(values);
    }

    /** Stores one field; answers what was wrong with it, or null when it was fine. */
    private static Parsed.@Nullable Invalid putField(Verb verb, Map<String, String> values, String name, String raw) {
        String value = stripBars(raw);
        if (value.isEmpty()) {
            return verb.invalid("The field '" + name + ":' is empty.");
        }
        if (values.putIfAbsent(name, value) != null) {
            return verb.invalid("The field '" + name + ":' is given twice.");
        }
        return null;
    }

    private static String keyList(List<String> keys) {
        return keys.stream().map(k -> k + ":").collect(Collectors.joining(" "));
    }

    private static Stream<Argument> typed(Verb verb, Typed typed) {
        return verb.arguments().stream().filter(a -> a.typed() == typed);
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

    private static Parsed invalid(String problem) {
        return new Parsed.Invalid(problem, null);
    }
}
