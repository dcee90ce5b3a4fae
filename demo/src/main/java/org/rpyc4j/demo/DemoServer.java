package org.rpyc4j.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.rpyc4j.api.ProtocolConfig;
import org.rpyc4j.api.Rpyc;
import org.rpyc4j.api.Service;
import org.rpyc4j.api.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Serves {@link DemoService}: {@code DemoServer [--host HOST] [--port PORT]}, by default localhost:18861. */
public final class DemoServer {
    private DemoServer() {
    }

    public static void main(String[] args) throws IOException {
        String host = "127.0.0.1";
        int port = 18861;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--host" -> host = args[++i];
                case "--port", "-p" -> port = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("usage: DemoServer [--host HOST] [--port PORT]");
                    System.exit(2);
                }
            }
        }
        try (ServerSocket listener = new ServerSocket()) {
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            Logger log = LoggerFactory.getLogger(Service.name(DemoService.class) + "/" + listener.getLocalPort());
            log.info("server started on [{}]:{}", host, listener.getLocalPort());
            while (true) {
                Socket socket = listener.accept();
                Thread.ofVirtual().start(() -> serve(socket, log));
            }
        }
    }

    private static void serve(Socket socket, Logger log) {
        try {
            Transport transport = Transport.of(socket);
            log.info("welcome {}", transport.peer());
            Rpyc.engine().accept(transport, c -> new DemoService(), ProtocolConfig.defaults(), null).serveAll();
            log.info("goodbye {}", transport.peer());
        } catch (IOException | RuntimeException e) {
            log.warn("connection failed: {}", e.toString());
        }
    }
}
