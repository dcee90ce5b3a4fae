/**
 * The forking serving mode: {@link org.rpyc4j.server.forking.ForkingServer} serves each connection in a child
 * JVM of its own; {@link org.rpyc4j.server.forking.ForkingServerProvider} makes it findable as {@code forking};
 * {@link org.rpyc4j.server.forking.JavaCommand} is the command line of a JVM that sees what this one sees.
 *
 * <h2>How</h2>
 * A JVM cannot {@code fork()}, so the server keeps warm spare child JVMs (mode setting {@code forking.spares},
 * default 1), started with this JVM's {@code java}, module path, class path and module options (see
 * {@link org.rpyc4j.server.forking.JavaCommand}). A spare makes its service factory, starts logging and warms up the serving path with
 * loopback connections; then the server gives it a copy of the listening socket ({@code sendmsg} with
 * {@code SCM_RIGHTS} over a Unix socket in a private (0700) folder, through the FFM API). The spares accept
 * from it themselves (the pre-forking model): the kernel hands each new connection straight to one of them,
 * which closes its copy of the listening socket, tells the server, and serves that connection alone; the server
 * then starts a replacement spare. The server process never touches a client's socket, and a connection that
 * arrives while no spare is ready waits in the listen backlog ({@link org.rpyc4j.api.ServerOptions#backlog()}) for the next one.
 * The child authenticates, logs its {@code accepted}/{@code welcome}/{@code goodbye} under the server's logger
 * name, serves, and exits when the connection ends. The JDK reaps every child (no zombies). Closing the server
 * (after {@link org.rpyc4j.api.ServerOptions#drainTimeout()}) closes each child's standard input, on which a spare stops
 * accepting and exits and a serving child closes its connection as any closing server does, then exits; a
 * child still there two seconds later is killed. The same happens when the parent dies (the child's standard
 * input ends too), so no child outlives its server.
 *
 * <h2>What the child needs</h2>
 * The child makes the service from a class name: give a {@link org.rpyc4j.api.ClassServiceFactory} (a public class with a
 * public no-argument constructor, in an exported package), or a {@code ServiceFactory} that is itself such a
 * class; a lambda cannot cross into another process and is refused. The same goes for an authenticator. The
 * protocol configuration is copied field by field; the registrar stays with the parent. Classes loaded only
 * into a plug-in layer are not visible to the child.
 *
 * <h2>What it costs</h2>
 * Each connection costs a JVM: its memory (tens of MB; mode setting {@code forking.jvm-options} sets heap, GC and
 * anything else, e.g. a class-data-sharing archive; default {@code -XX:+UseSerialGC}) and its start-up with the
 * warm-up (about 0.5 to 1 s of a two-core machine), paid ahead by the spare, so a client waits for it only when
 * connections arrive faster than spares start (more spares help; BENCHMARKS.md has the figures). With a ready
 * spare, connect-to-first-reply costs what the warmed-up child takes to accept and answer: the server process
 * is not on the path. The replacement spare starts 50 ms later while another spare is
 * ready, so that its start-up does not compete for the CPU with the new connection's first requests. Children
 * start with {@code -XX:+ExitOnOutOfMemoryError}, so runaway memory ends the child. The parent needs
 * {@code --enable-native-access=org.rpyc4j.server.forking} (or {@code ALL-UNNAMED} on the class path) to avoid
 * the JDK's warning about the FFM calls; children get it.
 */
@ParametersAreNonnullByDefault
package org.rpyc4j.server.forking;

import javax.annotation.ParametersAreNonnullByDefault;
