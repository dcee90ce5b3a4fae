package org.rpyc4j.registry;

import java.util.List;
import javax.annotation.Nullable;
import org.rpyc4j.api.value.PyRepr;
import org.rpyc4j.api.value.Tuple;
import org.rpyc4j.registry.RegistryRequests.BadRequestException;
import org.slf4j.Logger;

/**
 * Carries out one registry request against a {@link Registry} and says what to answer, logging rpyc's lines
 * (at debug, as rpyc's registry logs them: "registering 127.0.0.1:12345 as FOO, bar", "querying for 'FOO'",
 * "replying with [('127.0.0.1', 12345)]", ...). Transport-independent: a transport hands it the bytes of one
 * request and the sender's IP address, and sends back what it returns.
 *
 * <p>Bad input never throws: a request that is not brine, has the wrong magic, an unknown command or the wrong
 * arguments gets no answer, like in rpyc, and one debug line (rpyc logs the magic and command lines as
 * warnings; rpyc4j keeps them at debug so that a flood of junk cannot flood the log). A REGISTER refused by a
 * limit also gets no answer, so the registrar reports a failure. Safe for concurrent use.
 */
public final class RegistryDispatcher {
    private final Registry registry;
    private final boolean allowListing;
    private final Logger log;

    public RegistryDispatcher(Registry registry, boolean allowListing, Logger log) {
        this.registry = registry;
        this.allowListing = allowListing;
        this.log = log;
    }

    /** The registry this dispatcher changes. */
    public Registry registry() {
        return registry;
    }

    /**
     * Handles the request in {@code data[offset, offset + length)} from {@code senderHost} (an IP address as
     * Python prints it); returns the reply's bytes, or {@code null} when nothing is to be answered.
     */
    public @Nullable byte[] handle(byte[] data, int offset, int length, String senderHost) {
        RegistryRequest request;
        try {
            request = RegistryRequests.decode(data, offset, length);
        } catch (BadRequestException e) {
            log.debug("{} (from {}, {} bytes)", e.getMessage(), senderHost, length);
            return null;
        }
        try {
            return switch (request) {
                case RegistryRequest.Register r -> register(senderHost, r);
                case RegistryRequest.Unregister u -> unregister(senderHost, u);
                case RegistryRequest.Query q -> query(q);
                case RegistryRequest.ListServices l -> list(l);
            };
        } catch (IllegalArgumentException e) {
            log.debug("error executing function: {} (from {})", e.getMessage(), senderHost);
            return null;
        } catch (RuntimeException e) {
            log.warn("error executing function (from {})", senderHost, e);
            return null;
        }
    }

    private @Nullable byte[] register(String host, RegistryRequest.Register request) {
        RegistryRequest.Register.Valid valid = request.validate();
        if (log.isDebugEnabled()) {
            log.debug("registering {}:{} as {}", host, valid.port(), abbreviated(String.join(", ", valid.aliases())));
        }
        Registry.Registration outcome = registry.register(host, valid.aliases(), valid.port());
        if (outcome != Registry.Registration.ACCEPTED) {
            log.debug("refusing to register {}:{}: {}", host, valid.port(), switch (outcome) {
                case ALIAS_TOO_LONG -> "an alias is too long";
                case HOST_FULL -> "the host holds as many entries as it may";
                default -> "the registry holds as many entries as it may";
            });
            return null;
        }
        return RegistryRequests.okReply();
    }

    private byte[] unregister(String host, RegistryRequest.Unregister request) {
        Object port = request.port();
        if (log.isDebugEnabled()) {
            log.debug("unregistering {}:{}", host, port instanceof String s ? abbreviated(s) : RegistryRequests.abbreviated(port));
        }
        if (port instanceof Long p && p >= 0 && p <= 65535) {
            registry.unregister(host, p.intValue());
        }
        return RegistryRequests.okReply();
    }

    private byte[] query(RegistryRequest.Query request) {
        Object name = request.name();
        if (name instanceof byte[] bytes) {
            // rpyc upper-cases bytes too, then finds no such service (names are str)
            if (log.isDebugEnabled()) {
                byte[] upper = bytes.clone();
                for (int i = 0; i < upper.length; i++) {
                    if (upper[i] >= 'a' && upper[i] <= 'z') {
                        upper[i] -= 'a' - 'A';
                    }
                }
                log.debug("querying for {}", RegistryRequests.abbreviated(upper));
                log.debug("no such service");
            }
            return RegistryRequests.queryReply(List.of());
        }
        if (!(name instanceof String text)) {
            throw new IllegalArgumentException("the name is not a str: " + RegistryRequests.abbreviated(name));
        }
        if (log.isDebugEnabled()) {
            log.debug("querying for {}", RegistryRequests.abbreviated(Registry.normalize(text)));
        }
        Registry.QueryResult result = registry.query(text);
        if (!result.known()) {
            log.debug("no such service");
            return RegistryRequests.queryReply(List.of());
        }
        if (log.isDebugEnabled()) {
            result.discarded().forEach(stale -> log.debug("discarding stale {}", stale));
            StringBuilder servers = new StringBuilder("[");
            for (Endpoint server : result.servers()) {
                servers.append(servers.length() > 1 ? ", " : "").append(PyRepr.of(Tuple.of(server.host(), (long) server.port())));
            }
            log.debug("replying with {}", servers.append(']'));
        }
        return RegistryRequests.queryReply(result.servers());
    }

    private byte[] list(RegistryRequest.ListServices request) {
        log.debug("querying for services list:");
        if (!allowListing) {
            log.debug("listing is disabled");
            return RegistryRequests.listReply(null);
        }
        Object filter = request.filterHost();
        List<String> names = filter == null ? registry.list(null)
                : filter instanceof String host ? registry.list(host) : List.of();
        if (log.isDebugEnabled()) {
            log.debug("replying with {}", abbreviated(PyRepr.of(new Tuple(List.copyOf(names)))));
        }
        return RegistryRequests.listReply(names);
    }

    private static String abbreviated(String text) {
        return text.length() <= 2000 ? text : text.substring(0, 2000) + "...";
    }
}
