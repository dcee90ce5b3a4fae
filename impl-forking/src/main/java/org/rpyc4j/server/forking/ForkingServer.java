package org.rpyc4j.server.forking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import javax.annotation.Nullable;
import org.rpyc4j.api.ClassServiceFactory;
import org.rpyc4j.api.ServerOptions;
import org.rpyc4j.api.ServiceFactory;
import org.rpyc4j.server.forking.internal.ChildArguments;
import org.rpyc4j.server.forking.internal.DescriptorFinder;
import org.rpyc4j.server.forking.internal.ForkedChild;
import org.rpyc4j.spi.ServerContext;
import org.rpyc4j.spi.support.AbstractServer;
import org.rpyc4j.spi.support.AcceptedSocket;
import org.rpyc4j.spi.support.JavaCommand;
import org.rpyc4j.spi.support.ServiceClasses;

/**
 * Serves each connection in an operating-system process of its own (rpyc's {@code ForkingServer}), so that a
 * crash, {@code System.exit} or runaway memory in the service ends that connection only. Linux only.
 *
 * <h2>How</h2>
 * A JVM cannot {@code fork()}, so the server keeps warm spare child JVMs (mode setting {@value #SPARES},
 * default 1), started with this JVM's {@code java}, module path, class path and module options (see
 * {@link JavaCommand}). A spare makes its service factory, starts logging and warms up the serving path with
 * loopback connections; then the server gives it a copy of the listening socket ({@code sendmsg} with
 * {@code SCM_RIGHTS} over a Unix socket in a private (0700) folder, through the FFM API). The spares accept
 * from it themselves (the pre-forking model): the kernel hands each new connection straight to one of them,
 * which closes its copy of the listening socket, tells the server, and serves that connection alone; the server
 * then starts a replacement spare. The server process never touches a client's socket, and a connection that
 * arrives while no spare is ready waits in the listen backlog ({@link ServerOptions#backlog()}) for the next one.
 * The child authenticates, logs its {@code accepted}/{@code welcome}/{@code goodbye} under the server's logger
 * name, serves, and exits when the connection ends. The JDK reaps every child (no zombies). Closing the server
 * (after {@link ServerOptions#drainTimeout()}) closes each child's standard input, on which a spare stops
 * accepting and exits and a serving child closes its connection as any closing server does, then exits; a
 * child still there two seconds later is killed. The same happens when the parent dies (the child's standard
 * input ends too), so no child outlives its server.
 *
 * <h2>What the child needs</h2>
 * The child makes the service from a class name: give a {@link ClassServiceFactory} (a public class with a
 * public no-argument constructor, in an exported package), or a {@code ServiceFactory} that is itself such a
 * class; a lambda cannot cross into another process and is refused. The same goes for an authenticator. The
 * protocol configuration is copied field by field; the registrar stays with the parent. Classes loaded only
 * into a plug-in layer are not visible to the child.
 *
 * <h2>What it costs</h2>
 * Each connection costs a JVM: its memory (tens of MB; mode setting {@value #JVM_OPTIONS} sets heap, GC and
 * anything else, e.g. a class-data-sharing archive; default {@code -XX:+UseSerialGC}) and its start-up with the
 * warm-up (about 0.5 to 1 s of a two-core machine), paid ahead by the spare, so a client waits for it only when
 * connections arrive faster than spares start (more spares help; BENCHMARKS.md has the figures). With a ready
 * spare, connect-to-first-reply costs what the warmed-up child takes to accept and answer: the server process
 * is not on the path. The replacement spare starts {@link #REPLACEMENT_DELAY} later while another spare is
 * ready, so that its start-up does not compete for the CPU with the new connection's first requests. Children
 * start with {@code -XX:+ExitOnOutOfMemoryError}, so runaway memory ends the child. The parent needs
 * {@code --enable-native-access=org.rpyc4j.server.forking} (or {@code ALL-UNNAMED} on the class path) to avoid
 * the JDK's warning about the FFM calls; children get it.
 */
public final class ForkingServer extends AbstractServer {
    /** Mode setting: how many warm children wait for connections ({@code 1}). */
    public static final String SPARES = "forking.spares";
    /** Mode setting: JVM options of the children, space separated ({@value #DEFAULT_JVM_OPTIONS}). */
    public static final String JVM_OPTIONS = "forking.jvm-options";
    /** Mode setting: seconds the first child may take to become ready when the server starts ({@code 60}). */
    public static final String START_TIMEOUT = "forking.start-timeout";
    public static final String DEFAULT_JVM_OPTIONS = "-XX:+UseSerialGC";

