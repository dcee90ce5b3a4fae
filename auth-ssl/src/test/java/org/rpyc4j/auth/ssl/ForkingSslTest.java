package org.rpyc4j.auth.ssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.rpyc4j.api.ClassServiceFactory;
import org.rpyc4j.api.Connection;
import org.rpyc4j.api.ServerOptions;
import org.rpyc4j.server.forking.ForkingServer;
import org.rpyc4j.spi.auth.Authenticators;

/**
 * The forking mode with TLS: an authenticator made by name is made anew in each forked child from its
 * provider's name and options, and the child (which owns the socket) runs the handshake.
 */
@EnabledOnOs(OS.LINUX)
class ForkingSslTest {
    @Test
    void forkedChildrenServeTlsConnections() {
        TestPki pki = TestPki.shared();
        assertTimeoutPreemptively(Duration.ofSeconds(90), () -> {
            ServerOptions options = ServerOptions.builder().host("127.0.0.1").port(0)
                    .authenticator(Authenticators.create("ssl", Map.of("keyfile", pki.serverKey.toString(),
                            "certfile", pki.serverCert.toString(), "cafile", pki.caCert.toString())))
                    .build();
            try (ForkingServer server = new ForkingServer(ClassServiceFactory.of(WhoAmIService.class), options)) {
                server.start();
                SslClientOptions client = SslClientOptions.builder().cafile(pki.caCert)
                        .keyfile(pki.clientKey).certfile(pki.clientCert).build();
                try (Connection conn = SslClient.connect("127.0.0.1", server.port(), client)) {
                    assertEquals(5L, conn.root().callMethod("add", 2, 3));
                    assertNotEquals(ProcessHandle.current().pid(), conn.root().callMethod("pid"));
                    assertEquals("alice", conn.root().callMethod("whoami"));
                }
                // the child enforces mutual TLS too: no client certificate, no connection
                SslClientOptions anonymous = SslClientOptions.builder().cafile(pki.caCert).build();
                assertThrows(RuntimeException.class, () -> {
                    try (Connection conn = SslClient.connect("127.0.0.1", server.port(), anonymous)) {
                        conn.root().callMethod("add", 1, 1);
                    }
                });
            }
        });
    }
}
