package dev.sitrep.discord;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One Discord message as sitrep sends it, whichever way it goes out: {@link JdaEncoder} on the
 * replica holding the gateway, {@link RestEncoder} on the others, and the two must put the same
 * JSON on the wire. Nothing in it pings anyone but {@code mentionUsers} (allowed_mentions parses
 * nothing), and every message carries a nonce that Discord enforces, so a retried post cannot
 * become two messages. Whatever sitrep sends next (buttons are components) is added here and to
 * both encoders, and {@code MessageEncodersTest} (bot) keeps them in step.
 *
 * @param content      plain text above the embeds (where a ping must be, since mentions in embeds never ping); may be empty
 * @param mentionUsers the only users the message may notify
 */
record DiscordMessage(String content, List<Embed> embeds, List<String> mentionUsers, String nonce) {

    /** Discord's limits: https://discord.com/developers/docs/resources/message#create-message-jsonform-params */
    static final int MAX_CONTENT = 2000;
    /** https://discord.com/developers/docs/resources/message#embed-object-embed-limits */
    static final int MAX_DESCRIPTION = 4096;

    DiscordMessage {
        embeds = List.copyOf(embeds);
        mentionUsers = List.copyOf(mentionUsers);
    }

    /** @param color RGB, without alpha */
    record Embed(@Nullable String title, String description, int color) {
    }

    /** Plain text that pings nobody. */
    static DiscordMessage text(String content, String nonce) {
        return new DiscordMessage(limit(content, MAX_CONTENT), List.of(), List.of(), nonce);
    }

    /** For a post without an idempotency key: still one message when the post is retried after a 5xx. */
    static String freshNonce() {
        return nonce(UUID.randomUUID().toString());
    }

    /** Discord nonces are at most 25 characters: a digest of the key, the same on every replica. */
    static String nonce(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 25);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String limit(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
