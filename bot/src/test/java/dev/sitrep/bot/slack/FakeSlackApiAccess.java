package dev.sitrep.bot.slack;

import java.io.IOException;

/** Lets other test packages pick a free loopback port the same way the Slack tests do. */
public final class FakeSlackApiAccess {

    private FakeSlackApiAccess() {
    }

    public static int freePort() throws IOException {
        return FakeSlackSocket.freePort();
    }
}
