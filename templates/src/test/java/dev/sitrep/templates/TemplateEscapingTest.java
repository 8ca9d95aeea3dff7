package dev.sitrep.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sitrep.commands.incident.Durations;
import dev.sitrep.commands.incident.Incident;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.message.Message;
import dev.sitrep.commands.message.Messages;
import dev.sitrep.commands.message.Postmortem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** User text stays text in every dialect; operators can override templates; every message has one. */
class TemplateEscapingTest {

    private final TemplateRenderer console = new TemplateRenderer(new ConsoleDialect(ZoneOffset.UTC, Fixtures.CLOCK), null);
    private final TemplateRenderer markdown = new TemplateRenderer(new MarkdownDialect(), null);

    @Test
    void userTextWithTemplateSyntaxIsNotEvaluated() {
        Incident incident = Fixtures.titled("${7*7} <#list 1..3 as x>${x}</#list>", false);
        assertThat(console.render(new Messages.Topic(incident))).doesNotContain("49");
        assertThat(console.render(new Messages.Announcement(incident, Fixtures.CHANNEL)))
                .contains("${7*7} <#list 1..3 as x>${x}</#list>");
    }

    @Test
    void consoleDropsTerminalControlSequencesFromUserText() {
        Incident incident = Fixtures.titled("db \u001b[2J\u001b[31mdown\u0007 \u202Eevil", false);
        String out = console.render(new Messages.Announcement(incident, Fixtures.CHANNEL));
        assertThat(out).contains("db [2J[31mdown evil").doesNotContain("\u001b").doesNotContain("\u0007")
                .doesNotContain("\u202E");
    }

    @Test
    void markdownEscapesUserTextButNotItsOwnMarkup() {
        Incident incident = Fixtures.titled("*bold* _it_ [link](http://x) <b>|</b> # not a heading", false);
        String out = markdown.render(new Postmortem(incident, Fixtures.timeline(), Durations.of(Fixtures.resolved()),
                Fixtures.CLOCK.instant()));
        assertThat(out).startsWith("# INC-7: \\*bold\\* \\_it\\_ \\[link\\](http://x) \\<b\\>\\|\\</b\\> \\# not a heading");
        assertThat(out).contains("| Severity | SEV2 |");
    }

    @Test
    void mentionsOfHostileDisplayNamesAreEscapedToo() {
        Member evil = new Member("console", "u1", "x\u001b]0;pwned\u0007");
        assertThat(new ConsoleDialect(ZoneOffset.UTC, Fixtures.CLOCK).mention(evil)).isEqualTo("@x]0;pwned");
        assertThat(new MarkdownDialect().mention(new Member("console", "u2", "*a*"))).isEqualTo("\\*a\\*");
    }

    @Test
    void markdownWritesPeopleAsPlainNamesAndHandlesInUserTextAsCode() {
        Incident incident = Fixtures.titled("@acme/payments paged @bob_2 via mail ops@acme.example", false)
                .withRole("comms", Fixtures.BOB);
        String out = markdown.render(new Postmortem(incident, Fixtures.timeline(), Durations.of(Fixtures.resolved()),
                Fixtures.CLOCK.instant()));
        assertThat(out).startsWith("# INC-7: `@acme/payments` paged `@bob_2` via mail ops@acme.example")
                .contains("- **comms**: bob");
        // Outside code spans no @handle is left for GitHub to notify.
        assertThat(out.replaceAll("`[^`]*`", "")).doesNotContainPattern("(^|[^\\w])@[A-Za-z0-9]");
    }

    @Test
    void thePostmortemMetadataTableHasAHeaderRow() {
        String out = markdown.render(new Postmortem(Fixtures.declared(), Fixtures.timeline(),
                Durations.of(Fixtures.resolved()), Fixtures.CLOCK.instant()));
        assertThat(out).contains("| Field | Value |\n|---|---|\n| Severity |").doesNotContain("| | |");
    }

