package org.rpyc4j.core.protocol;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import javax.annotation.Nullable;
import org.rpyc4j.api.Connection;
import org.rpyc4j.api.ConnectionDiagnostics;
import org.rpyc4j.api.Dialect;
import org.rpyc4j.api.NetRef;
import org.rpyc4j.api.ProtocolConfig;
import org.rpyc4j.api.Service;
import org.rpyc4j.api.ServiceFactory;
import org.rpyc4j.api.Transport;
import org.rpyc4j.api.error.ConnectionClosedException;
import org.rpyc4j.api.error.ProtocolException;
import org.rpyc4j.api.error.RequestTimeoutException;
import org.rpyc4j.api.value.Tuple;
import org.rpyc4j.core.channel.Envelope;
import org.rpyc4j.core.channel.FrameReader;
import org.rpyc4j.core.channel.Message;
import org.rpyc4j.core.object.PyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One RPyC connection: both peers send requests, any thread may use it, and requests nest to any depth.
 * Reads a frame, dispatches it (a request is served and answered, a reply goes to its waiter), and closes
 * once, for either side. Who reads when is the {@link ReaderRole}'s decision; references both ways live in
 * {@link ReferenceTables}, requests awaiting answers in {@link PendingCalls}, and messages leave through the
 * {@link MessageWriter}. A synchronous request waits at most {@link ProtocolConfig#syncRequestTimeout()}.
 */
public final class RpycConnection implements Connection, PeerRequests, RequestHandlers.Session {
    /** The most requests of one connection that execute at once. */
    static final int MAX_CONCURRENT_REQUESTS = 256;
    private static final Logger LOG = LoggerFactory.getLogger(RpycConnection.class);
    private static final String DEFAULT_PING = "abcdefghijklmnopqrstuvwxyz".repeat(20);
    private static final AtomicLong NEXT_ID = new AtomicLong(1);

    private final long id = NEXT_ID.getAndIncrement();
    private final Transport transport;
    private final FrameReader reader;
    private final ProtocolConfig config;
    private final boolean serverSide;
    private final @Nullable Object credentials;
    /** Null on a server connection until the peer's first frame has told it ({@link FirstFrame}). */
    private volatile @Nullable Dialect dialect;
    private volatile Object localRoot;
    private volatile @Nullable List<String> aliases;
    private volatile @Nullable PeerObjectProxy remoteRoot;

    private final CloseState state = new CloseState();
    private final CompletableFuture<Void> closeFuture = new CompletableFuture<>();
    private final ReferenceTables refs = new ReferenceTables(this, this::release);
    private final PendingCalls calls = new PendingCalls();
    private final RequestHandlers handlers = new RequestHandlers(this, refs);
    private final ReaderRole role;
    private final MessageWriter writer;

    private RpycConnection(Transport transport, ProtocolConfig config, @Nullable Dialect dialect, boolean serverSide,
            @Nullable Object credentials) {
        this.transport = transport;
        this.config = config;
        this.dialect = dialect;
        this.serverSide = serverSide;
        this.credentials = credentials;
        // A deliberate shortcut through the layers: the frame reader peeks into the brine of a large payload so
        // that a large bytes value is read once, into an array of its own (a framer proper would never look at
        // the payload). See FrameReader.spliceLargeBytes().
        this.reader = new FrameReader(transport.input(), config.maxFrameSize(), config.maxInflatedSize())
                .spliceLargeBytes();
        this.writer = new MessageWriter(transport.output(), config.compressionThreshold(), state);
        this.role = new ReaderRole(new Frames(), state, MAX_CONCURRENT_REQUESTS, "rpyc-reader-" + id);
        this.localRoot = new Object();
    }

    /** A client connection: speaks {@code dialect} from the start and serves {@code service} to the peer. */
    public static RpycConnection client(Transport transport, Dialect dialect, Object service, ProtocolConfig config) {
        RpycConnection c = new RpycConnection(transport, config, dialect, false, null);
        c.localRoot = service;
        c.connected();
        return c;
    }

    /**
     * A server connection: learns the dialect from the peer's first frame and serves what {@code factory}
     * makes. The caller runs {@link #serveAll()}.
     */
    public static RpycConnection server(Transport transport, ServiceFactory factory, ProtocolConfig config,
            @Nullable Object credentials) {
        RpycConnection c = new RpycConnection(transport, config, null, true, credentials);
        c.localRoot = factory.create(c);
        c.connected();
        return c;
    }

    private void connected() {
        if (localRoot instanceof Service s) {
            s.onConnect(this);
        }
    }

    // ---------------------------------------------------------------- Connection

    @Override
    public NetRef root() {
        PeerObjectProxy root = remoteRoot;
        if (root == null) {
            Object r = sync(HandlerCode.GETROOT);
            if (!(r instanceof PeerObjectProxy ref)) {
                throw new ProtocolException("GETROOT answered a value, not a reference: " + r);
            }
            remoteRoot = root = ref;
        }
        return root;
    }

    @Override
    public Object localRoot() {
        return localRoot;
    }

    @Override
    public Dialect dialect() {
        Dialect d = dialect;
        if (d == null) {
            awaitDialect();
            d = dialect;
        }
        return d;
    }

    @Override
    public ProtocolConfig config() {
        return config;
    }

    @Override
    public String peer() {
        return transport.peer();
    }

    @Override
    @Nullable
    public Object credentials() {
        return credentials;
    }

    @Override
    public void ping() {
        ping(DEFAULT_PING, Duration.ofSeconds(3));
    }

    @Override
    public void ping(String data, Duration timeout) {
        Object echoed = sync(HandlerCode.PING, timeout, new Object[] {data});
        if (!data.equals(echoed)) {
            throw new ProtocolException("PING echoed " + echoed + " instead of what was sent");
        }
    }

    @Override
    public void serveAll() {
        role.addServing(1);
        try {
            pump(() -> false, 0);
        } catch (ConnectionClosedException e) {
            // the normal end of serving
        } finally {
            role.addServing(-1);
        }
    }

    @Override
    public boolean serve(Duration timeout) {
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        role.addServing(1);
        try {
            if (role.acquire(() -> false, deadline, transport.supportsReadTimeout())) {
                readOne(deadline);
            }
            return true;
        } catch (RequestTimeoutException e) {
            return false;
        } finally {
            role.addServing(-1);
        }
    }

    @Override
    public Thread serveInBackground() {
        return Thread.ofVirtual().name("rpyc-serve-" + id).start(this::serveAll);
    }

    @Override
    public CompletionStage<Void> closeFuture() {
        return closeFuture.minimalCompletionStage();
    }

    @Override
    public boolean isClosed() {
        return state.isClosed();
    }

    @Override
    public void close() {
        if (state.isClosed()) {
            return;
        }
        Dialect d = dialect;
        if (d != null) {
            try {
                // CLOSE gets no answer: send it and hang up at once
                write(Message.REQUEST, calls.unansweredSeq(), Tuple.of(HandlerCode.CLOSE.code,
                        Tuple.of(Label.VALUE, Tuple.EMPTY)));
            } catch (RuntimeException e) {
                LOG.debug("connection {}: CLOSE not sent: {}", id, e.toString());
            }
        }
        shutdown("closed by this side");
    }

    @Override
    public ConnectionDiagnostics diagnostics() {
        return new ConnectionDiagnostics(refs.exportCount(), refs.proxyCount(), calls.size(),
                role.executingRequests());
    }

    // ---------------------------------------------------------------- what the handlers and proxies use

    @Override
    public Connection connection() {
        return this;
    }

    @Override
    public boolean isRoot(Object object) {
        return object == localRoot;
    }

    @Override
    public List<String> serviceAliases() {
        List<String> a = aliases;
        if (a == null) {
            aliases = a = Service.aliases(localRoot.getClass());
        }
        return a;
    }

    @Override
    public void closedByPeer() {
        shutdown("the peer sent CLOSE");
    }

    /** How many of this side's objects the peer currently holds references to. */
    public int exportedObjectCount() {
        return refs.exportCount();
    }

    // ---------------------------------------------------------------- requests

    @Override
    @Nullable
    public Object sync(HandlerCode handler, Object... args) {
        return sync(handler, config.syncRequestTimeout(), args);
    }

    @Nullable
    private Object sync(HandlerCode handler, Duration timeout, Object[] args) {
        PendingCalls.Pending p = send(handler, args, false);
        long deadline = timeout.isZero() || timeout.isNegative() ? 0 : System.nanoTime() + timeout.toNanos();
        try {
            pump(() -> p.done, deadline);
        } catch (RequestTimeoutException e) {
            throw new RequestTimeoutException(handler + " got no reply within " + timeout.toMillis() + " ms");
        } finally {
            calls.forget(p);
        }
        return p.result();
    }

    @Override
    public CompletableFuture<Object> async(HandlerCode handler, Object... args) {
        PendingCalls.Pending p = send(handler, args, true);
        role.ensureReader();
        return p.future;
    }

    private PendingCalls.Pending send(HandlerCode handler, Object[] args, boolean async) {
        if (state.isClosed()) {
            throw state.error("connection is closed");
        }
        if (dialect == null) {
            awaitDialect();
        }
        PendingCalls.Pending p = calls.open(async);
        try {
            write(Message.REQUEST, p.seq, Tuple.of(handler.code, refs.box(new Tuple(Arrays.asList(args)))));
        } catch (RuntimeException e) {
            calls.forget(p);
            throw e;
        }
        return p;
    }

    /** Tells the peer that a proxy died holding {@code count} references (from the cleaner, without waiting). */
    private void release(IdPack ref, long count) {
        if (state.isClosed()) {
            return; // the peer drops everything on close: nothing to release
        }
        Thread.ofVirtual().name("rpyc-del-" + id).start(() -> {
            try {
                send(HandlerCode.DEL, new Object[] {new ReferenceTables.LocalRef(ref), count}, true);
                role.ensureReader();
            } catch (RuntimeException e) {
                LOG.debug("connection {}: DEL not sent: {}", id, e.toString());
            }
        });
    }

    // ---------------------------------------------------------------- reading

    /**
     * Reads and dispatches frames until {@code done} holds or the connection closes. A thread reads itself only
     * when it can bound the read in time (a transport with read timeouts, or no deadline); otherwise it waits
     * while a standby reads.
     *
     * @param deadline a {@link System#nanoTime()} deadline, 0 for none
     */
    private void pump(BooleanSupplier done, long deadline) {
        boolean mayRead = deadline == 0 || transport.supportsReadTimeout();
        while (role.acquire(done, deadline, mayRead)) {
            readOne(deadline);
        }
    }

    /** Blocks until the peer's first frame has told the dialect (server side, before sending anything). */
    private void awaitDialect() {
        pump(() -> dialect != null, 0);
    }

    /** Called holding the reader role; reads one frame and dispatches it. Always gives up the role. */
    private void readOne(long deadline) {
        boolean held = true;
        try {
            byte[] payload;
            try {
                if (transport.supportsReadTimeout()) {
                    long left = deadline == 0 ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
                    transport.setReadTimeout((int) Math.min(left, Integer.MAX_VALUE));
                }
                if (dialect == null && FirstFrame.screen(reader) instanceof FirstFrame.Refused(String reason)) {
                    fail(reason);
                    return;
                }
                payload = reader.readPayload();
            } catch (SocketTimeoutException e) {
                throw new RequestTimeoutException("timed out");
            } catch (IOException e) {
                shutdown(state.isClosed() ? state.reason() : "connection lost: " + e.getMessage());
                return;
            }
            if (payload == null) {
                shutdown("the peer closed the connection");
                return;
            }
            Dialect d = dialect;
            if (d == null) {
                switch (FirstFrame.select(payload)) {
                    case FirstFrame.Refused(String reason) -> {
                        fail(reason);
                        return;
                    }
                    case FirstFrame.Speaks(Dialect spoken) -> {
                        dialect = d = spoken;
                        role.wakeWaiters();
                    }
                }
            }
            Message message;
            try {
                message = Envelope.decode(d, payload, reader.takeSplice());
            } catch (ProtocolException e) {
                fail(e.getMessage());
                return;
            }
            if (message.type() == Message.REQUEST) {
                role.beginRequest();
                held = false;
                try {
                    serveRequest(message);
                } finally {
                    role.endRequest();
                }
            } else {
                receiveReply(message);
            }
        } catch (ProtocolException e) {
            fail(e.getMessage());
        } finally {
            if (held) {
                role.release();
            }
        }
    }

    /** The reading side as the reader role sees it. */
    private final class Frames implements ReaderRole.Stream {
        @Override
        public void readOne(long deadline) {
            RpycConnection.this.readOne(deadline);
        }

        @Override
        public boolean awaitsReplies() {
            return !calls.isEmpty();
        }

        @Override
        public boolean owesAsyncReplies() {
            return calls.owesAsync();
        }
    }

    // ---------------------------------------------------------------- dispatching

    /** Hands a reply (or the peer's exception) to the request it answers. */
    private void receiveReply(Message message) {
        PendingCalls.Pending p = calls.take(message.seq());
        if (p == null) {
            LOG.debug("connection {}: dropped a reply to unknown request {}", id, message.seq());
            return;
        }
        if (message.type() == Message.REPLY) {
            Object value;
            try {
                value = refs.unbox(message.args());
            } catch (RuntimeException e) {
                p.fail(e);
                return;
            }
            p.succeed(value);
        } else {
            p.fail(Vinegar.load(message.args()));
        }
        if (!p.async) {
            role.wakeWaiters();
        }
    }

    /** Serves one of the peer's requests and answers it: the reply, or the exception it raised. */
    private void serveRequest(Message message) {
        Object seq = message.seq();
        Object result;
        HandlerCode handler = null;
        try {
            if (!(message.args() instanceof Tuple args) || args.size() != 2) {
                throw PyException.typeError("a request is (handler, args), got " + message.args());
            }
            handler = HandlerCode.of(args.get(0));
            if (handler == null) {
                throw PyException.keyError(args.get(0));
            }
            result = handlers.handle(handler, args.get(1));
            if (result == RequestHandlers.NO_REPLY) {
                return;
            }
        } catch (Throwable t) {
            if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError || t instanceof OutOfMemoryError)) {
                throw (VirtualMachineError) t;
            }
            if (config.logExceptions()) {
                LOG.debug("connection {}: request {} {} raised", id, seq, handler, t);
            }
            sendQuietly(Message.EXCEPTION, seq, Vinegar.dump(t, config, dialect));
            return;
        }
        Object boxed;
        try {
            boxed = refs.box(result);
        } catch (RuntimeException e) {
            sendQuietly(Message.EXCEPTION, seq, Vinegar.dump(e, config, dialect));
            return;
        }
        sendQuietly(Message.REPLY, seq, boxed);
    }

    // ---------------------------------------------------------------- writing

    /** Sends an answer; a connection that has gone away meanwhile is no error of the request's. */
    private void sendQuietly(int type, Object seq, Object args) {
        try {
            write(type, seq, args);
        } catch (ConnectionClosedException e) {
            LOG.debug("connection {}: answer to {} not sent: {}", id, seq, e.getMessage());
        } catch (ProtocolException e) {
            // the answer could not be encoded (e.g. an int Python cannot read): say so instead
            write(Message.EXCEPTION, seq, Vinegar.dump(e, config, dialect));
        }
    }

    private void write(int type, Object seq, Object args) {
        try {
            writer.write(dialect, type, seq, args);
        } catch (IOException e) {
            shutdown("connection lost while sending: " + e.getMessage());
            throw new ConnectionClosedException("connection lost while sending", e);
        }
    }

    // ---------------------------------------------------------------- closing

    /** A protocol violation: log one line and drop the connection. */
    private void fail(String reason) {
        if (!state.isClosed()) {
            LOG.warn("closing connection from {}: {}", transport.peer(), reason);
        }
        shutdown(reason);
    }

    private void shutdown(String reason) {
        if (!state.close(reason)) {
            return;
        }
        try {
            transport.close();
        } catch (IOException e) {
            LOG.debug("connection {}: closing the transport: {}", id, e.toString());
        }
        calls.failAll(new ConnectionClosedException("connection closed: " + reason));
        refs.clear();
        role.wakeWaiters();
        if (localRoot instanceof Service s) {
            try {
                s.onDisconnect(this);
            } catch (RuntimeException e) {
                LOG.warn("connection {}: onDisconnect failed", id, e);
            }
        }
        closeFuture.complete(null);
    }

    @Override
    public String toString() {
        return "RpycConnection#" + id + "(" + transport.peer() + ", " + dialect + (serverSide ? ", server" : "")
                + ")";
    }
}
