package dev.sitrep.discord;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import org.jspecify.annotations.Nullable;

/**
 * Every Discord permission sitrep uses, and what for: the one list the invite link, the startup
 * check and {@code /actuator/health/discord} derive from (bits per
 * https://discord.com/developers/docs/topics/permissions#permissions-bitwise-permission-flags).
 * Pinning has its own permission, Pin Messages (1 &lt;&lt; 51), since Discord split it from Manage
 * Messages in 2026; JDA 6.5 knows it as {@link Permission#PIN_MESSAGES}.
 */
public final class DiscordPermissions {

    /** The permission and the sitrep feature that stops without it, in the order the README lists them. */
    public static final Map<Permission, String> NEEDED = Collections.unmodifiableMap(needed());

    private DiscordPermissions() {
    }

    private static Map<Permission, String> needed() {
        Map<Permission, String> needed = new LinkedHashMap<>();
        needed.put(Permission.VIEW_CHANNEL, "see the incident and broadcast channels");
        needed.put(Permission.MESSAGE_SEND, "post the kick-off, updates and reminders");
        needed.put(Permission.MESSAGE_EMBED_LINKS, "post messages as embeds");
        needed.put(Permission.MESSAGE_ATTACH_FILES, "attach the postmortem skeleton");
        needed.put(Permission.MESSAGE_HISTORY, "read pinned messages for the timeline");
        needed.put(Permission.PIN_MESSAGES, "pin the kick-off");
        needed.put(Permission.MANAGE_CHANNEL, "create incident channels, set topics, archive");
        needed.put(Permission.MANAGE_ROLES, "hand out the commander role, let people into private channels");
        return needed;
    }

    /** The permissions integer of the invite link. */
    public static long raw() {
        return Permission.getRaw(NEEDED.keySet());
    }

    /** The invite link with every needed permission; the application id is public (it is in the link anyway). */
    public static String inviteUrl(String applicationId) {
        return "https://discord.com/oauth2/authorize?client_id=" + applicationId
                + "&scope=bot%20applications.commands&permissions=" + raw();
    }

    /** What sitrep's member lacks in its server (Administrator implies everything), in the README's order. */
    public static Set<Permission> missing(Member self) {
        Set<Permission> missing = new LinkedHashSet<>();
        NEEDED.keySet().stream().filter(p -> !self.hasPermission(p)).forEach(missing::add);
        return missing;
    }

    /** The configured server, or the only one sitrep is in when none is configured; empty when it is in neither. */
    public static Optional<Guild> server(JDA jda, @Nullable String guildId) {
        return Optional.ofNullable(guildId != null && !guildId.isBlank() ? jda.getGuildById(guildId)
                : jda.getGuilds().stream().findFirst().orElse(null));
    }

    /** Permission names as Discord's settings show them. */
    public static List<String> names(Set<Permission> permissions) {
        return permissions.stream().map(Permission::getName).toList();
    }
}
