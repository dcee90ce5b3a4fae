/**
 * Test support for rpyc4j: real Python rpyc peers (5.x and 6.x) run as child processes
 * ({@link org.rpyc4j.testkit.PythonRpyc}, {@link org.rpyc4j.testkit.PythonProcess},
 * {@link org.rpyc4j.testkit.PythonServer}), loopback helpers ({@link org.rpyc4j.testkit.Loopback}) and an rpyc4j
 * server for engine-level tests ({@link org.rpyc4j.testkit.JavaTestServer}).
 */
module org.rpyc4j.testkit {
    requires transitive org.rpyc4j.api;
    requires org.junit.jupiter.api;
    requires org.slf4j;

    exports org.rpyc4j.testkit;
}
