package org.rpyc4j.server.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rpyc4j.api.Server;
import org.rpyc4j.server.testkit.SocketServerInteropContract;
import org.rpyc4j.spi.ServerContext;
import org.rpyc4j.testkit.PythonProcess;
import org.rpyc4j.testkit.PythonRpyc;

class ThreadPoolServerInteropTest extends SocketServerInteropContract {
    @Override
    protected Server newServer(ServerContext context) {
        return new ThreadPoolServer(context);
    }

    /** Two workers: a third Python client is dropped at once; after one leaves, new clients are served again. */
    static final String EXHAUST = """
            import sys, time
            import rpyc
            host, port = sys.argv[1], int(sys.argv[2])
            a = rpyc.connect(host, port); print("A", a.root.add(1, 1), flush=True)
            b = rpyc.connect(host, port); print("B", b.root.add(2, 2), flush=True)
            c = rpyc.connect(host, port)
            try:
                c.root.add(3, 3)
                print("C served", flush=True)
            except EOFError:
                print("C dropped", flush=True)
            a.close()
            for attempt in range(100):
                try:
                    d = rpyc.connect(host, port)
                    print("D", d.root.add(4, 4), flush=True)
                    break
                except EOFError:
                    time.sleep(0.05)
            print("B", b.root.add(5, 5), flush=True)
            """;

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void dropsWhenExhaustedAndRecovers(PythonRpyc peer) {
        peer.assumeAvailable();
        Server server = start(options().set(ThreadPoolServer.POOL_SIZE, 2).build());
        PythonProcess client = python(peer, EXHAUST, server.host(), Integer.toString(server.port()));
        assertEquals("A 2", client.readLine(TIMEOUT), client::stderr);
        assertEquals("B 4", client.readLine(TIMEOUT), client::stderr);
        assertEquals("C dropped", client.readLine(TIMEOUT), client::stderr);
        assertEquals("D 8", client.readLine(TIMEOUT), client::stderr);
        assertEquals("B 10", client.readLine(TIMEOUT), client::stderr);
        assertEquals(0, client.waitFor(TIMEOUT), client::stderr);
    }
}
