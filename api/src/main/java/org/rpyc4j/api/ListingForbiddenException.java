package org.rpyc4j.api;

import org.rpyc4j.api.error.RpycException;

/**
 * The registry does not allow listing its services (it answered {@code LIST} with {@code None}); rpyc's
 * {@code ForbiddenError("Registry doesn't allow listing")}.
 */
public class ListingForbiddenException extends RpycException {
    /** rpyc's message. */
    public static final String MESSAGE = "Registry doesn't allow listing";

    public ListingForbiddenException() {
        super(MESSAGE);
    }
}
