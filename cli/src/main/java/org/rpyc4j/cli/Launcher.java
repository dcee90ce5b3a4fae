package org.rpyc4j.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.rpyc4j.cli.log.LogSettings;
import org.rpyc4j.spi.ProviderInfo;
import org.rpyc4j.spi.ServerModes;
import org.rpyc4j.spi.auth.AuthenticatorProviders;
import org.rpyc4j.spi.registry.RegistryTransports;

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
        print(out, "Serving modes (-m/--mode):", modes.available());
        print(out, "Authenticators (--ssl-* selects ssl):", authenticators.available());
        print(out, "Registry transports (--registry-type):", transports.available());
    }

    private static void print(PrintStream out, String heading, List<ProviderInfo> found) {
        out.println(heading);
        for (ProviderInfo p : found) {
            out.printf("    %-10s %s [%s]%s%n", p.name(), p.description(), p.module(),
                    p.available() ? "" : " (not available here)");
        }
    }

    static List<String> transportNames(RegistryTransports transports) {
        return transports.available().stream().map(ProviderInfo::name).toList();
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
