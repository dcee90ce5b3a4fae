package org.rpyc4j.auth.ssl;

import java.util.ArrayList;
import java.util.List;
import org.rpyc4j.api.ClassServiceFactory;
import org.rpyc4j.api.ProtocolConfig;
import org.rpyc4j.api.Server;
import org.rpyc4j.api.ServerOptions;
import org.rpyc4j.api.ServiceFactory;
import org.rpyc4j.server.testkit.RecordingLogger;
import org.rpyc4j.server.threaded.ThreadedServer;
import org.rpyc4j.spi.ServerContext;

/**
 * rpyc4j ThreadedServers on 127.0.0.1 serving {@link WhoAmIService} for a test, each logging to its own
 * {@link RecordingLogger}; {@link #close()} stops them all.
 */
final class TlsServers implements AutoCloseable {
    private final List<AutoCloseable> opened = new ArrayList<>();

    /** A started server with {@code authenticator} (null: plain TCP) and its log. */
    record Started(Server server, RecordingLogger log) {
        int port() {
            return server.port();
        }
    }

    Started start(org.rpyc4j.api.Authenticator authenticator) {
        return start(ClassServiceFactory.of(WhoAmIService.class), ProtocolConfig.defaults(), authenticator);
    }

    /** A started server of {@code factory}'s service with {@code config} and {@code authenticator}. */
    Started start(ServiceFactory factory, ProtocolConfig config, org.rpyc4j.api.Authenticator authenticator) {
        RecordingLogger log = new RecordingLogger("ssl-test");
        ServerOptions options = ServerOptions.builder().authenticator(authenticator).protocolConfig(config).build();
        Server server = new ThreadedServer(ServerContext.of(factory, options).withLogger(log));
        opened.add(server);
        server.start();
        return new Started(server, log);
    }

    Started start(SslOptions options) {
        return start(new SslAuthenticator(options));
    }

    /** Closes {@code resource} after the test. */
    <T extends AutoCloseable> T closeLater(T resource) {
        opened.add(resource);
        return resource;
    }

    @Override
    public void close() {
        for (AutoCloseable c : opened.reversed()) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing " + c + " failed", e);
            }
        }
        opened.clear();
    }
}
