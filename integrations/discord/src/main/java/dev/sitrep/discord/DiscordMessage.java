package dev.sitrep.discord;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One Discord message as sitrep sends it, whichever way it goes out: {@link JdaEncoder} on the
 * replica holding the gateway, {@link RestEncoder} on the others, and the two must put the same
 * JSON on the wire. Nothing in it pings anyone but {@code mentionUsers} and {@code mentionRoles} (allowed_mentions parses
 * nothing), and every message carries a nonce that Discord enforces, so a retried post cannot
 * become two messages. Its buttons go out as message components, laid out in action rows by {@link
 * #rows()}. Whatever sitrep sends next is added here and to both encoders, and
 * {@code MessageEncodersTest} (bot) keeps them in step.
 *
 * @param content      plain text above the embeds (where a ping must be, since mentions in embeds never ping); may be empty
 * @param buttons      the message's buttons, in the order shown
 * @param mentionUsers the only users the message may notify
 * @param mentionRoles the only roles it may notify (a service's owners role in its kick-off)
 */
record DiscordMessage(String content, List<Embed> embeds, List<ButtonComponent> buttons, List<String> mentionUsers,
                      List<String> mentionRoles, String nonce) {

    /** Discord's limits: https://discord.com/developers/docs/resources/message#create-message-jsonform-params */
    static final int MAX_CONTENT = 2000;
    /** https://discord.com/developers/docs/resources/message#embed-object-embed-limits */
    static final int MAX_DESCRIPTION = 4096;

    /** https://discord.com/developers/docs/interactions/message-components#action-rows: at most 5 per message, */
    static final int MAX_ROWS = 5;
    /** each holding at most 5 buttons. */
    static final int MAX_BUTTONS_PER_ROW = 5;

    DiscordMessage {
        embeds = List.copyOf(embeds);
        buttons = List.copyOf(buttons);
        mentionUsers = List.copyOf(mentionUsers);
        mentionRoles = List.copyOf(mentionRoles);
        if (buttons.size() > MAX_ROWS * MAX_BUTTONS_PER_ROW) {
            throw new IllegalArgumentException("Discord shows at most " + MAX_ROWS * MAX_BUTTONS_PER_ROW
                    + " buttons on a message, not " + buttons.size());
        }
    }

    /**
     * A button (https://discord.com/developers/docs/interactions/message-components#button-object):
     * a {@code custom_id} of at most 100 characters that comes back with the click, a label of at most
     * 80 and a style (1 primary, 2 secondary, 4 danger).
     */
    record ButtonComponent(String customId, String label, int style) {

        static final int MAX_CUSTOM_ID = 100;
        static final int MAX_LABEL = 80;

        ButtonComponent {
            if (customId.isEmpty() || customId.length() > MAX_CUSTOM_ID) {
                throw new IllegalArgumentException("A Discord custom_id has 1 to " + MAX_CUSTOM_ID + " characters: " + customId);
            }
            label = limit(label, MAX_LABEL);
        }
    }

    /** The buttons in action rows of at most {@link #MAX_BUTTONS_PER_ROW}. */
    List<List<ButtonComponent>> rows() {
        List<List<ButtonComponent>> rows = new ArrayList<>();
        for (int i = 0; i < buttons.size(); i += MAX_BUTTONS_PER_ROW) {
            rows.add(buttons.subList(i, Math.min(buttons.size(), i + MAX_BUTTONS_PER_ROW)));
        }
        return rows;
    }

    /** The same message for a channel where clicks cannot run (the broadcast channel is no incident's channel). */
    DiscordMessage withoutButtons() {
        return new DiscordMessage(content, embeds, List.of(), mentionUsers, mentionRoles, nonce);
    }

    /** @param color RGB, without alpha */
    record Embed(@Nullable String title, String description, int color) {
    }

    /** Plain text that pings nobody. */
    static DiscordMessage text(String content, String nonce) {
        return new DiscordMessage(limit(content, MAX_CONTENT), List.of(), List.of(), List.of(), List.of(), nonce);
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
