package dev.sitrep.web;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * What the dashboard needs to know from the bot's configuration.
 *
 * @param admins          {@code platform:id} of members who see every incident ({@code sitrep.admins})
 * @param membersByEmail  a signed-in e-mail address → the {@code platform:id} accounts that person has
 * @param localViewer     without login, whose eyes the page is for ({@code platform:id}); null: the
 *                        operator on this machine, who sees everything
 * @param recent          how many incidents the list shows besides the open ones
 * @param channelLinks    platform → link pattern with {@code {id}} for the channel's id
 */
public record DashboardSettings(Set<String> admins, Map<String, List<String>> membersByEmail,
                                @Nullable String localViewer, int recent, ZoneId zone,
                                Map<String, String> channelLinks) {

    public DashboardSettings {
        admins = Set.copyOf(admins);
        membersByEmail = membersByEmail.entrySet().stream().collect(Collectors.toUnmodifiableMap(
                e -> e.getKey().trim().toLowerCase(Locale.ROOT), e -> List.copyOf(e.getValue())));
        Objects.requireNonNull(zone, "zone");
        channelLinks = Map.copyOf(channelLinks);
        if (recent < 1) {
            throw new IllegalArgumentException("sitrep.web.recent must be at least 1, was " + recent);
        }
    }
}
