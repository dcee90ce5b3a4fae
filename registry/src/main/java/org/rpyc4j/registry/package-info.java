/**
 * The registry's state, wire format, dispatch and server life cycle, shared by every registry transport.
 */
@ParametersAreNonnullByDefault
package org.rpyc4j.registry;

import javax.annotation.ParametersAreNonnullByDefault;
