package dev.sitrep.bot.bench;

import com.google.gson.Gson;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.RequestConfigurator;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.request.chat.ChatPostMessageRequest;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.util.json.GsonFactory;
import dev.sitrep.bot.slack.FakeSlackApi;
import dev.sitrep.http.OutboundPolicy;
import dev.sitrep.slack.ChatPoster;
import dev.sitrep.slack.SlackCalls;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;

/**
 * Issue 15 §4, CPU per Slack Web API call: {@code chat.postMessage} (a reminder's call) through
 * {@link SlackCalls} and Slack's SDK against the stand-in, measured as the calling thread's CPU
 * time; and beside it, the part the SDK spends building a new Gson for every response
 * ({@code MethodsClientImpl.parseJsonResponseAndRunListeners} calls {@code GsonFactory.createSnakeCase}
 * each time): parsing the same answer with a new Gson each time minus parsing it with one Gson kept.
 * Each call goes to its own channel, so the per-channel pace never waits.
 */
final class SlackCallCostBenchmark implements Benchmark {

    private static final int WARM = 3_000;
    private static final int CALLS = Integer.getInteger("bench.slackCalls", 5_000);

    @Override
    public String name() {
        return "slack-call-cost";
    }

    @Override
    public int order() {
        return 450;
    }

    @Override
    public List<Row> run() throws Exception {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        try (FakeSlackApi slack = new FakeSlackApi()) {
            SlackConfig config = new SlackConfig();
            config.setMethodsEndpointUrlPrefix(slack.url());
            config.getMethodsConfig().setStatsEnabled(false);
            try (Slack sdk = Slack.getInstance(config)) {
                MethodsClient client = sdk.methods("xoxb-bench");
                SlackCalls calls = new SlackCalls(OutboundPolicy.of(4, Duration.ofMillis(100), Duration.ofSeconds(10)));
                ChatPoster poster = new ChatPoster(client, "xoxb-bench", config);
                post(calls, client::chatPostMessage, "warm", WARM);
                long before = cpu.getCurrentThreadCpuTime();
                post(calls, client::chatPostMessage, "measured", CALLS);
                double perCall = (cpu.getCurrentThreadCpuTime() - before) / 1e3 / CALLS;
                post(calls, poster::chatPostMessage, "warm-poster", WARM);
                before = cpu.getCurrentThreadCpuTime();
                post(calls, poster::chatPostMessage, "measured-poster", CALLS);
                double perPosterCall = (cpu.getCurrentThreadCpuTime() - before) / 1e3 / CALLS;

                String answer = "{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1700000000.000100\",\"message\":{\"type\":"
                        + "\"message\",\"subtype\":\"bot_message\",\"text\":\"@bob the INC-1 update was due\","
                        + "\"ts\":\"1700000000.000100\",\"user\":\"UBOT\",\"bot_id\":\"B1\"}}";
                double fresh = parseCost(cpu, () -> GsonFactory.createSnakeCase(config), answer);
                Gson kept = GsonFactory.createSnakeCase(config);
                double shared = parseCost(cpu, () -> kept, answer);
                return List.of(
                        Row.info("CPU per chat.postMessage through SlackCalls + SDK (µs)", perCall),
                        Row.of("of which a new Gson per response (µs), share of the call", fresh - shared, perCall,
                                "CPU per call", ""),
                        Row.info("parsing the answer with one kept Gson (µs)", shared),
                        Row.of("CPU per chat.postMessage through ChatPoster, one kept Gson (µs)", perPosterCall, perCall,
                                "through the SDK's call", "< 1"));
            }
        }
    }

    /** The SDK's {@code chatPostMessage} or {@link ChatPoster}'s: the same request either way. */
    private interface Poster {
        ChatPostMessageResponse post(RequestConfigurator<ChatPostMessageRequest.ChatPostMessageRequestBuilder> request)
                throws Exception;
    }

    private static void post(SlackCalls calls, Poster poster, String label, int n) {
        for (int i = 0; i < n; i++) {
            String channel = "C" + label + i;
            calls.call("chat.postMessage", channel, () -> poster.post(r -> r.channel(channel)
                    .text("@bob the INC-1 update was due 5 min ago").unfurlLinks(false).unfurlMedia(false)));
        }
    }

    /** CPU microseconds to parse the answer once with the Gson {@code gson} hands out (warmed first). */
    private static double parseCost(ThreadMXBean cpu, java.util.function.Supplier<Gson> gson, String answer) {
        for (int i = 0; i < WARM; i++) {
            gson.get().fromJson(answer, ChatPostMessageResponse.class);
        }
        long before = cpu.getCurrentThreadCpuTime();
        for (int i = 0; i < CALLS; i++) {
            gson.get().fromJson(answer, ChatPostMessageResponse.class);
        }
        return (cpu.getCurrentThreadCpuTime() - before) / 1e3 / CALLS;
    }
}
