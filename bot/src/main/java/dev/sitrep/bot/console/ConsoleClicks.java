package dev.sitrep.bot.console;

import dev.sitrep.commands.Command;
import dev.sitrep.commands.engine.IncidentEngine;
import dev.sitrep.commands.engine.Invocation;
import dev.sitrep.commands.engine.Pressed;
import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.message.Button;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * {@code /click <n>}: presses choice n wherever its message is, as a click on that message would.
 * The click is the button's command in the message's channel, through the same pipeline and engine
 * path as typed text (same permission refusals, same timeline entry); a click that opens a form
 * (<em>Post update</em>, <em>Resolve</em>) asks it under the prompt and then runs what was filled
 * in. Once it went through, the message shows what happened and its choices are gone.
 */
final class ConsoleClicks {

    /** Hands one unit of work to the console's pipeline and waits until it is done. */
    @FunctionalInterface
    interface Deliver {
        void deliver(String channel, String verb, Runnable work);
    }

    static final String USAGE = "/click <n>, n the number of a choice shown under a message, e.g. [1] Post update.";

    private final ConsoleIo io;
    private final ConsoleWorkspace workspace;
    private final IncidentEngine engine;
    private final ConsoleChoices choices;
    private final ConsoleChatPlatform platform;
    private final ConsoleForm form;
    private final Deliver pipeline;
    private final Supplier<Member> me;

    ConsoleClicks(ConsoleIo io, ConsoleWorkspace workspace, IncidentEngine engine, ConsoleChoices choices,
                  ConsoleChatPlatform platform, ConsoleForm form, Deliver pipeline, Supplier<Member> me) {
        this.io = io;
        this.workspace = workspace;
        this.engine = engine;
        this.choices = choices;
        this.platform = platform;
        this.form = form;
        this.pipeline = pipeline;
        this.me = me;
    }

    void click(String text) {
        if (!text.matches("[0-9]{1,9}")) {
            io.info("* usage: " + USAGE + openHere());
            return;
        }
        ConsoleChoices.Found found = choices.find(Integer.parseInt(text));
        if (found instanceof ConsoleChoices.Open open) {
            press(open.choice());
        } else if (found instanceof ConsoleChoices.Answered answered) {
            io.info("* [" + text + "] is gone: its message in #" + answered.choice().channel() + " was answered ("
                    + answered.shown() + ")." + openHere());
        } else if (found instanceof ConsoleChoices.Unknown unknown) {
            io.info("* there is no choice [" + text + "]" + (unknown.last() == 0 ? "; no message has offered any yet."
                    : ": they go up to [" + unknown.last() + "]." + openHere()));
        } else {
            io.info("* [" + text + "] is too old to press: the console keeps the choices of its last "
                    + ConsoleChoices.KEPT + " messages with choices; type the command instead (/incident help)."
                    + openHere());
        }
    }

    private void press(ConsoleChoices.Choice choice) {
        Optional<ConsoleWorkspace.Channel> where = workspace.channel(choice.channel());
        Member caller = me.get();
        if (where.isPresent() && where.get().privateChannel() && !where.get().members().contains(caller.id())) {
            io.info("* [" + choice.number() + "] is in #" + choice.channel() + ", which is private; a member of it "
                    + "has to add you (e.g. /incident role ops @" + caller.id() + ")");
            return;
        }
        ChannelRef channel = ConsoleChatPlatform.ref(choice.channel());
        ConsoleAnswer answer = new ConsoleAnswer(platform, channel, caller);
        Invocation invocation = new Invocation(channel, caller, answer);
        Button button = choice.button();
        Pressed pressed = run(choice.channel(), button.command(caller), () -> engine.press(invocation, button));
        if (pressed != null && pressed.outcome() == Pressed.Outcome.FORM_OPENED) {
            Optional<Command> filled = answer.formWanted().flatMap(f -> form.fill(f.verb(), f.incident()));
            if (filled.isEmpty()) {
                return;
            }
            pressed = run(choice.channel(), filled.get(), () -> engine.submit(invocation, button, filled.get()));
        }
        if (pressed != null && pressed.shown() != null) {
            String shown = pressed.click().map(c -> c.summary() + " " + platform.time(c.at())).orElse(pressed.shown());
            choices.answered(choice, shown);
            platform.answered(choice.channel(), shown);
        }
    }

    /** The engine's outcome; null when the pipeline did not run it (the user was told why). */
    private @Nullable Pressed run(String channel, Command command, Supplier<Pressed> work) {
        AtomicReference<Pressed> pressed = new AtomicReference<>();
        pipeline.deliver(channel, command.verb().word(), () -> pressed.set(work.get()));
        return pressed.get();
    }

    /** " Open here: [4] Post update  [5] Snooze 15m" for the current channel, or nothing. */
    private String openHere() {
        List<ConsoleChoices.Choice> here = choices.open(workspace.currentChannel());
        return here.isEmpty() ? "" : " Open here: " + ConsoleChoices.line(here);
    }
}
