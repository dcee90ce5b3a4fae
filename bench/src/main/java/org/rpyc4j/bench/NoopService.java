package org.rpyc4j.bench;

import org.rpyc4j.api.Exposed;

/** The benchmark service of the rpyc4j server: Python reaches {@code root.noop()}, Java {@code callMethod("noop")}. */
public final class NoopService {
    /** A service with nothing to set up. */
    public NoopService() {
    }

    /** Does nothing; the call is all that is measured. */
    @Exposed
    public void noop() {
        // intentionally empty
    }

    /** The server JVM's used heap in bytes after a full GC (for the idle-connections benchmark). */
    @Exposed
    public long usedHeap() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
