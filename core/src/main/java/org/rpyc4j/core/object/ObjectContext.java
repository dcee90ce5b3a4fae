package org.rpyc4j.core.object;

import java.util.List;
import org.rpyc4j.api.NetRef;
import org.rpyc4j.api.ProtocolConfig;

/** What the object model needs from the connection it serves. */
public interface ObjectContext {
    /** The connection's configuration (the attribute policy). */
    ProtocolConfig config();

    /** Whether {@code object} is this connection's root service (which answers get_service_name). */
    boolean isRoot(Object object);

    /** The root service's aliases, first one its name. */
    List<String> serviceAliases();

    /** Whether {@code value} is a proxy for one of the peer's objects on this connection. */
    default boolean isRemote(Object value) {
        return value instanceof NetRef;
    }
}
