package dev.sitrep.bot;

import dev.sitrep.templates.ConsoleDialect;
import java.util.List;
import java.util.Locale;

/**
 * {@code sitrep.admins} as the engine matches them: {@code platform:id}. Names are refused, since any
 * member can take a name (a Discord nickname is one click away); a bare id is accepted when its shape
 * says which platform it belongs to.
 */
final class AdminIds {

    /** Slack user ids start with U, or W on Enterprise Grid (https://api.slack.com/changelog/2016-08-11-user-id-format-changes). */
    private static final String SLACK_USER = "[UW][A-Z0-9]{2,20}";
    /** Discord ids are snowflakes, 64-bit integers written in decimal (https://discord.com/developers/docs/reference#snowflakes). */
    private static final String DISCORD_USER = "[0-9]{17,20}";
    /** The console knows people by their lower-case name (sitrep.console.members, /as). */
    private static final String CONSOLE_USER = "[a-z0-9._-]{1,80}";

    private AdminIds() {
    }

    static List<String> qualified(List<String> entries) {
        // The chart passes SITREP_ADMINS="" when no admin is configured.
        return entries.stream().map(String::strip).filter(e -> !e.isEmpty()).map(AdminIds::qualified).distinct().toList();
    }

    private static String qualified(String entry) {
        int colon = entry.indexOf(':');
        if (colon < 0) {
            if (entry.matches(SLACK_USER)) {
                return "slack:" + entry;
            }
            if (entry.matches(DISCORD_USER)) {
                return "discord:" + entry;
            }
            throw bad(entry);
        }
        String platform = entry.substring(0, colon).toLowerCase(Locale.ROOT);
        String id = entry.substring(colon + 1);
        String shape = switch (platform) {
            case "slack" -> SLACK_USER;
            case "discord" -> DISCORD_USER;
            case ConsoleDialect.PLATFORM -> CONSOLE_USER;
            default -> throw bad(entry);
        };
        if (platform.equals(ConsoleDialect.PLATFORM)) {
            id = id.toLowerCase(Locale.ROOT);
        }
        if (!id.matches(shape)) {
            throw bad(entry);
        }
        return platform + ":" + id;
    }

    private static IllegalArgumentException bad(String entry) {
        return new IllegalArgumentException("sitrep.admins: '" + entry + "' is not a member id. Give a Slack member id "
                + "(U… or W…), a Discord user id (17-20 digits), or platform:id (slack:U…, discord:…, console:name); "
                + "names are not accepted because members can take any name");
    }
}
