package org.rpyc4j.spi.support;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;
import org.rpyc4j.api.Registrar;

/**
 * Keeps a server registered, as rpyc's {@code _bg_register} does: registers at once, again every
 * {@link Registrar#reregisterInterval()} after a success, about once a second after a failure; unregisters
 * on {@link #close()}.
 */
final class RegistrarKeepalive implements AutoCloseable {
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final Registrar registrar;
    private final List<String> aliases;
    private final int port;
    private final String host;
    private final ServerLog log;
    private final CountDownLatch stop = new CountDownLatch(1);
    private @Nullable Thread thread;

    RegistrarKeepalive(Registrar registrar, List<String> aliases, int port, String host, ServerLog log) {
        this.registrar = registrar;
        this.aliases = aliases;
        this.port = port;
        this.host = host;
        this.log = log;
    }

    void start() {
        log.autoRegisterStarted(registrar.reregisterInterval());
        thread = Thread.ofVirtual().name(log.logger().getName() + " auto-register").start(this::run);
    }

    private void run() {
        try {
            Duration wait;
            do {
                boolean registered = false;
                try {
                    registered = registrar.register(aliases, port, host);
                } catch (RuntimeException e) {
                    log.registerFailed(e);
                }
                if (!registered) {
                    log.registerRetry();
                }
                wait = registered ? registrar.reregisterInterval() : RETRY;
            } while (!stop.await(wait.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops re-registering, waits for a registration in progress, and unregisters. */
    @Override
    public void close() {
        stop.countDown();
        Thread t = thread;
        if (t != null) {
            try {
                t.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            registrar.unregister(port);
        } catch (RuntimeException e) {
            log.unregisterFailed(e);
        }
    }
}
