/**
 * What socket serving modes share, one piece of code per idea: binding IPv4, IPv6 and Unix sockets
 * ({@link org.rpyc4j.spi.support.SocketListener}), the accept loop and orderly close
 * ({@link org.rpyc4j.spi.support.AbstractServer}), authenticating and serving a connection
 * ({@link org.rpyc4j.spi.support.ClientHandler}), rpyc's log lines ({@link org.rpyc4j.spi.support.ServerLog}),
 * registry keepalive, and services by class name ({@link org.rpyc4j.spi.support.ServiceClasses}).
 */
@ParametersAreNonnullByDefault
package org.rpyc4j.spi.support;

import javax.annotation.ParametersAreNonnullByDefault;
