package org.rpyc4j.registry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongSupplier;
import javax.annotation.Nullable;
import org.rpyc4j.api.RegistryServerOptions;

/**
 * What a registry knows: for each service name (upper-cased), the servers registered under it with the time
 * of their last keepalive. Behaves as rpyc's {@code RegistryServer} does: REGISTER adds or refreshes entries,
 * UNREGISTER removes an endpoint from every name, QUERY answers oldest keepalive first and drops the queried
 * name's entries older than the pruning timeout, LIST lists names in the order they first appeared, stale or
 * not (rpyc prunes only in QUERY).
 *
 * <p>Every operation costs time in proportion to what it touches (the aliases of a REGISTER, the entries of one
 * name or one endpoint), never to the size of the registry, except LIST. Safe for concurrent use: queries of
 * fresh entries share a read lock; changes, including a query's pruning, take the write lock briefly.
 *
 * <p>Limits (from {@link RegistryServerOptions}): a REGISTER that would give one IP address more than
 * {@code maxEntriesPerHost} entries, or the registry more than {@code maxEntries}, is refused, as is one with an
 * alias longer than {@code maxAliasLength} characters. Before refusing for a full host (or a full registry, at
 * most once a second) the stale entries of that host (of the registry) are dropped; only then may LIST stop
 * listing a stale name that nobody queried.
 */
public final class Registry {
    /** How a REGISTER ended. */
    public enum Registration {
        /** Recorded (new entries added, known ones refreshed). */
        ACCEPTED,
        /** Refused: an alias is longer than the limit. */
        ALIAS_TOO_LONG,
        /** Refused: the sending host holds as many entries as it may. */
        HOST_FULL,
        /** Refused: the registry holds as many entries as it may. */
        REGISTRY_FULL
    }

    /**
     * The answer to a QUERY.
     *
     * @param known whether the name had entries at all (rpyc logs "no such service" otherwise)
     * @param servers the live entries, oldest keepalive first
     * @param discarded the stale entries this query dropped, oldest first
     */
    public record QueryResult(boolean known, List<Endpoint> servers, List<Endpoint> discarded) {
        static final QueryResult UNKNOWN = new QueryResult(false, List.of(), List.of());
    }

    private static final long SWEEP_INTERVAL_NANOS = Duration.ofSeconds(1).toNanos();

    private final long pruningNanos;
    private final int maxEntriesPerHost;
    private final int maxEntries;
    private final int maxAliasLength;
    private final LongSupplier nanoClock;

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    // everything below is guarded by lock
    /** Service name to entries; iteration order is the order names appeared, as Python's dict keeps it. */
    private final LinkedHashMap<String, Service> services = new LinkedHashMap<>();
    /** Host to its entries, for UNREGISTER, the per-host limit and LIST's filter. */
    private final HashMap<String, HostEntries> hosts = new HashMap<>();
    private int entries;
    private long nextServiceSeq;
    private long lastSweep;

    /** Entries of one name, ordered by keepalive: oldest first, so stale ones are a prefix. */
    private static final class Service {
        final long seq;
        final LinkedHashMap<Endpoint, Long> stamps = new LinkedHashMap<>(4);

        Service(long seq) {
            this.seq = seq;
        }
    }

    private static final class HostEntries {
        final HashMap<Integer, Set<String>> namesByPort = new HashMap<>(4);
        int count;
    }

    /** A registry with the pruning timeout and limits of {@code options}, on {@link System#nanoTime()}. */
    public Registry(RegistryServerOptions options) {
        this(options, System::nanoTime);
    }

    /** Like {@link #Registry(RegistryServerOptions)} with another clock (nanoseconds, monotonic), for tests. */
    public Registry(RegistryServerOptions options, LongSupplier nanoClock) {
        this.pruningNanos = options.pruningTimeout().toNanos();
        this.maxEntriesPerHost = options.maxEntriesPerHost();
        this.maxEntries = options.maxEntries();
        this.maxAliasLength = options.maxAliasLength();
        this.nanoClock = nanoClock;
        this.lastSweep = nanoClock.getAsLong() - SWEEP_INTERVAL_NANOS;
    }

