package dev.sitrep.bot.blackbox;

import static dev.sitrep.bot.blackbox.SlashCommandDeliveries.SLACK_WAITS;
import static dev.sitrep.bot.blackbox.SlashCommandDeliveries.announcementsOf;
import static dev.sitrep.bot.blackbox.SlashCommandDeliveries.await;
import static dev.sitrep.bot.blackbox.SlashCommandDeliveries.channelsCreatedFor;
import static dev.sitrep.bot.blackbox.SlashCommandDeliveries.command;
import static dev.sitrep.bot.blackbox.SlashCommandDeliveries.deliver;
import static dev.sitrep.bot.blackbox.SlashCommandDeliveries.now;
import static dev.sitrep.bot.blackbox.SlashCommandDeliveries.privateRepliesMentioning;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sitrep.bot.blackbox.SlashCommandDeliveries.Ack;
import dev.sitrep.bot.blackbox.SlashCommandDeliveries.Command;
import dev.sitrep.bot.blackbox.SlashCommandDeliveries.ResponseUrls;
import dev.sitrep.bot.slack.FakeSlackApi;
import dev.sitrep.bot.slack.RedisProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * While sitrep's Redis is away — hung (SIGSTOP: connections open, nothing answers) and then gone
 * (killed: connections refused) — a signed slash command is still answered HTTP 200 within Slack's
 * 3000 ms (https://api.slack.com/interactivity/slash-commands#responding_basic_receipt) with a body
 * only the user sees, and the user is then told privately (the acknowledgement itself, an
 * ephemeral message, or the command's response_url — "Message visibility" on the same page) that
 * the command was not run. Once Redis is back, nothing sent during the outage has run.
 *
 * Run: {@code ./mvnw -o -B -pl bot -am test -Dtest=SlackAcknowledgementRedisDownContractTest -Dsurefire.failIfNoSpecifiedTests=false}
 */
class SlackAcknowledgementRedisDownContractTest {

    private static final Duration WAIT = Duration.ofSeconds(40);
    /** The user is told the command did not happen, in any plain words. */
    private static final Pattern NOT_RUN = Pattern.compile(
            "(?i)(could ?n[o']t|cannot|can't|not (been )?(run|done|taken|recorded)|nothing was done|try again|run it again)");

    @Test
    void whileRedisIsDownTheAcknowledgementComesWithin3sAndTheUserIsToldPrivatelyItWasNotRun() throws Exception {
        String secret = "bbcheck-down-" + UUID.randomUUID();
        Path home = Files.createTempDirectory("sitrep-bb-down");
        try (RedisProcess redis = new RedisProcess(Files.createDirectories(home.resolve("redis")));
             FakeSlackApi slack = new FakeSlackApi();
             ResponseUrls responseUrls = new ResponseUrls()) {
            slack.channelCreated("CBBDOWN", "inc-bbcheck-down");
            try (ConfigurableApplicationContext replica = SlashCommandDeliveries.startReplica(slack, secret, redis.url(), home)) {
                int port = SlashCommandDeliveries.port(replica);
                await("ready", WAIT, () -> SlashCommandDeliveries.ready(port), () -> "");
                Ack before = deliver(port, command("start Downbefore checkout errors sev2", responseUrls).body(), secret, now(), null, null);
                assertThat(before.status()).as("before the outage: " + before).isEqualTo(200);
                await("incident before the outage set up", WAIT, () -> !announcementsOf(slack, "Downbefore").isEmpty(), () -> "");

                redis.freeze();
                checkRefusedPrivately(port, secret, slack, responseUrls, "Hungstore", "Redis hung (SIGSTOP)");

                redis.kill();
                checkRefusedPrivately(port, secret, slack, responseUrls, "Deadstore", "Redis killed");

                redis.start();
                await("ready again once Redis is back", WAIT, () -> SlashCommandDeliveries.ready(port), () -> "");
                Ack after = deliver(port, command("start Downafter search slow sev3", responseUrls).body(), secret, now(), null, null);
                assertThat(after.status()).as("after the outage: " + after).isEqualTo(200);
                await("incident after the outage set up", WAIT, () -> !announcementsOf(slack, "Downafter").isEmpty(),
                        () -> "calls: " + slack.calls("chat.postEphemeral"));

                for (String word : List.of("Hungstore", "Deadstore")) {
                    assertThat(channelsCreatedFor(slack, word)).as(word + ": a channel was made for a command refused during the outage").isEmpty();
                    assertThat(announcementsOf(slack, word)).as(word + ": announced although refused").isEmpty();
                }
            }
        }
    }

    private static void checkRefusedPrivately(int port, String secret, FakeSlackApi slack, ResponseUrls responseUrls, String word,
                                              String outage) throws Exception {
        Command c = command("start " + word + " database failover sev1", responseUrls);
        Ack ack = deliver(port, c.body(), secret, now(), null, null);
        System.out.printf("[bbcheck] %s: acknowledged in %d ms: %s%n", outage, ack.took().toMillis(), ack);
        assertThat(ack.status()).as(outage + ": " + ack).isEqualTo(200);
        assertThat(ack.took()).as(outage + ": took (Slack waits 3000 ms): " + ack).isLessThan(SLACK_WAITS);
        assertThat(ack.visible().onlyTheUser()).as(outage + ": acknowledgement visible to the channel: " + ack).isTrue();
        if (ack.visible().text().contains(word) && NOT_RUN.matcher(ack.visible().text()).find()) {
            return; // told in the acknowledgement itself
        }
        await(outage + ": the user told privately that \"/incident start " + word + " …\" was not run", WAIT,
                () -> privateRepliesMentioning(slack, responseUrls, word).stream().anyMatch(t -> NOT_RUN.matcher(t).find()),
                () -> "acknowledgement " + ack + "; private replies " + privateRepliesMentioning(slack, responseUrls, word)
                        + "; all ephemerals " + slack.calls("chat.postEphemeral"));
        // Told privately, never in the channel.
        assertThat(slack.calls("chat.postMessage")).as(outage + ": said in a channel")
                .noneMatch(f -> f.getOrDefault("text", "").contains(word));
    }
}
