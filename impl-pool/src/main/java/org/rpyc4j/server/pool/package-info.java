/**
 * The pool serving mode (rpyc's {@code ThreadPoolServer}): {@link org.rpyc4j.server.pool.ThreadPoolServer}, a
 * fixed pool of workers, one per connection, a connection beyond the pool dropped at once; found as
 * {@code pool} through {@link org.rpyc4j.server.pool.ThreadPoolServerProvider}.
 */
@ParametersAreNonnullByDefault
package org.rpyc4j.server.pool;

import javax.annotation.ParametersAreNonnullByDefault;
