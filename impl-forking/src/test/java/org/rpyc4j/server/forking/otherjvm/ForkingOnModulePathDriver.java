package org.rpyc4j.server.forking.otherjvm;

import org.rpyc4j.api.ClassServiceFactory;
import org.rpyc4j.api.Connection;
import org.rpyc4j.api.Rpyc;
import org.rpyc4j.api.Server;
import org.rpyc4j.api.ServerOptions;
import org.rpyc4j.server.testkit.DemoService;
import org.rpyc4j.spi.Servers;

/** Serves two connections with the forking mode, found by name on the module path; prints what it sees. */
public final class ForkingOnModulePathDriver {
    private ForkingOnModulePathDriver() {
    }

    public static void main(String[] args) {
        System.out.println("MODULE " + Servers.class.getModule().getName());
        try (Server server = Servers.create("forking", ClassServiceFactory.of(DemoService.class), ServerOptions.defaults())) {
            server.start();
            System.out.println("SERVER " + server.getClass().getModule().getName());
            for (int i = 0; i < 2; i++) {
                try (Connection client = Rpyc.connect(server.host(), server.port())) {
                    long pid = (Long) client.root().callMethod("pid");
                    System.out.println("CHILD " + (pid != ProcessHandle.current().pid()) + " " + client.root().callMethod("add", 2, 3));
                }
            }
        }
        System.out.println("CHILDREN LEFT " + ProcessHandle.current().children().count());
    }
}
