package org.rpyc4j.server.forking.internal;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.annotation.Nullable;

/**
 * The few POSIX socket calls Java has no API for, through the FFM API: passing a descriptor to another
 * process over a Unix socket ({@code sendmsg}/{@code recvmsg} with {@code SCM_RIGHTS}), putting one on
 * standard input ({@code dup2}), and telling a descriptor's addresses. Linux only (64-bit): the structure
 * layouts and constants below are Linux's.
 */
@SuppressWarnings("restricted")   // the point of this class; the module is granted native access
public final class Posix {
    static final int AF_UNIX = 1;
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int SOCK_STREAM = 1;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int SOL_SOCKET = 1;
    static final int SO_ACCEPTCONN = 30;
    static final int SCM_RIGHTS = 1;
    static final int F_GETFL = 3;
    static final int F_SETFL = 4;
    static final int O_NONBLOCK = 0x800;
    static final int MSG_NOSIGNAL = 0x4000;
    static final int MSG_CMSG_CLOEXEC = 0x40000000;
    static final short POLLIN = 0x1;
    static final int EINTR = 4;
    static final int SUN_PATH_SIZE = 108;

    // struct msghdr (LP64): name, namelen(+pad), iov, iovlen, control, controllen, flags(+pad)
    private static final long MSGHDR_SIZE = 56;
    private static final long MSG_IOV = 16;
    private static final long MSG_IOVLEN = 24;
    private static final long MSG_CONTROL = 32;
    private static final long MSG_CONTROLLEN = 40;
    // struct cmsghdr: size_t len, int level, int type, data; CMSG_LEN(4) = 20, CMSG_SPACE(4) = 24
    private static final long CMSG_DATA = 16;
    private static final long CMSG_LEN_ONE_FD = 20;
    private static final long CMSG_SPACE_ONE_FD = 24;
    private static final ValueLayout.OfShort FAMILY = JAVA_SHORT;   // sa_family_t, native byte order
    private static final ValueLayout.OfShort PORT = JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN);
    private static final long SOCKADDR_STORAGE = 128;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final MemoryLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private static final MethodHandle SOCKET = call("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle BIND = call("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle LISTEN = call("listen", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle ACCEPT = call("accept", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle CONNECT = call("connect", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle CLOSE = call("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle DUP = call("dup", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle DUP2 = call("dup2", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle FCNTL = call("fcntl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT),
            Linker.Option.firstVariadicArg(2));
    private static final MethodHandle SENDMSG = call("sendmsg", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle RECVMSG = call("recvmsg", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle GETSOCKNAME = call("getsockname", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle GETPEERNAME = call("getpeername", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle GETSOCKOPT = call("getsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle POLL = call("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle STRERROR = LINKER.downcallHandle(LIBC.find("strerror").orElseThrow(),
            FunctionDescriptor.of(ADDRESS, JAVA_INT));

    private Posix() {
    }

    private static MethodHandle call(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        Linker.Option[] all = Arrays.copyOf(options, options.length + 1);
        all[options.length] = Linker.Option.captureCallState("errno");
        return LINKER.downcallHandle(LIBC.find(name).orElseThrow(() -> new UnsatisfiedLinkError(name)), descriptor, all);
    }

    /** One native call: gets a confined arena and the errno capture segment; may throw what invokeExact throws. */
    @FunctionalInterface
    private interface Call<T> {
        T run(Arena arena, MemorySegment errno) throws Throwable;
    }

    private static <T> T invoke(Call<T> call) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            return call.run(arena, arena.allocate(CAPTURE_LAYOUT));
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError("unexpected from a native call", t);   // invokeExact declares Throwable
        }
    }

    /** A listening Unix stream socket at {@code path}. */
    public static int listenUnix(Path path, int backlog) throws IOException {
        int fd = unixSocket();
        try {
            return invoke((arena, errno) -> {
                MemorySegment address = sockaddrUn(arena, path);
                check((int) BIND.invokeExact(errno, fd, address, (int) address.byteSize()), errno, "bind " + path);
                check((int) LISTEN.invokeExact(errno, fd, backlog), errno, "listen " + path);
                return fd;
            });
        } catch (IOException | RuntimeException e) {
            close(fd);
            throw e;
        }
    }

    /** A Unix stream socket connected to {@code path}. */
    public static int connectUnix(Path path) throws IOException {
        int fd = unixSocket();
        try {
            return invoke((arena, errno) -> {
                MemorySegment address = sockaddrUn(arena, path);
                int result;
                do {
                    result = (int) CONNECT.invokeExact(errno, fd, address, (int) address.byteSize());
                } while (result < 0 && errno(errno) == EINTR);
                return check(result, errno, "connect " + path) >= 0 ? fd : -1;
            });
        } catch (IOException | RuntimeException e) {
            close(fd);
            throw e;
        }
    }

    /**
     * Runs once every call of a handover, on both ends (listen, connect, poll, accept, sendmsg with a descriptor,
     * recvmsg, dup, fcntl, dup2, close), over a scratch Unix socket at {@code scratch} (removed after): the first
     * call of each downcall links it, which takes milliseconds that a spare should pay before a client waits.
     */
    public static void warmUp(Path scratch) throws IOException {
        int listener = listenUnix(scratch, 1);
        int client = -1;
        int server = -1;
        int received = -1;
        int copy = -1;
        try {
            client = connectUnix(scratch);
            awaitReadable(1000, listener);
            server = accept(listener);
            sendDescriptor(client, client, new byte[] {' '});
            received = receiveDescriptor(server, 1).fd();
            copy = dup(received);
            setBlocking(copy);
            dup2(received, copy);
        } finally {
            for (int fd : new int[] {copy, received, server, client, listener}) {
                if (fd >= 0) {
                    close(fd);
                }
            }
            Files.deleteIfExists(scratch);
        }
    }

    private static int unixSocket() throws IOException {
        return invoke((arena, errno) ->
                check((int) SOCKET.invokeExact(errno, AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0), errno, "socket"));
    }

    /** Accepts a connection on a listening socket. */
    public static int accept(int listener) throws IOException {
        return invoke((arena, errno) -> {
            int fd;
            do {
                fd = (int) ACCEPT.invokeExact(errno, listener, MemorySegment.NULL, MemorySegment.NULL);
            } while (fd < 0 && errno(errno) == EINTR);
            return check(fd, errno, "accept");
        });
    }

    /**
     * Waits until one of {@code fds} is readable (or at its end, or in error) and returns it; -1 after
     * {@code timeoutMillis} (negative: no timeout).
     */
    public static int awaitReadable(int timeoutMillis, int... fds) throws IOException {
        return invoke((arena, errno) -> {
            MemorySegment pollfds = arena.allocate(8L * fds.length, 4);
            for (int i = 0; i < fds.length; i++) {
                pollfds.set(JAVA_INT, 8L * i, fds[i]);
                pollfds.set(JAVA_SHORT, 8L * i + 4, POLLIN);
            }
            int ready;
            do {
                ready = (int) POLL.invokeExact(errno, pollfds, (long) fds.length, timeoutMillis);
            } while (ready < 0 && errno(errno) == EINTR);
            check(ready, errno, "poll");
            for (int i = 0; i < fds.length; i++) {
                if (pollfds.get(JAVA_SHORT, 8L * i + 6) != 0) {
                    return fds[i];
                }
            }
            return -1;
        });
    }

    /** Sends descriptor {@code fd} and {@code payload} (at least one byte) over the Unix socket {@code socket}. */
    public static void sendDescriptor(int socket, int fd, byte[] payload) throws IOException {
        if (payload.length == 0) {
            throw new IllegalArgumentException("the descriptor travels with at least one byte");
        }
        invoke((arena, errno) -> {
            MemorySegment data = arena.allocateFrom(JAVA_BYTE, payload);
            MemorySegment control = arena.allocate(CMSG_SPACE_ONE_FD, 8);
            control.set(JAVA_LONG, 0, CMSG_LEN_ONE_FD);
            control.set(JAVA_INT, 8, SOL_SOCKET);
            control.set(JAVA_INT, 12, SCM_RIGHTS);
            control.set(JAVA_INT, CMSG_DATA, fd);
            MemorySegment message = message(arena, data, control);
            long sent;
            do {
                sent = (long) SENDMSG.invokeExact(errno, socket, message, MSG_NOSIGNAL);
            } while (sent < 0 && errno(errno) == EINTR);
            check((int) Math.min(sent, 0), errno, "sendmsg");
            if (sent != payload.length) {
                throw new IOException("sendmsg sent " + sent + " of " + payload.length + " bytes");
            }
            return null;
        });
    }

    /**
     * Receives what {@link #sendDescriptor} sent: the descriptor (or -1 if none came) and up to
     * {@code maxPayload} bytes; an empty payload and -1 at the end of the stream.
     */
    public static Received receiveDescriptor(int socket, int maxPayload) throws IOException {
        return invoke((arena, errno) -> {
            MemorySegment data = arena.allocate(maxPayload);
            MemorySegment control = arena.allocate(CMSG_SPACE_ONE_FD, 8);
            MemorySegment message = message(arena, data, control);
            long received;
            do {
                received = (long) RECVMSG.invokeExact(errno, socket, message, MSG_CMSG_CLOEXEC);
            } while (received < 0 && errno(errno) == EINTR);
            check((int) Math.min(received, 0), errno, "recvmsg");
            int fd = -1;
            if (message.get(JAVA_LONG, MSG_CONTROLLEN) >= CMSG_LEN_ONE_FD
                    && control.get(JAVA_INT, 8) == SOL_SOCKET && control.get(JAVA_INT, 12) == SCM_RIGHTS) {
                fd = control.get(JAVA_INT, CMSG_DATA);
            }
            return new Received(fd, data.asSlice(0, received).toArray(JAVA_BYTE));
        });
    }

    /** A descriptor and the bytes that came with it. */
    public record Received(int fd, byte[] payload) {
    }

    private static MemorySegment message(Arena arena, MemorySegment data, MemorySegment control) {
        MemorySegment iov = arena.allocate(16, 8);
        iov.set(ADDRESS, 0, data);
        iov.set(JAVA_LONG, 8, data.byteSize());
        MemorySegment message = arena.allocate(MSGHDR_SIZE, 8);   // zeroed: no name, no flags
        message.set(ADDRESS, MSG_IOV, iov);
        message.set(JAVA_LONG, MSG_IOVLEN, 1);
        message.set(ADDRESS, MSG_CONTROL, control);
        message.set(JAVA_LONG, MSG_CONTROLLEN, control.byteSize());
        return message;
    }

    /** A new descriptor referring to what {@code fd} refers to ({@code dup}). */
    public static int dup(int fd) throws IOException {
        return invoke((arena, errno) -> check((int) DUP.invokeExact(errno, fd), errno, "dup"));
    }

    /** Makes {@code to} refer to what {@code from} refers to ({@code dup2}). */
    public static void dup2(int from, int to) throws IOException {
        invoke((arena, errno) -> {
            int result;
            do {
                result = (int) DUP2.invokeExact(errno, from, to);
            } while (result < 0 && errno(errno) == EINTR);
            check(result, errno, "dup2");
            return null;
        });
    }

    /** Clears {@code O_NONBLOCK}: Java expects an inherited channel to start in blocking mode. */
    public static void setBlocking(int fd) throws IOException {
        invoke((arena, errno) -> {
            int flags = check((int) FCNTL.invokeExact(errno, fd, F_GETFL, 0), errno, "fcntl");
            if ((flags & O_NONBLOCK) != 0) {
                check((int) FCNTL.invokeExact(errno, fd, F_SETFL, flags & ~O_NONBLOCK), errno, "fcntl");
            }
            return null;
        });
    }

    /** Closes {@code fd}, ignoring errors (it is gone either way). */
    public static void close(int fd) {
        if (fd < 0) {
            return;
        }
        try (Arena arena = Arena.ofConfined()) {
            int ignored = (int) CLOSE.invokeExact(arena.allocate(CAPTURE_LAYOUT), fd);
        } catch (Throwable t) {
            // nothing to do: close either worked or the descriptor was not open
        }
    }

    /** Whether {@code fd} is a listening socket. */
    public static boolean isListening(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment value = arena.allocate(JAVA_INT);
            MemorySegment length = arena.allocateFrom(JAVA_INT, 4);
            int result = (int) GETSOCKOPT.invokeExact(errno, fd, SOL_SOCKET, SO_ACCEPTCONN, value, length);
            return result == 0 && value.get(JAVA_INT, 0) != 0;
        } catch (Throwable t) {
            return false;
        }
    }

    /** The local address of socket {@code fd}, or {@code null} if it is no socket of a known family. */
    public static @Nullable SocketAddress localAddress(int fd) {
        return address(GETSOCKNAME, fd);
    }

    /** The peer address of socket {@code fd}, or {@code null} if it is not connected or of an unknown family. */
    public static @Nullable SocketAddress peerAddress(int fd) {
        return address(GETPEERNAME, fd);
    }

    private static @Nullable SocketAddress address(MethodHandle getName, int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(CAPTURE_LAYOUT);
            MemorySegment storage = arena.allocate(SOCKADDR_STORAGE, 8);
            MemorySegment length = arena.allocateFrom(JAVA_INT, (int) SOCKADDR_STORAGE);
            if ((int) getName.invokeExact(errno, fd, storage, length) != 0) {
                return null;
            }
            return parse(storage, length.get(JAVA_INT, 0));
        } catch (Throwable t) {
            return null;
        }
    }

    private static @Nullable SocketAddress parse(MemorySegment storage, int length) throws UnknownHostException {
        int family = storage.get(FAMILY, 0);
        switch (family) {
            case AF_INET -> {
                int port = Short.toUnsignedInt(storage.get(PORT, 2));
                return new InetSocketAddress(InetAddress.getByAddress(storage.asSlice(4, 4).toArray(JAVA_BYTE)), port);
            }
            case AF_INET6 -> {
                int port = Short.toUnsignedInt(storage.get(PORT, 2));
                return new InetSocketAddress(InetAddress.getByAddress(storage.asSlice(8, 16).toArray(JAVA_BYTE)), port);
            }
            case AF_UNIX -> {
                byte[] path = storage.asSlice(2, Math.max(0, length - 2)).toArray(JAVA_BYTE);
                int end = 0;
                while (end < path.length && path[end] != 0) {
                    end++;
                }
                return UnixDomainSocketAddress.of(new String(path, 0, end, StandardCharsets.UTF_8));
            }
            default -> {
                return null;
            }
        }
    }

    private static MemorySegment sockaddrUn(Arena arena, Path path) {
        byte[] bytes = path.toString().getBytes(StandardCharsets.UTF_8);
        if (bytes.length >= SUN_PATH_SIZE) {
            throw new IllegalArgumentException("socket path too long (" + bytes.length + " bytes): " + path);
        }
        MemorySegment address = arena.allocate(2 + SUN_PATH_SIZE, 2);
        address.set(FAMILY, 0, (short) AF_UNIX);
        MemorySegment.copy(bytes, 0, address, JAVA_BYTE, 2, bytes.length);
        return address;
    }

    private static int errno(MemorySegment capture) {
        return (int) ERRNO.get(capture, 0L);
    }

    private static int check(int result, MemorySegment capture, String what) throws IOException {
        if (result < 0) {
            int errno = errno(capture);
            throw new IOException(what + " failed: " + strerror(errno) + " (errno " + errno + ")");
        }
        return result;
    }

    private static String strerror(int errno) {
        try {
            MemorySegment text = (MemorySegment) STRERROR.invokeExact(errno);
            return text.reinterpret(256).getString(0);
        } catch (Throwable t) {
            return "error " + errno;
        }
    }
}
