package org.rpyc4j.server.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import org.rpyc4j.api.ClassServiceFactory;
import org.rpyc4j.api.ServerOptions;
import org.rpyc4j.api.ServiceFactory;
import org.rpyc4j.spi.ServerContext;
import org.rpyc4j.spi.support.AbstractServer;
import org.rpyc4j.spi.support.AcceptedSocket;

/**
 * Serves connections with a fixed pool of worker threads (rpyc's {@code ThreadPoolServer}, default 20
 * workers; mode setting {@value #POOL_SIZE}). A connection gets a worker for its whole life; one arriving
 * while every worker is serving one is dropped at once — closed cleanly, with a log line — rather than queued,
 * and the server goes on (a worker counts as free from the moment its last connection has ended, whether or not
 * it is already waiting for the next one). The pool bounds how many connections are served at once: within a connection the
 * engine still runs requests concurrently (on short-lived virtual threads) and callbacks nest.
 */
public final class ThreadPoolServer extends AbstractServer {
    /** Mode setting: the number of worker threads ({@value #DEFAULT_POOL_SIZE}). */
    public static final String POOL_SIZE = "pool.size";
    /** rpyc's default {@code nbThreads}. */
    public static final int DEFAULT_POOL_SIZE = 20;

    private final int size;
    /** A permit per worker not serving a connection; the accept loop takes one for each connection it hands on. */
    private final Semaphore freeWorkers;
    /** Connections handed on and not yet taken by a worker: never more than the permits taken. */
    private final LinkedBlockingQueue<AcceptedSocket> handedOn = new LinkedBlockingQueue<>();
    private final List<Thread> workers = new ArrayList<>();

    /** A server making a new {@code serviceClass} per connection. */
    public ThreadPoolServer(Class<?> serviceClass, ServerOptions options) {
        this(ClassServiceFactory.of(serviceClass), options);
    }

    /** A server making each connection's service with {@code factory}. */
    public ThreadPoolServer(ServiceFactory factory, ServerOptions options) {
        this(ServerContext.of(factory, options));
    }

    /**
     * A server for {@code context}; bound when this returns.
     *
     * @throws IllegalArgumentException when the pool size is not positive
     */
    public ThreadPoolServer(ServerContext context) {
        super(context);
        size = options().intSetting(POOL_SIZE, DEFAULT_POOL_SIZE);
        if (size < 1) {
            close();
            throw new IllegalArgumentException(POOL_SIZE + " must be positive: " + size);
        }
        freeWorkers = new Semaphore(size);
    }

    /** The number of workers. */
    public int poolSize() {
        return size;
    }

    @Override
    protected void onServe() {
        for (int i = 0; i < size; i++) {
            workers.add(Thread.ofPlatform().name(name() + " worker " + i).start(this::work));
        }
    }

    private void work() {
        try {
            while (!isClosed()) {
                AcceptedSocket accepted = handedOn.take();
                try {
                    clients().serve(accepted);
                } finally {
                    freeWorkers.release();
                }
            }
        } catch (InterruptedException e) {
            // the server is closing
        }
    }

    @Override
    protected void handle(AcceptedSocket accepted) {
        if (freeWorkers.tryAcquire()) {
            handedOn.add(accepted);
        } else {
            log().dropped(accepted.addrinfo(), "all " + size + " workers are busy");
            accepted.drop();
        }
    }

    @Override
    protected void onClose() {
        workers.forEach(Thread::interrupt);   // idle ones wait in take(); busy ones had their connection closed
        joinAll(workers);
        for (AcceptedSocket left; (left = handedOn.poll()) != null; ) {
            left.drop();   // handed on as the server closed, before a worker took it
        }
    }
}
