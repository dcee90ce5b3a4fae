package org.rpyc4j.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.rmi.registry.LocateRegistry;
import org.rpyc4j.api.ConnectOptions;
import org.rpyc4j.api.Connection;
import org.rpyc4j.api.Dialect;
import org.rpyc4j.api.NetRef;
import org.rpyc4j.api.Rpyc;

/** A Java client measured by the harness: opened once, then {@link #run(int)} calls timed round by round. */
interface JavaScenario extends AutoCloseable {
    /** Makes {@code n} calls, one after the other, each waiting for its answer. */
    void run(int n) throws Exception;

    @Override
    void close() throws IOException;

    /** The floor: one byte to the echo server and back per call, blocking socket, TCP_NODELAY. */
    static JavaScenario tcpPingPong(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        return new JavaScenario() {
            @Override
            public void run(int n) throws IOException {
                for (int i = 0; i < n; i++) {
                    out.write(i & 0x7f);
                    if (in.read() < 0) {
                        throw new IOException("echo server closed the connection");
                    }
                }
            }

            @Override
            public void close() throws IOException {
                socket.close();
            }
        };
    }

    /** {@code root.callMethod("noop")} on an rpyc4j connection speaking {@code dialect} (one CALLATTR round trip). */
    static JavaScenario rpycNoop(int port, Dialect dialect) {
        Connection conn = Rpyc.connect("127.0.0.1", port, ConnectOptions.defaults().withDialect(dialect));
        NetRef root = conn.root();
        return new JavaScenario() {
            @Override
            public void run(int n) {
                for (int i = 0; i < n; i++) {
                    root.callMethod("noop");
                }
            }

            @Override
            public void close() {
                conn.close();
            }
        };
    }

    /** {@code stub.noop()} through the RMI registry at {@code registryPort}. */
    static JavaScenario rmiNoop(int registryPort) throws Exception {
        RmiNoop stub = (RmiNoop) LocateRegistry.getRegistry("127.0.0.1", registryPort).lookup(RmiNoopServer.NAME);
        return new JavaScenario() {
            @Override
            public void run(int n) throws Exception {
                for (int i = 0; i < n; i++) {
                    stub.noop();
                }
            }

            @Override
            public void close() {
                // RMI's client side has nothing to close; the DGC lease lapses when the server JVM exits
            }
        };
    }
}
