package org.rpyc4j.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.rpyc4j.api.RegistryServer;
import org.rpyc4j.api.RegistryServerOptions;
import org.rpyc4j.spi.registry.Registries;
import org.rpyc4j.spi.registry.RegistryTransports;
import org.slf4j.LoggerFactory;

/**
 * {@code rpyc_registry}: a registry server with Python rpyc's switches ({@code -m}, {@code -p}, {@code -f} /
 * {@code --file} / {@code --logfile}, {@code -q}, {@code -t}, {@code -l}, {@code -6}) plus {@code --host} (the
 * bind address; every interface by default, as Python's registry always binds), {@code --plugins} and
 * {@code --list}. {@code -l} takes a boolean, and {@code -l false} means false.
 */
public final class RegistryMain {
    static final String PROGRAM = "rpyc_registry";
    static final AtomicBoolean SHUTTING_DOWN = new AtomicBoolean();

    private RegistryMain() {
    }

    static Switches switches() {
        return new Switches(PROGRAM, "The RPyC registry server: services register, clients ask which endpoints serve"
                + " a service (UDP broadcasts or TCP).")
                .value("Serving", "MODE", "UDP", "Serving mode: UDP or TCP (or a plug-in transport, see --list)",
                        "-m", "--mode")
                .value("Serving", "PORT", "18811", "The UDP/TCP listener port", "-p", "--port")
                .value("Serving", "HOST", "every interface (0.0.0.0, :: with -6)", "The address to bind to",
                        "--host")
                .flag("Serving", "Use IPv6 instead of IPv4", "-6", "--ipv6")
                .value("Serving", "SECONDS", "240", "Set a custom pruning timeout (in seconds)", "-t", "--timeout")
                .optionalBoolean("Serving", "Enable/disable listing on registry (-l true, -l false); the"
                        + " default is false", "-l", "--listing")
                .value("Serving", "DIR", "the image's plugins/ folder", "A folder of plug-in jars (registry"
                        + " transports)", "--plugins")
                .flag("Serving", "List the registry transports (and serving modes, authenticators), then exit",
                        "--list")
                .value("Logging", "FILE", "stderr", "The log file to use", "-f", "--file", "--logfile")
                .optionalBoolean("Logging", "Quiet mode (only errors are logged)", "-q", "--quiet")
                .flag("Meta-switches", "Prints this help message and quits", "-h", "--help")
                .flag("Meta-switches", "Prints the program's version and quits", "-v", "--version");
    }

    public static void main(String[] args) {
        try {
            run(args);
            if (!SHUTTING_DOWN.get()) {
                System.exit(0);
            }
        } catch (UsageException e) {
            Launcher.fail(PROGRAM, Launcher.USAGE, e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            Launcher.fail(PROGRAM, Launcher.FAILURE, Launcher.describe(e));
        }
    }

    static RegistryServerOptions options(Switches.Parsed p) throws UsageException {
        RegistryServerOptions.Builder o = RegistryServerOptions.builder();
        o.port(Switches.port("--port", p.get("port").orElse("18811")));
        boolean ipv6 = p.flag("ipv6");
        o.ipv6(ipv6);
        String host = p.get("host").orElse("");
        o.host(host.isEmpty() ? (ipv6 ? "::" : "0.0.0.0") : host);
        int timeout = Switches.integer("--timeout", p.get("timeout").orElse("240"));
        if (timeout < 1) {
            throw new UsageException("invalid value '" + timeout + "' for --timeout: must be at least 1 second");
        }
        o.pruningTimeout(Duration.ofSeconds(timeout));
        o.allowListing(p.flag("listing"));
        return o.build();
    }

    static void run(String[] args) throws UsageException {
        Switches switches = switches();
        Switches.Parsed p = switches.parse(args);
        if (Launcher.helpOrVersion(PROGRAM, switches, p)) {
            return;
        }
        Path plugins = Launcher.pluginFolder(p);
        RegistryTransports transports = Registries.withPluginFolder(plugins);
        if (p.flag("list")) {
            Launcher.list(System.out, org.rpyc4j.spi.Servers.withPluginFolder(plugins),
                    org.rpyc4j.spi.auth.Authenticators.withPluginFolder(plugins), transports);
            return;
        }
        String mode = Switches.choice("--mode", p.get("mode").orElse("UDP"), Launcher.transportNames(transports));
        RegistryServerOptions options = options(p);
        Launcher.setUpLogging(p.flag("quiet"), p.get("logfile").orElse(null));
        RegistryServer server;
        try {
            server = transports.server(mode, options);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new UsageException("cannot serve on [" + options.host() + "]:" + options.port() + " (" + mode
                    + "): " + Launcher.describe(e));
        }
        String loggerName = "REGSRV/" + server.transport() + "/" + server.port();
        Launcher.serveUntilSignalled(SHUTTING_DOWN, () -> {
            LoggerFactory.getLogger(loggerName).info("server started on [{}]:{}", server.host(), server.port());
            server.serve();
        }, () -> {
            LoggerFactory.getLogger(loggerName).warn("keyboard interrupt!");
            server.close();
            LoggerFactory.getLogger(loggerName).info("server has terminated");
        }, server::close);
    }
}
