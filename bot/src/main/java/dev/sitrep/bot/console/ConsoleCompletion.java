package dev.sitrep.bot.console;

import dev.sitrep.commands.Argument;
import dev.sitrep.commands.Verb;
import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.port.IncidentStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * What Tab offers: the console's commands, the verbs after {@code /incident} and their arguments'
 * choices, flags, fields and people (all read from {@link Verb}, so a new verb completes without a
 * change here), the configured services, channels after {@code /join}, people after {@code /as},
 * the open numbered choices after {@code /click}, and a form's choices while it asks.
 */
final class ConsoleCompletion implements Completer {

    private final Collection<String> commands;
    private final ConsoleWorkspace workspace;
    private final IncidentStore store;
    private final List<String> roles;
    private final ConsoleChoices choices;
    private final List<String> services;

    ConsoleCompletion(Collection<String> commands, ConsoleWorkspace workspace, IncidentStore store, List<String> roles,
                      ConsoleChoices choices, List<String> services) {
        this.choices = choices;
        this.services = List.copyOf(services);
        this.commands = List.copyOf(commands);
        this.workspace = workspace;
        this.roles = List.copyOf(roles);
        this.store = store;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        candidates.addAll(candidates(line.words(), line.wordIndex()));
    }

    List<Candidate> candidates(List<String> words, int index) {
        if (index == 0) {
            return words(commands.stream());
        }
        return switch (words.get(0)) {
            case "/incident" -> index == 1 ? verbs() : Verb.of(words.get(1)).map(this::arguments).orElse(List.of());
            case "/join" -> index == 1 ? words(channels().stream().map(c -> "#" + c)) : List.of();
            case "/as" -> index == 1 ? words(workspace.people().stream()) : List.of();
            case "/click" -> index == 1 ? choices() : List.of();
            default -> List.of();
        };
    }

    /**
     * The numbers of the choices that can still be pressed, each described by its label, and by its
     * channel when that is not the current one.
     */
    private List<Candidate> choices() {
        String here = workspace.currentChannel();
        return choices.open(null).stream().map(c -> {
            String number = Integer.toString(c.number());
            String description = c.button().label() + (c.channel().equals(here) ? "" : " in #" + c.channel());
            return new Candidate(number, number, null, description, null, null, true);
        }).toList();
    }

    /** What Tab offers while a form asks for this argument: its choices, if it has any. */
    Completer answers(Argument argument) {
        List<Candidate> values = values(argument);
        return (reader, line, candidates) -> candidates.addAll(values);
    }

    private List<Candidate> verbs() {
        return Stream.of(Verb.values()).map(v -> new Candidate(v.word(), v.word(), null, v.summary(), null, null, true))
                .toList();
    }

    private List<Candidate> arguments(Verb verb) {
        List<Candidate> candidates = new ArrayList<>();
        for (Argument argument : verb.arguments()) {
            switch (argument.typed()) {
                case TAGGED -> {
                    // service:checkout as one word: Tab after "service:" offers the names.
                    candidates.add(partial(argument.name() + ":", argument.description()));
                    values(argument).forEach(v -> candidates.add(new Candidate(argument.name() + ":" + v.value())));
                }
                case FIELD -> candidates.add(partial(argument.name() + ":", argument.description()));
                case ALONE -> candidates.add(new Candidate(argument.name(), argument.name(), null,
                        argument.description(), null, null, true));
                case WORD, END -> candidates.addAll(values(argument));
                case REST -> {
                    // Free text: nothing to offer.
                }
            }
        }
        return candidates;
    }

    private List<Candidate> values(Argument argument) {
        return switch (argument.kind()) {
            case CHOICE -> words(argument.choices().stream());
            case FLAG -> words(Stream.of(argument.name()));
            case MEMBER -> words(workspace.people().stream().map(p -> "@" + p));
            case ROLE -> words(roles.stream());
            case VERB -> words(Stream.of(Verb.values()).map(Verb::word));
            case SERVICE -> words(services.stream());
            case TEXT, NUMBER, DURATION, DATE -> List.of();
        };
    }

    /** The workspace's channels and every open incident's console channel (after a restart only Redis knows them). */
    private List<String> channels() {
        List<String> names = new ArrayList<>(workspace.channels().stream().map(ConsoleWorkspace.Channel::name).toList());
        try {
            store.open().stream().flatMap(i -> i.channelOn(ConsoleChatPlatform.NAME).stream()).map(ChannelRef::id)
                    .filter(name -> !names.contains(name)).forEach(names::add);
        } catch (RuntimeException storeNotAnswering) {
            // Tab must never break the line being typed: offer what the workspace knows.
        }
        return names;
    }

    private static List<Candidate> words(Stream<String> words) {
        return words.map(Candidate::new).toList();
    }

    /** A word the user goes on typing right after ({@code due:}), so Tab adds no space. */
    private static Candidate partial(String word, String description) {
        return new Candidate(word, word, null, description, null, null, false);
    }
}