    private static final String MODULE = "org.rpyc4j.server.forking";
    /**
     * How long after a spare took a connection its replacement starts: long enough for the connection's first
     * requests (a few ms on a warm child) not to compete for the CPU with a JVM's start, short against that start.
     */
    static final Duration REPLACEMENT_DELAY = Duration.ofMillis(50);
    /** How long to wait before replacing a spare that died without taking a connection (no spinning). */
    private static final Duration RESPAWN_PAUSE = Duration.ofSeconds(1);
    /** How long a child may take to end after being asked to, before it is killed. */
    private static final Duration END_GRACE = Duration.ofSeconds(2);

    private final String serviceClass;
    private final @Nullable String authenticatorClass;
    private final int spareCount;
    private final List<String> jvmOptions;
    private final Duration startTimeout;
    private final Set<ChildProcess> children = ConcurrentHashMap.newKeySet();
    private final AtomicLong childNumber = new AtomicLong();
    private volatile @Nullable Path folder;
    private volatile int listenerFd = -1;
    private final Queue<Duration> startups = new ConcurrentLinkedQueue<>();   // for tests and tuning
    private boolean noMoreChildren;   // guarded by children: set by onClose, so no spawn outlives the server

    /** A server making a new {@code serviceClass} per connection, in the connection's own process. */
    public ForkingServer(Class<?> serviceClass, ServerOptions options) {
        this(ClassServiceFactory.of(serviceClass), options);
    }

    /**
     * A server serving what {@code factory} makes, in a process per connection.
     *
     * @throws IllegalArgumentException when the factory (or the authenticator) cannot be rebuilt from a class
     *     name in a child process, e.g. a lambda
     */
    public ForkingServer(ServiceFactory factory, ServerOptions options) {
        this(ServerContext.of(factory, options));
    }

    /**
     * A server for {@code context}; bound when this returns.
     *
     * @throws UnsupportedOperationException on systems other than Linux
     * @throws IllegalArgumentException when the service or authenticator cannot be made in a child process
     */
    public ForkingServer(ServerContext context) {
        super(checked(context));
        ServerOptions options = context.options();
        serviceClass = ServiceClasses.classNameOf(context.serviceFactory()).orElseThrow();
        authenticatorClass = options.authenticator() == null ? null : childAuthenticator(options.authenticator())
                .orElseThrow();
        spareCount = Math.max(1, options.intSetting(SPARES, 1));
        jvmOptions = Arrays.stream(options.setting(JVM_OPTIONS, DEFAULT_JVM_OPTIONS).trim().split("\\s+"))
                .filter(o -> !o.isEmpty()).toList();
        startTimeout = Duration.ofSeconds(options.intSetting(START_TIMEOUT, 60));
    }

