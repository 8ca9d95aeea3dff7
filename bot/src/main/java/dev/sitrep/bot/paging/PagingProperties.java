package dev.sitrep.bot.paging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sitrep.paging.*}: who pages each service's on-call. Routing keys and the webhook secret are
 * credentials: they come from the environment or a mounted Secret and never appear in a message,
 * {@link #toString()} or a startup error.
 */
@ConfigurationProperties("sitrep.paging")
public record PagingProperties(@DefaultValue PagerDuty pagerduty, @DefaultValue Webhook webhook,
                               @DefaultValue("3") int maxAttempts, @DefaultValue("2s") Duration firstBackoff,
                               @DefaultValue("10s") Duration timeout) {

    public PagingProperties {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("sitrep.paging.max-attempts must be at least 1, was " + maxAttempts);
        }
    }

    /**
     * PagerDuty Events API v2: {@code routing-keys.<service>} (e.g. SITREP_PAGING_PAGERDUTY_ROUTINGKEYS_CHECKOUT),
     * and/or {@code routing-keys-dir}, a folder with one file per service holding its key (a mounted Secret).
     */
    public record PagerDuty(@DefaultValue("https://events.pagerduty.com") String apiUrl,
                            @Nullable Map<String, String> routingKeys, @Nullable Path routingKeysDir) {

        /** What PagerDuty calls the Integration Key: 32 characters (https://developer.pagerduty.com/docs/events-API-v2/02-Trigger-Events.md). */
        private static final int KEY_LENGTH = 32;

        public PagerDuty {
            URI api = URI.create(apiUrl);
            if (!api.isAbsolute() || !(api.getScheme().equals("https") || api.getScheme().equals("http"))) {
                throw new IllegalArgumentException("sitrep.paging.pagerduty.api-url must be an http(s) address, was "
                        + apiUrl);
            }
            Map<String, String> keys = new TreeMap<>(routingKeys == null ? Map.of() : routingKeys);
            keys.values().removeIf(String::isBlank);
            if (routingKeysDir != null) {
                readInto(keys, routingKeysDir);
            }
            keys.forEach((service, key) -> {
                if (key.strip().length() != KEY_LENGTH) {
                    throw new IllegalArgumentException("sitrep.paging.pagerduty.routing-keys." + service + " must be the "
                            + KEY_LENGTH + "-character integration key of an Events API v2 integration (it has "
                            + key.strip().length() + " characters)");
                }
            });
            keys.replaceAll((service, key) -> key.strip());
            routingKeys = Map.copyOf(keys);
        }

        /** Kubernetes mounts each Secret key as a file (plus hidden {@code ..data} links, skipped). */
        private static void readInto(Map<String, String> keys, Path dir) {
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException("sitrep.paging.pagerduty.routing-keys-dir is not a folder: " + dir);
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(Files::isRegularFile)
                        .filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList()) {
                    String service = file.getFileName().toString();
                    if (keys.containsKey(service)) {
                        throw new IllegalArgumentException("service " + service + " has a routing key both in "
                                + "sitrep.paging.pagerduty.routing-keys and in routing-keys-dir; keep one");
                    }
                    keys.put(service, Files.readString(file, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("sitrep.paging.pagerduty.routing-keys-dir could not be read: " + dir, e);
            }
        }

        @Override
        public String toString() {
            return "PagerDuty[apiUrl=" + apiUrl + ", services=" + (routingKeys == null ? "[]" : routingKeys.keySet()) + "]";
        }
    }

    /** The generic webhook pager, on when {@code url} is set; it pages every service without a PagerDuty key. */
    public record Webhook(@Nullable URI url, @Nullable String secret, @Nullable String template) {

        public Webhook {
            if (url != null && (secret == null || secret.isBlank())) {
                throw new IllegalArgumentException("sitrep.paging.webhook.secret (SITREP_PAGING_WEBHOOK_SECRET) must be "
                        + "set when sitrep.paging.webhook.url is: receivers verify each page with it");
            }
            if (secret != null && !secret.isBlank() && secret.length() < 16) {
                throw new IllegalArgumentException("sitrep.paging.webhook.secret must be at least 16 characters (it has "
                        + secret.length() + "); 32 random characters is a good secret");
            }
        }

        public boolean enabled() {
            return url != null;
        }

        @Override
        public String toString() {
            return "Webhook[url=" + url + "]";
        }
    }
}
