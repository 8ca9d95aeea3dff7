package dev.sitrep.bot.web;

import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Says where the dashboard is once the web server listens: on the terminal in the console chat
 * (where logging shows only warnings), in the log on a server.
 */
final class DashboardUrl implements ApplicationListener<WebServerInitializedEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardUrl.class);

    private final boolean console;
    private final boolean login;
    private final Consumer<String> terminal;

    /**
     * {@code terminal}: the console's own output when there is one — the web server may start after
     * the prompt ({@code DashboardAfterPrompt}), and a line editor prints above the line being typed.
     */
    DashboardUrl(boolean console, boolean login, Consumer<String> terminal) {
        this.console = console;
        this.login = login;
        this.terminal = terminal;
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (event.getApplicationContext().getParent() != null) {
            return; // a management child context, not the dashboard's server
        }
        String url = "http://127.0.0.1:" + event.getWebServer().getPort() + "/";
        if (console) {
            terminal.accept("sitrep dashboard: " + url);
        } else if (login) {
            LOG.info("Dashboard on port {} with OpenID Connect login", event.getWebServer().getPort());
        } else {
            LOG.info("Dashboard on {} (answers connections to 127.0.0.1 only; configure OIDC login to serve it further)", url);
        }
    }
}
