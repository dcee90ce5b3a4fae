package org.rpyc4j.core.protocol;

/** The boxing labels: how a value travels, from the receiver's point of view. */
final class Label {
    /** A brine value, copied. */
    static final long VALUE = 1;
    /** A tuple some of whose members are references. */
    static final long TUPLE = 2;
    /** An object that lives at the receiver. */
    static final long LOCAL_REF = 3;
    /** An object that lives at the sender: the receiver makes a proxy. */
    static final long REMOTE_REF = 4;

    private Label() {
    }
}
