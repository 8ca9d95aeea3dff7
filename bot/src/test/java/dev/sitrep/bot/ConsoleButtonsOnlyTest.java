package dev.sitrep.bot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.bot.console.ConsoleChat;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.Status;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.commands.port.IncidentStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One incident driven from its start to resolved by clicks alone (and the answers to the forms they
 * open), on a real JLine terminal typed key by key, through the whole bot with a real Redis: take
 * command from a reminder, post the structured update from a later reminder's form, snooze from the
 * next, resolve from the kick-off (an older message than all of them), a form cancelled with Ctrl-C
 * leaving everything as it was, and a pressed number answered as gone.
 */
class ConsoleButtonsOnlyTest {

    /** A reminder's (or escalation's) choices; numbers go upwards, so the last match is the newest. */
    private static final Pattern REMINDER_CHOICES = Pattern.compile(
            "\\[(\\d+)] Post update {2}\\[(\\d+)] Snooze 15m {2}\\[(\\d+)] Take command");
    /** The kick-off's; on a loaded machine the first reminder may come before it, so its numbers are read. */
    private static final Pattern KICKOFF_CHOICES = Pattern.compile(
            "\\[(\\d+)] Post update {2}\\[(\\d+)] Take command {2}\\[(\\d+)] Resolve");

    @Test
    void anIncidentIsDrivenFromStartToResolvedByClicksAlone(@TempDir Path home) throws Exception {
        Path history = home.resolve("console-history");
        TypingTerminal terminal = new TypingTerminal();
        try (ConfigurableApplicationContext bot = ConsoleBot.start(home, terminal.console(history),
                "--sitrep.severities.sev1.update-every=3s", "--sitrep.admins=console:bob")) {
            Thread console = new Thread(bot.getBean(ConsoleChat.class)::runUntilEndOfInput, "console");
            console.start();
            terminal.waitFor("the prompt", s -> s.contains("alice@#general> "));

            terminal.type("/incident start Checkout errors sev1\r");
            String started = terminal.waitFor("the kick-off's choices", s -> KICKOFF_CHOICES.matcher(s).find()
                    && s.endsWith("alice@#inc-1-checkout-errors> "));
            Matcher kickoff = KICKOFF_CHOICES.matcher(started);
            assertThat(kickoff.find()).isTrue();
            int resolve = Integer.parseInt(kickoff.group(3));
            terminal.type("/as bob\r");
            terminal.waitFor("bob", s -> s.contains("* you are now bob"));
            terminal.type("/join #inc-1-checkout-errors\r");
            terminal.waitFor("bob in the channel", s -> s.endsWith("bob@#inc-1-checkout-errors> "));

            // Take command from the first reminder (bob is an admin, so he may).
            int[] first = reminderChoicesAfter(terminal, 0);
            click(terminal, first[2]);
            terminal.waitFor("command taken", s -> s.contains("↳ Command taken by bob"));

            // Post update from a later reminder: its form asks field by field; Enter skips, a bad answer is
            // asked again, Tab completes a status.
            int[] later = reminderChoicesAfter(terminal, first[2]);
            click(terminal, later[0]);
            answer(terminal, "What we can confirm: ", "checkout returns 502 for 30%");
            answer(terminal, "What we suspect: ", "payments deploy 4.2");
            answer(terminal, "What we still have to verify: ", "");
            answer(terminal, "What to do now: ", "roll back payments");
            answer(terminal, "What the next step risks: ", "");
            answer(terminal, "Impact: ", "EU customers cannot pay");
            answer(terminal, "Status (investigating|identified|monitoring): ", "ident\t");
            answer(terminal, "Next update in (e.g. 30m): ", "soon");
            terminal.waitFor("the bad answer refused and asked again", s -> s.contains("Answer again, or /cancel.")
                    && s.endsWith("Next update in (e.g. 30m): "));
            answer(terminal, "Next update in (e.g. 30m): ", "3s");
            answer(terminal, "Public (impact shown on the status page) (yes|no): ", "");
            String screen = terminal.waitFor("the update posted", s -> s.contains("↳ Update posted by bob"));
            assertThat(screen).contains("checkout returns 502 for 30%").contains("EU customers cannot pay");

            // Snooze from the reminder the update's own next time brings.
            int[] next = reminderChoicesAfter(terminal, later[2]);
            click(terminal, next[1]);
            terminal.waitFor("snoozed", s -> s.contains("↳ Snoozed 15m by bob"));

            // Resolve from the kick-off, long since scrolled past: Ctrl-C cancels its form and nothing
            // changes; the choice is still there, and the second time the summary resolves.
            click(terminal, resolve);
            terminal.waitFor("the summary asked", s -> s.endsWith("What fixed it: "));
            terminal.type("Rolled ba\u0003");
            terminal.waitFor("the form cancelled", s -> s.contains("* Cancelled. INC-1 is as it was.")
                    && s.endsWith("bob@#inc-1-checkout-errors> "));
            IncidentStore store = bot.getBean(IncidentStore.class);
            assertThat(store.find(new IncidentId(1))).get().extracting(Incident::status).isNotEqualTo(Status.RESOLVED);
            click(terminal, resolve);
            answer(terminal, "What fixed it: ", "Rolled back payments deploy 4.2");
            terminal.waitFor("resolved", s -> s.contains("↳ Resolved by bob"));

            // The kick-off was answered: its number is gone, and saying so is all that happens.
            click(terminal, resolve);
            terminal.waitFor("the stale number answered", s -> s.contains("* [" + resolve
                    + "] is gone: its message in #inc-1-checkout-errors was answered (Resolved by bob"));

            Incident resolved = store.find(new IncidentId(1)).orElseThrow();
            assertThat(resolved.status()).isEqualTo(Status.RESOLVED);
            assertThat(resolved.roles().get("commander").id()).isEqualTo("bob");
            List<TimelineEntry> timeline = store.timeline(resolved.id());
            assertThat(timeline).filteredOn(e -> e.actor().id().equals("bob")).extracting(TimelineEntry::kind)
                    .contains(TimelineEntry.Kind.ROLE, TimelineEntry.Kind.UPDATE, TimelineEntry.Kind.SNOOZE,
                            TimelineEntry.Kind.RESOLVED);
            assertThat(timeline).filteredOn(e -> e.kind() == TimelineEntry.Kind.RESOLVED).singleElement()
                    .extracting(TimelineEntry::text).isEqualTo("Resolved: Rolled back payments deploy 4.2");
            assertThat(timeline).filteredOn(e -> e.kind() == TimelineEntry.Kind.UPDATE).singleElement()
                    .extracting(TimelineEntry::text).asString().contains("checkout returns 502 for 30%");

            // The README's capture of a form comes from here.
            System.out.println(terminal.screen());
            terminal.endOfInput();
            console.join(Duration.ofSeconds(30).toMillis());
            assertThat(console.isAlive()).as("the console ends with the input").isFalse();
        }
        // Form answers are not commands: the history keeps the lines typed at the prompt only.
        assertThat(Files.readAllLines(history)).anyMatch(l -> l.endsWith("/join #inc-1-checkout-errors"))
                .anyMatch(l -> l.contains("/click ")).noneMatch(l -> l.contains("payments deploy 4.2"))
                .noneMatch(l -> l.contains("Rolled back"));
    }

