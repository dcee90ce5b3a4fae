package org.rpyc4j.server.forking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.rpyc4j.api.Server;
import org.rpyc4j.server.testkit.SocketServerInteropContract;
import org.rpyc4j.spi.ServerContext;

class ForkingServerInteropTest extends SocketServerInteropContract {
    @Override
    protected Server newServer(ServerContext context) {
        return new ForkingServer(context);
    }

    @Override
    protected boolean servesInThisProcess() {
        return false;
    }

    /** Sixteen connections, sixteen processes, none of them this JVM. */
    @Override
    protected void checkServingProcesses(List<String> pids) {
        assertEquals(16, pids.stream().distinct().count(), pids::toString);
        assertFalse(pids.contains(Long.toString(ProcessHandle.current().pid())));
    }
}
