package org.rpyc4j.spi.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketAddress;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import javax.annotation.Nullable;
import org.rpyc4j.api.Registrar;
import org.rpyc4j.api.Server;
import org.rpyc4j.api.ServerOptions;
import org.rpyc4j.spi.ServerContext;

/**
 * A socket server: binds as the options say, runs the accept loop and hands each accepted connection to the
 * mode ({@link #handle}), keeps the service registered, logs rpyc's lines, and closes in order. A mode
 * implements {@link #handle} and, when it owns threads or processes, {@link #onServe()} and
 * {@link #onClose()}.
 *
 * <p>Life cycle: the constructor binds (so {@link #port()} is known); {@link #serve()} or {@link #start()}
 * runs the accept loop; {@link #close()} unregisters, closes the listener (the loop logs
 * {@code server has terminated}), lets connections finish for {@link ServerOptions#drainTimeout()}, closes
 * the rest, then calls {@link #onClose()}, and returns once the loop has ended.
 */
public abstract class AbstractServer implements Server {
    /** How long {@link #joinAll} waits for threads to end before interrupting them. */
    private static final Duration JOIN_GRACE = Duration.ofSeconds(5);

    private final ServerContext context;
    private final SocketListener listener;
    private final ServerLog log;
    private final ClientHandler clients;
    private final AtomicBoolean serving = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch loopEnded = new CountDownLatch(1);
    private final CountDownLatch closeStarted = new CountDownLatch(1);
    private volatile @Nullable Thread loopThread;
    private volatile boolean ownLoopThread;      // started by start(), so close() may join it
    private volatile @Nullable RegistrarKeepalive registration;
    /** Orders onServe before onClose: a close racing with the start never leaves the mode's threads behind. */
    private final ReentrantLock lifecycle = new ReentrantLock();

