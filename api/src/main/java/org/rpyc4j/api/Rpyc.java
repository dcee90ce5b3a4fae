package org.rpyc4j.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.rpyc4j.api.error.RpycException;

/**
 * Connecting to an RPyC peer, like Python's {@code rpyc.connect} family.
 *
 * <pre>{@code
 * try (Connection conn = Rpyc.connect("localhost", 18861)) {
 *     Object sum = conn.root().callMethod("add", 1, 2);
 * }
 * }</pre>
 */
public final class Rpyc {
    private Rpyc() {
    }

    /** The protocol engine found on the module path (rpyc4j's core). */
    public static RpycEngine engine() {
        return Holder.ENGINE;
    }

    /** Connects over TCP (IPv4 or IPv6, as {@code host} resolves) with the default options (6.x dialect). */
    public static Connection connect(String host, int port) {
        return connect(host, port, ConnectOptions.defaults());
    }

    /** Connects over TCP with the given options. */
    public static Connection connect(String host, int port, ConnectOptions options) {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), (int) options.connectTimeout().toMillis());
            return engine().connect(Transport.of(socket), options);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new UncheckedIOException("cannot connect to " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** Connects to a Unix domain socket. */
    public static Connection connectUnix(Path socketPath, ConnectOptions options) {
        try {
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                channel.connect(UnixDomainSocketAddress.of(socketPath));
            } catch (IOException e) {
                channel.close();
                throw e;
            }
            return engine().connect(Transport.of(channel, socketPath.toString()), options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to " + socketPath + ": " + e.getMessage(), e);
        }
    }

    /** Connects over any byte stream (a pair of pipes, an already open socket). */
    public static Connection connect(Transport transport, ConnectOptions options) {
        return engine().connect(transport, options);
    }

    /**
     * Starts {@code command} and connects to it over its standard input and output (Python's
     * {@code connect_subproc}); closing the connection ends the process. Its standard error is inherited.
     */
    public static Connection connectSubprocess(List<String> command, ConnectOptions options) {
        return connectSubprocess(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT), options);
    }

    /**
     * Starts the process {@code builder} describes (its environment, directory and standard error as set
     * there) and connects to it over its standard input and output; closing the connection ends the process.
     */
    public static Connection connectSubprocess(ProcessBuilder builder, ConnectOptions options) {
        try {
            Process process = builder.start();
            Transport transport = Transport.of(process.getInputStream(), process.getOutputStream(), () -> {
                process.getOutputStream().close();
                process.destroy();
            }, "subprocess " + process.pid());
            return engine().connect(transport, options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + builder.command() + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing more to undo
        }
    }

    private static final class Holder {
        static final RpycEngine ENGINE = ServiceLoader.load(RpycEngine.class, Rpyc.class.getClassLoader())
                .findFirst()
                .orElseThrow(() -> new RpycException("no RPyC engine found: put the rpyc4j core module on the path"));
    }
}
