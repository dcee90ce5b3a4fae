package org.rpyc4j.core.protocol;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.ref.Cleaner;
import java.lang.ref.WeakReference;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import javax.annotation.Nullable;
import org.rpyc4j.api.Connection;
import org.rpyc4j.api.Dialect;
import org.rpyc4j.api.NetRef;
import org.rpyc4j.api.ProtocolConfig;
import org.rpyc4j.api.Service;
import org.rpyc4j.api.ServiceFactory;
import org.rpyc4j.api.Transport;
import org.rpyc4j.api.error.ConnectionClosedException;
import org.rpyc4j.api.error.ProtocolException;
import org.rpyc4j.api.error.RequestTimeoutException;
import org.rpyc4j.api.error.RpycException;
import org.rpyc4j.api.value.Tuple;
import org.rpyc4j.core.brine.Brine;
import org.rpyc4j.core.brine.BrineWriter;
import org.rpyc4j.core.channel.Envelope;
import org.rpyc4j.core.channel.FrameReader;
import org.rpyc4j.core.channel.FrameWriter;
import org.rpyc4j.core.channel.Message;
import org.rpyc4j.core.object.ObjectContext;
import org.rpyc4j.core.object.RemoteInterfaces;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One RPyC connection: both peers send requests, any thread may use it, and requests nest to any depth.
 *
 * <h2>Who reads the stream</h2>
 * There is no dedicated reader thread. At most one thread at a time holds the <em>reader role</em> and reads
 * frames: a thread waiting for its reply (so a plain call costs no thread hand-off), the thread running
 * {@link #serveAll()}, or a short-lived virtual "standby" reader. Replies are handed to their waiters. A
 * request is executed by the thread that read it, but only after it has passed the reader role on (to a
 * waiting thread, or to a fresh standby reader), so that a request which blocks or calls back into the peer
 * never stops the connection from reading: callbacks nest to any depth, and requests of one connection run
 * concurrently, each started in arrival order. At most {@link #MAX_CONCURRENT_REQUESTS} run at once per
 * connection; past that, reading pauses until one finishes.
 *
 * <h2>Timeouts</h2>
 * A synchronous request waits {@link ProtocolConfig#syncRequestTimeout()}. A waiter reads the stream itself
 * only when the transport can bound a read in time (sockets); otherwise it waits while a standby reads.
 */
public final class RpycConnection implements Connection, ObjectContext {
    /** The most requests of one connection that execute at once. */
    static final int MAX_CONCURRENT_REQUESTS = 256;
    private static final Logger LOG = LoggerFactory.getLogger(RpycConnection.class);
    private static final Cleaner CLEANER = Cleaner.create(Thread.ofPlatform().daemon().name("rpyc-cleaner")
            .factory());
    private static final String DEFAULT_PING = "abcdefghijklmnopqrstuvwxyz".repeat(20);
    private static final Object NO_REPLY = new Object();
    private static final AtomicLong NEXT_ID = new AtomicLong(1);

    private final long id = NEXT_ID.getAndIncrement();
    private final Transport transport;
    private final FrameReader reader;
    private final OutputStream out;
    private final ProtocolConfig config;
    private final boolean serverSide;
    private final @Nullable Object credentials;
    private volatile @Nullable Dialect dialect;
    private volatile Object localRoot;
    private volatile @Nullable List<String> aliases;

    private final ObjectTable objects = new ObjectTable();
    private final Map<IdPack, WeakReference<NetRefImpl>> proxies = new ConcurrentHashMap<>();
    private final AtomicLong nextSeq = new AtomicLong();
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private volatile @Nullable NetRefImpl remoteRoot;

    private final ReentrantLock writeLock = new ReentrantLock();
    private BrineWriter writeBuffer = newWriteBuffer();   // grows with the largest message sent

    /** Guards the reader role and the counters below; {@link #roleFreed} wakes waiters. */
    private final ReentrantLock roleLock = new ReentrantLock();
    private final Condition roleFreed = roleLock.newCondition();
    private boolean reading;
    private int executing;
    private int serving;
    /** Threads waiting for the role that will read themselves once they have it. */
    private int wanting;
    /** When the role last fell vacant while requests ran, and whether the watchdog looks at this connection. */
    private long vacantSince;
    private boolean watched;

    private final AtomicBoolean closed = new AtomicBoolean();
    private final CompletableFuture<Void> closeFuture = new CompletableFuture<>();
    private volatile @Nullable String closeReason;

    private RpycConnection(Transport transport, ProtocolConfig config, @Nullable Dialect dialect, boolean serverSide,
            @Nullable Object credentials) {
        this.transport = transport;
        this.config = config;
        this.dialect = dialect;
        this.serverSide = serverSide;
        this.credentials = credentials;
        this.reader = new FrameReader(transport.input(), config.maxFrameSize(), config.maxInflatedSize())
                .spliceLargeBytes();
        this.out = transport.output();
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
        NetRefImpl root = remoteRoot;
        if (root == null) {
            Object r = sync(HandlerCode.GETROOT);
            if (!(r instanceof NetRefImpl ref)) {
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
        addServing(1);
        try {
            pump(() -> false, 0);
        } catch (ConnectionClosedException e) {
            // the normal end of serving
        } finally {
            addServing(-1);
        }
    }

    @Override
    public boolean serve(Duration timeout) {
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        addServing(1);
        try {
            if (acquireRole(() -> false, deadline, transport.supportsReadTimeout())) {
                readOne(deadline);
            }
            return true;
        } catch (RequestTimeoutException e) {
            return false;
        } finally {
            addServing(-1);
        }
    }

    private void addServing(int delta) {
        roleLock.lock();
        try {
            serving += delta;
        } finally {
            roleLock.unlock();
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
        return closed.get();
    }

    @Override
    public void close() {
        if (closed.get()) {
            return;
        }
        Dialect d = dialect;
        if (d != null) {
            try {
                // CLOSE gets no answer: send it and hang up at once
                write(Message.REQUEST, nextSeq.getAndIncrement(), Tuple.of(HandlerCode.CLOSE.code,
                        Tuple.of(Label.VALUE, Tuple.EMPTY)));
            } catch (RuntimeException e) {
                LOG.debug("connection {}: CLOSE not sent: {}", id, e.toString());
            }
        }
        shutdown("closed by this side");
    }

    // ---------------------------------------------------------------- ObjectContext

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

    /** How many of this side's objects the peer currently holds references to. */
    public int exportedObjectCount() {
        return objects.size();
    }

    // ---------------------------------------------------------------- requests

    /** Sends a request and waits for its answer. */
    @Nullable
    Object sync(HandlerCode handler, Object... args) {
        return sync(handler, config.syncRequestTimeout(), args);
    }

    @Nullable
    private Object sync(HandlerCode handler, Duration timeout, Object[] args) {
        Pending p = send(handler, args, false);
        long deadline = timeout.isZero() || timeout.isNegative() ? 0 : System.nanoTime() + timeout.toNanos();
        try {
            pump(() -> p.done, deadline);
        } catch (RequestTimeoutException e) {
            throw new RequestTimeoutException(handler + " got no reply within " + timeout.toMillis() + " ms");
        } finally {
            pending.remove(p.seq);
        }
        return p.result();
    }

    /** Sends a request without waiting; the future completes (on a virtual thread) with the answer. */
    CompletableFuture<Object> async(HandlerCode handler, Object... args) {
        Pending p = send(handler, args, true);
        ensureReader();
        return p.future;
    }

    private Pending send(HandlerCode handler, Object[] args, boolean async) {
        if (closed.get()) {
            throw new ConnectionClosedException("connection is closed: " + closeReason);
        }
        if (dialect == null) {
            awaitDialect();
        }
        long seq = nextSeq.getAndIncrement();
        Pending p = new Pending(seq, async);
        pending.put(seq, p);
        try {
            write(Message.REQUEST, seq, Tuple.of(handler.code, box(new Tuple(java.util.Arrays.asList(args)))));
        } catch (RuntimeException e) {
            pending.remove(seq);
            throw e;
        }
        return p;
    }

    /** Tells the peer that a proxy died holding {@code count} references (from the cleaner, without waiting). */
    private void release(IdPack id, long count) {
        if (closed.get()) {
            return; // the peer drops everything on close: nothing to release
        }
        Thread.ofVirtual().name("rpyc-del-" + this.id).start(() -> {
            try {
                send(HandlerCode.DEL, new Object[] {new LocalRef(id), count}, true);
                ensureReader();
            } catch (RuntimeException e) {
                LOG.debug("connection {}: DEL not sent: {}", this.id, e.toString());
            }
        });
    }

    /** A reference to one of the peer's objects, boxed as LOCAL_REF (used once its proxy is gone). */
    private record LocalRef(IdPack id) {
    }

    // ---------------------------------------------------------------- reading

    /**
     * Reads and dispatches frames until {@code done} holds or the connection closes. Takes the reader role
     * when it is free (if this thread may: see the class comment), otherwise waits for it or for done.
     *
     * @param deadline a {@link System#nanoTime()} deadline, 0 for none
     */
    private void pump(BooleanSupplier done, long deadline) {
        boolean mayRead = deadline == 0 || transport.supportsReadTimeout();
        while (acquireRole(done, deadline, mayRead)) {
            readOne(deadline);
        }
    }

    /**
     * Takes the reader role, waiting while another thread holds it (or, if this thread may not read, while a
     * standby reads). Returns {@code true} holding the role, {@code false} once {@code done} holds.
     *
     * @throws RequestTimeoutException when {@code deadline} (0: none) passes first
     */
    private boolean acquireRole(BooleanSupplier done, long deadline, boolean mayRead) {
        if (done.getAsBoolean()) {
            return false;
        }
        boolean counted = false;
        roleLock.lock();
        try {
            while (!done.getAsBoolean() && !closed.get() && (reading || !mayRead)) {
                if (!mayRead && !reading) {
                    startStandby();
                }
                if (mayRead && !counted) {
                    counted = true;
                    wanting++;
                }
                if (deadline == 0) {
                    roleFreed.await();
                } else {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new RequestTimeoutException("timed out");
                    }
                    roleFreed.awaitNanos(left);
                }
            }
            if (done.getAsBoolean()) {
                if (!reading) {
                    roleVacated(); // leaving: whoever else needs the stream must get it
                }
                return false;
            }
            if (closed.get()) {
                throw new ConnectionClosedException("connection closed: " + closeReason);
            }
            reading = true;
            return true;
        } catch (RequestTimeoutException e) {
            if (!reading) {
                roleVacated();
            }
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RpycException("interrupted while waiting for the peer", e);
        } finally {
            if (counted) {
                wanting--;
            }
            roleLock.unlock();
        }
    }

    /** Blocks until the peer's first frame has told the dialect (server side, before sending anything). */
    private void awaitDialect() {
        pump(() -> dialect != null, 0);
    }

    /** Makes sure someone reads when nobody does (after an async send, or a transport that cannot time out). */
    private void ensureReader() {
        roleLock.lock();
        try {
            if (!reading && !closed.get()) {
                startStandby();
            }
        } finally {
            roleLock.unlock();
        }
    }

    /** Starts a virtual thread that reads while there is anything to read for. Called holding roleLock. */
    private void startStandby() {
        Thread.ofVirtual().name("rpyc-reader-" + id).start(this::standby);
    }

    private void standby() {
        while (true) {
            roleLock.lock();
            try {
                if (reading || closed.get() || !hasDemand()) {
                    return;
                }
                if (wanting > 0) {
                    // a thread that reads for itself (a serving loop, a waiter) takes over: standbys fill gaps
                    roleFreed.signalAll();
                    return;
                }
                reading = true;
            } finally {
                roleLock.unlock();
            }
            readOne(0);
        }
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
                if (dialect == null) {
                    String foreign = reader.sniffFirstFrame();
                    if (foreign != null) {
                        fail("refused: the peer sent " + foreign + ", not RPyC");
                        return;
                    }
                }
                payload = reader.readPayload();
            } catch (SocketTimeoutException e) {
                throw new RequestTimeoutException("timed out");
            } catch (IOException e) {
                shutdown(closed.get() ? closeReason : "connection lost: " + e.getMessage());
                return;
            }
            if (payload == null) {
                shutdown("the peer closed the connection");
                return;
            }
            Message message;
            try {
                if (dialect == null) {
                    dialect = Envelope.detect(payload);
                    signalAll();
                }
                message = Envelope.decode(dialect, payload, reader.takeSplice());
            } catch (ProtocolException e) {
                fail(e.getMessage());
                return;
            }
            if (message.type() == Message.REQUEST) {
                beginRequest();
                held = false;
                try {
                    serveRequest(message);
                } finally {
                    endRequest();
                }
            } else {
                receiveReply(message);
            }
        } catch (ProtocolException e) {
            fail(e.getMessage());
        } finally {
            if (held) {
                releaseRole();
            }
        }
    }

    /**
     * Gives up the reader role before executing a request. Usually the request is over in microseconds and
     * this thread reads on afterwards, so no other thread is involved; threads waiting for a reply are woken
     * at once, and if the request runs long (it may wait for the peer's next request), the
     * {@link VacancyWatchdog} starts a reader.
     */
    private void beginRequest() {
        roleLock.lock();
        try {
            executing++;
            reading = false;
            if (executing < MAX_CONCURRENT_REQUESTS) {
                roleVacated();
            }
            // at the limit nobody is woken: the next request to finish resumes reading
        } finally {
            roleLock.unlock();
        }
    }

    private void endRequest() {
        roleLock.lock();
        try {
            executing--;
            if (!reading && executing == MAX_CONCURRENT_REQUESTS - 1) {
                startStandby();
            }
        } finally {
            roleLock.unlock();
        }
    }

    /** Gives up the reader role after reading a reply or failing. */
    private void releaseRole() {
        roleLock.lock();
        try {
            reading = false;
            roleVacated();
        } finally {
            roleLock.unlock();
        }
    }

    /**
     * The reader role is free: hand it on to whoever needs it. Threads waiting for it are woken (one that
     * leaves with its reply calls this again); with nobody waiting, replies still owed to async callers get a
     * standby reader at once, and running requests get the watchdog's attention. Called holding roleLock.
     */
    private void roleVacated() {
        if (closed.get()) {
            return;
        }
        if (roleLock.hasWaiters(roleFreed)) {
            roleFreed.signalAll(); // not signal(): the one woken might be giving up on a timeout
        } else if (owesAsyncReplies()) {
            // a synchronous caller needs no standby: it waits for the role (woken above), or it is running a
            // request inline and reads on afterwards (the watchdog covers a long one)
            startStandby();
        } else if (executing > 0) {
            vacantSince = System.nanoTime();
            if (!watched) {
                watched = true;
                VacancyWatchdog.watch(this);
            }
        }
    }

    /**
     * For the {@link VacancyWatchdog}: starts a reader if the role has been vacant for {@code patience} while
     * requests run. Returns whether the connection still needs watching.
     */
    boolean checkVacancy(long now, long patience) {
        roleLock.lock();
        try {
            if (closed.get() || reading || executing == 0) {
                watched = false;
                return false;
            }
            if (now - vacantSince >= patience && executing < MAX_CONCURRENT_REQUESTS) {
                vacantSince = now;
                startStandby();
            }
            return true;
        } finally {
            roleLock.unlock();
        }
    }

    /** Whether a reply is owed to an async caller, which does not read for itself. */
    private boolean owesAsyncReplies() {
        for (Pending p : pending.values()) {
            if (p.async) {
                return true;
            }
        }
        return false;
    }

    /** Whether anyone needs the stream read. Called holding roleLock. */
    private boolean hasDemand() {
        return serving > 0 || executing > 0 || !pending.isEmpty();
    }

    private void signalAll() {
        roleLock.lock();
        try {
            roleFreed.signalAll();
        } finally {
            roleLock.unlock();
        }
    }

    private void receiveReply(Message message) {
        Pending p = message.seq() instanceof Long seq ? pending.remove(seq) : null;
        if (p == null) {
            LOG.debug("connection {}: dropped a reply to unknown request {}", id, message.seq());
            return;
        }
        if (message.type() == Message.REPLY) {
            Object value;
            try {
                value = unbox(message.args());
            } catch (RuntimeException e) {
                p.fail(e);
                return;
            }
            p.succeed(value);
        } else {
            p.fail(Vinegar.load(message.args()));
        }
        if (!p.async) {
            signalAll();
        }
    }

    // ---------------------------------------------------------------- serving requests

    private void serveRequest(Message message) {
        Object seq = message.seq();
        Object result;
        HandlerCode handler = null;
        try {
            if (!(message.args() instanceof Tuple args) || args.size() != 2) {
                throw org.rpyc4j.core.object.PyException.typeError("a request is (handler, args), got "
                        + message.args());
            }
            handler = HandlerCode.of(args.get(0));
            if (handler == null) {
                throw org.rpyc4j.core.object.PyException.keyError(args.get(0));
            }
            result = RequestHandlers.handle(this, handler, args.get(1));
            if (result == NO_REPLY) {
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
            boxed = box(result);
        } catch (RuntimeException e) {
            sendQuietly(Message.EXCEPTION, seq, Vinegar.dump(e, config, dialect));
            return;
        }
        sendQuietly(Message.REPLY, seq, boxed);
    }

    /** The sentinel a handler returns when the request gets no answer (CLOSE). */
    static Object noReply() {
        return NO_REPLY;
    }

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

    /** The peer sent CLOSE: tear down without answering. */
    void closedByPeer() {
        shutdown("the peer sent CLOSE");
    }

    Object lookupLocal(IdPack id) {
        return objects.lookup(id);
    }

    void releaseLocal(IdPack id, long count) {
        objects.release(id, count);
    }

    // ---------------------------------------------------------------- boxing

    /**
     * The wire form of a value this side sends: by value when brine can carry it, else by reference. A Java view
     * of a proxy ({@link NetRef#asList()}, a functional interface made from a peer's callable) goes back as the
     * peer's own object.
     */
    Object box(@Nullable Object value) {
        if (value instanceof NetRefImpl.View view) {
            value = view.netRef();
        } else if (value instanceof java.lang.reflect.Proxy && RemoteInterfaces.unwrap(value) instanceof NetRefImpl r) {
            value = r;
        }
        switch (value) {
            case NetRefImpl ref when ref.conn == this -> {
                return Tuple.of(Label.LOCAL_REF, ref.id.toTuple());
            }
            case LocalRef(IdPack ref) -> {
                return Tuple.of(Label.LOCAL_REF, ref.toTuple());
            }
            case Character c -> {
                return Tuple.of(Label.VALUE, String.valueOf(c));
            }
            case CharSequence cs when !(cs instanceof String) -> {
                return Tuple.of(Label.VALUE, cs.toString());
            }
            case null, default -> {
            }
        }
        if (Brine.isDumpable(value)) {
            return Tuple.of(Label.VALUE, value);
        }
        if (value instanceof Tuple t) {
            List<Object> members = new ArrayList<>(t.size());
            for (Object item : t.items()) {
                members.add(box(item));
            }
            return Tuple.of(Label.TUPLE, new Tuple(members));
        }
        return Tuple.of(Label.REMOTE_REF, objects.export(value).toTuple());
    }

    /** A value the peer sent, with references resolved to local objects or proxies. */
    @Nullable
    Object unbox(@Nullable Object boxed) {
        if (!(boxed instanceof Tuple t) || t.size() != 2 || !(t.get(0) instanceof Long label)) {
            throw new ProtocolException("malformed box: " + boxed);
        }
        Object payload = t.get(1);
        return switch (label.intValue()) {
            case (int) Label.VALUE -> payload;
            case (int) Label.TUPLE -> {
                if (!(payload instanceof Tuple members)) {
                    throw new ProtocolException("malformed tuple box: " + boxed);
                }
                List<Object> items = new ArrayList<>(members.size());
                for (Object m : members.items()) {
                    items.add(unbox(m));
                }
                yield new Tuple(items);
            }
            case (int) Label.LOCAL_REF -> objects.lookup(IdPack.from(payload));
            case (int) Label.REMOTE_REF -> proxy(IdPack.from(payload));
            default -> throw org.rpyc4j.core.object.PyException.valueError("invalid label " + label);
        };
    }

    /** The proxy for one of the peer's objects: an existing live one gains a reference, else a new one. */
    private NetRefImpl proxy(IdPack id) {
        while (true) {
            WeakReference<NetRefImpl> ref = proxies.get(id);
            NetRefImpl existing = ref == null ? null : ref.get();
            if (existing != null) {
                existing.refs.incrementAndGet();
                return existing;
            }
            AtomicLong refs = new AtomicLong(1);
            NetRefImpl fresh = new NetRefImpl(this, id, refs);
            WeakReference<NetRefImpl> freshRef = new WeakReference<>(fresh);
            boolean installed = ref == null ? proxies.putIfAbsent(id, freshRef) == null
                    : proxies.replace(id, ref, freshRef);
            if (installed) {
                CLEANER.register(fresh, () -> {
                    proxies.remove(id, freshRef);
                    release(id, refs.get());
                });
                return fresh;
            }
        }
    }

    /** How many proxies for the peer's objects are alive (tests and diagnostics). */
    public int proxyCount() {
        return (int) proxies.values().stream().filter(r -> r.get() != null).count();
    }

    // ---------------------------------------------------------------- writing

    /** Large bytes values are written from the caller's array, not copied into the buffer first. */
    private static BrineWriter newWriteBuffer() {
        return new BrineWriter(1024).spliceLargeBytes();
    }

    private void write(int type, Object seq, Object args) {
        Dialect d = dialect;
        writeLock.lock();
        try {
            if (closed.get()) {
                throw new ConnectionClosedException("connection is closed: " + closeReason);
            }
            BrineWriter w = writeBuffer;
            w.reset();
            w.reserve(5);
            Envelope.encode(d, type, seq, args, w);
            FrameWriter.writeFrame(out, w, config.compressionThreshold());
            w.reset();   // let go of the caller's arrays it referenced
            if (w.array().length > (1 << 20)) {
                writeBuffer = newWriteBuffer(); // do not keep a large buffer for the connection's life
            }
        } catch (IOException e) {
            shutdown("connection lost while sending: " + e.getMessage());
            throw new ConnectionClosedException("connection lost while sending", e);
        } finally {
            writeLock.unlock();
        }
    }

    // ---------------------------------------------------------------- closing

    /** A protocol violation: log one line and drop the connection. */
    private void fail(String reason) {
        if (!closed.get()) {
            LOG.warn("closing connection from {}: {}", transport.peer(), reason);
        }
        shutdown(reason);
    }

    private void shutdown(String reason) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closeReason = reason;
        try {
            transport.close();
        } catch (IOException e) {
            LOG.debug("connection {}: closing the transport: {}", id, e.toString());
        }
        ConnectionClosedException gone = new ConnectionClosedException("connection closed: " + reason);
        for (Pending p : pending.values()) {
            p.fail(gone);
        }
        pending.clear();
        objects.clear();
        proxies.clear();
        signalAll();
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

    /** An outstanding request. */
    private static final class Pending {
        final long seq;
        final boolean async;
        final CompletableFuture<Object> future;
        volatile boolean done;
        private @Nullable Object value;
        private @Nullable RuntimeException error;

        Pending(long seq, boolean async) {
            this.seq = seq;
            this.async = async;
            this.future = async ? new CompletableFuture<>() : null;
        }

        void succeed(@Nullable Object v) {
            value = v;
            done = true;
            if (async) {
                Thread.ofVirtual().start(() -> future.complete(v));
            }
        }

        void fail(RuntimeException e) {
            error = e;
            done = true;
            if (async) {
                Thread.ofVirtual().start(() -> future.completeExceptionally(e));
            }
        }

        @Nullable
        Object result() {
            if (error != null) {
                // a fresh exception, so that the caller's stack shows where the request was made
                if (error instanceof ConnectionClosedException c) {
                    throw new ConnectionClosedException(c.getMessage(), c);
                }
                throw error;
            }
            return value;
        }
    }

    static Map<String, Object> kwargs(@Nullable Object wire) {
        if (wire == null || wire instanceof Tuple t && t.size() == 0) {
            return Map.of();
        }
        if (!(wire instanceof Tuple pairs)) {
            throw org.rpyc4j.core.object.PyException.typeError("kwargs must be a tuple of pairs");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Object pair : pairs.items()) {
            if (!(pair instanceof Tuple p) || p.size() != 2 || !(p.get(0) instanceof String key)) {
                throw org.rpyc4j.core.object.PyException.typeError("kwargs must be (str, value) pairs");
            }
            out.put(key, p.get(1));
        }
        return out;
    }
}
