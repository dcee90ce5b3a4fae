package org.rpyc4j.testkit;

import java.time.Duration;

/**
 * A Python rpyc {@code ThreadedServer} in a child process, listening on 127.0.0.1 at a port
 * the operating system chose.
 *
 * <p>The service is Python source defining a class at top level, for example
 * <pre>{@code
 * class AddService(rpyc.Service):
 *     def exposed_add(self, a, b):
 *         return a + b
 * }</pre>
 * ({@code rpyc} and {@code sys} are imported before it). The generated script binds and
 * listens, prints {@code PORT <n>}, then serves until {@link #close()}.
 */
public final class PythonServer implements AutoCloseable {

    /** How long the Python side may take to import rpyc and start listening. */
    public static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private static final String PORT_PREFIX = "PORT ";

    private final PythonProcess process;
    private final int port;

    private PythonServer(PythonProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts {@code serviceClassName} from {@code pythonServiceSource} with the default protocol config. */
    public static PythonServer start(PythonRpyc peer, String pythonServiceSource, String serviceClassName) {
        return start(peer, pythonServiceSource, serviceClassName, null);
    }

    /**
     * Starts {@code serviceClassName} from {@code pythonServiceSource}; {@code protocolConfig}
     * is a Python dict literal such as {@code {"allow_public_attrs": True}}, or {@code null}.
     */
    public static PythonServer start(PythonRpyc peer, String pythonServiceSource, String serviceClassName,
                                     String protocolConfig) {
        String script = """
                import sys
                import rpyc
                from rpyc.utils.server import ThreadedServer

                %s

                server = ThreadedServer(%s, hostname="127.0.0.1", port=0, auto_register=False,
                                        protocol_config=%s)
                # ThreadedServer binds in its constructor but listens only in start(); listen now,
                # so the port accepts connections as soon as it is printed (start() skips _listen
                # when already active; same in rpyc 5.3 and 6.0)
                server._listen()
                print("%s%%d" %% server.port, flush=True)
                server.start()
                """.formatted(pythonServiceSource.stripIndent(), serviceClassName,
                              protocolConfig == null || protocolConfig.isBlank() ? "None" : protocolConfig,
                              PORT_PREFIX);
        PythonProcess process = PythonProcess.start(peer, script);
        try {
            String line = process.awaitLine(l -> l.startsWith(PORT_PREFIX), STARTUP_TIMEOUT);
            return new PythonServer(process, Integer.parseInt(line.substring(PORT_PREFIX.length()).strip()));
        } catch (RuntimeException | Error e) {
            process.close();
            throw e;
        }
    }

    /** The host the server listens on. */
    public String host() {
        return Loopback.HOST;
    }

    /** The port the server listens on. */
    public int port() {
        return port;
    }

    /** The Python process (its output beyond the {@code PORT} line, stderr, pid). */
    public PythonProcess process() {
        return process;
    }

    /** Kills the server process. */
    @Override
    public void close() {
        process.close();
    }

    @Override
    public String toString() {
        return "python rpyc server " + Loopback.HOST + ":" + port + " (" + process + ")";
    }
}
