package org.rpyc4j.core.channel;

import javax.annotation.Nullable;

/**
 * One decoded RPyC message, whichever the dialect.
 *
 * @param type {@link #REQUEST}, {@link #REPLY} or {@link #EXCEPTION}
 * @param seq the sequence number as sent: any brine value, usually a {@link Long}; echo it back unchanged
 * @param args a request's {@code (handler, boxed)}, a reply's boxed result, or an exception's vinegar tuple
 */
public record Message(int type, @Nullable Object seq, @Nullable Object args) {
    /** A request; {@code args} is {@code (handler, boxed args)}. */
    public static final int REQUEST = 1;
    /** A reply; {@code args} is the boxed result. */
    public static final int REPLY = 2;
    /** An exception; {@code args} is the vinegar tuple, or the int 1 for StopIteration. */
    public static final int EXCEPTION = 3;
}
