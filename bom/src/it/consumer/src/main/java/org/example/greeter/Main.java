package org.example.greeter;

import java.time.Duration;
import org.rpyc4j.api.ClassServiceFactory;
import org.rpyc4j.api.Connection;
import org.rpyc4j.api.Rpyc;
import org.rpyc4j.api.Server;
import org.rpyc4j.api.ServerOptions;
import org.rpyc4j.spi.Servers;

/**
 * Serves {@link GreeterService} with the threaded mode on a loopback port the system picks, calls it with a
 * client, and exits 0 only if the reply is the expected one (1 otherwise), printing what it saw.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        ServerOptions options = ServerOptions.builder().host("127.0.0.1").port(0)
                .drainTimeout(Duration.ofSeconds(5)).build();
        try (Server server = Servers.create("threaded", ClassServiceFactory.of(GreeterService.class), options)) {
            server.start();
            Object reply;
            String serviceName;
            try (Connection conn = Rpyc.connect("127.0.0.1", server.port())) {
                reply = conn.root().callMethod("greet", "Maven");
                serviceName = String.valueOf(conn.root().callMethod("get_service_name"));
            }
            String where = Main.class.getModule().isNamed() ? "module path" : "class path";
            if (!"hello, Maven".equals(reply) || !"GREETER".equals(serviceName)) {
                System.out.println("consumer (" + where + "): unexpected reply " + reply + " from service " + serviceName);
                System.exit(1);
            }
            System.out.println("consumer (" + where + "): " + serviceName + ".greet(\"Maven\") = \"" + reply + "\"");
        }
    }
}
