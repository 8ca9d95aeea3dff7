package dev.sitrep.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.commands.incident.Severity;
import dev.sitrep.commands.incident.Status;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommandParserTest {

    private final CommandParser parser = new CommandParser();

    private Command ok(String text) {
        Parsed parsed = parser.parse(text);
        assertThat(parsed).as(text).isInstanceOf(Parsed.Ok.class);
        return ((Parsed.Ok) parsed).command();
    }

    private Parsed.Invalid invalid(String text) {
        Parsed parsed = parser.parse(text);
        assertThat(parsed).as(text).isInstanceOf(Parsed.Invalid.class);
        return (Parsed.Invalid) parsed;
    }

    @Test
    void startTakesAServiceAnywhereAsServiceColonName() {
        assertThat(ok("start Payments failing service:checkout sev1"))
                .isEqualTo(new Command.Start("Payments failing", Severity.SEV1, false, "checkout"));
        assertThat(ok("start service:Checkout Payments failing"))
                .isEqualTo(new Command.Start("Payments failing", null, false, "checkout"));
        assertThat(invalid("start Payments failing service:").problem()).isEqualTo("'' is not a service name.");
        assertThat(invalid("start Payments service:a/b").problem()).isEqualTo("'a/b' is not a service name.");
        assertThat(Verb.START.usage()).isEqualTo("/incident start <title> [sev1|sev2|sev3|sev4] [private] [service:<name>]");
    }

    @Test
    void serviceTaskAndPageVerbs() {
        assertThat(ok("service checkout")).isEqualTo(new Command.SetService("checkout"));
        assertThat(ok("page checkout")).isEqualTo(new Command.PageService("checkout"));
        assertThat(ok("task done 2")).isEqualTo(new Command.CheckTask(2, true));
        assertThat(ok("task undo #2")).isEqualTo(new Command.CheckTask(2, false));
        assertThat(invalid("task 2").problem()).isEqualTo("Missing <done|undo>: done, or not done after all.");
        assertThat(invalid("task done two").problem()).isEqualTo("'two' is not a positive number; write e.g. 2.");
        assertThat(invalid("service").problem()).isEqualTo("Missing <service>: a configured service, by name.");
        assertThat(invalid("page checkout payments").problem()).isEqualTo("Unexpected 'payments'.");
        assertThat(Verb.TASK.usage()).isEqualTo("/incident task <done|undo> <number>");
        assertThat(Verb.ACTION.usage()).as("a form of its own still reads done <n>").endsWith("| /incident action done <n>");
    }

    @Test
    void startTakesSeverityAndPrivateFromTheEndOnly() {
        assertThat(ok("start Checkout errors sev1")).isEqualTo(new Command.Start("Checkout errors", Severity.SEV1, false));
        assertThat(ok("start Checkout errors")).isEqualTo(new Command.Start("Checkout errors", null, false, null));
        assertThat(ok("start Leaked keys private SEV2"))
                .isEqualTo(new Command.Start("Leaked keys", Severity.SEV2, true));
        assertThat(ok("start sev1 cache has private keys"))
                .isEqualTo(new Command.Start("sev1 cache has private keys", null, false, null));
        assertThat(ok("/incident start  DB   down  sev4")).isEqualTo(new Command.Start("DB down", Severity.SEV4, false));
    }

    @Test
    void startRejectsMissingTitleAndUnknownSeverity() {
        assertThat(invalid("start").problem()).contains("title");
        assertThat(invalid("start sev1").problem()).contains("title");
        Parsed.Invalid sev9 = invalid("start Checkout down sev9");
        assertThat(sev9.problem()).contains("sev9").contains("sev1, sev2, sev3 or sev4");
        assertThat(sev9.verb()).isEqualTo(Verb.START);
        assertThat(invalid("start " + "x".repeat(201)).problem()).contains("201");
    }

    @Test
    void rolesAndCommander() {
        assertThat(ok("commander @bob")).isEqualTo(new Command.AssignRole("commander", new MemberRef("@bob")));
        assertThat(ok("role Comms <@U42|bob>")).isEqualTo(new Command.AssignRole("comms", new MemberRef("<@U42|bob>")));
        assertThat(ok("role ops <@123456789>")).isEqualTo(new Command.AssignRole("ops", new MemberRef("<@123456789>")));
        assertThat(invalid("commander bob").problem()).contains("'bob' is not a @mention");
        assertThat(invalid("commander").verb()).isEqualTo(Verb.COMMANDER);
        assertThat(invalid("role @bob").verb()).isEqualTo(Verb.ROLE);
        assertThat(invalid("role c$mms @bob").problem()).contains("not a role name");
    }

    @Test
    void mentionKeys() {
        assertThat(new MemberRef("@bob").key()).isEqualTo("bob");
        assertThat(new MemberRef("<@U42|bob>").key()).isEqualTo("U42");
        assertThat(new MemberRef("<@!42>").key()).isEqualTo("42");
    }

    @ParameterizedTest
    @CsvSource({"severity sev2,SEV2", "severity SEV1,SEV1"})
    void severity(String text, Severity expected) {
        assertThat(ok(text)).isEqualTo(new Command.ChangeSeverity(expected));
    }

    @Test
    void statusAndBadStatus() {
        assertThat(ok("status monitoring")).isEqualTo(new Command.ChangeStatus(Status.MONITORING));
        Parsed.Invalid bad = invalid("status fixed");
        // Every choice is refused in the same words, the choices joined with "or" (was a comma list for statuses).
        assertThat(bad.problem()).isEqualTo("Unknown status 'fixed': use investigating, identified, monitoring or resolved.");
        assertThat(bad.verb()).isEqualTo(Verb.STATUS);
    }

    @Test
    void structuredUpdate() {
        Command.PostUpdate update = (Command.PostUpdate) ok(
                "update confirmed: 502s on checkout | suspected: deploy 4.2 | verifying: EU | actions: retry payments"
                        + " | risk: rollback drops carts | impact: 30% of payments | status: identified | next: 20m");
        assertThat(update.fields()).isEqualTo(new UpdateFields("502s on checkout", "deploy 4.2", "EU", "retry payments",
                "rollback drops carts", "30% of payments", Status.IDENTIFIED, Duration.ofMinutes(20)));
        // Without bars, and with colons inside values.
        UpdateFields loose = ((Command.PostUpdate) ok("update Confirmed: error at 10:02 Next: 1h30m")).fields();
        assertThat(loose.confirmed()).isEqualTo("error at 10:02");
        assertThat(loose.next()).isEqualTo(Duration.ofMinutes(90));
        assertThat(((Command.PostUpdate) ok("update")).fields().isEmpty()).isTrue();
    }

    @Test
    void badUpdates() {
        assertThat(invalid("update the db is down").problem()).contains("No update fields");
        assertThat(invalid("update db down confirmed: x").problem()).contains("'db down' is not under a field");
        assertThat(invalid("update confirmed: x | confirmed: y").problem()).contains("given twice");
        assertThat(invalid("update confirmed: | risk: r").problem()).contains("'confirmed:' is empty");
        assertThat(invalid("update next: soon").problem()).contains("not a duration");
        assertThat(invalid("update next: 30d").problem()).contains("not a duration");
        assertThat(invalid("update status: done").problem()).contains("Unknown status");
    }

    @Test
    void actionItems() {
        assertThat(ok("action Add a canary stage @carol due:2026-12-01"))
                .isEqualTo(new Command.AddAction("Add a canary stage", new MemberRef("@carol"), LocalDate.parse("2026-12-01")));
        assertThat(ok("action due:2026-12-01 Write the runbook"))
                .isEqualTo(new Command.AddAction("Write the runbook", null, LocalDate.parse("2026-12-01")));
        assertThat(ok("action Ask @dave about it")).isEqualTo(new Command.AddAction("Ask @dave about it", null, null));
        assertThat(invalid("action Fix it due:tomorrow").problem()).contains("due:YYYY-MM-DD");
        assertThat(invalid("action Fix it due:2026-02-30").problem()).contains("not a date");
        // A missing argument is named as the usage line writes it, with what it is for.
        assertThat(invalid("action @carol").problem()).isEqualTo("Missing <text>: what has to be done.");
    }

    @Test
    void actionItemsAreMarkedDoneByNumber() {
        assertThat(ok("action done 2")).isEqualTo(new Command.CompleteAction(2));
        assertThat(ok("action DONE #12")).isEqualTo(new Command.CompleteAction(12));
        assertThat(invalid("action done").problem()).isEqualTo("Missing done <n>: the number of an action item that is done.");
        assertThat(invalid("action done").verb()).isEqualTo(Verb.ACTION);
        assertThat(invalid("action done two").problem()).isEqualTo("'two' is not a positive number; write e.g. done 2.");
        assertThat(invalid("action done 0").problem()).contains("'0' is not a positive number");
        // Longer text is an item that happens to start with "done".
        assertThat(ok("action done right: review the runbook")).isEqualTo(
                new Command.AddAction("done right: review the runbook", null, null));
    }

    @Test
    void snoozeResolveAndTheRest() {
        assertThat(ok("snooze 30m")).isEqualTo(new Command.Snooze(Duration.ofMinutes(30)));
        assertThat(invalid("snooze").verb()).isEqualTo(Verb.SNOOZE);
        assertThat(invalid("snooze forever").problem()).contains("'forever'");
        assertThat(invalid("snooze 0m").problem()).contains("between 1s and 7d");
        assertThat(ok("resolve")).isEqualTo(new Command.Resolve(null));
        assertThat(ok("resolve Rolled back")).isEqualTo(new Command.Resolve("Rolled back"));
        assertThat(ok("note EU is fine")).isEqualTo(new Command.AddNote("EU is fine"));
        assertThat(invalid("note").verb()).isEqualTo(Verb.NOTE);
        assertThat(ok("postmortem")).isEqualTo(new Command.FilePostmortem());
        assertThat(invalid("list everything").problem()).contains("takes no arguments");
        assertThat(ok("LIST")).isEqualTo(new Command.ListOpen());
        assertThat(ok("help update")).isEqualTo(new Command.Help(Verb.UPDATE));
        assertThat(invalid("help me").problem()).contains("no verb 'me'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "/incident", "strat db down", "${7*7}", "<!channel>", "@everyone"})
    void unknownOrMissingVerbsSayWhatWasWrong(String text) {
        Parsed.Invalid bad = invalid(text);
        assertThat(bad.problem()).isNotBlank();
        assertThat(bad.verb()).isNull();
    }

    @Test
    void errorsNeverEchoAHugePasteBack() {
        Parsed.Invalid bad = invalid("severity " + "x".repeat(3000));
        assertThat(bad.problem().length()).isLessThan(120);
        assertThat(invalid("start " + "y".repeat(5000)).problem()).contains("limit is 4000");
    }

    /** Random and hostile input: every line gets a command or a problem with a usage, never an exception. */
    @Test
    void randomAndHostileInputAlwaysGetsAnAnswer() {
        Random random = new Random(42);
        List<String> seeds = List.of("start", "update", "action", "role", "commander", "severity", "status", "snooze",
                "note", "resolve", "help", "list", "postmortem", "confirmed:", "next:", "due:", "|", "@", "<@", ">",
                "${x}", "<#list>", "<!channel>", "<!here>", "@everyone", "@here", "sev1", "private", "\u0000", "\u001b[2J",
                "\u202e", "💥", "日本語", "ß", "\n", "\t", "  ", "::", "0m", "99999999999d", "2026-13-45", "due:2026-12-01");
        int invalid = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            int words = random.nextInt(8);
            for (int w = 0; w < words; w++) {
                sb.append(random.nextInt(4) == 0 ? randomString(random) : seeds.get(random.nextInt(seeds.size())));
                sb.append(random.nextBoolean() ? " " : "");
            }
            Parsed parsed = parser.parse(sb.toString());
            assertThat(parsed).isNotNull();
            if (parsed instanceof Parsed.Invalid bad) {
                invalid++;
                assertThat(bad.problem()).isNotBlank();
                if (bad.verb() != null) {
                    assertThat(bad.verb().usage()).startsWith("/incident " + bad.verb().word());
                }
            }
        }
        assertThat(invalid).isGreaterThan(1000);
        assertThat(parser.parse("x".repeat(1_000_000))).isInstanceOf(Parsed.Invalid.class);
        assertThat(parser.parse(null)).isInstanceOf(Parsed.Invalid.class);
    }

    @Test
    void controlCharactersAreDroppedFromWhatIsKept() {
        Command.AddNote note = (Command.AddNote) ok("note db\u001b[31m red\u0007 \u202Eevil");
        assertThat(note.text()).isEqualTo("db[31m red evil");
    }

    private static String randomString(Random random) {
        int length = random.nextInt(12);
        List<Integer> cps = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            cps.add(random.nextInt(4) == 0 ? random.nextInt(0x1F600 - 0x80) + 0x80 : random.nextInt(0x7F));
        }
        StringBuilder sb = new StringBuilder();
        cps.forEach(cp -> {
            if (Character.isValidCodePoint(cp) && !Character.isSurrogate((char) (int) cp)) {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }
}