    /**
     * Binds and listens.
     *
     * @throws UncheckedIOException when the listener cannot be bound
     */
    protected AbstractServer(ServerContext context) {
        this.context = context;
        try {
            this.listener = SocketListener.bind(context.options());
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        try {
            this.log = new ServerLog(context.logger(listener.portOrPath()));
            ServerOptions options = context.options();
            this.clients = new ClientHandler(context.serviceFactory(), options.protocolConfig(),
                    options.authenticator(), log);
        } catch (RuntimeException e) {
            closeQuietly(listener);
            throw e;
        }
    }

    private static void closeQuietly(SocketListener listener) {
        try {
            listener.close();
        } catch (IOException e) {
            // releasing the port is all that is left to do
        }
    }

    /**
     * Takes over one accepted connection; runs on the accept loop, which accepts nothing else meanwhile, so
     * hand the connection over (a thread, a worker, a process) and return. {@code clients().serve(accepted)}
     * serves it on the calling thread. A RuntimeException drops the connection and the loop goes on.
     */
    protected abstract void handle(AcceptedSocket accepted);

    /**
     * Whether this process accepts the connections (the default) or the mode's own processes do, each taking
     * connections from the shared listening socket (the forking mode's spares). In the latter case the loop only
     * waits for the close and {@link #handle} is never called.
     */
    protected boolean acceptsInThisProcess() {
        return true;
    }

    /** Prepares what the mode serves with (worker threads, spare processes) before the first accept. */
    protected void onServe() {
    }

    /** Ends the mode's own threads or processes; runs in {@link #close()} after the connections were closed. */
    protected void onClose() {
    }

    /**
     * Waits up to {@code timeout} for the connections being served to end by themselves (the drain on close);
     * returns whether they did. Modes that serve elsewhere than in {@link #clients()} override it.
     */
    protected boolean awaitIdle(Duration timeout) {
        return clients.awaitIdle(timeout);
    }

    /** How many connections are being served now. */
    public int activeConnections() {
        return clients.active();
    }

    protected final ServerContext context() {
        return context;
    }

    protected final ServerOptions options() {
        return context.options();
    }

    protected final ServerLog log() {
        return log;
    }

    protected final ClientHandler clients() {
        return clients;
    }

    protected final SocketListener listener() {
        return listener;
    }

    /** A name for the server's threads: its logger's name ({@code SERVICE/PORT}). */
    protected final String name() {
        return log.logger().getName();
    }

    @Override
    public final Server start() {
        claimServing();
        CompletableFuture<Void> ready = new CompletableFuture<>();
        ownLoopThread = true;
        Thread loop = Thread.ofPlatform().name(name() + " accept loop").start(() -> runLoop(ready));
        try {
            ready.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while starting " + name(), e);
        } catch (ExecutionException e) {
            close();
            joinQuietly(loop);   // the loop closes the server itself as it ends: gone when start() throws
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
        return this;
    }

    @Override
    public final void serve() {
        claimServing();
        CompletableFuture<Void> ready = new CompletableFuture<>();
        runLoop(ready);
        if (ready.isCompletedExceptionally()) {
            throw ready.exceptionNow() instanceof RuntimeException r ? r : new IllegalStateException(ready.exceptionNow());
        }
    }

    private void claimServing() {
        if (closed.get()) {
            throw new IllegalStateException(name() + " is closed");
        }
        if (!serving.compareAndSet(false, true)) {
            throw new IllegalStateException(name() + " is already serving");
        }
    }

    private void runLoop(CompletableFuture<Void> ready) {
        loopThread = Thread.currentThread();
        try {
            log.started(listener.host(), listener.portOrPath());
            lifecycle.lock();
            try {
                if (closed.get()) {
                    ready.complete(null);
                    return;
                }
                onServe();
                startRegistration();
            } catch (RuntimeException e) {
                ready.completeExceptionally(e);
                return;
            } finally {
                lifecycle.unlock();
            }
            ready.complete(null);
            if (acceptsInThisProcess()) {
                acceptUntilClosed();
            } else {
                awaitCloseStarted();
            }
        } finally {
            log.terminated();
            try {
                close();
            } finally {
                loopEnded.countDown();   // after close(): a close() waiting for the loop finds it all done
            }
        }
    }

    private void acceptUntilClosed() {
        while (!closed.get()) {
            AcceptedSocket accepted;
            try {
                accepted = listener.accept();
            } catch (ClosedChannelException e) {
                break;   // closed, possibly while waiting (also by interrupting this thread)
            } catch (IOException e) {
                if (closed.get() || !listener.isOpen()) {
                    break;
                }
                // e.g. out of file descriptors: pause instead of spinning (rpyc's listener timeout)
                Duration pause = options().listenerTimeout().isZero() ? Duration.ofMillis(100) : options().listenerTimeout();
                log.acceptFailed(e, pause);
                sleep(pause);
                continue;
            }
            if (closed.get()) {
                accepted.close();
                break;
            }
            log.accepted(accepted.addrinfo());
            try {
                handle(accepted);
            } catch (RuntimeException e) {
                log.dropped(accepted.addrinfo(), e.toString());
                accepted.close();
            }
        }
    }

    /** The loop of a mode whose processes accept for themselves; an interrupt ends it, as it ends an accept. */
    private void awaitCloseStarted() {
        try {
            closeStarted.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();   // the loop's end closes the server
        }
    }

    private void startRegistration() {
        ServerOptions options = options();
        Registrar registrar = options.registrar();
        if (!options.autoRegister() || registrar == null) {
            return;
        }
        if (options.unixSocketPath() != null) {
            log.logger().warn("not registering with the registry: a Unix socket server has no port to register");
            return;
        }
        RegistrarKeepalive keepalive = new RegistrarKeepalive(registrar, context.serviceAliases(), listener.port(),
                listener.host(), log);
        registration = keepalive;
        keepalive.start();
    }

    @Override
    public final void close() {
        boolean first;
        lifecycle.lock();
        try {
            first = closed.compareAndSet(false, true);
        } finally {
            lifecycle.unlock();
        }
        if (first) {
            closeStarted.countDown();
        } else {
            // closing already, maybe on the loop's own thread (a mode ending after one connection):
            // return once that close is through, listener and socket file gone
            awaitLoopEnd();
            return;
        }
        RegistrarKeepalive keepalive = registration;
        if (keepalive != null) {
            keepalive.close();
        }
        // rpyc's order on Ctrl-C: "server has terminated", then "listener closed"
        log.terminated();
        try {
            listener.close();
        } catch (IOException e) {
            log.logger().debug("closing the listener: {}", e.toString());
        }
        log.listenerClosed();
        Duration drain = options().drainTimeout();
        if (!drain.isZero()) {
            awaitIdle(drain);
        }
        clients.closeAll();
        try {
            onClose();
        } finally {
            awaitLoopEnd();
        }
    }

    private void awaitLoopEnd() {
        Thread loop = loopThread;
        if (loop == null || loop == Thread.currentThread()) {
            return;   // never served, or closing from the loop itself (a mode ending after one connection)
        }
        try {
            loopEnded.await();
            if (ownLoopThread) {
                loop.join();   // the background loop's thread is ours: gone when close() returns
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits for {@code threads} to end (they should: their connections were closed); interrupts those still
     * running after a grace period, e.g. stuck in a service method, and logs the ones that outlive that too.
     */
    protected final void joinAll(Collection<Thread> threads) {
        long deadline = System.nanoTime() + JOIN_GRACE.toNanos();
        // a connection's own thread may be the one closing the server (a service calling close()): not waited for
        threads = threads.stream().filter(t -> t != Thread.currentThread()).toList();
        try {
            for (Thread t : threads) {
                t.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            }
            for (Thread t : threads) {
                if (t.isAlive()) {
                    log.logger().warn("{} still running {} after the server closed; interrupting it", t,
                            JOIN_GRACE);
                    t.interrupt();
                    t.join(JOIN_GRACE);
                    if (t.isAlive()) {
                        log.logger().warn("{} did not end", t);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public final String host() {
        return listener.host();
    }

    @Override
    public final int port() {
        return listener.port();
    }

    @Override
    public final SocketAddress address() {
        return listener.address();
    }

    @Override
    public final boolean isClosed() {
        return closed.get();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + " " + name() + (closed.get() ? " (closed)" : "");
    }
}
