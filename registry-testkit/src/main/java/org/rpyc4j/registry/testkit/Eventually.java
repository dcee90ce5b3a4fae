package org.rpyc4j.registry.testkit;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assertions;

/** Polling a value until it is as expected, failing the test with the last value when it is not in time. */
public final class Eventually {
    private Eventually() {
    }

    /** The first value of {@code value} that {@code expected} accepts, asked every 50 ms for up to {@code timeout}. */
    public static <T> T until(Supplier<T> value, Predicate<T> expected, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = value.get();
        while (!expected.test(last)) {
            if (System.nanoTime() > deadline) {
                Assertions.fail("not within " + timeout + ": " + what + " (last seen: " + last + ")");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                Assertions.fail("interrupted waiting for: " + what);
            }
            last = value.get();
        }
        return last;
    }
}
