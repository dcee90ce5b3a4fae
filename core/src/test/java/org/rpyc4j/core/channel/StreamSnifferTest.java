package org.rpyc4j.core.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.rpyc4j.core.testing.Hex;

class StreamSnifferTest {

    private static byte[] first5(String text) {
        return Arrays.copyOf(text.getBytes(StandardCharsets.ISO_8859_1), 5);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "GET / HTTP/1.1|an HTTP request",
            "POST /x HTTP/1.1|an HTTP request",
            "PUT /x HTTP/1.1|an HTTP request",
            "HEAD / HTTP/1.0|an HTTP request",
            "DELETE / HTTP/1.1|an HTTP request",
            "OPTIONS * HTTP/1.1|an HTTP request",
            "PATCH / HTTP/1.1|an HTTP request",
            "CONNECT host:443 HTTP/1.1|an HTTP request",
            "PRI * HTTP/2.0|an HTTP request",
            "SSH-2.0-OpenSSH_9.2|an SSH client"})
    void namesTextProtocols(String start, String expected) {
        assertEquals(expected, StreamSniffer.describeForeign(first5(start)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1603010200", "1603030080", "1603000050"})
    void namesTlsClientHello(String hex) {
        assertEquals("a TLS handshake (is the client using SSL?)", StreamSniffer.describeForeign(Hex.decode(hex)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "0000000800", "0000000801", "000bb80001", "ffffffff00", "1604000000", "4745540a00", "00", ""})
    void rpycHeadersAndUnknownBytesAreNotNamed(String hex) {
        assertNull(StreamSniffer.describeForeign(Hex.decode(hex)));
    }
}
