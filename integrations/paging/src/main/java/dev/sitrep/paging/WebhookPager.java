package dev.sitrep.paging;

import dev.sitrep.commands.port.PageKey;
import dev.sitrep.commands.port.PageRequest;
import dev.sitrep.commands.port.PageResult;
import dev.sitrep.commands.port.Pager;
import dev.sitrep.commands.port.PagingFailure;
import dev.sitrep.http.Call;
import dev.sitrep.http.CallFailed;
import dev.sitrep.http.HttpService;
import dev.sitrep.http.OutboundPolicy;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pages any other tool: a JSON body from {@link BodyTemplate} POSTed to one URL, signed
 * ({@link WebhookSignature}). The same page may arrive more than once (a retry after a lost answer, two
 * replicas): receivers recognise it by {@code dedup_key} and {@code event}, as the README says, which
 * is why the shared policy may send it again.
 */
public final class WebhookPager implements Pager {

    /** Short secrets are guessable; 32 random characters is what the README suggests. */
    static final int SHORTEST_SECRET = 16;

    private final String url;
    private final BodyTemplate template;
    private final WebhookSignature signature;
    private final HttpService http;
    private final Clock clock;

    /** {@code template}: null for the default body (every field). */
    public WebhookPager(URI url, String secret, String template, OutboundPolicy policy, Clock clock) {
        if (!url.isAbsolute() || !List.of("http", "https").contains(url.getScheme())) {
            throw new IllegalArgumentException("the webhook pager's url must be an http(s) address, was " + url);
        }
        if (secret == null || secret.length() < SHORTEST_SECRET) {
            throw new IllegalArgumentException("the webhook pager's secret must be at least " + SHORTEST_SECRET
                    + " characters");
        }
        this.url = url.toString();
        this.template = new BodyTemplate(template == null || template.isBlank() ? BodyTemplate.DEFAULT : template);
        this.signature = new WebhookSignature(secret);
        this.http = new HttpService("webhook pager", policy, Map.of(), List.of(secret));
        this.clock = clock;
    }

    @Override
    public PageResult trigger(PageRequest page) {
        Map<String, String> values = values(page.key(), "trigger");
        values.put("summary", page.summary());
        values.put("severity", page.severity().word());
        values.put("source", page.source());
        values.put("link", page.links().isEmpty() ? "" : page.links().get(0).href());
        post(page.key(), values);
        return new PageResult(page.key(), "webhook");
    }

    @Override
    public void acknowledge(PageKey key) {
        post(key, values(key, "acknowledge"));
    }

    @Override
    public void resolve(PageKey key) {
        post(key, values(key, "resolve"));
    }

    private static Map<String, String> values(PageKey key, String event) {
        Map<String, String> values = new HashMap<>();
        values.put("event", event);
        values.put("service", key.service());
        values.put("incident", key.incident().label());
        values.put("dedup_key", key.dedupKey());
        return values;
    }

    private void post(PageKey key, Map<String, String> values) {
        String body = template.render(values);
        long timestamp = clock.instant().getEpochSecond();
        Call call = Call.of("POST", url, body).repeatable()
                .withHeader(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .withHeader(WebhookSignature.SIGNATURE_HEADER, signature.sign(timestamp, body));
        try {
            http.send(call);
        } catch (CallFailed e) {
            throw new PagingFailure(key.service(), "the webhook pager did not take the " + values.get("event")
                    + " for " + key.service() + ": " + e.getMessage(), e);
        }
    }
}