    /** Whether this system can run the forking mode: 64-bit Linux, the system its native calls are written for. */
    public static boolean isSupported() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")
                && "64".equals(System.getProperty("sun.arch.data.model"));
    }

    /** Refuses what cannot work before anything is bound. */
    private static ServerContext checked(ServerContext context) {
        if (!isSupported()) {
            throw new UnsupportedOperationException("the forking mode runs on 64-bit Linux only");
        }
        if (ServiceClasses.classNameOf(context.serviceFactory()).isEmpty()) {
            throw new IllegalArgumentException("a forked child makes the service from a class name: pass a"
                    + " ClassServiceFactory (a public class with a public no-argument constructor) or a public"
                    + " ServiceFactory class with one, not " + context.serviceFactory().getClass().getName());
        }
        if (context.options().authenticator() != null
                && childAuthenticator(context.options().authenticator()).isEmpty()) {
            throw new IllegalArgumentException("a forked child makes the authenticator from a class name or a"
                    + " provider name: use a public class with a public no-argument constructor, or make it with"
                    + " Authenticators.create(name, options), not "
                    + context.options().authenticator().getClass().getName());
        }
        return context;
    }

    /** How a child makes the same authenticator: its provider's spec, or its class name. */
    private static java.util.Optional<String> childAuthenticator(org.rpyc4j.api.Authenticator authenticator) {
        if (authenticator instanceof org.rpyc4j.spi.auth.NamedAuthenticator named) {
            return java.util.Optional.of(named.spec());
        }
        return ServiceClasses.rebuildableClassName(authenticator);
    }

    /** The spares accept, each from its copy of the listening socket. */
    @Override
    protected boolean acceptsInThisProcess() {
        return false;
    }

    /** Never called: the children accept ({@link #acceptsInThisProcess()}). */
    @Override
    protected void handle(AcceptedSocket accepted) {
        accepted.drop();
    }

    @Override
    protected void onServe() {
        try {
            listenerFd = DescriptorFinder.descriptorOf(listener().channel());
            folder = Files.createTempDirectory("rpyc4j-forking-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the children's listening socket and folder", e);
        }
        ChildProcess first = spawn();
        for (int i = 1; i < spareCount; i++) {
            spawn();
        }
        // serve only once a child is ready: a broken child command fails here, not on the first client
        try {
            if (first == null) {
                throw new IllegalStateException("cannot start a forked child");
            }
            first.ready().get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the first forked child did not become ready (" + e.getCause() + ");"
                    + " its command: " + String.join(" ", command(Path.of("CONTROL"))), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the first forked child", e);
        }
    }

    /** Starts a spare, which gets the listening socket once ready; null if none can be started now. */
    private @Nullable ChildProcess spawn() {
        Path control = folder.resolve("child-" + childNumber.incrementAndGet() + ".sock");
        ChildProcess child;
        synchronized (children) {
            if (noMoreChildren) {
                return null;
            }
            try {
                child = ChildProcess.start(command(control), control);
            } catch (IOException e) {
                log().logger().error("cannot start a forked child: {}", e.toString());
                return null;
            }
            children.add(child);
        }
        child.ready().thenAccept(ready -> {
            startups.add(ready.startup());
            log().logger().debug("{} ready after {} ms", ready, ready.startup().toMillis());
            try {
                ready.giveListener(listenerFd);
            } catch (IOException e) {
                log().logger().debug("{} did not take the listening socket: {}", ready, e.toString());
            }
        });
        child.taken().thenAccept(taken -> {
            log().logger().debug("{} took a connection", taken);
            spawnAfter(REPLACEMENT_DELAY);
        });
        child.exited().thenAccept(process -> {
            children.remove(child);
            int code = process.exitValue();
            if (code != 0 && !isClosed()) {
                log().logger().warn("{} ended with exit code {}", child, code);
            } else {
                log().logger().debug("{} ended with exit code {}", child, code);
            }
            if (!child.isServing()) {
                spawnAfter(RESPAWN_PAUSE);   // a spare died without a connection: keep the spares up
            }
        });
        return child;
    }

    /** Starts a spare after {@code delay} (at once when zero), unless the server closes meanwhile. */
    private void spawnAfter(Duration delay) {
        if (delay.isZero()) {
            spawn();
            return;
        }
        Thread.ofVirtual().name(name() + " spare starter").start(() -> {
            try {
                Thread.sleep(delay);
                spawn();
            } catch (InterruptedException e) {
                // the server is closing
            }
        });
    }

    private List<String> command(Path control) {
        ChildArguments arguments = new ChildArguments(control, serviceClass, authenticatorClass, name(),
                options().protocolConfig());
        boolean modular = ModuleLayer.boot().findModule(MODULE).isPresent();
        return JavaCommand.runningLikeThisJvm(MODULE, ForkedChild.class.getName())
                .jvmOption("--enable-native-access=" + (modular ? MODULE : "ALL-UNNAMED"))
                .jvmOption("-XX:+ExitOnOutOfMemoryError")
                .jvmOption("-Xlog:disable")                   // JVM warnings must not reach stdout, which
                .jvmOption("-Xlog:all=warning:stderr")        // carries the READY handshake
                .jvmOptions(jvmOptions)
                .arguments(arguments.toArguments().toArray(String[]::new))
                .build();
    }

    /** How long each child took to become ready, in the order they did. */
    List<Duration> startupTimes() {
        return List.copyOf(startups);
    }

    /** How many spares accept now (for tests and monitoring). */
    int readySpares() {
        return (int) children.stream().filter(ChildProcess::isAccepting).count();
    }

    @Override
    public int activeConnections() {
        return (int) children.stream().filter(c -> c.isServing() && c.isAlive()).count();
    }

    @Override
    protected boolean awaitIdle(Duration timeout) {
        List<ChildProcess> serving = children.stream().filter(ChildProcess::isServing).toList();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ChildProcess child : serving) {
            try {
                child.exited().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (ExecutionException e) {
                // ended anyway
            }
        }
        return true;
    }

    @Override
    protected void onClose() {
        List<ChildProcess> all;
        synchronized (children) {
            noMoreChildren = true;
            all = List.copyOf(children);
        }
        List<Thread> enders = new ArrayList<>();
        for (ChildProcess child : all) {
            enders.add(Thread.ofVirtual().start(() -> child.end(END_GRACE)));
        }
        joinAll(enders);
        Path dir = folder;
        if (dir != null) {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
                Files.deleteIfExists(dir);
            } catch (IOException e) {
                log().logger().debug("cannot delete {}: {}", dir, e.toString());
            }
        }
    }
}
