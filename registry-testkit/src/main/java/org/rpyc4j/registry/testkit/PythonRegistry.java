package org.rpyc4j.registry.testkit;

import java.time.Duration;
import org.rpyc4j.testkit.PythonProcess;
import org.rpyc4j.testkit.PythonRpyc;

/**
 * A stock Python rpyc registry server ({@code rpyc.utils.registry.UDPRegistryServer} or
 * {@code TCPRegistryServer}, what {@code rpyc_registry} runs) in a child process, bound to 127.0.0.1 at a port
 * the system chose (the {@code rpyc_registry} script binds every interface and has no host option, so the test
 * starts the same classes itself). Its log goes to standard output as {@code LEVEL NAME: message}, so a test
 * can wait for rpyc's lines, e.g. {@code DEBUG REGSRV/UDP/40000: registering 127.0.0.1:1234 as DEMO}.
 */
public final class PythonRegistry implements AutoCloseable {
    private static final String SCRIPT = """
            import logging, sys
            from rpyc.utils.registry import UDPRegistryServer, TCPRegistryServer
            logging.basicConfig(level=logging.DEBUG, stream=sys.stdout, format="%(levelname)s %(name)s: %(message)s")
            cls = UDPRegistryServer if sys.argv[1] == "UDP" else TCPRegistryServer
            server = cls(host="127.0.0.1", port=0, pruning_timeout=int(sys.argv[2]), allow_listing=sys.argv[3] == "list")
            print("PORT %d" % server.port, flush=True)
            server.start()
            """;

    private final PythonProcess process;
    private final int port;

    private PythonRegistry(PythonProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts a registry of {@code transport} ({@code UDP} or {@code TCP}).
     *
     * @param pruningSeconds rpyc's {@code pruning_timeout}
     * @param allowListing rpyc's {@code allow_listing}
     */
    public static PythonRegistry start(PythonRpyc peer, String transport, int pruningSeconds, boolean allowListing) {
        PythonProcess process = PythonProcess.start(peer, SCRIPT, transport, Integer.toString(pruningSeconds),
                allowListing ? "list" : "nolist");
        try {
            String line = process.awaitLine(l -> l.startsWith("PORT "), Duration.ofSeconds(60));
            return new PythonRegistry(process, Integer.parseInt(line.substring(5).strip()));
        } catch (RuntimeException | Error e) {
            process.close();
            throw e;
        }
    }

    /** The port it listens on (127.0.0.1). */
    public int port() {
        return port;
    }

    /** The process, whose output lines are the registry's log lines. */
    public PythonProcess process() {
        return process;
    }

    /** Waits for the log line ending with {@code message} (e.g. {@code registering 127.0.0.1:1234 as DEMO}). */
    public String awaitLog(String message, Duration timeout) {
        return process.awaitLine(l -> l.endsWith(": " + message), timeout);
    }

    @Override
    public void close() {
        process.close();
    }
}
