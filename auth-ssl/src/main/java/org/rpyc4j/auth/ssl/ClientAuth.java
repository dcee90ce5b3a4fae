package org.rpyc4j.auth.ssl;

import java.util.Locale;

/** Whether a server asks clients for a certificate: rpyc's {@code cert_reqs} ({@code ssl.CERT_NONE}, ...). */
public enum ClientAuth {
    /** No client certificate is asked for ({@code CERT_NONE}). */
    NONE,
    /** A client certificate is asked for and verified when sent; a client without one is served too ({@code CERT_OPTIONAL}). */
    OPTIONAL,
    /** A client must present a certificate that verifies ({@code CERT_REQUIRED}). */
    REQUIRED;

    /**
     * Parses {@code none}, {@code optional}, {@code required}, ignoring case, also as Python writes them
     * ({@code CERT_REQUIRED}, {@code ssl.CERT_REQUIRED}) or as the numbers Python's constants are (0, 1, 2).
     *
     * @throws IllegalArgumentException on anything else
     */
    public static ClientAuth parse(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT);
        t = t.startsWith("SSL.") ? t.substring(4) : t;
        t = t.startsWith("CERT_") ? t.substring(5) : t;
        return switch (t) {
            case "NONE", "0" -> NONE;
            case "OPTIONAL", "1" -> OPTIONAL;
            case "REQUIRED", "2" -> REQUIRED;
            default -> throw new IllegalArgumentException("not a client certificate requirement: '" + text
                    + "' (none, optional or required)");
        };
    }
}
