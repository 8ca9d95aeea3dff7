package dev.sitrep.bot.blackbox;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One incident played in the real {@code sitrep.jar}'s console chat while it files postmortems to
 * {@link GitHubFake} and, when configured, {@link ConfluenceFake}: the set-up, chat and tear-down
 * the postmortem contract ITs share. Answers that do not come are kept as notes, not failures, so
 * that the checks say what is missing.
 */
final class PostmortemRun {

    final Path work;
    final Path postmortemDir;
    final GitHubFake github;
    /** {@code null} when Confluence is not configured. */
    final ConfluenceFake confluence;
    private final String confluenceUser;
    final BotProcess bot;
    final List<String> notes = new ArrayList<>();

    /**
     * The fakes accept {@code githubToken} and, unless {@code confluenceToken} is {@code null},
     * {@code confluenceToken} (Basic with {@code confluenceUser}, Bearer when that is {@code null}).
     */
    PostmortemRun(String tempPrefix, String githubToken, String confluenceUser, String confluenceToken) throws IOException {
        work = Files.createTempDirectory(tempPrefix);
        postmortemDir = work.resolve("postmortems");
        github = new GitHubFake(githubToken);
        try {
            confluence = confluenceToken == null ? null : new ConfluenceFake(confluenceUser, confluenceToken);
        } catch (IOException | RuntimeException e) {
            github.close();
            throw e;
        }
        this.confluenceUser = confluenceUser;
        bot = new BotProcess(work);
    }

    /** Starts the bot with {@code env} as the README configures the sinks, and waits for the console chat's greeting. */
    void start(Map<String, String> env, String githubMode, int maxAttempts) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "--sitrep.console.user=alice",
                "--sitrep.postmortem.dir=" + postmortemDir,
                "--sitrep.postmortem.github.repository=" + GitHubFake.OWNER + "/" + GitHubFake.REPO,
                "--sitrep.postmortem.github.api-url=" + github.baseUrl(),
                "--sitrep.postmortem.github.mode=" + githubMode));
        if (confluence != null) {
            args.addAll(List.of(
                    "--sitrep.postmortem.confluence.base-url=" + confluence.wikiUrl(),
                    "--sitrep.postmortem.confluence.space=" + ConfluenceFake.SPACE,
                    "--sitrep.postmortem.confluence.parent-id=" + ConfluenceFake.PARENT_ID));
            if (confluenceUser != null) {
                args.add("--sitrep.postmortem.confluence.user=" + confluenceUser);
            }
        }
        args.add("--sitrep.postmortem.max-attempts=" + maxAttempts);
        args.add("--sitrep.postmortem.first-backoff=200ms");
        bot.start(env, args);
        BotProcess.waitFor(Duration.ofSeconds(120), () -> bot.transcript().contains("sitrep console") || !bot.alive(),
                "the console chat's greeting");
        assertTrue(bot.alive(), "the bot exited:\n" + bot.transcript());
    }

    /** {@link #say(int, String, String, Duration)} with 45 s for the answer. */
    int say(int round, String line, String answer) {
        return say(round, line, answer, Duration.ofSeconds(45));
    }

    /** Sends a chat line as round {@code round} and waits for the bot's answer; returns the output index before it. */
    int say(int round, String line, String answer, Duration timeout) {
        github.round = round;
        if (confluence != null) {
            confluence.round = round;
        }
        int from = bot.lines();
        bot.send(line);
        Pattern p = Pattern.compile(answer);
        waitSoftly(timeout, () -> p.matcher(bot.since(from)).find() || !bot.alive(), "answer to " + line);
        return from;
    }

    /** Waits for {@code condition}; if it does not come, notes it for the checks' messages. */
    void waitSoftly(Duration timeout, BooleanSupplier condition, String what) {
        try {
            BotProcess.waitFor(timeout, condition, what);
        } catch (AssertionError e) {
            notes.add(e.getMessage());
        }
    }

    /** What was noted and sent, for the checks' failure messages. */
    String context() {
        return "\n-- notes: " + notes + "\n-- GitHub requests:\n" + github.log()
                + (confluence == null ? "" : "-- Confluence requests:\n" + confluence.log());
    }

    /**
     * The action-item issues whose body and comments do not link {@code postmortem} (an issue or
     * pull request, named {@code what} in the problems), by URL, owner/repo#N or #N — GitHub autolinks
     * all three: https://docs.github.com/en/get-started/writing-on-github/working-with-advanced-formatting/autolinked-references-and-urls
     */
    List<String> actionItemIssuesNotLinking(ObjectNode postmortem, String what) {
        int n = postmortem.get("number").asInt();
        Pattern link = Pattern.compile(Pattern.quote(postmortem.get("html_url").asText()) + "(?!\\d)|"
                + "(?<![\\w/#])" + GitHubFake.OWNER + "/" + GitHubFake.REPO + "#" + n + "(?!\\d)|(?<![\\w/&])#" + n + "(?!\\d)");
        List<String> problems = new ArrayList<>();
        synchronized (github) {
            for (ObjectNode issue : github.actionItemIssues()) {
                StringBuilder texts = new StringBuilder(issue.path("body").asText(""));
                github.comments.getOrDefault(issue.get("number").asInt(), List.of())
                        .forEach(c -> texts.append('\n').append(c.path("body").asText()));
                // "#1" in "Action item #1" names the action item, not an issue: only a link to the postmortem counts.
                String withoutItemNumbers = texts.toString().replaceAll("(?i)action item #\\d+", "action item");
                if (!link.matcher(withoutItemNumbers).find()) {
                    problems.add("action-item issue #" + issue.get("number").asText() + " does not link the postmortem " + what + " #" + n
                            + "; its body and comments:\n" + texts);
                }
            }
        }
        return problems;
    }

    /** Stops the bot and the fakes, then writes notes, transcript and requests to target/blackbox/{@code reportName}.txt. */
    void stop(String reportName) throws IOException {
        try {
            bot.close();
        } finally {
            github.close();
            if (confluence != null) {
                confluence.close();
            }
        }
        Path report = Path.of("target", "blackbox");
        Files.createDirectories(report);
        Files.writeString(report.resolve(reportName + ".txt"),
                "notes:\n" + String.join("\n", notes) + "\n\ntranscript:\n" + bot.transcript()
                        + "\n\nGitHub:\n" + github.log() + (confluence == null ? "" : "\nConfluence:\n" + confluence.log()),
                StandardCharsets.UTF_8);
        bot.deleteWorkDir();
    }
}
