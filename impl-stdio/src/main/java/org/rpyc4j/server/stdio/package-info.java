/**
 * The stdio serving mode: {@link org.rpyc4j.server.stdio.StdioServer} serves one connection over the process's
 * standard streams (inetd, {@code connect_subproc}), or over the socket inetd or systemd hands over; found as
 * {@code stdio} through {@link org.rpyc4j.server.stdio.StdioServerProvider}.
 */
@ParametersAreNonnullByDefault
package org.rpyc4j.server.stdio;

import javax.annotation.ParametersAreNonnullByDefault;
