package dev.sitrep.discord;

import dev.sitrep.commands.engine.IncidentEngine;
import dev.sitrep.commands.engine.Invocation;
import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.commands.port.IdempotencyKeys;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.events.RawGatewayEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.requests.restaction.pagination.PinnedMessagePaginationAction.PinnedMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pins in incident channels go on the timeline. Discord only says "pins changed" (JDA passes it
 * on as a raw event), so the newest pin is fetched; without the privileged Message Content intent
 * its text may be empty, and the timeline then links to the message.
 */
public final class DiscordPins extends ListenerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(DiscordPins.class);

    private final IncidentEngine engine;
    private final IdempotencyKeys once;
    private final ExecutorService work;

    public DiscordPins(IncidentEngine engine, IdempotencyKeys once, ExecutorService work) {
        this.engine = engine;
        this.once = once;
        this.work = work;
    }

    @Override
    public void onRawGateway(RawGatewayEvent event) {
        if (!"CHANNEL_PINS_UPDATE".equals(event.getType()) || event.getPayload().isNull("last_pin_timestamp")) {
            return;
        }
        String channelId = event.getPayload().getString("channel_id");
        TextChannel channel = event.getJDA().getTextChannelById(channelId);
        if (channel == null) {
            return;
        }
        work.submit(() -> {
            try {
                List<PinnedMessage> pins = channel.retrievePinnedMessages().limit(1).complete();
                if (pins.isEmpty()) {
                    return;
                }
                Message message = pins.get(0).getMessage();
                // sitrep pins its own kick-off; that is not news for the timeline.
                if (message.getAuthor().getIdLong() == event.getJDA().getSelfUser().getIdLong()
                        || !once.begin("discord:pin:" + message.getId(), Duration.ofDays(1))) {
                    return;
                }
                String text = message.getContentRaw().isBlank() ? message.getJumpUrl() : message.getContentRaw();
                engine.recordOnTimeline(new Invocation(new ChannelRef(DiscordChatPlatform.NAME, channelId, channel.getName()),
                                new Member(DiscordChatPlatform.NAME, message.getAuthor().getId(), message.getAuthor().getName())),
                        TimelineEntry.Kind.PIN, message.getAuthor().getName() + ": Pinned: " + text);
            } catch (RuntimeException e) {
                LOG.warn("Could not record the pin in #{}: {}", channel.getName(), e.toString());
            }
        });
    }
}
