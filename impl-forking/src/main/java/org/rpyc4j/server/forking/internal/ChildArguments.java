package org.rpyc4j.server.forking.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.annotation.Nullable;
import org.rpyc4j.api.ProtocolConfig;

/**
 * What a forked child needs to serve a connection as its parent would, as it travels on the child's command
 * line.
 *
 * @param control the Unix socket path on which the child receives the server's listening socket
 * @param service the class name of the service, or of a {@code ServiceFactory}
 * @param authenticator the authenticator's class name or {@link org.rpyc4j.spi.auth.NamedAuthenticator#spec()}, or
 *     {@code null}
 * @param loggerName the parent server's logger name, which the child's log lines use too
 * @param config the protocol configuration
 */
public record ChildArguments(Path control, String service, @Nullable String authenticator, String loggerName,
        ProtocolConfig config) {

    public ChildArguments {
        Objects.requireNonNull(control, "control");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(loggerName, "loggerName");
        Objects.requireNonNull(config, "config");
    }

    /** The command-line arguments. */
    public List<String> toArguments() {
        List<String> args = new ArrayList<>(List.of("--control", control.toString(), "--service", service,
                "--logger", loggerName, "--config", RecordCodec.encode(config)));
        if (authenticator != null) {
            args.addAll(List.of("--authenticator", authenticator));
        }
        return args;
    }

    /**
     * Reads {@link #toArguments()}.
     *
     * @throws IllegalArgumentException on anything else
     */
    public static ChildArguments parse(String[] args) {
        Path control = null;
        String service = null;
        String authenticator = null;
        String logger = null;
        ProtocolConfig config = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--control" -> control = Path.of(value);
                case "--service" -> service = value;
                case "--authenticator" -> authenticator = value;
                case "--logger" -> logger = value;
                case "--config" -> config = RecordCodec.decode(ProtocolConfig.class, value);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("arguments come in pairs: " + List.of(args));
        }
        return new ChildArguments(control, service, authenticator, logger, config);
    }
}
