package dev.sitrep.bot;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ports on 127.0.0.1 for the servers the tests start. A port found free here and bound later by
 * someone else can be taken in between: by another test JVM's server (failsafe runs two), or as the
 * local port of any outgoing connection (those come from the same ephemeral range). CI failed so.
 * Hence: a server in this JVM binds port 0 itself and keeps its socket; a process that can bind
 * port 0 does, and the test reads the port it got from its log ({@link #boundPort}); a program that
 * cannot (redis-server: {@code --port 0} turns TCP off) is started on a free port and started again
 * on a fresh one when it lost it ({@link #startOnFreePort}).
 */
public final class LoopbackPorts {

    /** Spring Boot's line once its web server listens: "Tomcat started on port 41233 (http) with context path '/'". */
    public static final Pattern TOMCAT = Pattern.compile("Tomcat started on port (\\d+)");

    /**
     * Keeps that line when the bot logs at warn (console mode's default, RuntimeDefaults) or a test
     * turns logging down: put it before the test's own arguments.
     */
    public static final String LOG_TOMCAT_PORT = "--logging.level.org.springframework.boot.tomcat.TomcatWebServer=info";

    private static final int ATTEMPTS = 5;

    private LoopbackPorts() {
    }

    /**
     * A port free right now. Only for {@link #startOnFreePort}, or where nothing will ever listen
     * on it; anything else binds port 0.
     */
    public static int free() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The port {@code process} says in its log file it bound: group 1 of the first match of {@code bound}. */
    public static int boundPort(Process process, Path log, Pattern bound, Duration within) {
        return boundPort(process, () -> read(log), bound, within, "log " + log);
    }

    /** The same, for a process whose output the test keeps itself ({@code output}: all of it so far). */
    public static int boundPort(Process process, Supplier<String> output, Pattern bound, Duration within, String where) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            String text = output.get();
            Matcher m = bound.matcher(text);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            if (!process.isAlive()) {
                throw new AssertionError(process.info().command().orElse("the process") + " exited with "
                        + process.exitValue() + " before saying which port it bound (" + where + "):\n" + tail(text));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no '" + bound.pattern() + "' within " + within.toSeconds() + " s (" + where
                        + "):\n" + tail(text));
            }
            sleep(50);
        }
    }

    /** Starts something that must be told its port; {@link PortTaken} when it found the port taken. */
    @FunctionalInterface
    public interface Starter<T> {
        T start(int port) throws Exception;
    }

    /** Thrown by a {@link Starter} whose program could not bind the port it was given ("Address already in use"). */
    public static final class PortTaken extends RuntimeException {
        public PortTaken(String message) {
            super(message);
        }
    }

    /** {@code starter} on a free port, again on a fresh one (up to 5 tries) while the port was taken meanwhile. */
    public static <T> T startOnFreePort(Starter<T> starter) throws Exception {
        PortTaken last = null;
        for (int i = 0; i < ATTEMPTS; i++) {
            try {
                return starter.start(free());
            } catch (PortTaken e) {
                System.out.println("port taken meanwhile, trying another: " + e.getMessage());
                last = e;
            }
        }
        throw new AssertionError("no free port kept in " + ATTEMPTS + " tries", last);
    }

    static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String tail(String text) {
        String[] lines = text.split("\n");
        return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 40), lines.length));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
