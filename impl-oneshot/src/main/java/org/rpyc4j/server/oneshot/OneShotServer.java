package org.rpyc4j.server.oneshot;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import org.rpyc4j.api.ClassServiceFactory;
import org.rpyc4j.api.ServerOptions;
import org.rpyc4j.api.ServiceFactory;
import org.rpyc4j.spi.ServerContext;
import org.rpyc4j.spi.support.AbstractServer;
import org.rpyc4j.spi.support.AcceptedSocket;
import org.rpyc4j.spi.support.ServiceClasses;
import org.rpyc4j.spi.support.StandardStreams;

/**
 * Serves a single connection, then closes (rpyc's {@code OneShotServer}). When it starts serving it prints
 * the banner of {@code rpyc_classic -m oneshot} on standard output, which tools parse to find the server:
 * <pre>
 * rpyc-oneshot
 * HOST&lt;TAB&gt;PORT
 * </pre>
 * (the host as bound, e.g. {@code 127.0.0.1}; for a Unix socket an empty host and the socket path). The mode
 * setting {@value #BANNER}{@code =false} turns the banner off. Port 0 (the default) listens on an ephemeral
 * port, which the banner reports.
 */
public final class OneShotServer extends AbstractServer {
    /** Mode setting: print the banner when serving starts ({@code true}). */
    public static final String BANNER = "oneshot.banner";
    /** The banner's first line. */
    public static final String BANNER_MAGIC = "rpyc-oneshot";

    private final PrintStream banner;

    /** A server making a new {@code serviceClass} for its one connection; the banner goes to {@code System.out}. */
    public OneShotServer(Class<?> serviceClass, ServerOptions options) {
        this(ClassServiceFactory.of(serviceClass), options);
    }

    /** A server serving what {@code factory} makes; the banner goes to {@code System.out}. */
    public OneShotServer(ServiceFactory factory, ServerOptions options) {
        this(ServerContext.of(factory, options));
    }

    /** A server for {@code context}; the banner goes to {@code System.out}. Bound when this returns. */
    public OneShotServer(ServerContext context) {
        this(context, System.out);
    }

    /** A server for {@code context} printing its banner to {@code banner}. Bound when this returns. */
    public OneShotServer(ServerContext context, OutputStream banner) {
        super(context);
        Objects.requireNonNull(banner, "banner");
        this.banner = banner instanceof PrintStream print ? print : new PrintStream(banner, true, StandardCharsets.UTF_8);
    }

    @Override
    protected void onServe() {
        if (options().booleanSetting(BANNER, true)) {
            // one write, as rpyc_classic writes both lines before a single flush
            banner.print(BANNER_MAGIC + "\n" + host() + "\t" + listener().portOrPath() + "\n");
            banner.flush();
        }
    }

    @Override
    protected void handle(AcceptedSocket accepted) {
        try {
            clients().serve(accepted);
        } finally {
            close();   // one connection only: the listener closes, the loop ends
        }
    }

    /**
     * Serves one connection and exits:
     * {@code java -m org.rpyc4j.server.oneshot SERVICE_CLASS [--host HOST] [--port PORT] [--ipv6] [--unix PATH]}.
     * The banner is the only output on stdout; logging goes to stderr.
     */
    public static void main(String[] args) {
        OutputStream stdout = StandardStreams.takeStdout();   // first: the banner must be the first bytes
        if (args.length == 0) {
            System.err.println("usage: java -m org.rpyc4j.server.oneshot/org.rpyc4j.server.oneshot.OneShotServer"
                    + " SERVICE_CLASS [--host HOST] [--port PORT] [--ipv6] [--unix PATH]");
            System.exit(2);
        }
        ServerOptions.Builder options = ServerOptions.builder();
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--host" -> options.host(args[++i]);
                case "--port" -> options.port(Integer.parseInt(args[++i]));
                case "--ipv6" -> options.ipv6(true);
                case "--unix" -> options.unixSocketPath(Path.of(args[++i]));
                default -> {
                    System.err.println("unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        ServiceFactory factory = ServiceClasses.factoryFor(args[0], ClassLoader.getSystemClassLoader());
        new OneShotServer(ServerContext.of(factory, options.build()), stdout).serve();
        System.exit(0);
    }
}
