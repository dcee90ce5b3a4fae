package org.rpyc4j.core.protocol;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.rpyc4j.api.ConnectOptions;
import org.rpyc4j.api.Connection;
import org.rpyc4j.api.Dialect;
import org.rpyc4j.api.ProtocolConfig;
import org.rpyc4j.api.ServiceFactory;
import org.rpyc4j.api.Transport;

/** A Java client connected to a Java server over a loopback socket; the server side serves on a virtual thread. */
final class LoopbackPair implements AutoCloseable {
    final RpycConnection server;
    final RpycConnection client;
    private final Thread serving;

    private LoopbackPair(RpycConnection server, RpycConnection client, Thread serving) {
        this.server = server;
        this.client = client;
        this.serving = serving;
    }

    static LoopbackPair open(ServiceFactory service, Dialect dialect) throws Exception {
        return open(service, ProtocolConfig.defaults(), ConnectOptions.defaults().withDialect(dialect));
    }

    static LoopbackPair open(ServiceFactory service, ProtocolConfig serverConfig, ConnectOptions options)
            throws Exception {
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            CompletableFuture<RpycConnection> accepted = new CompletableFuture<>();
            Thread serving = Thread.ofVirtual().start(() -> {
                try {
                    Socket s = listener.accept();
                    RpycConnection c = RpycConnection.server(Transport.of(s), service, serverConfig, null);
                    accepted.complete(c);
                    c.serveAll();
                } catch (IOException | RuntimeException e) {
                    accepted.completeExceptionally(e);
                }
            });
            Socket socket = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
            RpycConnection client = (RpycConnection) new CoreEngine().connect(Transport.of(socket), options);
            return new LoopbackPair(accepted.get(5, TimeUnit.SECONDS), client, serving);
        }
    }

    @Override
    public void close() {
        client.close();
        server.close();
        try {
            serving.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
