package dev.sitrep.bot.web;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sitrep.web.*}: the dashboard.
 *
 * @param members     a signed-in (OIDC) e-mail address → its platform accounts ({@code slack:U024BE7LH},
 *                    {@code discord:1213…}, {@code console:alice}); who is not listed is a member of no
 *                    private incident
 * @param localViewer without OIDC login: the account whose view the loopback dashboard shows; unset,
 *                    the person at this machine, who sees every incident
 * @param recent      how many incidents besides the open ones the list shows
 * @param slackLookup also find a signed-in person's Slack account by e-mail with Slack's
 *                    {@code users.lookupByEmail} (needs the {@code users:read.email} scope)
 */
@ConfigurationProperties("sitrep.web")
public record WebProperties(@DefaultValue Map<String, List<String>> members, @Nullable String localViewer,
                            @DefaultValue("50") int recent, @DefaultValue("false") boolean slackLookup) {

    public WebProperties {
        members.forEach((email, accounts) -> accounts.forEach(a -> check("sitrep.web.members." + email, a)));
        if (localViewer != null && !localViewer.isBlank()) {
            check("sitrep.web.local-viewer", localViewer);
        } else {
            localViewer = null;
        }
        if (recent < 1 || recent > 1000) {
            throw new IllegalArgumentException("sitrep.web.recent must be from 1 to 1000, was " + recent);
        }
    }

    private static void check(String property, String account) {
        if (!account.matches("[a-z]+:[^:\\s]+")) {
            throw new IllegalArgumentException(property + " takes platform:id accounts (slack:U024BE7LH, "
                    + "discord:121300000000000001, console:alice), was '" + account + "'");
        }
    }
}
