package org.rpyc4j.cli.log;

import java.io.PrintStream;
import java.io.Serial;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** A logger printing {@code LEVEL:name:message} as Python's {@code logging.basicConfig} does (WARNING, not WARN). */
final class RpycLogger extends AbstractLogger {
    @Serial
    private static final long serialVersionUID = 1L;

    RpycLogger(String name) {
        this.name = name;
    }

    @Override public boolean isTraceEnabled() { return LogSettings.enabled(Level.TRACE); }
    @Override public boolean isTraceEnabled(Marker marker) { return isTraceEnabled(); }
    @Override public boolean isDebugEnabled() { return LogSettings.enabled(Level.DEBUG); }
    @Override public boolean isDebugEnabled(Marker marker) { return isDebugEnabled(); }
    @Override public boolean isInfoEnabled() { return LogSettings.enabled(Level.INFO); }
    @Override public boolean isInfoEnabled(Marker marker) { return isInfoEnabled(); }
    @Override public boolean isWarnEnabled() { return LogSettings.enabled(Level.WARN); }
    @Override public boolean isWarnEnabled(Marker marker) { return isWarnEnabled(); }
    @Override public boolean isErrorEnabled() { return LogSettings.enabled(Level.ERROR); }
    @Override public boolean isErrorEnabled(Marker marker) { return isErrorEnabled(); }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
            Throwable throwable) {
        String message = MessageFormatter.basicArrayFormat(pattern, arguments);
        String line = python(level) + ":" + name + ":" + message;
        PrintStream out = LogSettings.out();
        synchronized (out) {
            out.println(line);
            if (throwable != null) {
                throwable.printStackTrace(out);
            }
            out.flush();
        }
    }

    static String python(Level level) {
        return switch (level) {
            case WARN -> "WARNING";
            case TRACE -> "DEBUG";
            default -> level.name();
        };
    }
}
