package org.rpyc4j.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.annotation.Nullable;
import org.rpyc4j.api.Authenticator;
import org.rpyc4j.api.ClassServiceFactory;
import org.rpyc4j.api.RegistryClient;
import org.rpyc4j.api.RegistryClientOptions;
import org.rpyc4j.api.Server;
import org.rpyc4j.api.ServerOptions;
import org.rpyc4j.classic.ClassicService;
import org.rpyc4j.spi.ModeInfo;
import org.rpyc4j.spi.ServerModes;
import org.rpyc4j.spi.Servers;
import org.rpyc4j.spi.auth.AuthenticatorProviders;
import org.rpyc4j.spi.auth.Authenticators;
import org.rpyc4j.spi.registry.Registries;
import org.rpyc4j.spi.registry.RegistryTransports;
import org.slf4j.LoggerFactory;

/**
 * {@code rpyc_classic}: serves the classic service ({@code SLAVE}) with Python rpyc's switches, names and
 * defaults, plus {@code --pool-size}, {@code --set KEY=VALUE} (mode settings), {@code --plugins DIR} and
 * {@code --list}.
 */
public final class ClassicMain {
    static final String PROGRAM = "rpyc_classic";
    /** rpyc's {@code DEFAULT_SERVER_PORT}. */
    static final int DEFAULT_PORT = 18812;
    /** rpyc's {@code DEFAULT_SERVER_SSL_PORT}. */
    static final int DEFAULT_SSL_PORT = 18821;
    static final int DEFAULT_REGISTRY_PORT = 18811;

    /** Set once a signal (or System.exit) started the shutdown hooks. */
    static final AtomicBoolean SHUTTING_DOWN = new AtomicBoolean();

    private ClassicMain() {
    }

    static Switches switches() {
        return new Switches(PROGRAM, "The classic RPyC server (SLAVE service) for the JVM: threaded, forking, stdio,"
                + " oneshot and plug-in modes.")
                .value("Serving", "MODE", "threaded", "The serving mode: threaded, forking, stdio (for inetd,"
                        + " etc.), oneshot, or one a plug-in adds (see --list)", "-m", "--mode")
                .value("Serving", "N", "the number of processors", "Worker threads of the pool mode", "--pool-size")
                .value("Serving", "KEY=VALUE", null, "A mode setting, e.g. forking.spares=2 (repeatable:"
                        + " the last of a key wins)", "--set")
                .flag("Serving", "List the serving modes, authenticators and registry transports, then exit",
                        "--list")
                .value("Serving", "DIR", "the image's plugins/ folder", "A folder of plug-in jars (modes,"
                        + " authenticators, registry transports)", "--plugins")
                .value("Socket Options", "PORT", DEFAULT_PORT + "; " + DEFAULT_SSL_PORT + " for SSL",
                        "The TCP listener port", "-p", "--port")
                .value("Socket Options", "HOST", "localhost", "The host to bind to", "--host")
                .flag("Socket Options", "Enable IPv6", "--ipv6")
                .value("Logging", "FILE", "stderr", "The log file to use", "--logfile")
                .flag("Logging", "Quiet mode (only errors will be logged)", "-q", "--quiet")
                .value("SSL", "FILE", null, "The keyfile to use for SSL. Required for SSL", "--ssl-keyfile")
                .value("SSL", "FILE", null, "The certificate file to use for SSL. Required for SSL",
                        "--ssl-certfile")
                .value("SSL", "FILE", null, "The certificate authority chain file to use for SSL. Optional;"
                        + " enables client-side authentication", "--ssl-cafile")
                .flag("Registry", "Asks the server to attempt registering with a registry server. By default,"
                        + " the server will not attempt to register", "--register")
                .value("Registry", "TYPE", "UDP", "Specify a UDP or TCP registry (or a plug-in transport)",
                        "--registry-type")
                .value("Registry", "PORT", Integer.toString(DEFAULT_REGISTRY_PORT), "The registry's UDP/TCP port",
                        "--registry-port")
                .value("Registry", "HOST", null, "The registry host machine. For UDP, the default is"
                        + " 255.255.255.255; for TCP, a value is required", "--registry-host")
                .flag("Meta-switches", "Prints this help message and quits", "-h", "--help")
                .flag("Meta-switches", "Prints the program's version and quits", "-v", "--version");
    }

