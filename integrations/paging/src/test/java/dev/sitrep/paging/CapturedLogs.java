package dev.sitrep.paging;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Every log line written while it is open, formatted as an operator would read it (System.Logger → JUL here). */
final class CapturedLogs extends Handler implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    /** sitrep's own loggers at every level (the JDK's HTTP client debug output is not ours to police). */
    private final Logger root = Logger.getLogger("dev.sitrep");
    private final Level before = root.getLevel();

    CapturedLogs() {
        setLevel(Level.ALL);
        root.setLevel(Level.ALL);
        root.addHandler(this);
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void publish(LogRecord record) {
        String text = new java.util.logging.SimpleFormatter().formatMessage(record);
        Throwable t = record.getThrown();
        while (t != null) {
            text += " | " + t;
            t = t.getCause();
        }
        lines.add(record.getLoggerName() + " " + record.getLevel() + " " + text);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        root.removeHandler(this);
        root.setLevel(before);
    }
}
