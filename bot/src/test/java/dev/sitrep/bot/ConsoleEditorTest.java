package dev.sitrep.bot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.bot.console.ConsoleChat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The console's line editor on a terminal, through the whole bot: Tab completes from the command
 * language, the arrows recall history, Ctrl-A edits, and a reminder that comes due while a line is
 * being typed is printed above it, the line drawn again intact below.
 */
class ConsoleEditorTest {

    private static final Pattern REMINDER = Pattern.compile("update was due|ESCALATION");

    @Test
    void completesRecallsEditsAndPrintsRemindersAboveTheLineBeingTyped(@TempDir Path home) throws Exception {
        Path history = home.resolve("console-history");
        TypingTerminal terminal = new TypingTerminal();
        Thread console;
        try (ConfigurableApplicationContext bot = ConsoleBot.start(home, terminal.console(history),
                     "--sitrep.severities.sev1.update-every=2s")) {
            console = new Thread(bot.getBean(ConsoleChat.class)::runUntilEndOfInput, "console");
            console.start();
            terminal.waitFor("the prompt", s -> s.contains("alice@#general> "));

            // A verb from its first letters; after "sev" the severities the verb defines are listed ("se"
            // alone would also offer start's service: argument).
            terminal.type("/incident star\tCheckout errors sev\t");
            terminal.waitFor("the severities listed", s -> s.contains("sev1") && s.contains("sev4"));
            terminal.type("1\r");
            String screen = terminal.waitFor("the incident declared",
                    s -> s.contains("alice@#inc-1-checkout-errors> "));
            assertThat(screen).contains("* sitrep created channel #inc-1-checkout-errors")
                    .contains("#incidents │ INC-1 (SEV1) declared: Checkout errors");

            // Channel names complete after /join; the up arrow brings back an earlier line.
            terminal.type("/join #gen\t\r");
            terminal.waitFor("#general joined", s -> s.contains("* alice joined #general"));
            terminal.type("/join #inc-\t\r");
            terminal.waitFor("the incident channel joined", s -> s.contains("* alice joined #inc-1-checkout-errors"));
            terminal.type("\u001B[A\u001B[A\r");
            terminal.waitFor("#general joined again", s -> count(s, "* alice joined #general") == 2);
            // The history is now: …, /join #general, /join #inc-1-…, /join #general: two up is the incident channel.
            terminal.type("\u001B[A\u001B[A\r");
            terminal.waitFor("the incident channel joined again",
                    s -> count(s, "* alice joined #inc-1-checkout-errors") == 2);

            // A line half typed while reminders come due: each is printed above it, and the line stays whole.
            String typed = "/incident note typed through a remi";
            terminal.type(typed);
            int typedAt = terminal.waitFor("the half line", s -> s.contains("> " + typed)).indexOf("> " + typed);
            screen = terminal.waitFor("a reminder after the half line", s -> lastReminder(s) > typedAt);
            assertThat(screen.substring(lastReminder(screen))).endsWith("alice@#inc-1-checkout-errors> " + typed);
            terminal.type("nder\r");
            terminal.waitFor("the note", s -> s.contains("Note from @alice: typed through a reminder"));

            // Editing: Ctrl-A goes to the start of the line to put the missing slash there.
            terminal.type("incident note edited\u0001/\r");
            terminal.waitFor("the edited note", s -> s.contains("Note from @alice: edited"));

            terminal.endOfInput();
            console.join(Duration.ofSeconds(30).toMillis());
            assertThat(console.isAlive()).as("the console ends with the input").isFalse();
        }
        assertThat(Files.readAllLines(history)).anyMatch(l -> l.endsWith("/incident start Checkout errors sev1"))
                .anyMatch(l -> l.endsWith("/incident note edited"));
    }

    private static int count(String screen, String text) {
        return (int) Pattern.compile(Pattern.quote(text)).matcher(screen).results().count();
    }

    private static int lastReminder(String screen) {
        Matcher matcher = REMINDER.matcher(screen);
        int last = -1;
        while (matcher.find()) {
            last = matcher.start();
        }
        return last;
    }
}
