/**
 * Connections, remote references and services.
 *
 * <p>Start at {@link org.rpyc4j.api.Rpyc} to connect to a peer; write a service as a plain class whose
 * exposed methods carry {@link org.rpyc4j.api.Exposed}.
 */
@ParametersAreNonnullByDefault
package org.rpyc4j.api;

import javax.annotation.ParametersAreNonnullByDefault;
