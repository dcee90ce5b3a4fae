package org.rpyc4j.registry.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rpyc4j.api.RegistryClientOptions;
import org.rpyc4j.api.error.RpycException;
import org.rpyc4j.spi.registry.Registries;

/** What is particular to the TCP client: a required host, a registry that is down or silent. */
class TcpRegistryClientTest {
    @Test
    void theHostIsRequired() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Registries.client("TCP", RegistryClientOptions.defaults()));
        assertEquals("the TCP registry client needs the registry's host", e.getMessage());
    }

    @Test
    void aRegistryThatIsDownFailsQueriesAndRegistrations() throws Exception {
        int port;
        try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = gone.getLocalPort();
        }
        TcpRegistryClient client = new TcpRegistryClient(RegistryClientOptions.of("127.0.0.1", port));
        assertThrows(RpycException.class, () -> client.discover("X"));
        assertThrows(RpycException.class, client::list);
        assertFalse(client.register(List.of("X"), 1));
        client.unregister(1);   // logs, does not throw
    }

    @Test
    void aRegistryThatNeverAnswersYieldsNothingAfterTheTimeout() throws Exception {
        ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        List<Socket> held = new ArrayList<>();
        Thread acceptor = Thread.ofVirtual().start(() -> {
            try {
                while (true) {
                    held.add(silent.accept());
                }
            } catch (Exception closed) {
                // test over
            }
        });
        try {
            TcpRegistryClient client = new TcpRegistryClient(RegistryClientOptions.builder().host("127.0.0.1")
                    .port(silent.getLocalPort()).timeout(Duration.ofMillis(300)).build());
            assertEquals(List.of(), client.discover("X"));
            assertEquals(List.of(), client.list());
            assertFalse(client.register(List.of("X"), 1));
        } finally {
            silent.close();
            acceptor.join();
            for (Socket socket : held) {
                socket.close();
            }
        }
    }
}