    /** rpyc's name normalisation: {@code str.upper()}. */
    public static String normalize(String name) {
        return name.toUpperCase(Locale.ROOT);
    }

    /**
     * Records {@code host}:{@code port} under each alias (upper-cased) with the current time: rpyc's
     * {@code cmd_register}. Either all aliases are recorded or, when a limit is hit, none.
     */
    public Registration register(String host, List<String> aliases, int port) {
        Set<String> names = new LinkedHashSet<>();
        for (String alias : aliases) {
            if (alias.length() > maxAliasLength && alias.codePointCount(0, alias.length()) > maxAliasLength) {
                return Registration.ALIAS_TOO_LONG;
            }
            names.add(normalize(alias));
        }
        Endpoint endpoint = new Endpoint(host, port);
        long now = nanoClock.getAsLong();
        lock.writeLock().lock();
        try {
            int added = newEntries(host, port, names);
            if (added > 0) {
                HostEntries known = hosts.get(host);
                if (known != null && known.count + added > maxEntriesPerHost) {
                    pruneHost(host, now);
                    added = newEntries(host, port, names);
                    known = hosts.get(host);
                    if (known != null && known.count + added > maxEntriesPerHost) {
                        return Registration.HOST_FULL;
                    }
                }
                if (entries + added > maxEntries) {
                    if (now - lastSweep >= SWEEP_INTERVAL_NANOS) {
                        lastSweep = now;
                        pruneAll(now);
                        added = newEntries(host, port, names);
                    }
                    if (entries + added > maxEntries) {
                        return Registration.REGISTRY_FULL;
                    }
                }
            }
            for (String name : names) {
                Service service = services.get(name);
                if (service == null) {
                    service = new Service(nextServiceSeq++);
                    services.put(name, service);
                }
                // re-inserting moves the endpoint to the end: the map stays ordered by keepalive
                if (service.stamps.remove(endpoint) == null) {
                    index(endpoint, name);
                }
                service.stamps.put(endpoint, now);
            }
            return Registration.ACCEPTED;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** How many of {@code names} {@code host}:{@code port} does not hold yet. */
    private int newEntries(String host, int port, Set<String> names) {
        HostEntries known = hosts.get(host);
        Set<String> held = known == null ? null : known.namesByPort.get(port);
        if (held == null) {
            return names.size();
        }
        int added = 0;
        for (String name : names) {
            if (!held.contains(name)) {
                added++;
            }
        }
        return added;
    }

    private void index(Endpoint endpoint, String name) {
        HostEntries known = hosts.computeIfAbsent(endpoint.host(), h -> new HostEntries());
        known.namesByPort.computeIfAbsent(endpoint.port(), p -> new LinkedHashSet<>(4)).add(name);
        known.count++;
        entries++;
    }

    /** Removes one entry from the service and the index; the caller removes it from the service's map itself. */
    private void unindex(Endpoint endpoint, String name) {
        HostEntries known = hosts.get(endpoint.host());
        if (known == null) {
            return;
        }
        Set<String> names = known.namesByPort.get(endpoint.port());
        if (names != null && names.remove(name)) {
            known.count--;
            entries--;
            if (names.isEmpty()) {
                known.namesByPort.remove(endpoint.port());
            }
            if (known.namesByPort.isEmpty()) {
                hosts.remove(endpoint.host());
            }
        }
    }

    /** Removes {@code host}:{@code port} from every name: rpyc's {@code cmd_unregister}. */
    public void unregister(String host, int port) {
        Endpoint endpoint = new Endpoint(host, port);
        lock.writeLock().lock();
        try {
            HostEntries known = hosts.get(host);
            Set<String> names = known == null ? null : known.namesByPort.get(port);
            if (names == null) {
                return;
            }
            for (String name : List.copyOf(names)) {
                Service service = services.get(name);
                if (service != null) {
                    service.stamps.remove(endpoint);
                    if (service.stamps.isEmpty()) {
                        services.remove(name);
                    }
                }
                unindex(endpoint, name);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * The live servers of {@code name} (upper-cased), oldest keepalive first, dropping the stale ones: rpyc's
     * {@code cmd_query}.
     */
    public QueryResult query(String name) {
        String key = normalize(name);
        long now = nanoClock.getAsLong();
        lock.readLock().lock();
        try {
            Service service = services.get(key);
            if (service == null) {
                return QueryResult.UNKNOWN;
            }
            if (!isStale(service.stamps.firstEntry().getValue(), now)) {
                return new QueryResult(true, List.copyOf(service.stamps.keySet()), List.of());
            }
        } finally {
            lock.readLock().unlock();
        }
        lock.writeLock().lock();
        try {
            Service service = services.get(key);
            if (service == null) {
                return QueryResult.UNKNOWN;
            }
            List<Endpoint> discarded = new ArrayList<>();
            while (!service.stamps.isEmpty()) {
                Map.Entry<Endpoint, Long> oldest = service.stamps.firstEntry();
                if (!isStale(oldest.getValue(), now)) {
                    break;
                }
                service.stamps.pollFirstEntry();
                unindex(oldest.getKey(), key);
                discarded.add(oldest.getKey());
            }
            if (service.stamps.isEmpty()) {
                services.remove(key);
            }
            return new QueryResult(true, List.copyOf(service.stamps.keySet()), List.copyOf(discarded));
        } finally {
            lock.writeLock().unlock();
        }
    }

    private boolean isStale(long stamp, long now) {
        return now - stamp > pruningNanos;
    }

    /**
     * The service names, in the order they appeared: rpyc's {@code cmd_list} (which does not prune). With
     * {@code filterHost}, the names with an entry at that IP address.
     */
    public List<String> list(@Nullable String filterHost) {
        lock.readLock().lock();
        try {
            if (filterHost == null) {
                return List.copyOf(services.keySet());
            }
            HostEntries known = hosts.get(filterHost);
            if (known == null) {
                return List.of();
            }
            Set<String> names = new LinkedHashSet<>();
            known.namesByPort.values().forEach(names::addAll);
            List<String> ordered = new ArrayList<>(names);
            ordered.sort(Comparator.comparingLong(n -> services.get(n).seq));
            return List.copyOf(ordered);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Drops the stale entries of one host. */
    private void pruneHost(String host, long now) {
        HostEntries known = hosts.get(host);
        if (known == null) {
            return;
        }
        List<Map.Entry<Integer, String>> all = new ArrayList<>();
        known.namesByPort.forEach((port, names) -> names.forEach(n -> all.add(Map.entry(port, n))));
        for (Map.Entry<Integer, String> entry : all) {
            Endpoint endpoint = new Endpoint(host, entry.getKey());
            Service service = services.get(entry.getValue());
            Long stamp = service == null ? null : service.stamps.get(endpoint);
            if (stamp != null && isStale(stamp, now)) {
                service.stamps.remove(endpoint);
                if (service.stamps.isEmpty()) {
                    services.remove(entry.getValue());
                }
                unindex(endpoint, entry.getValue());
            }
        }
    }

    /** Drops every stale entry. */
    private void pruneAll(long now) {
        var names = services.entrySet().iterator();
        while (names.hasNext()) {
            Map.Entry<String, Service> named = names.next();
            LinkedHashMap<Endpoint, Long> stamps = named.getValue().stamps;
            while (!stamps.isEmpty() && isStale(stamps.firstEntry().getValue(), now)) {
                Endpoint endpoint = stamps.pollFirstEntry().getKey();
                unindex(endpoint, named.getKey());
            }
            if (stamps.isEmpty()) {
                names.remove();
            }
        }
    }

    /** The number of entries (one per name and endpoint), stale ones included. */
    public int size() {
        lock.readLock().lock();
        try {
            return entries;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The number of entries {@code host} holds, stale ones included. */
    public int size(String host) {
        lock.readLock().lock();
        try {
            HostEntries known = hosts.get(host);
            return known == null ? 0 : known.count;
        } finally {
            lock.readLock().unlock();
        }
    }
}
