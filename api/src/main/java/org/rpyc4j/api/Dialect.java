package org.rpyc4j.api;

/**
 * The two message envelopes Python rpyc uses today. They cannot talk to each other: a server detects which
 * one a client speaks from its first frame, a client must be told.
 */
public enum Dialect {
    /** rpyc 4.x and 5.x: the payload is {@code brine((msg, seq, args))}. */
    V5,
    /** rpyc 6.x: the payload is one byte {@code msg} followed by {@code brine((seq, args))}. */
    V6
}
