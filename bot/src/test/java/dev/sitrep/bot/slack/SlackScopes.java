package dev.sitrep.bot.slack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bot scopes sitrep's app manifest asks for (integrations/slack/manifest.yml), which are all an
 * installed sitrep has: a method needing a scope the manifest lacks is refused {@code missing_scope},
 * as Slack refuses it (https://api.slack.com/methods/usergroups.users.list#errors lists it with every
 * method), so a method sitrep starts calling fails here until the manifest grants its scope.
 */
final class SlackScopes {

    /** The bot token scope each method needs, from the "Required scopes" of its page. */
    private static final Map<String, String> NEEDED = Map.of(
            "usergroups.users.list", "usergroups:read",   // https://api.slack.com/methods/usergroups.users.list
            "conversations.invite", "channels:manage",    // https://api.slack.com/methods/conversations.invite
            "conversations.create", "channels:manage",    // https://api.slack.com/methods/conversations.create
            "chat.postMessage", "chat:write",             // https://api.slack.com/methods/chat.postMessage
            "pins.add", "pins:write",                     // https://api.slack.com/methods/pins.add
            "users.info", "users:read");                  // https://api.slack.com/methods/users.info

    private static final Pattern SCOPE = Pattern.compile("^\\s+-\\s+([a-z._]+:[a-z._]+|[a-z]+)\\b.*");

    static final Set<String> GRANTED = fromManifest(Path.of("../integrations/slack/manifest.yml"));

    private SlackScopes() {
    }

    /** The method's needed scope when the manifest does not grant it. */
    static Optional<String> missing(String method, Set<String> granted) {
        String needed = NEEDED.get(method);
        return needed == null || granted.contains(needed) ? Optional.empty() : Optional.of(needed);
    }

    /** The list under {@code oauth_config: scopes: bot:}. */
    static Set<String> fromManifest(Path manifest) {
        List<String> lines;
        try {
            lines = Files.readAllLines(manifest);
        } catch (IOException e) {
            throw new UncheckedIOException("the Slack fake grants the scopes of " + manifest.toAbsolutePath(), e);
        }
        Set<String> scopes = new LinkedHashSet<>();
        boolean inBot = false;
        for (String line : lines) {
            if (line.strip().equals("bot:")) {
                inBot = true;
                continue;
            }
            if (inBot) {
                Matcher m = SCOPE.matcher(line);
                if (!m.matches()) {
                    break;
                }
                scopes.add(m.group(1));
            }
        }
        if (scopes.isEmpty()) {
            throw new IllegalStateException("no bot scopes found in " + manifest.toAbsolutePath());
        }
        return Set.copyOf(scopes);
    }
}
