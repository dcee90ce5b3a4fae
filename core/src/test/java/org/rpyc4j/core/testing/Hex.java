package org.rpyc4j.core.testing;

import java.util.HexFormat;

/** Hex strings as the vector files write them (lower case, no separators). */
public final class Hex {
    private static final HexFormat FORMAT = HexFormat.of();

    private Hex() {
    }

    public static byte[] decode(String hex) {
        return FORMAT.parseHex(hex);
    }

    public static String encode(byte[] bytes) {
        return FORMAT.formatHex(bytes);
    }

    public static String encode(byte[] bytes, int from, int to) {
        return FORMAT.formatHex(bytes, from, to);
    }
}
