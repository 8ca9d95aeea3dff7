package dev.sitrep.bot.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The people and channels of the console chat, and who is typing where. Kept in memory. */
final class ConsoleWorkspace {

    static final String GENERAL = "general";

    record Channel(String name, boolean privateChannel, Set<String> members) {
    }

    private final Set<String> people = new LinkedHashSet<>();
    private final Map<String, Channel> channels = new LinkedHashMap<>();
    private final Map<String, String> whereIs = new LinkedHashMap<>();
    private String me;

    ConsoleWorkspace(String me, List<String> people, String broadcastChannel) {
        this.people.addAll(people.stream().map(p -> p.toLowerCase(Locale.ROOT)).toList());
        this.me = addPerson(me);
        open(GENERAL, false);
        open(broadcastChannel, false);
    }

    synchronized String me() {
        return me;
    }

    synchronized String actAs(String name) {
        me = addPerson(name);
        return me;
    }

    private String addPerson(String name) {
        String person = name.toLowerCase(Locale.ROOT);
        people.add(person);
        return person;
    }

    synchronized List<String> people() {
        return new ArrayList<>(people);
    }

    synchronized Optional<String> person(String name) {
        String person = name.toLowerCase(Locale.ROOT);
        return people.contains(person) ? Optional.of(person) : Optional.empty();
    }

    synchronized Channel open(String name, boolean privateChannel) {
        return channels.computeIfAbsent(name, n -> new Channel(n, privateChannel, new LinkedHashSet<>()));
    }

    synchronized Optional<Channel> channel(String name) {
        return Optional.ofNullable(channels.get(name));
    }

    synchronized List<Channel> channels() {
        return new ArrayList<>(channels.values());
    }

    synchronized void addMember(String channel, String person) {
        open(channel, false).members().add(person);
    }

    synchronized String currentChannel() {
        return whereIs.getOrDefault(me, GENERAL);
    }

    synchronized void moveTo(String person, String channel) {
        addMember(channel, person);
        whereIs.put(person, channel);
    }
}
