package org.rpyc4j.core.channel;

import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.annotation.Nullable;

/**
 * Recognises the common things that reach an RPyC port by mistake, from the first bytes of the stream (what
 * would be the first frame header). All of them read as absurd frame lengths (e.g. {@code "GET "} is a
 * 1.1 GiB frame), so a server can give a clear reason instead of "frame too large".
 */
public final class StreamSniffer {
    private static final List<String> HTTP_PREFIXES =
            List.of("GET ", "POST", "PUT ", "HEAD", "DELE", "OPTI", "PATC", "CONN", "PRI ");

    private StreamSniffer() {
    }

    /**
     * What the stream is if it is not RPyC, or {@code null} if it is not one of the recognised protocols
     * (which includes every plausible RPyC frame header).
     *
     * @param first5 the first bytes of the stream (5, the frame header; at least 4 are needed)
     */
    public static @Nullable String describeForeign(byte[] first5) {
        if (first5.length < 4) {
            return null;
        }
        // TLS record: content type 22 (handshake), protocol version 3.x
        if (first5[0] == 0x16 && first5[1] == 0x03) {
            return "a TLS handshake (is the client using SSL?)";
        }
        String prefix = new String(first5, 0, 4, StandardCharsets.ISO_8859_1);
        if (HTTP_PREFIXES.contains(prefix)) {
            return "an HTTP request";
        }
        if (prefix.equals("SSH-")) {
            return "an SSH client";
        }
        return null;
    }
}
