package org.rpyc4j.registry;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.annotation.Nullable;
import org.rpyc4j.api.RegistryServer;
import org.rpyc4j.api.RegistryServerOptions;
import org.rpyc4j.spi.support.ServerLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A registry server's life cycle, shared by the transports: the transport binds in its constructor and hands
 * the bound address here; {@link #serve()} / {@link #start()} log rpyc's "server started on HOST:PORT" and run
 * the transport's {@link #serveLoop()}; {@link #close()} logs "stopping server...", closes the transport (which
 * ends the loop), waits for the loop, and the loop logs "server closed". The logger is rpyc's
 * {@code REGSRV/<TRANSPORT>/<PORT>} unless the options name another.
 */
public abstract class AbstractRegistryServer implements RegistryServer {
    /** How long {@link #close()} waits for the serving loop to end. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private final String transport;
    private final RegistryServerOptions options;
    private final InetSocketAddress address;
    private final String host;
    private final Logger log;
    private final RegistryDispatcher dispatcher;
    private final AtomicBoolean serving = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch loopEnded = new CountDownLatch(1);
    private volatile @Nullable Thread loopThread;

    /**
     * @param transport the transport's name ({@code UDP}, {@code TCP})
     * @param bound the address the transport is bound to
     */
    protected AbstractRegistryServer(String transport, RegistryServerOptions options, InetSocketAddress bound) {
        this.transport = transport;
        this.options = options;
        this.address = bound;
        this.host = ServerLog.host(bound.getAddress());
        String name = options.loggerName();
        this.log = LoggerFactory.getLogger(name != null ? name : "REGSRV/" + transport + "/" + bound.getPort());
        this.dispatcher = new RegistryDispatcher(new Registry(options), options.allowListing(), log);
    }

    /**
     * The address to bind for {@code options}: its host ("" meaning every interface of the family), preferring
     * an IPv6 address when {@code ipv6} is set and an IPv4 one otherwise.
     *
     * @throws UnknownHostException when the host does not resolve
     */
    protected static InetSocketAddress bindAddress(RegistryServerOptions options) throws UnknownHostException {
        String host = options.host();
        if (host.isEmpty()) {
            return new InetSocketAddress(InetAddress.getByAddress(new byte[options.ipv6() ? 16 : 4]), options.port());
        }
        InetAddress[] all = InetAddress.getAllByName(host);
        InetAddress chosen = Arrays.stream(all)
                .filter(a -> options.ipv6() ? a instanceof Inet6Address : a instanceof Inet4Address)
                .findFirst().orElse(all[0]);
        return new InetSocketAddress(chosen, options.port());
    }

    /** Serves until {@link #closeTransport()} is called; returns then (or when the transport fails for good). */
    protected abstract void serveLoop();

    /** Closes the socket(s), which must make {@link #serveLoop()} return soon. Idempotent. */
    protected abstract void closeTransport();

    @Override
    public final RegistryServer start() {
        claim();
        Thread thread = Thread.ofPlatform().name(log.getName()).unstarted(this::runLoop);
        loopThread = thread;
        thread.start();
        return this;
    }

    @Override
    public final void serve() {
        claim();
        loopThread = Thread.currentThread();
        runLoop();
    }

    private void claim() {
        if (closed.get()) {
            throw new IllegalStateException(this + " is closed");
        }
        if (!serving.compareAndSet(false, true)) {
            throw new IllegalStateException(this + " is already serving");
        }
    }

    private void runLoop() {
        log.debug("server started on {}:{}", host, address.getPort());
        try {
            if (!closed.get()) {
                serveLoop();
            }
        } catch (RuntimeException | Error e) {
            log.error("registry server failed", e);
            throw e;
        } finally {
            closed.set(true);
            closeTransport();
            log.debug("server closed");
            loopEnded.countDown();
        }
    }

    @Override
    public final void close() {
        if (!closed.compareAndSet(false, true)) {
            awaitLoop();
            return;
        }
        if (serving.get()) {
            log.debug("stopping server...");
        }
        closeTransport();
        awaitLoop();
    }

    private void awaitLoop() {
        if (!serving.get() || Thread.currentThread() == loopThread) {
            return;
        }
        try {
            if (!loopEnded.await(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("the serving loop did not end within {} s", CLOSE_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public final boolean isClosed() {
        return closed.get();
    }

    @Override
    public final String transport() {
        return transport;
    }

    @Override
    public final String host() {
        return host;
    }

    @Override
    public final int port() {
        return address.getPort();
    }

    @Override
    public final InetSocketAddress address() {
        return address;
    }

    /** The options the server was made with. */
    protected final RegistryServerOptions options() {
        return options;
    }

    /** Carries out requests; the transport calls it for each one. */
    protected final RegistryDispatcher dispatcher() {
        return dispatcher;
    }

    /** The registry's state. */
    public final Registry registry() {
        return dispatcher.registry();
    }

    /** The server's logger ({@code REGSRV/UDP/18811}). */
    protected final Logger log() {
        return log;
    }

    @Override
    public String toString() {
        return transport + " registry server on " + host + ":" + address.getPort();
    }
}
