package dev.sitrep.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.TestInfo;

/**
 * Compares rendered text with {@code src/test/resources/<TestClass>/<method>.txt}. Run with
 * {@code -Dsnapshots.update=true} to (re)write the files, then review the diff before committing.
 */
final class Snapshots {

    private Snapshots() {
    }

    static void assertMatches(TestInfo info, String actual) {
        String testClass = info.getTestClass().orElseThrow().getSimpleName();
        String method = info.getTestMethod().orElseThrow().getName();
        Path file = Path.of("src/test/resources", testClass, method + ".txt");
        try {
            if (Boolean.getBoolean("snapshots.update") || !Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual + "\n", StandardCharsets.UTF_8);
                if (!Boolean.getBoolean("snapshots.update")) {
                    throw new AssertionError("Snapshot " + file + " did not exist and was written; review and commit it");
                }
                return;
            }
            String expected = Files.readString(file, StandardCharsets.UTF_8);
            assertThat(actual + "\n").as("snapshot %s", file).isEqualTo(expected);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
