package org.rpyc4j.registry.tcp;

import org.rpyc4j.registry.testkit.RegistryInteropContract;

/** The TCP registry against stock Python rpyc 5.3 and 6.x. */
class TcpRegistryInteropTest extends RegistryInteropContract {
    @Override
    protected String transport() {
        return "TCP";
    }
}
