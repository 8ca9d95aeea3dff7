package dev.sitrep.bot.postmortem;

import dev.sitrep.commands.message.Postmortem;
import dev.sitrep.commands.port.PostmortemSink;
import dev.sitrep.templates.TemplateRenderer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes {@code INC-<n>.md} into a folder (which may be a Git working copy); filing again overwrites it. */
public final class DirectoryPostmortemSink implements PostmortemSink {

    private final Path dir;
    private final TemplateRenderer markdown;

    public DirectoryPostmortemSink(Path dir, TemplateRenderer markdown) {
        this.dir = dir;
        this.markdown = markdown;
    }

    @Override
    public String file(Postmortem postmortem) {
        Path target = dir.resolve(postmortem.incident().id().label() + ".md");
        try {
            Files.createDirectories(dir);
            // Written beside and moved into place, so a reader never sees half a file.
            Path temp = dir.resolve("." + target.getFileName() + ".tmp");
            Files.writeString(temp, markdown.render(postmortem) + "\n", StandardCharsets.UTF_8);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
        return target.toString();
    }
}
