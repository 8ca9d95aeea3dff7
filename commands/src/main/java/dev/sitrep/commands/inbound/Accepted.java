package dev.sitrep.commands.inbound;

import java.util.concurrent.CompletableFuture;

/**
 * What {@link InboundPipeline#accept} promises: {@code taken} completes within
 * {@link InboundPipeline#TAKE_WITHIN} (an acknowledgement may wait for it), {@code done} once the
 * work ran or was dropped (a console waits for it; platforms with an acknowledgement never do).
 */
public record Accepted(CompletableFuture<Taken> taken, CompletableFuture<Void> done) {
}
