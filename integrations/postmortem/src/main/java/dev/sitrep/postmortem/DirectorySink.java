package dev.sitrep.postmortem;

import dev.sitrep.commands.incident.FiledDocument;
import dev.sitrep.commands.message.Postmortem;
import dev.sitrep.commands.port.FilingProgress;
import dev.sitrep.commands.port.PostmortemSink;
import dev.sitrep.templates.TemplateRenderer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.jspecify.annotations.Nullable;

/** {@code INC-<n>-<slug>.md} in a folder (which may be a Git working copy); filing again overwrites it. */
public final class DirectorySink implements PostmortemSink {

    private final Path dir;
    private final TemplateRenderer markdown;
    private final Redactor redactor;

    public DirectorySink(Path dir, TemplateRenderer markdown, Redactor redactor) {
        this.dir = dir;
        this.markdown = markdown;
        this.redactor = redactor;
    }

    @Override
    public String name() {
        return "directory";
    }

    @Override
    public FiledDocument file(Postmortem postmortem, @Nullable FiledDocument previous, FilingProgress progress) {
        // The first file name sticks, so a retitled incident does not leave two files behind.
        Path target = previous != null && previous.exists() ? Path.of(previous.id())
                : dir.resolve(postmortem.fileName());
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            // Written beside and moved into place, so a reader never sees half a file.
            Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
            Files.writeString(temp, redactor.redact(markdown.render(redactor.redact(postmortem))) + "\n",
                    StandardCharsets.UTF_8);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
        return new FiledDocument(name(), target.toString(), target.toString());
    }
}
