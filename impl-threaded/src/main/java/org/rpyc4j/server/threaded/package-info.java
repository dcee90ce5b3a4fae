/**
 * The threaded serving mode (rpyc's {@code ThreadedServer}): {@link org.rpyc4j.server.threaded.ThreadedServer},
 * a thread per connection, virtual by default, with busy connections moved onto pooled platform threads
 * ({@link org.rpyc4j.server.threaded.BusyConnectionThreads}); found as {@code threaded} through
 * {@link org.rpyc4j.server.threaded.ThreadedServerProvider}.
 */
@ParametersAreNonnullByDefault
package org.rpyc4j.server.threaded;

import javax.annotation.ParametersAreNonnullByDefault;
