package dev.cloudtask.batch;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.text.MessageFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects the records of a logger and its children (default {@code dev.cloudtask.batch}) while open. */
public final class LogCapture extends Handler implements AutoCloseable {
    private final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    public LogCapture() {
        this("dev.cloudtask.batch");
    }

    /** Captures {@code loggerName} and its children; {@code ""} captures every logger. */
    public LogCapture(String loggerName) {
        logger = Logger.getLogger(loggerName);
        setLevel(Level.ALL);
        logger.addHandler(this);
    }

    /** Every record so far, in order. */
    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    /** Messages at {@code level}, in order. */
    public List<String> messages(Level level) {
        return records.stream().filter(r -> r.getLevel().equals(level)).map(LogRecord::getMessage).toList();
    }

    /** The record's message with its parameters filled in. */
    public static String text(LogRecord r) {
        String m = r.getMessage() == null ? "" : r.getMessage();
        return r.getParameters() == null ? m : MessageFormat.format(m, r.getParameters());
    }

    /** A stack frame of this library in the record's text or in its exception, or null when there is none. */
    public static String libraryFrame(LogRecord r) {
        StringWriter w = new StringWriter();
        if (r.getThrown() != null) {
            r.getThrown().printStackTrace(new PrintWriter(w));
        }
        return (text(r) + "\n" + w).lines().filter(l -> l.trim().startsWith("at dev.cloudtask.")).findFirst()
                .orElse(null);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
