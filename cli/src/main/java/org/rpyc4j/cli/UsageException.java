package org.rpyc4j.cli;

import java.io.Serial;

/** A command line that cannot be run: the launcher prints the message on one line and exits with status 2. */
public final class UsageException extends Exception {
    @Serial
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