    @Test
    void operatorTemplatesOverrideBuiltInOnes(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("topic.ftl"), "custom ${incident.id} for ${mention(incident.roles[\"commander\"])}");
        TemplateRenderer renderer = new TemplateRenderer(new ConsoleDialect(ZoneOffset.UTC, Fixtures.CLOCK), dir);
        assertThat(renderer.render(new Messages.Topic(Fixtures.declared()))).isEqualTo("custom INC-42 for @alice");
        // Templates the operator did not override still come from the built-in set.
        assertThat(renderer.render(new Messages.NoteAdded(Fixtures.declared(), Fixtures.BOB, "hi")))
                .isEqualTo("Note from @bob: hi");
    }

    @Test
    void dialectSpecificTemplateBeatsTheSharedOne(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("console"));
        Files.writeString(dir.resolve("console/note-added.ftl"), "console note: ${text}");
        TemplateRenderer renderer = new TemplateRenderer(new ConsoleDialect(ZoneOffset.UTC, Fixtures.CLOCK), dir);
        assertThat(renderer.render(new Messages.NoteAdded(Fixtures.declared(), Fixtures.BOB, "hi")))
                .isEqualTo("console note: hi");
    }

    @Test
    void brokenOperatorTemplateFailsWithItsName(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("note-added.ftl"), "${nosuchfield.x}");
        TemplateRenderer renderer = new TemplateRenderer(new ConsoleDialect(ZoneOffset.UTC, Fixtures.CLOCK), dir);
        assertThatThrownBy(() -> renderer.render(new Messages.NoteAdded(Fixtures.declared(), Fixtures.BOB, "hi")))
                .hasMessageContaining("note-added.ftl");
    }

    /** An operator's folder from before templates were named after their records keeps its wording. */
    @Test
    void anOverrideUnderItsOldNameIsStillUsed(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("console"));
        Files.writeString(dir.resolve("console/reminder.ftl"), "old reminder for ${incident.id()}");
        Files.writeString(dir.resolve("note.ftl"), "old note: ${text}");
        Files.writeString(dir.resolve("rejected.ftl"), "old rejected");
        Files.writeString(dir.resolve("command-rejected.ftl"), "new rejected: ${problem}");
        TemplateRenderer renderer = new TemplateRenderer(new ConsoleDialect(ZoneOffset.UTC, Fixtures.CLOCK), dir);
        assertThat(renderer.render(new Messages.UpdateOverdue(Fixtures.declared(), 1, Fixtures.CLOCK.instant())))
                .isEqualTo("old reminder for INC-42");
        assertThat(renderer.render(new Messages.NoteAdded(Fixtures.declared(), Fixtures.BOB, "hi"))).isEqualTo("old note: hi");
        assertThat(renderer.render(new Messages.CommandRejected("nope", null, null))).isEqualTo("new rejected: nope");
    }

    @Test
    void everyRenamedTemplateNamesABuiltInOne() {
        RenamedTemplates.OLD_NAMES.forEach((name, old) -> {
            assertThat(TemplateRenderer.class.getResource(TemplateRenderer.BUILT_IN + "/" + name + ".ftl")).as(name).isNotNull();
            assertThat(TemplateRenderer.class.getResource(TemplateRenderer.BUILT_IN + "/" + old + ".ftl")).as(old).isNull();
        });
    }

    @Test
    void missingOverrideDirectoryIsRejectedAtStartup(@TempDir Path dir) {
        assertThatThrownBy(() -> new TemplateRenderer(new MarkdownDialect(), dir.resolve("nope")))
                .hasMessageContaining("sitrep.templates.dir");
    }

    @Test
    void everyMessageTypeHasABuiltInTemplate() {
        for (Class<?> type : permitted(Message.class)) {
            String name = templateNameOf(type);
            assertThat(TemplateRenderer.class.getResource(TemplateRenderer.BUILT_IN + "/" + name + ".ftl"))
                    .as("template for %s", type.getSimpleName()).isNotNull();
        }
    }

    private static Class<?>[] permitted(Class<?> sealed) {
        Class<?>[] types = sealed.getPermittedSubclasses();
        assertThat(types).hasSizeGreaterThan(15);
        return Arrays.stream(types).toArray(Class<?>[]::new);
    }

    /** Reads the name from a record's template(), constructed with empty components (the name depends on the type only). */
    private static String templateNameOf(Class<?> type) {
        try {
            java.lang.reflect.RecordComponent[] components = type.getRecordComponents();
            Object[] args = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                args[i] = types[i] == int.class ? 0 : types[i] == boolean.class ? false
                        : types[i] == java.util.List.class ? java.util.List.of() : null;
            }
            Object message = type.getDeclaredConstructor(types).newInstance(args);
            return ((Message) message).template();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
