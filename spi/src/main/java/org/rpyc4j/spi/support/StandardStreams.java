package org.rpyc4j.spi.support;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;

/**
 * The process's standard streams taken for the protocol (stdio mode, a forked child, the one-shot banner):
 * after {@link #takeStdout()}, {@code System.out} writes to standard error, so no log line or stray
 * {@code println} can corrupt the stream. Call it before anything logs: a logging backend that captured
 * {@code System.out} earlier would keep writing to it.
 */
public final class StandardStreams {
    private StandardStreams() {
    }

    /**
     * Standard output, for this caller alone; {@code System.out} now goes to standard error. Closing the
     * stream wakes a thread blocked writing to it (it is a channel's stream).
     */
    public static OutputStream takeStdout() {
        OutputStream out = Channels.newOutputStream(new FileOutputStream(FileDescriptor.out).getChannel());
        System.setOut(System.err);
        return out;
    }

    /**
     * Standard input, for this caller alone; {@code System.in} now reads nothing. Closing the stream wakes a
     * thread blocked reading it (a plain {@code FileInputStream} would stay blocked), so a server can be
     * closed while it waits for its peer.
     */
    public static InputStream takeStdin() {
        InputStream in = Channels.newInputStream(new FileInputStream(FileDescriptor.in).getChannel());
        System.setIn(InputStream.nullInputStream());
        return in;
    }
}
