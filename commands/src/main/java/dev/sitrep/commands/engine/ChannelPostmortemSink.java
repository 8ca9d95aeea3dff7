package dev.sitrep.commands.engine;

import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.FiledDocument;
import dev.sitrep.commands.message.Postmortem;
import dev.sitrep.commands.port.FilingProgress;
import dev.sitrep.commands.port.PostmortemSink;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The skeleton as a Markdown file in the incident's own channels, where the responders already are. */
final class ChannelPostmortemSink implements PostmortemSink {

    private final HandlerSupport support;

    ChannelPostmortemSink(HandlerSupport support) {
        this.support = support;
    }

    @Override
    public String name() {
        return "channel";
    }

    @Override
    public FiledDocument file(Postmortem postmortem, @Nullable FiledDocument previous, FilingProgress progress) {
        List<String> shared = new ArrayList<>();
        for (ChannelRef channel : postmortem.incident().channels().values()) {
            shared.add(support.platform(channel.platform()).attachPostmortem(channel, postmortem));
        }
        if (shared.isEmpty()) {
            throw new IllegalStateException(postmortem.incident().id() + " has no channel to share the file in");
        }
        return new FiledDocument(name(), postmortem.incident().id().label(), String.join(", ", shared));
    }
}
