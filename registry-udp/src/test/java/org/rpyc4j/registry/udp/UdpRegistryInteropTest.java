package org.rpyc4j.registry.udp;

import org.rpyc4j.registry.testkit.RegistryInteropContract;

/** The UDP registry against stock Python rpyc 5.3 and 6.x. */
class UdpRegistryInteropTest extends RegistryInteropContract {
    @Override
    protected String transport() {
        return "UDP";
    }
}
