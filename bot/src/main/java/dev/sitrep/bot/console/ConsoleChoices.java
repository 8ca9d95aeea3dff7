package dev.sitrep.bot.console;

import dev.sitrep.commands.message.Button;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The console's buttons: every message's buttons become numbered choices under it, numbered once
 * for the whole console and always upwards ({@code [4] Post update  [5] Snooze 15m}), so {@code
 * /click 4} presses that choice of that message from anywhere, however many messages came after
 * it. A message whose choice went through is answered and its choices are gone, as a clicked
 * message loses its buttons elsewhere; the choices of the last {@link #KEPT} messages are kept.
 */
final class ConsoleChoices {

    /** How many messages with choices are kept pressable; older ones are told as too old. */
    static final int KEPT = 100;

    /** One numbered choice: a button of the message {@code message} in {@code channel}. */
    record Choice(int number, String channel, String message, Button button) {
    }

    /** What a number stands for now. */
    sealed interface Found {
    }

    /** A choice that can be pressed. */
    record Open(Choice choice) implements Found {
    }

    /** A choice of a message that was answered already: the message shows {@code shown}. */
    record Answered(Choice choice, String shown) implements Found {
    }

    /** A number given out so long ago that its message is no longer kept. */
    record TooOld(int number) implements Found {
    }

    /** A number never given out. */
    record Unknown(int number, int last) implements Found {
    }

    private record Offered(List<Choice> choices, @Nullable String shown) {
    }

    private final Map<String, Offered> byMessage = new LinkedHashMap<>();
    private int last;

    /** Numbers the message's buttons and keeps them; the caller prints {@link #line} of what it returns. */
    synchronized List<Choice> offer(String channel, String message, List<Button> buttons) {
        List<Choice> numbered = new ArrayList<>();
        for (Button button : buttons) {
            numbered.add(new Choice(++last, channel, message, button));
        }
        byMessage.put(message, new Offered(List.copyOf(numbered), null));
        Iterator<String> oldest = byMessage.keySet().iterator();
        while (byMessage.size() > KEPT) {
            oldest.next();
            oldest.remove();
        }
        return numbered;
    }

    synchronized Found find(int number) {
        if (number < 1 || number > last) {
            return new Unknown(number, last);
        }
        for (Offered offered : byMessage.values()) {
            for (Choice choice : offered.choices()) {
                if (choice.number() == number) {
                    return offered.shown() == null ? new Open(choice) : new Answered(choice, offered.shown());
                }
            }
        }
        return new TooOld(number);
    }

    /** The choices that can still be pressed, in order; only those in {@code channel} when it is not null. */
    synchronized List<Choice> open(@Nullable String channel) {
        return byMessage.values().stream().filter(o -> o.shown() == null).flatMap(o -> o.choices().stream())
                .filter(c -> channel == null || c.channel().equals(channel)).toList();
    }

    /** The message of this choice was answered and shows {@code shown}: all of its choices are gone. */
    synchronized void answered(Choice choice, String shown) {
        byMessage.computeIfPresent(choice.message(), (m, offered) -> new Offered(offered.choices(), shown));
    }

    /** {@code [4] Post update  [5] Snooze 15m  [6] Take command}. */
    static String line(List<Choice> choices) {
        return choices.stream().map(c -> "[" + c.number() + "] " + c.button().label()).collect(Collectors.joining("  "));
    }
}
