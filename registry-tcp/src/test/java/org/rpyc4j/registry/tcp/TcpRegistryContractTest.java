package org.rpyc4j.registry.tcp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import javax.annotation.Nullable;
import org.rpyc4j.registry.testkit.RegistryTransportContract;

/** The registry contract over TCP: one connection per raw request, sent with one write as Python sends it. */
class TcpRegistryContractTest extends RegistryTransportContract {
    @Override
    protected String transport() {
        return "TCP";
    }

    @Override
    protected @Nullable byte[] exchange(int port, byte[] request, Duration wait) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(request);
            socket.setSoTimeout((int) wait.toMillis());
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    reply.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException e) {
                // what came so far
            }
            return reply.size() == 0 ? null : reply.toByteArray();
        }
    }
}
