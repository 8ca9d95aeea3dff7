package dev.sitrep.bot.console;

import dev.sitrep.commands.message.Button;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The console's buttons: the buttons of the last message that had any, per channel, shown as
 * numbered choices ({@code [1] Post update  [2] Snooze 15m}) that {@code /click 1} presses. A choice
 * that went through is answered and gone, as a clicked message loses its buttons elsewhere.
 */
final class ConsoleChoices {

    private final Map<String, List<Button>> byChannel = new HashMap<>();

    synchronized void offer(String channel, List<Button> buttons) {
        byChannel.put(channel, List.copyOf(buttons));
    }

    /** The n-th choice (from 1) in the channel, if it is still there. */
    synchronized Optional<Button> choice(String channel, int n) {
        List<Button> buttons = byChannel.getOrDefault(channel, List.of());
        return n >= 1 && n <= buttons.size() ? Optional.of(buttons.get(n - 1)) : Optional.empty();
    }

    synchronized List<Button> shown(String channel) {
        return byChannel.getOrDefault(channel, List.of());
    }

    /** The message whose button this was has been answered: its choices are gone. */
    synchronized void answered(String channel, Button button) {
        byChannel.computeIfPresent(channel, (c, buttons) -> buttons.contains(button) ? null : buttons);
    }

    /** {@code [1] Post update  [2] Snooze 15m  [3] Take command}. */
    static String line(List<Button> buttons) {
        return IntStream.range(0, buttons.size()).mapToObj(i -> "[" + (i + 1) + "] " + buttons.get(i).label())
                .collect(Collectors.joining("  "));
    }
}
