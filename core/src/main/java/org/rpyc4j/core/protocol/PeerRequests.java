package org.rpyc4j.core.protocol;

import java.util.concurrent.CompletableFuture;
import javax.annotation.Nullable;
import org.rpyc4j.api.Connection;

/** What a proxy of the peer's object needs from its connection: requests to the peer. */
interface PeerRequests {
    /** The connection the requests go over. */
    Connection connection();

    /** Sends a request with these (unboxed) arguments and waits for its answer. */
    @Nullable
    Object sync(HandlerCode handler, Object... args);

    /** Sends a request without waiting; the future completes (on a virtual thread) with the answer. */
    CompletableFuture<Object> async(HandlerCode handler, Object... args);
}
