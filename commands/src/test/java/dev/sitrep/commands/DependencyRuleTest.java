package dev.sitrep.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The arrows point one way: bot → integrations → templates → commands. This reads the imports of
 * every main source file in the reactor, so a wrong import fails the build of the module that owns the rule.
 */
class DependencyRuleTest {

    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void commandsImportsOnlyTheJdkAndJspecify() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path file : sources("commands")) {
            for (String imported : imports(file)) {
                if (!imported.startsWith("java.") && !imported.startsWith("org.jspecify.")
                        && !imported.startsWith("dev.sitrep.commands.")) {
                    violations.add(ROOT.relativize(file) + " imports " + imported);
                }
            }
        }
        assertThat(violations).as("commands must not depend on Spring, Redis, FreeMarker, Slack or JDA").isEmpty();
        assertThat(sources("commands")).hasSizeGreaterThan(20);
    }

    @Test
    void nothingImportsAgainstTheArrows() throws IOException {
        // module folder -> packages of ours it must not import
        Map<String, List<String>> forbidden = Map.of(
                "templates", List.of("dev.sitrep.redis", "dev.sitrep.slack", "dev.sitrep.discord", "dev.sitrep.bot"),
                "integrations", List.of("dev.sitrep.bot"),
                "integrations/redis", List.of("dev.sitrep.slack", "dev.sitrep.discord", "dev.sitrep.templates"));
        List<String> violations = new ArrayList<>();
        for (var rule : forbidden.entrySet()) {
            for (Path file : sources(rule.getKey())) {
                for (String imported : imports(file)) {
                    if (rule.getValue().stream().anyMatch(imported::startsWith)) {
                        violations.add(ROOT.relativize(file) + " imports " + imported);
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void theRuleSeesAViolation() {
        assertThat(IMPORT.matcher("import org.springframework.Foo;\n").find()).isTrue();
        Matcher m = IMPORT.matcher("package x;\nimport static redis.Bar.baz;\n");
        assertThat(m.find()).isTrue();
        assertThat(m.group(1)).isEqualTo("redis.Bar.baz");
    }

    private static List<Path> sources(String module) throws IOException {
        Path dir = ROOT.resolve(module);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/main/java/")).toList();
        }
    }

    private static List<String> imports(Path file) throws IOException {
        Matcher m = IMPORT.matcher(Files.readString(file));
        List<String> result = new ArrayList<>();
        while (m.find()) {
            result.add(m.group(1));
        }
        return result;
    }
}
