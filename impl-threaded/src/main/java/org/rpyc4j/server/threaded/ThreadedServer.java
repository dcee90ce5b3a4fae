package org.rpyc4j.server.threaded;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.annotation.Nullable;
import org.rpyc4j.api.ClassServiceFactory;
import org.rpyc4j.api.ServerOptions;
import org.rpyc4j.api.ServiceFactory;
import org.rpyc4j.spi.ServerContext;
import org.rpyc4j.spi.support.AbstractServer;
import org.rpyc4j.spi.support.AcceptedSocket;

/**
 * Serves each connection on a thread of its own (rpyc's {@code ThreadedServer}): a virtual thread by default,
 * so thousands of concurrent connections cost little; while a connection is new or busy (requests in quick
 * succession), a pooled platform thread serves it instead, at about half the CPU per request, until it has been
 * quiet for 2 s (a new connection is authenticated and served there from the start, its virtual thread made only
 * when it goes quiet). At most {@value #BUSY_THREADS} (default {@value #DEFAULT_BUSY_THREADS}) connections are on
 * platform threads at once; 0 turns this off. With the mode setting {@value #PLATFORM_THREADS}{@code =true} every
 * connection is served by a platform thread of its own throughout. Within a
 * connection, requests run concurrently, each started in the order it arrived, and callbacks into the client nest
 * without deadlock.
 *
 * <pre>{@code
 * try (Server server = new ThreadedServer(CalculatorService.class, ServerOptions.builder().port(18861).build())) {
 *     server.serve();
 * }
 * }</pre>
 */
public final class ThreadedServer extends AbstractServer {
    /** Mode setting: serve on platform threads instead of virtual ones ({@code false}). */
    public static final String PLATFORM_THREADS = "threaded.platform-threads";
    /** Mode setting: how many busy connections may move to platform threads at once. */
    public static final String BUSY_THREADS = "threaded.busy-threads";
    /** The default of {@value #BUSY_THREADS}. */
    public static final int DEFAULT_BUSY_THREADS = 64;

    private final Thread.Builder threads;
    private final @Nullable BusyConnectionThreads busyThreads;
    private final Set<Thread> running = ConcurrentHashMap.newKeySet();

    /** A server making a new {@code serviceClass} per connection (rpyc's {@code ThreadedServer(MyService)}). */
    public ThreadedServer(Class<?> serviceClass, ServerOptions options) {
        this(ClassServiceFactory.of(serviceClass), options);
    }

    /** A server making each connection's service with {@code factory}. */
    public ThreadedServer(ServiceFactory factory, ServerOptions options) {
        this(ServerContext.of(factory, options));
    }

    /** A server for {@code context}; bound when this returns. */
    public ThreadedServer(ServerContext context) {
        super(context);
        boolean platform = options().booleanSetting(PLATFORM_THREADS, false);
        threads = platform
                ? Thread.ofPlatform().name(name() + " client ", 1)
                : Thread.ofVirtual().name(name() + " client ", 1);
        int maxBusy = options().intSetting(BUSY_THREADS, DEFAULT_BUSY_THREADS);
        if (maxBusy < 0) {
            throw new IllegalArgumentException(BUSY_THREADS + " must be 0 or more, not " + maxBusy);
        }
        busyThreads = platform || maxBusy == 0 ? null
                : new BusyConnectionThreads(maxBusy, Thread.ofPlatform().name(name() + " reader ", 1));
    }

    @Override
    protected void handle(AcceptedSocket accepted) {
        if (busyThreads == null) {
            startClientThread(() -> clients().serve(accepted));
        } else if (!busyThreads.serveNew(accepted, clients(), this::startClientThread)) {
            // every platform slot is taken: this one starts quiet, on its virtual thread
            startClientThread(() -> clients().serve(accepted, busyThreads::serveQuietly));
        }
    }

    /** Runs {@code work} on a client thread of its own (virtual by default), which close() waits for. */
    private void startClientThread(Runnable work) {
        Thread thread = threads.unstarted(() -> {
            try {
                work.run();
            } finally {
                running.remove(Thread.currentThread());
            }
        });
        running.add(thread);
        thread.start();
    }

    /** How many connections pooled platform threads are reading now. */
    int busyConnections() {
        return busyThreads == null ? 0 : busyThreads.busyConnections();
    }

    @Override
    protected void onClose() {
        if (busyThreads != null) {
            busyThreads.close();   // first: a platform thread may still hand its connection to a client thread
        }
        List<Thread> threads = new ArrayList<>(running);
        if (busyThreads != null) {
            threads.addAll(busyThreads.threads());   // ended their tasks, maybe not yet their run()
        }
        joinAll(threads);
    }
}
