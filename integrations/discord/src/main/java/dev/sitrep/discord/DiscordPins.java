package dev.sitrep.discord;

import dev.sitrep.commands.engine.IncidentEngine;
import dev.sitrep.commands.engine.Invocation;
import dev.sitrep.commands.inbound.Delivery;
import dev.sitrep.commands.inbound.InboundPipeline;
import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.incident.TimelineEntry;
import java.util.List;
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
 * its text may be empty, and the timeline then links to the message. The event goes through the
 * {@link InboundPipeline} like every delivery: taken once by its channel and pin time (the same in
 * a replay after a resume, or on the next gateway holder), in order with the channel's commands.
 */
public final class DiscordPins extends ListenerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(DiscordPins.class);

    private final IncidentEngine engine;
    private final InboundPipeline pipeline;

    public DiscordPins(IncidentEngine engine, InboundPipeline pipeline) {
        this.engine = engine;
        this.pipeline = pipeline;
    }

    @Override
    public void onRawGateway(RawGatewayEvent event) {
        // https://discord.com/developers/docs/events/gateway-events#channel-pins-update: last_pin_timestamp is
        // when the newest pin was pinned, so an unpin names a pin time already recorded and is not recorded again.
        if (!"CHANNEL_PINS_UPDATE".equals(event.getType()) || event.getPayload().isNull("last_pin_timestamp")) {
            return;
        }
        String channelId = event.getPayload().getString("channel_id");
        TextChannel channel = event.getJDA().getTextChannelById(channelId);
        if (channel == null) {
            return;
        }
        String pinnedAt = event.getPayload().getString("last_pin_timestamp");
        pipeline.accept(new Delivery(DiscordChatPlatform.NAME, "pin:" + channelId + ":" + pinnedAt, channelId, "pin"),
                () -> recordNewestPin(channel, event.getJDA().getSelfUser().getIdLong()),
                () -> LOG.warn("The pin in #{} was not recorded: this replica is overloaded or stopping", channel.getName()));
    }

    private void recordNewestPin(TextChannel channel, long self) {
        List<PinnedMessage> pins = channel.retrievePinnedMessages().limit(1).complete();
        if (pins.isEmpty()) {
            return;
        }
        Message message = pins.get(0).getMessage();
        // sitrep pins its own kick-off; that is not news for the timeline.
        if (message.getAuthor().getIdLong() == self) {
            return;
        }
        String text = message.getContentRaw().isBlank() ? message.getJumpUrl() : message.getContentRaw();
        engine.recordOnTimeline(new Invocation(new ChannelRef(DiscordChatPlatform.NAME, channel.getId(), channel.getName()),
                        new Member(DiscordChatPlatform.NAME, message.getAuthor().getId(), message.getAuthor().getName())),
                TimelineEntry.Kind.PIN, message.getAuthor().getName() + ": Pinned: " + text);
    }
}
