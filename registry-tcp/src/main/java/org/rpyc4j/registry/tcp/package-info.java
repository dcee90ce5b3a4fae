/** The TCP registry transport: server, client and provider. */
@ParametersAreNonnullByDefault
package org.rpyc4j.registry.tcp;

import javax.annotation.ParametersAreNonnullByDefault;
