package dev.sitrep.slack;

import dev.sitrep.commands.message.Button;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where a modal was opened from, carried in its {@code private_metadata} (a string of at most 3,000
 * characters that Slack hands back with the submission, https://api.slack.com/reference/surfaces/views):
 * the channel, and for a modal a button opened, the clicked message's ts and the button, so the
 * submission edits that message the way a click without a form does. Nothing is kept in between.
 * Written {@code <channel>} or {@code <channel> <message ts> <button id>}; a modal opened before
 * buttons had forms carries the channel alone and is read the same.
 */
record FormOrigin(String channelId, @Nullable String messageTs, @Nullable Button button) {

    static FormOrigin typed(String channelId) {
        return new FormOrigin(channelId, null, null);
    }

    static FormOrigin clicked(String channelId, String messageTs, Button button) {
        return new FormOrigin(channelId, messageTs, button);
    }

    String metadata() {
        return button == null || messageTs == null ? channelId : channelId + " " + messageTs + " " + button.id();
    }

    static FormOrigin of(@Nullable String metadata) {
        String[] parts = metadata == null ? new String[] {""} : metadata.strip().split(" ");
        if (parts.length == 3) {
            Optional<Button> button = Button.parse(parts[2]);
            if (button.isPresent()) {
                return clicked(parts[0], parts[1], button.get());
            }
        }
        return typed(parts[0]);
    }

    /** The button and message this form finishes, when a click opened it. */
    Optional<Button> clickedButton() {
        return messageTs == null ? Optional.empty() : Optional.ofNullable(button);
    }
}
