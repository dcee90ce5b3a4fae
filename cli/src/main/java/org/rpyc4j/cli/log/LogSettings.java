package org.rpyc4j.cli.log;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.event.Level;

/**
 * Where rpyc's log lines go and from which level: Python's {@code rpyc.lib.setup_logger}, with the line shape
 * of the rpyc documentation ({@code LEVEL:logger:message}). Defaults from system properties, so that a forked
 * child process logs as its parent: {@code rpyc4j.log.level} ({@code debug}, {@code info} — the default —,
 * {@code warning}, {@code error}) and {@code rpyc4j.log.file} (stderr when unset). The launchers change them
 * with {@link #quiet()} and {@link #logfile(Path)} before serving.
 */
public final class LogSettings {
    private static volatile int threshold = parseLevel(System.getProperty("rpyc4j.log.level", "info")).toInt();
    private static volatile PrintStream out = initialOut();

    private LogSettings() {
    }

    /** Only errors (rpyc's {@code -q}). */
    public static void quiet() {
        threshold = Level.ERROR.toInt();
    }

    /** Logs from {@code level} up. */
    public static void level(Level level) {
        threshold = level.toInt();
    }

    /**
     * Appends the log lines to {@code file} instead of stderr.
     *
     * @throws IOException when the file cannot be opened for appending
     */
    public static void logfile(Path file) throws IOException {
        out = new PrintStream(new FileOutputStream(file.toFile(), true), true, StandardCharsets.UTF_8);
    }

    static boolean enabled(Level level) {
        return level.toInt() >= threshold;
    }

    static PrintStream out() {
        return out;
    }

    /** A level by Python's or slf4j's name, ignoring case. */
    public static Level parseLevel(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "trace" -> Level.TRACE;
            case "debug" -> Level.DEBUG;
            case "warning", "warn" -> Level.WARN;
            case "error", "critical" -> Level.ERROR;
            default -> Level.INFO;
        };
    }

    private static PrintStream initialOut() {
        String file = System.getProperty("rpyc4j.log.file");
        if (file != null && !file.isBlank()) {
            try {
                return new PrintStream(new FileOutputStream(file, true), true, StandardCharsets.UTF_8);
            } catch (IOException e) {
                System.err.println("ERROR:rpyc4j:cannot open log file " + file + ": " + e.getMessage());
            }
        }
        return System.err;
    }
}
