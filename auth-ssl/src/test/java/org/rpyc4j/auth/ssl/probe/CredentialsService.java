package org.rpyc4j.auth.ssl.probe;

import org.rpyc4j.api.Connection;
import org.rpyc4j.api.Exposed;
import org.rpyc4j.api.Service;

/** Tells a client the credentials its connection was authenticated with. */
public class CredentialsService implements Service {
    private volatile Connection connection;

    @Override
    public void onConnect(Connection connection) {
        this.connection = connection;
    }

    @Exposed
    public String credentials() {
        return String.valueOf(connection.credentials());
    }
}