    public static void main(String[] args) {
        try {
            run(args);
            if (!SHUTTING_DOWN.get()) {
                System.exit(0);   // served to the end (oneshot, stdio): no lingering thread keeps the JVM
            }
        } catch (UsageException e) {
            Launcher.fail(PROGRAM, Launcher.USAGE, e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            Launcher.fail(PROGRAM, Launcher.FAILURE, Launcher.describe(e));
        }
    }

    /** Everything a parsed command line says, validated. */
    record Settings(String mode, String host, int port, boolean ipv6, @Nullable Map<String, String> ssl,
            boolean register, String registryType, int registryPort, @Nullable String registryHost,
            boolean quiet, @Nullable String logfile, Map<String, String> modeSettings) {
    }

    static Settings settings(Switches.Parsed p, ServerModes modes, RegistryTransports transports)
            throws UsageException {
        List<String> modeNames = modes.available().stream().map(ModeInfo::name).toList();
        String mode = Switches.choice("--mode", p.get("mode").orElse("threaded"), modeNames);
        boolean ipv6 = p.flag("ipv6");
        String host = p.get("host").orElse("");
        if (host.isEmpty()) {
            host = ipv6 ? "::1" : "127.0.0.1";   // rpyc_classic: "The default is localhost"
        }
        Map<String, String> ssl = null;
        if (p.has("ssl-keyfile") || p.has("ssl-certfile") || p.has("ssl-cafile")) {
            if (!p.has("ssl-keyfile") || !p.has("ssl-certfile")) {
                throw new UsageException("SSL needs both --ssl-keyfile and --ssl-certfile (given: "
                        + (p.has("ssl-keyfile") ? "--ssl-keyfile" : p.has("ssl-certfile") ? "--ssl-certfile"
                                : "--ssl-cafile") + " only)");
            }
            ssl = new LinkedHashMap<>();
            ssl.put("keyfile", Switches.existingFile("--ssl-keyfile", p.get("ssl-keyfile").orElseThrow()).toString());
            ssl.put("certfile",
                    Switches.existingFile("--ssl-certfile", p.get("ssl-certfile").orElseThrow()).toString());
            if (p.has("ssl-cafile")) {
                ssl.put("cafile", Switches.existingFile("--ssl-cafile", p.get("ssl-cafile").orElseThrow()).toString());
            }
        }
        int port = p.has("port") ? Switches.port("--port", p.get("port").orElseThrow())
                : ssl != null ? DEFAULT_SSL_PORT : DEFAULT_PORT;
        String registryType = Switches.choice("--registry-type", p.get("registry-type").orElse("UDP"),
                Launcher.transportNames(transports));
        int registryPort = p.has("registry-port") ? Switches.port("--registry-port", p.get("registry-port").orElseThrow())
                : DEFAULT_REGISTRY_PORT;
        if (registryPort == 0) {
            throw new UsageException("invalid value '0' for --registry-port: not in range 1..65535");
        }
        String registryHost = p.get("registry-host").orElse(null);
        if (registryType.equalsIgnoreCase("TCP") && registryHost == null) {
            throw new UsageException("with a TCP registry, you must specify --registry-host");
        }
        Map<String, String> modeSettings = new LinkedHashMap<>();
        p.get("set").ifPresent(kv -> modeSettings.put(kv.substring(0, Math.max(0, kv.indexOf('='))),
                kv.substring(kv.indexOf('=') + 1)));
        if (modeSettings.containsKey("")) {
            throw new UsageException("invalid value for --set: expected KEY=VALUE");
        }
        if (p.has("pool-size")) {
            int size = Switches.integer("--pool-size", p.get("pool-size").orElseThrow());
            if (size < 1) {
                throw new UsageException("invalid value '" + size + "' for --pool-size: must be at least 1");
            }
            modeSettings.put("pool.size", Integer.toString(size));
        }
        return new Settings(mode, host, port, ipv6, ssl, p.flag("register"), registryType, registryPort,
                registryHost, p.flag("quiet"), p.get("logfile").orElse(null), modeSettings);
    }

    static void run(String[] args) throws UsageException {
        Switches switches = switches();
        Switches.Parsed p = switches.parse(args);
        if (Launcher.helpOrVersion(PROGRAM, switches, p)) {
            return;
        }
        Path plugins = Launcher.pluginFolder(p);
        ServerModes modes = Servers.withPluginFolder(plugins);
        RegistryTransports transports = Registries.withPluginFolder(plugins);
        if (p.flag("list")) {
            AuthenticatorProviders authenticators = Authenticators.withPluginFolder(plugins);
            Launcher.list(System.out, modes, authenticators, transports);
            return;
        }
        Settings s = settings(p, modes, transports);
        Launcher.setUpLogging(s.quiet(), s.logfile());

        Authenticator authenticator = null;
        if (s.ssl() != null) {
            try {
                authenticator = Authenticators.withPluginFolder(plugins).create("ssl", s.ssl());
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                throw new UsageException("SSL: " + Launcher.describe(e));
            }
        }
        RegistryClient registrar = null;
        if (s.register()) {
            RegistryClientOptions.Builder o = RegistryClientOptions.builder().port(s.registryPort());
            if (s.registryHost() != null) {
                o.host(s.registryHost());
            }
            try {
                registrar = transports.client(s.registryType(), o.build());
            } catch (IllegalArgumentException e) {
                throw new UsageException("registry: " + Launcher.describe(e));
            }
        }
        ServerOptions.Builder options = ServerOptions.builder()
                .host(s.host()).port(s.port()).ipv6(s.ipv6())
                .reuseAddress(true)
                .loggerName(s.port() != 0 ? "SLAVE/" + s.port() : null)   // rpyc's SERVICENAME/PORT
                .authenticator(authenticator)
                .protocolConfig(ClassicService.config());
        if (registrar != null) {
            options.registrar(registrar).autoRegister(true);
        }
        s.modeSettings().forEach(options::set);
        if (s.mode().equals("forking") && !s.modeSettings().containsKey("forking.jvm-options")) {
            // the children log as this process does
            StringBuilder jvm = new StringBuilder("-XX:+UseSerialGC");
            if (s.quiet()) {
                jvm.append(" -Drpyc4j.log.level=error");
            }
            if (s.logfile() != null) {
                jvm.append(" -Drpyc4j.log.file=").append(Path.of(s.logfile()).toAbsolutePath());
            }
            options.set("forking.jvm-options", jvm.toString());
        }
        Server server;
        try {
            server = modes.create(s.mode(), ClassServiceFactory.of(ClassicService.class), options.build());
        } catch (IllegalArgumentException | UnsupportedOperationException | java.io.UncheckedIOException e) {
            throw new UsageException("cannot serve on [" + s.host() + "]:" + s.port() + " (" + s.mode() + "): "
                    + Launcher.describe(e));
        }
        serveUntilSignalled(server, registrar, "SLAVE/" + server.port(), !s.mode().equals("stdio"));
    }

    /**
     * Serves in this thread; on SIGINT or SIGTERM logs rpyc's "keyboard interrupt!" and closes the server, which
     * unregisters and reaps its children.
     */
    static void serveUntilSignalled(Server server, @Nullable RegistryClient registrar, String loggerName,
            boolean logInterrupt) {
        Launcher.serveUntilSignalled(SHUTTING_DOWN, server::serve, () -> {
            if (logInterrupt) {
                LoggerFactory.getLogger(loggerName).warn("keyboard interrupt!");
            }
            server.close();
        }, () -> {
            server.close();
            if (registrar != null) {
                registrar.close();
            }
        });
    }
}
