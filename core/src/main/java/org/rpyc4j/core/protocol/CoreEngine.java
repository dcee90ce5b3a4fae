package org.rpyc4j.core.protocol;

import javax.annotation.Nullable;
import org.rpyc4j.api.ConnectOptions;
import org.rpyc4j.api.Connection;
import org.rpyc4j.api.ProtocolConfig;
import org.rpyc4j.api.RpycEngine;
import org.rpyc4j.api.ServiceFactory;
import org.rpyc4j.api.Transport;
import org.rpyc4j.core.object.ObjectModel;

/** rpyc4j's protocol engine, found by {@link org.rpyc4j.api.Rpyc} through {@link java.util.ServiceLoader}. */
public final class CoreEngine implements RpycEngine {
    @Override
    public Connection connect(Transport transport, ConnectOptions options) {
        return RpycConnection.client(transport, options.dialect(), options.service(), options.config());
    }

    @Override
    public void prepare(Class<?> type) {
        ObjectModel.prepare(type);
    }

    @Override
    public Connection accept(Transport transport, ServiceFactory factory, ProtocolConfig config,
            @Nullable Object credentials) {
        return RpycConnection.server(transport, factory, config, credentials);
    }
}
