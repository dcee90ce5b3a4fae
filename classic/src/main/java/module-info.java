/**
 * RPyC's classic service for the JVM and a Java client for classic servers.
 *
 * <p>{@link org.rpyc4j.classic.ClassicService} (service name {@code SLAVE}, like Python's) gives a trusted peer
 * the whole JVM: {@code eval} and {@code execute} of Java code through an in-process JShell, {@code getmodule} of
 * classes and packages, and the session's variables as {@code namespace}; a stock Python
 * {@code rpyc.classic.connect(...)} uses it as it would a Python classic server.
 * {@link org.rpyc4j.classic.ClassicClient} is the Java side of a classic connection to any classic server
 * (Python's {@code rpyc_classic}, or this service). {@link org.rpyc4j.classic.StdioMain} serves the classic
 * service over standard input and output.
 */
module org.rpyc4j.classic {
    requires transitive org.rpyc4j.api;
    requires org.rpyc4j.core;
    requires jdk.jshell;
    requires org.slf4j;
    requires static jsr305;

    exports org.rpyc4j.classic;
}
