package org.rpyc4j.core.protocol;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Starts a reader for connections whose reader role has stayed vacant while a request runs. A thread that
 * picks up a request runs it without handing the stream on (a request is usually over in microseconds, and
 * then the same thread reads on); but a request may block until the peer sends another one, and then someone
 * else must read. One daemon thread for the whole JVM checks the connections that have such a request every
 * half millisecond, and sleeps when there are none.
 */
final class VacancyWatchdog {
    /** How long the role may stay vacant while a request runs before a reader is started. */
    static final long PATIENCE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long TICK_NANOS = PATIENCE_NANOS / 2;
    /** Ticks with nothing to watch before the thread sleeps until the next {@link #watch}. */
    private static final int IDLE_TICKS = 200;

    private static final Set<RpycConnection> WATCHED = ConcurrentHashMap.newKeySet();
    private static volatile boolean sleeping;
    private static final Thread THREAD = Thread.ofPlatform().daemon().name("rpyc-watchdog")
            .start(VacancyWatchdog::run);

    private VacancyWatchdog() {
    }

    static void watch(RpycConnection connection) {
        WATCHED.add(connection);
        if (sleeping) {
            LockSupport.unpark(THREAD);
        }
    }

    private static void run() {
        int idle = 0;
        while (true) {
            if (WATCHED.isEmpty() && ++idle > IDLE_TICKS) {
                sleeping = true;
                if (WATCHED.isEmpty()) {
                    LockSupport.park();
                }
                sleeping = false;
                idle = 0;
            } else {
                LockSupport.parkNanos(TICK_NANOS);
            }
            long now = System.nanoTime();
            for (RpycConnection c : WATCHED) {
                if (!c.checkVacancy(now, PATIENCE_NANOS)) {
                    WATCHED.remove(c);
                }
            }
            if (!WATCHED.isEmpty()) {
                idle = 0;
            }
        }
    }
}
