package org.rpyc4j.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import javax.annotation.Nullable;
import jdk.jfr.Recording;
import java.util.Map;
import org.rpyc4j.api.Server;
import org.rpyc4j.api.ServerOptions;
import org.rpyc4j.api.ServiceFactory;
import org.rpyc4j.server.threaded.ThreadedServer;

/**
 * The server JVM ({@code BenchMain --serve-java}): hosts the TCP echo server, rpyc4j's {@link ThreadedServer}
 * (as configured by default, plus two diagnostic variants: virtual threads only, platform threads only) and the RMI
 * registry and object, prints their ports on standard output, then obeys line commands on standard input
 * ({@code STATS}: process CPU time and bytes allocated so far; {@code PROFILE-START},
 * {@code PROFILE-STOP <file>}: a JFR recording). It exits when standard input ends (the harness closed it
 * or died) or when its time limit runs out, whichever comes first.
 */
final class JavaServers {
    /** Connections each server accepts in its lifetime; the harness needs a handful. */
    private static final int MAX_CONNECTIONS = 64;

    private JavaServers() {
    }

    static void run(Duration timeLimit) throws Exception {
        Thread.ofPlatform().daemon().name("time-limit").start(() -> {
            try {
                Thread.sleep(timeLimit);
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("server JVM: time limit of " + timeLimit.toSeconds() + " s reached, exiting");
            System.exit(3);
        });
        ServiceFactory factory = ServiceFactory.shared(new NoopService());
        try (TcpEchoServer tcp = TcpEchoServer.start(MAX_CONNECTIONS);
                Server rpyc = threadedServer(factory, Map.of());
                Server rpycVirtual = threadedServer(factory, Map.of(ThreadedServer.BUSY_THREADS, "0"));
                Server rpycPlatform = threadedServer(factory, Map.of(ThreadedServer.PLATFORM_THREADS, "true"));
                RmiNoopServer rmi = RmiNoopServer.start()) {
            System.out.println("TCP " + tcp.port());
            System.out.println("RPYC " + rpyc.port());
            System.out.println("RPYC_VIRTUAL " + rpycVirtual.port());
            System.out.println("RPYC_PLATFORM " + rpycPlatform.port());
            System.out.println("RMI " + rmi.port());
            System.out.println("READY");
            System.out.flush();
            commands();
        }
        System.exit(0);
    }

    /** rpyc4j's {@link ThreadedServer} on 127.0.0.1, an ephemeral port, with the given mode settings. */
    private static Server threadedServer(ServiceFactory factory, Map<String, String> modeSettings) {
        ServerOptions.Builder options = ServerOptions.builder().host("127.0.0.1").port(0);
        modeSettings.forEach(options::set);
        Server server = new ThreadedServer(factory, options.build());
        server.start();
        return server;
    }

    private static void commands() throws IOException, java.text.ParseException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        @Nullable Recording recording = null;
        String line;
        while ((line = in.readLine()) != null) {
            line = line.strip();
            if (line.equals("PROFILE-START")) {
                if (recording != null) {
                    recording.close();
                }
                recording = Profiler.newRecording();
                recording.start();
                reply("OK");
            } else if (line.startsWith("PROFILE-STOP ")) {
                if (recording != null) {
                    recording.stop();
                    recording.dump(Path.of(line.substring("PROFILE-STOP ".length())));
                    recording.close();
                    recording = null;
                }
                reply("OK");
            } else if (line.equals("STATS")) {
                reply("OK " + Usage.now());
            } else if (!line.isEmpty()) {
                reply("ERROR unknown command " + line);
            }
        }
    }

    private static void reply(String s) {
        System.out.println(s);
        System.out.flush();
    }
}