    private static void click(TypingTerminal terminal, int choice) {
        terminal.waitFor("the prompt before /click " + choice, s -> s.endsWith("bob@#inc-1-checkout-errors> "));
        terminal.type("/click " + choice + "\r");
    }

    /** Waits for the question at the end of the screen, then types the answer and Enter. */
    private static void answer(TypingTerminal terminal, String question, String keys) {
        terminal.waitFor("the question '" + question + "'", s -> s.endsWith(question));
        int before = count(terminal.screen(), question);
        terminal.type(keys + "\r");
        terminal.waitFor("the answer to '" + question + "' taken", s -> count(s, question) > before
                || !s.endsWith(question));
    }

    /** The numbers of the newest reminder's choices, once there is one numbered above {@code after}. */
    private static int[] reminderChoicesAfter(TypingTerminal terminal, int after) {
        int[] newest = new int[3];
        terminal.waitFor("a reminder with choices above [" + after + "]", s -> {
            Matcher m = REMINDER_CHOICES.matcher(s);
            while (m.find()) {
                if (Integer.parseInt(m.group(1)) > after) {
                    newest[0] = Integer.parseInt(m.group(1));
                    newest[1] = Integer.parseInt(m.group(2));
                    newest[2] = Integer.parseInt(m.group(3));
                }
            }
            return newest[0] > after;
        });
        return newest;
    }

    private static int count(String screen, String text) {
        return (int) Pattern.compile(Pattern.quote(text)).matcher(screen).results().count();
    }
}
