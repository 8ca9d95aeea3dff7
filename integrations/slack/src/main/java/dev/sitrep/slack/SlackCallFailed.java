package dev.sitrep.slack;

import dev.sitrep.commands.port.PlatformFailure;

/** A Slack Web API call that failed for good: the method and Slack's error code, never the token. */
public final class SlackCallFailed extends PlatformFailure {

    private final String method;
    private final String error;

    public SlackCallFailed(String method, String error, Throwable cause) {
        super("Slack " + method + " failed: " + error + hint(error), cause);
        this.method = method;
        this.error = error;
    }

    public String method() {
        return method;
    }

    public String error() {
        return error;
    }

    /** What an operator can do about the common errors. */
    private static String hint(String error) {
        return switch (error) {
            case "missing_scope" -> " (the app lacks a scope: reinstall it from the manifest in integrations/slack)";
            case "not_in_channel", "channel_not_found" -> " (invite the sitrep app to that channel)";
            case "is_archived" -> " (the channel is archived)";
            case "invalid_auth", "not_authed", "token_revoked" -> " (check SLACK_BOT_TOKEN)";
            case "restricted_action" -> " (a workspace admin restricts this action)";
            default -> "";
        };
    }
}
