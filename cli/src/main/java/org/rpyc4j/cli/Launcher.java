package org.rpyc4j.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.rpyc4j.cli.log.LogSettings;
import org.rpyc4j.spi.ModeInfo;
import org.rpyc4j.spi.ServerModes;
import org.rpyc4j.spi.auth.AuthenticatorInfo;
import org.rpyc4j.spi.auth.AuthenticatorProviders;
import org.rpyc4j.spi.registry.RegistryTransports;
import org.rpyc4j.spi.registry.TransportInfo;

/** What both launchers share: the plug-in folder, logging switches, error reporting and the listing. */
final class Launcher {
    /** System property naming the plug-in folder the launchers scan; the image's bin scripts set it. */
    static final String PLUGINS_PROPERTY = "rpyc4j.plugins";
    static final int USAGE = 2;
    static final int FAILURE = 1;

    private Launcher() {
    }

    /** Prints the help ({@code --help}) or the version ({@code --version}) if asked; returns whether it did. */
    static boolean helpOrVersion(String program, Switches switches, Switches.Parsed parsed) {
        if (parsed.flag("help")) {
            System.out.print(switches.help(Switches.version()));
            return true;
        }
        if (parsed.flag("version")) {
            System.out.println(program + " (rpyc4j) " + Switches.version());
            return true;
        }
        return false;
    }

    /** The plug-in folder: {@code --plugins}, else {@code -Drpyc4j.plugins}, else none. */
    static Path pluginFolder(Switches.Parsed parsed) {
        String folder = parsed.get("plugins").orElse(System.getProperty(PLUGINS_PROPERTY, ""));
        return Path.of(folder.isBlank() ? "/nonexistent/rpyc4j-plugins" : folder);
    }

    static void setUpLogging(boolean quiet, String logfile) throws UsageException {
        if (quiet) {
            LogSettings.quiet();
        }
        if (logfile != null) {
            try {
                LogSettings.logfile(Path.of(logfile));
            } catch (IOException | UncheckedIOException | java.nio.file.InvalidPathException e) {
                throw new UsageException("cannot open log file '" + logfile + "': " + e.getMessage());
            }
        }
    }

    /** Prints what can be plugged in: modes, authenticators, registry transports. */
    static void list(PrintStream out, ServerModes modes, AuthenticatorProviders authenticators,
            RegistryTransports transports) {
        out.println("Serving modes (-m/--mode):");
        for (ModeInfo m : modes.available()) {
            out.printf("    %-10s %s [%s]%s%n", m.name(), m.description(), m.module(),
                    m.available() ? "" : " (not available here)");
        }
        out.println("Authenticators (--ssl-* selects ssl):");
        for (AuthenticatorInfo a : authenticators.available()) {
            out.printf("    %-10s %s [%s]%s%n", a.name(), a.description(), a.module(),
                    a.available() ? "" : " (not available here)");
        }
        out.println("Registry transports (--registry-type):");
        for (TransportInfo t : transports.available()) {
            out.printf("    %-10s %s [%s]%s%n", t.name(), t.description(), t.module(),
                    t.available() ? "" : " (not available here)");
        }
    }

    static List<String> transportNames(RegistryTransports transports) {
        return transports.available().stream().map(TransportInfo::name).toList();
    }

    /**
     * Runs {@code serve} in this thread until it returns, then {@code finish}. On SIGINT or SIGTERM (the shutdown
     * hooks) sets {@code shuttingDown}, runs {@code interrupted} (rpyc's "keyboard interrupt!", closing the server)
     * and gives {@code serve} 5 s to end. A signal that arrives before the hook is in place, while the server was
     * being set up, is handled the same way here, instead of failing to add the hook.
     */
    static void serveUntilSignalled(AtomicBoolean shuttingDown, Runnable serve, Runnable interrupted,
            Runnable finish) {
        AtomicBoolean done = new AtomicBoolean();
        Thread main = Thread.currentThread();
        Thread hook = new Thread(() -> {
            shuttingDown.set(true);
            if (done.get()) {
                return;
            }
            interrupted.run();
            try {
                main.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "rpyc4j-shutdown");
        try {
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            shuttingDown.set(true);
            interrupted.run();
            finish.run();
            return;
        }
        try {
            serve.run();
        } finally {
            done.set(true);
            finish.run();
        }
    }

    /** Prints {@code program: error: message} and exits with {@code status}. */
    static void fail(String program, int status, String message) {
        System.err.println(program + ": error: " + message);
        System.err.flush();
        Runtime.getRuntime().halt(status);
    }

    /** The one-line text of an exception: its message, or its type when it has none; causes appended once. */
    static String describe(Throwable e) {
        String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
            message += ": " + cause.getMessage();
        }
        return message.replace('\n', ' ');
    }
}
