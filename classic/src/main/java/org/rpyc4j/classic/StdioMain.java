package org.rpyc4j.classic;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import org.rpyc4j.api.Connection;
import org.rpyc4j.api.Rpyc;
import org.rpyc4j.api.Transport;

/**
 * Serves the classic service to one peer over this process's standard input and output, like
 * {@code rpyc_classic --mode stdio}, then exits. A Python program starts it with
 *
 * <pre>{@code
 * conn = rpyc.utils.factory.connect_subproc(
 *     ["java", "--module-path", MODULE_PATH, "-m", "org.rpyc4j.classic/org.rpyc4j.classic.StdioMain"],
 *     rpyc.classic.SlaveService)
 * conn.eval("1 + 1")
 * }</pre>
 *
 * <p>Standard output carries the protocol alone: {@code System.out} is redirected to standard error before
 * anything else runs, so that Java code evaluated for the peer (and any logging) prints there instead of
 * corrupting the stream.
 */
public final class StdioMain {
    private StdioMain() {
    }

    public static void main(String[] args) {
        OutputStream frames = new FileOutputStream(FileDescriptor.out);
        InputStream in = new FileInputStream(FileDescriptor.in);
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
        Transport transport = Transport.of(in, frames, () -> {
            in.close();
            frames.close();
        }, "stdio");
        Connection connection = Rpyc.engine().accept(transport, ClassicService.factory(), ClassicService.config(),
                null);
        connection.serveAll();
        connection.close();
        System.exit(0); // threads user code started must not keep a served-out process alive
    }
}
