package org.rpyc4j.auth.ssl.probe;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rpyc4j.api.Authenticator;
import org.rpyc4j.api.ClassServiceFactory;
import org.rpyc4j.api.ConnectOptions;
import org.rpyc4j.api.Connection;
import org.rpyc4j.api.Rpyc;
import org.rpyc4j.api.Server;
import org.rpyc4j.api.ServerOptions;
import org.rpyc4j.api.Transport;
import org.rpyc4j.server.threaded.ThreadedServer;
import org.rpyc4j.spi.auth.AuthenticatorProviders;
import org.rpyc4j.spi.auth.Authenticators;

/**
 * Run by {@code AuthenticatorsPluginTest} in a JVM with rpyc4j's modules on the module path (plug-in layers need
 * a named spi module to build on): lists the authenticators of plug-in folder {@code args[0]}; given a name
 * ({@code args[1]}) and options ({@code args[2]}: {@code k=v,k=v}), makes that authenticator, serves
 * {@link CredentialsService} with it on 127.0.0.1, and connects once per further argument, sending that
 * argument as a line before speaking RPyC. Prints what happened; exits when done.
 */
public final class AuthPluginProbe {
    private AuthPluginProbe() {
    }

    public static void main(String[] args) throws Exception {
        try {
            AuthenticatorProviders found = Authenticators.withPluginFolder(Path.of(args[0]));
            System.out.println("AVAILABLE " + found.available().stream()
                    .map(i -> i.name() + " in " + i.module() + " " + i.options().keySet()).toList());
            if (args.length < 3) {
                return;
            }
            Map<String, String> options = new LinkedHashMap<>();
            for (String pair : args[2].split(",")) {
                String[] kv = pair.split("=", 2);
                options.put(kv[0], kv[1]);
            }
            Authenticator authenticator = found.create(args[1], options);
            try (Server server = new ThreadedServer(ClassServiceFactory.of(CredentialsService.class),
                    ServerOptions.builder().authenticator(authenticator).build())) {
                server.start();
                for (int i = 3; i < args.length; i++) {
                    System.out.println(attempt(server.port(), args[i]));
                }
            }
        } catch (RuntimeException e) {
            System.out.println("ERROR " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static String attempt(int port, String secret) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(30_000);
        socket.getOutputStream().write((secret + "\n").getBytes(StandardCharsets.UTF_8));
        InputStream in = socket.getInputStream();
        byte[] answer = in.readNBytes(3);
        if (!new String(answer, StandardCharsets.US_ASCII).equals("OK\n")) {
            socket.close();
            return "REFUSED " + secret;
        }
        try (Connection conn = Rpyc.connect(Transport.of(socket), ConnectOptions.defaults())) {
            return "SERVED " + secret + " as " + conn.root().callMethod("credentials");
        }
    }
}
