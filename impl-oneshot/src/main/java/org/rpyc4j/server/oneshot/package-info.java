/**
 * The oneshot serving mode (rpyc's {@code OneShotServer}): {@link org.rpyc4j.server.oneshot.OneShotServer}
 * serves one connection and closes, announcing its address in {@code rpyc_classic}'s banner; found as
 * {@code oneshot} through {@link org.rpyc4j.server.oneshot.OneShotServerProvider}.
 */
@ParametersAreNonnullByDefault
package org.rpyc4j.server.oneshot;

import javax.annotation.ParametersAreNonnullByDefault;
