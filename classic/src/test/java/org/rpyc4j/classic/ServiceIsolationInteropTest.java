package org.rpyc4j.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rpyc4j.api.Exposed;
import org.rpyc4j.api.ProtocolConfig;
import org.rpyc4j.api.Service;
import org.rpyc4j.testkit.JavaTestServer;
import org.rpyc4j.testkit.PythonProcess;
import org.rpyc4j.testkit.PythonRpyc;

/**
 * Full access is for the classic service only: a stock Python client of a custom service under rpyc's default
 * configuration cannot reach {@code getClass}, {@code __class__}, class loaders, {@code Runtime},
 * {@code System.exit}, {@code Class.forName} or the fields of non-exposed objects returned by reference — each
 * refused with AttributeError — and a classic package namespace handed out by such a service answers nothing.
 */
class ServiceIsolationInteropTest {
    static List<PythonRpyc> peers() {
        return PythonRpyc.all();
    }

    /** A custom service: only its {@link Exposed} members are the peer's. */
    public static class IsolatedService implements Service {
        @Exposed
        public long add(long a, long b) {
            return a + b;
        }

        @Exposed
        public List<Object> items() {
            return new ArrayList<>(List.of(1L, 2L));
        }

        @Exposed
        public Secret secret() {
            return new Secret();
        }

        @Exposed("leaked_class")
        public Class<?> leakedClass() {
            return System.class;
        }

        @Exposed("package")
        public Object javaPackage() {
            return new JavaPackage("java.lang", new Modules(getClass().getClassLoader(), new PyBuiltins(() -> null)));
        }
    }

    /** An object returned by reference whose members are not exposed. */
    public static class Secret {
        public String password = "hunter2";

        public String getPassword() {
            return password;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void reflectionEscapesAreRefused(PythonRpyc peer) throws Exception {
        peer.assumeAvailable();
        List<String> lines = new ArrayList<>();
        try (JavaTestServer server = JavaTestServer.start(c -> new IsolatedService(), ProtocolConfig.defaults());
             PythonProcess client = PythonProcess.start(peer,
                     ClassicServiceInteropTest.text("classic/isolation_client.py"), String.valueOf(server.port()))) {
            Duration timeout = Duration.ofSeconds(60);
            for (String line = client.readLine(timeout); !"DONE".equals(line); line = client.readLine(timeout)) {
                assertNotNull(line, () -> "the client ended early: " + lines + "\n" + client.stderr());
                lines.add(line);
            }
            assertEquals(0, client.waitFor(timeout), client::stderr);
        }
        List<String> attempts = List.of("root.getClass", "root.__class__", "root.callattr_getClass",
                "root.exposed_getClass", "root.hashCode", "root.onConnect", "secret.password", "secret.getPassword",
                "secret.getClass", "secret.set_password", "items.getClass", "items.iterator", "items.append",
                "class.forName", "class.getClassLoader", "class.getMethods", "class.exit", "class.getRuntime",
                "package.lang", "package.Runtime");
        assertEquals(attempts.stream().map(a -> "REFUSED " + a + " AttributeError").toList(),
                lines.stream().filter(l -> l.startsWith("RE")).toList());
        // dir() shows only what is reachable: the exposed names, none of the Java members
        assertEquals(List.of("DIR ['add', 'exposed_add', 'exposed_get_service_aliases', 'exposed_get_service_name', "
                + "'exposed_items', 'exposed_leaked_class', 'exposed_package', 'exposed_secret', 'get_service_aliases', "
                + "'get_service_name', 'items', 'leaked_class', 'package', 'secret']", "PACKAGE_DIR []", "PICKLE pickling is disabled"),
                lines.stream().filter(l -> !l.startsWith("RE")).toList());
    }
}
