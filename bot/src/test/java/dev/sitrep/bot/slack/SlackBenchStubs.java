package dev.sitrep.bot.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/** What the benchmarks (dev.sitrep.bot.bench) need of {@link FakeSlackApi} beyond its public face. */
public final class SlackBenchStubs {

    private SlackBenchStubs() {
    }

    /** Every incident gets its own channel, as in real life, so Slack's per-channel pace does not pile up. */
    public static void everyIncidentItsOwnChannel(FakeSlackApi slack) {
        slack.server.stubFor(post(urlEqualTo("/api/conversations.create")).atPriority(1).willReturn(okJson(
                "{\"ok\":true,\"channel\":{\"id\":\"C{{randomValue length=9 type='ALPHANUMERIC' uppercase=true}}\","
                        + "\"name\":\"inc-bench\"}}").withTransformers("response-template")));
    }
}
