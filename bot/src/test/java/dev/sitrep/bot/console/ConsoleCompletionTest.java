package dev.sitrep.bot.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.sitrep.commands.Argument;
import dev.sitrep.commands.UpdateField;
import dev.sitrep.commands.Verb;
import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.incident.Severity;
import dev.sitrep.commands.message.Button;
import dev.sitrep.commands.message.ButtonAction;
import dev.sitrep.testkit.InMemoryDueTimers;
import dev.sitrep.testkit.InMemoryIncidentStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jline.reader.Candidate;
import org.junit.jupiter.api.Test;

/** What Tab offers comes from the command language and the workspace, never from a list of its own. */
class ConsoleCompletionTest {

    private final ConsoleWorkspace workspace = new ConsoleWorkspace("alice", List.of("bob", "carol"), "incidents");
    private final ConsoleChoices choices = new ConsoleChoices();
    private final ConsoleCompletion completion = new ConsoleCompletion(List.of("/incident", "/join", "/as", "/quit"),
            workspace, new InMemoryIncidentStore(new InMemoryDueTimers(Duration.ofSeconds(30))), List.of("commander", "comms"),
            choices, List.of("checkout", "search"));

    @Test
    void everyVerbCompletesAfterIncident() {
        assertThat(values("/incident", "")).containsExactlyElementsOf(Stream.of(Verb.values()).map(Verb::word).toList());
    }

    @Test
    void aVerbsArgumentsCompleteByTheirKind() {
        assertThat(values("/incident", "severity", "")).containsExactlyElementsOf(
                Stream.of(Severity.values()).map(Severity::word).toList());
        assertThat(values("/incident", "start", "Checkout", "")).contains("sev1", "private");
        assertThat(values("/incident", "commander", "")).containsExactlyInAnyOrder("@alice", "@bob", "@carol");
        assertThat(values("/incident", "role", "")).contains("commander", "comms", "@bob");
        assertThat(values("/incident", "action", "")).contains("due:", "done", "@carol");
        assertThat(values("/incident", "update", "")).containsAll(
                Stream.of(UpdateField.values()).map(f -> f.key() + ":").toList());
        assertThat(values("/incident", "help", "")).contains("resolve", "snooze");
        assertThat(values("/incident", "note", "")).isEmpty();
        assertThat(values("/incident", "frobnicate", "")).isEmpty();
    }

    @Test
    void aTaggedWordOrFieldIsLeftOpenForItsValue() {
        assertThat(completion.candidates(List.of("/incident", "action", ""), 2)).filteredOn(c -> c.value().equals("due:"))
                .singleElement().extracting(Candidate::complete).isEqualTo(false);
    }

    @Test
    void channelsAndPeopleCompleteForTheConsolesOwnCommands() {
        workspace.open("inc-1-checkout-errors", false);
        assertThat(values("")).containsExactly("/incident", "/join", "/as", "/quit");
        assertThat(values("/join", "")).containsExactly("#general", "#incidents", "#inc-1-checkout-errors");
        assertThat(values("/as", "")).containsExactly("bob", "carol", "alice");
    }

    @Test
    void clickCompletesEveryOpenChoiceNamingTheChannelOfThoseElsewhere() {
        IncidentId inc = new IncidentId(1);
        assertThat(values("/click", "")).as("no choices yet").isEmpty();
        List<ConsoleChoices.Choice> kickoff = choices.offer("inc-1", "1", List.of(new Button(ButtonAction.POST_UPDATE, inc),
                new Button(ButtonAction.RESOLVE, inc)));
        choices.offer("inc-1", "2", List.of(new Button(ButtonAction.SNOOZE_15M, inc)));
        assertThat(completion.candidates(List.of("/click", ""), 1)).extracting(Candidate::value, Candidate::descr)
                .containsExactly(tuple("1", "Post update in #inc-1"), tuple("2", "Resolve in #inc-1"),
                        tuple("3", "Snooze 15m in #inc-1"));
        workspace.moveTo("alice", "inc-1");
        choices.answered(kickoff.get(0), "Update posted by alice 10:42:07 UTC");
        assertThat(completion.candidates(List.of("/click", ""), 1)).as("an answered message offers nothing")
                .extracting(Candidate::value, Candidate::descr).containsExactly(tuple("3", "Snooze 15m"));
    }

    @Test
    void servicesCompleteFromTheCatalogWhereAVerbTakesOne() {
        assertThat(values("/incident", "service", "")).containsExactly("checkout", "search");
        assertThat(values("/incident", "page", "")).containsExactly("checkout", "search");
        assertThat(values("/incident", "start", "Checkout", "errors", "")).contains("service:", "service:checkout",
                "service:search");
    }

    @Test
    void aFormQuestionCompletesItsChoices() {
        Argument status = Verb.UPDATE.arguments().stream().filter(a -> a.name().equals("status")).findFirst().orElseThrow();
        List<Candidate> offered = new ArrayList<>();
        completion.answers(status).complete(null, null, offered);
        assertThat(offered).extracting(Candidate::value).containsExactly("investigating", "identified", "monitoring");
    }

    private List<String> values(String... words) {
        return completion.candidates(List.of(words), words.length - 1).stream().map(Candidate::value).toList();
    }
}
