/** The UDP registry transport: server, client and provider. */
@ParametersAreNonnullByDefault
package org.rpyc4j.registry.udp;

import javax.annotation.ParametersAreNonnullByDefault;
