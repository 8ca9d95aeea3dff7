package dev.sitrep.commands.port;

import java.time.Duration;

/**
 * A platform call waiting in the platform's line: who paces it ("Slack"), what waits ("channel
 * creation"), its place (1 = next) and about how long until it goes.
 */
public record Waiting(String pacedBy, String what, int place, Duration about) {
}
