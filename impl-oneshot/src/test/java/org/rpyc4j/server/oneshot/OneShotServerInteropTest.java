package org.rpyc4j.server.oneshot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rpyc4j.server.testkit.DemoService;
import org.rpyc4j.spi.support.JavaCommand;
import org.rpyc4j.server.testkit.PythonArguments;
import org.rpyc4j.testkit.PythonProcess;
import org.rpyc4j.testkit.PythonRpyc;

@Timeout(value = 180, unit = TimeUnit.SECONDS)
class OneShotServerInteropTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    static List<PythonRpyc> peers() {
        return PythonRpyc.all();
    }

    /** What tools do with rpyc_classic -m oneshot: start it, parse the two banner lines, connect once. */
    static final String CLIENT = """
            import json, subprocess, sys
            import rpyc
            server = subprocess.Popen(json.loads(sys.argv[1]), stdout=subprocess.PIPE, text=True)
            magic = server.stdout.readline()
            host, port = server.stdout.readline().rstrip("\\n").split("\\t")
            print("MAGIC", repr(magic), flush=True)
            print("HOST", host, flush=True)
            c = rpyc.connect(host, int(port))
            print("SUM", c.root.add(40, 2), flush=True)
            c.close()
            print("EXIT", server.wait(timeout=30), flush=True)
            print("REST", repr(server.stdout.read()), flush=True)
            """;

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void announcesItselfLikeRpycClassicAndServesOnePythonClient(PythonRpyc peer) {
        peer.assumeAvailable();
        List<String> command = JavaCommand.runningLikeThisJvm("org.rpyc4j.server.oneshot", OneShotServer.class.getName())
                .jvmOption("-XX:+UseSerialGC")
                .arguments(DemoService.class.getName())
                .build();
        try (PythonProcess client = PythonProcess.start(peer, CLIENT, PythonArguments.jsonList(command))) {
            assertEquals("MAGIC 'rpyc-oneshot\\n'", client.readLine(TIMEOUT), client::stderr);
            assertEquals("HOST 127.0.0.1", client.readLine(TIMEOUT), client::stderr);
            assertEquals("SUM 42", client.readLine(TIMEOUT), client::stderr);
            assertEquals("EXIT 0", client.readLine(TIMEOUT), client::stderr);
            assertEquals("REST ''", client.readLine(TIMEOUT), "nothing but the banner on stdout");
        }
    }
}
