package org.rpyc4j.spi.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.Socket;
import org.junit.jupiter.api.Test;
import org.rpyc4j.api.ClassServiceFactory;
import org.rpyc4j.api.ServerOptions;
import org.rpyc4j.spi.ServerContext;

/** The life cycle every socket mode inherits; serving itself is proven by the modes' contract tests. */
class AbstractServerTest {
    public static final class EchoService {
    }

    /** Closes each connection unserved; fails in onServe when told to. */
    private static final class DroppingServer extends AbstractServer {
        private final RuntimeException onServeFailure;
        int closes;

        DroppingServer(RuntimeException onServeFailure) {
            super(ServerContext.of(ClassServiceFactory.of(EchoService.class), ServerOptions.defaults()));
            this.onServeFailure = onServeFailure;
        }

        @Override
        protected void onServe() {
            if (onServeFailure != null) {
                throw onServeFailure;
            }
        }

        @Override
        protected void handle(AcceptedSocket accepted) {
            accepted.drop();
        }

        @Override
        protected void onClose() {
            closes++;
        }
    }

    @Test
    void startsOnceClosesOnceAndReleasesThePort() throws Exception {
        DroppingServer server = new DroppingServer(null);
        int port = server.port();
        assertSame(server, server.start());
        assertThrows(IllegalStateException.class, server::start);
        assertThrows(IllegalStateException.class, server::serve);
        try (Socket client = new Socket("127.0.0.1", port)) {
            assertEquals(-1, client.getInputStream().read());
        }
        server.close();
        server.close();
        assertEquals(1, server.closes);
        assertTrue(server.isClosed());
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
        assertThrows(IllegalStateException.class, server::serve);
    }

    @Test
    void aModeThatCannotStartFailsTheStartAndCloses() {
        IllegalStateException failure = new IllegalStateException("no workers today");
        DroppingServer server = new DroppingServer(failure);
        assertSame(failure, assertThrows(IllegalStateException.class, server::start));
        assertTrue(server.isClosed());
        String loop = "ECHO/" + server.port() + " accept loop";
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals(loop)),
                "the accept loop's thread is gone when start() throws");
        DroppingServer foreground = new DroppingServer(failure);
        assertSame(failure, assertThrows(IllegalStateException.class, foreground::serve));
        assertTrue(foreground.isClosed());
    }

    @Test
    void closingBeforeServingLeavesNothingToServe() {
        DroppingServer server = new DroppingServer(null);
        server.close();
        assertThrows(IllegalStateException.class, server::start);
        assertEquals(1, server.closes);
    }
}
