package dev.sitrep.bot.console;

import dev.sitrep.commands.DurationText;
import dev.sitrep.commands.engine.IncidentEngine;
import dev.sitrep.commands.engine.Invocation;
import dev.sitrep.commands.inbound.Accepted;
import dev.sitrep.commands.inbound.Delivery;
import dev.sitrep.commands.inbound.InboundPipeline;
import dev.sitrep.commands.inbound.Taken;
import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.port.IncidentStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The read loop of the console chat: {@code /incident …} goes to the engine as the current person
 * in the current channel; {@code /as}, {@code /join}, {@code /channels} and {@code /wait} are the
 * console's own; anything else is said in the channel.
 */
public final class ConsoleChat {

    private static final List<String> QUIT = List.of("/quit", "/exit");
    private static final Duration MAX_WAIT = Duration.ofMinutes(10);
    private static final String CONSOLE_HELP = """
            Console commands: /incident … (try /incident help) · /click <n> press choice [n], under any message \
            · /as <name> act as someone else · /join #channel · /channels · /wait <duration, e.g. 10s> · /quit (or end of input)""";

    private final ConsoleIo io;
    private final ConsoleWorkspace workspace;
    private final IncidentEngine engine;
    private final IncidentStore store;
    private final InboundPipeline pipeline;
    private final ConsoleChatPlatform platform;
    private final ConsoleForm form;
    private final ConsoleClicks clicks;
    /** The console's own commands, the one list that dispatch, completion and the quit check read. */
    private final Map<String, Consumer<String>> commands = new LinkedHashMap<>();

    ConsoleChat(ConsoleIo io, ConsoleWorkspace workspace, IncidentEngine engine, IncidentStore store,
                InboundPipeline pipeline, List<String> roles, ConsoleChoices choices, ConsoleChatPlatform platform,
                List<String> services) {
        this.platform = platform;
        this.io = io;
        this.workspace = workspace;
        this.engine = engine;
        this.store = store;
        this.pipeline = pipeline;
        commands.put("/incident", this::incident);
        commands.put("/as", this::actAs);
        commands.put("/join", this::join);
        commands.put("/channels", rest -> channels());
        commands.put("/click", this::click);
        commands.put("/wait", this::waitFor);
        commands.put("/help", rest -> io.info(CONSOLE_HELP));
        List<String> words = new ArrayList<>(commands.keySet());
        words.addAll(QUIT);
        ConsoleCompletion completion = new ConsoleCompletion(words, workspace, store, roles, choices, services);
        io.completeWith(completion);
        this.form = new ConsoleForm(io, completion);
        this.clicks = new ConsoleClicks(io, workspace, engine, choices, platform, form, this::deliver, this::me);
    }

    /** Reads until end of input or /quit. */
    public void runUntilEndOfInput() {
        io.info("sitrep console. You are " + workspace.me() + " in #" + workspace.currentChannel() + ". "
                + CONSOLE_HELP);
        while (true) {
            String line = io.readLine(workspace.me() + "@#" + workspace.currentChannel() + "> ");
            if (line == null || QUIT.contains(line.strip())) {
                io.info("* bye");
                return;
            }
            handle(line.strip());
        }
    }

    void handle(String line) {
        if (line.isEmpty()) {
            return;
        }
        String[] parts = line.split("\\s+", 2);
        String rest = parts.length > 1 ? parts[1].strip() : "";
        Consumer<String> command = commands.get(parts[0]);
        if (command != null) {
            command.accept(rest);
        } else if (line.startsWith("/")) {
            io.info("* unknown command " + parts[0] + ". " + CONSOLE_HELP);
        } else {
            io.print("#" + workspace.currentChannel(), workspace.me() + ": " + line);
        }
    }

    /**
     * Through the same pipeline as Slack and Discord (one take-once rule, log context, metrics); a
     * line is delivered once, so its id is fresh, and the prompt waits until its work is done. An
     * {@code update} without fields opens the update form, asked here once the engine has checked
     * that the caller may post one.
     */
    private void incident(String text) {
        ChannelRef channel = ConsoleChatPlatform.ref(workspace.currentChannel());
        ConsoleAnswer answer = new ConsoleAnswer(platform, channel, me());
        Invocation invocation = new Invocation(channel, answer.caller(), answer);
        deliver(Delivery.typed(ConsoleChatPlatform.NAME, "line:" + UUID.randomUUID(), channel.id(), text),
                () -> engine.execute(invocation, text));
        answer.formWanted().flatMap(wanted -> form.fill(wanted.verb(), wanted.incident())).ifPresent(command ->
                deliver(channel.id(), command.verb().word(), () -> engine.execute(invocation, command)));
    }

    /** A numbered choice pressed, under whichever message it is ({@link ConsoleClicks}). */
    private void click(String text) {
        clicks.click(text);
    }

    /** Work that is no typed text (a click, a filled-in form), delivered as a line of its own. */
    private void deliver(String channel, String verb, Runnable work) {
        deliver(new Delivery(ConsoleChatPlatform.NAME, "line:" + UUID.randomUUID(), channel, verb), work);
    }

    private void deliver(Delivery delivery, Runnable work) {
        Accepted accepted = pipeline.accept(delivery, work, () -> io.info("* sitrep is shutting down; nothing was done"));
        if (accepted.taken().join() == Taken.UNAVAILABLE) {
            io.info("* sitrep could not take that: its store (Redis) is not answering, so nothing was done. "
                    + "Run it again in a minute.");
        }
        accepted.done().join();
    }

    private Member me() {
        return new Member(ConsoleChatPlatform.NAME, workspace.me(), workspace.me());
    }

    private void actAs(String name) {
        if (!name.matches("[A-Za-z0-9._-]{1,40}")) {
            io.info("* usage: /as <name> (letters, digits, '.', '_' or '-'; at most 40)");
            return;
        }
        String me = workspace.actAs(name);
        io.info("* you are now " + me + " in #" + workspace.currentChannel());
    }

    private void join(String target) {
        String name = target.startsWith("#") ? target.substring(1) : target;
        if (name.isEmpty()) {
            io.info("* usage: /join #channel");
            return;
        }
        Optional<ConsoleWorkspace.Channel> channel = workspace.channel(name)
                .or(() -> store.findByChannel(ConsoleChatPlatform.ref(name))
                        .map(incident -> workspace.open(name, incident.privateIncident())));
        if (channel.isEmpty()) {
            io.info("* there is no channel #" + name + "; /channels lists them");
            return;
        }
        if (channel.get().privateChannel() && !channel.get().members().contains(workspace.me())) {
            io.info("* #" + name + " is private; a member of it has to add you (e.g. /incident role ops @"
                    + workspace.me() + ")");
            return;
        }
        workspace.moveTo(workspace.me(), name);
        io.info("* " + workspace.me() + " joined #" + name);
    }

    private void channels() {
        String list = workspace.channels().stream()
                .map(c -> (c.name().equals(workspace.currentChannel()) ? "* #" : "  #") + c.name()
                        + (c.privateChannel() ? " (private)" : "") + " " + c.members().size() + " member(s)")
                .collect(Collectors.joining("\n"));
        io.info(list);
    }

    private void waitFor(String text) {
        Optional<Duration> duration = DurationText.parse(text).filter(d -> d.compareTo(MAX_WAIT) <= 0);
        if (duration.isEmpty()) {
            io.info("* usage: /wait <duration up to 10m, e.g. 12s>");
            return;
        }
        try {
            Thread.sleep(duration.get().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
