/**
 * The benchmark harness: {@link org.rpyc4j.bench.BenchMain}, started by {@code run-bench.sh}.
 *
 * <h2>What it measures</h2>
 * Null-call latency on loopback, side by side in one run: a raw TCP ping-pong (the floor), rpyc4j Java client
 * to rpyc4j server in both dialects, Java RMI, and stock Python rpyc clients (5.3 and 6.0) against a stock
 * Python {@code ThreadedServer} and against the rpyc4j server. Results go to
 * {@code bench/target/bench-results.json}; {@code BENCHMARKS.md} is generated from that file
 * ({@link org.rpyc4j.bench.Report}). Every benchmark group is a section of both, so later groups
 * (throughput, payload sizes) slot in without changing the format. The report links a PNG chart drawn beside it
 * ({@code BENCHMARKS.png}, {@link org.rpyc4j.bench.Chart}, java.awt in headless mode): one panel of bars per figure
 * that {@link org.rpyc4j.bench.ChartPanels#SOURCES} takes from a group present in the results file (null-call
 * latency and calls/s per system, connection setup per mode, registry QUERY, launcher start-up); a new group's panel
 * is one entry there. A {@code --smoke} run writes its results, report and chart to {@code bench/target/smoke/}
 * instead, so the committed report is only ever rewritten by a full run; {@code run-tests.sh} runs
 * {@code ./run-bench.sh --smoke --suite all} after the tests, to show that the harness still works.
 *
 * <p>{@code --suite all} adds one group per class, sharing {@link org.rpyc4j.bench.Extras}: connection setup rate
 * per serving mode ({@link org.rpyc4j.bench.ConnectionSetup}, rpyc4j's threaded, pool and forking servers in a
 * {@code --serve-modes} child JVM, {@link org.rpyc4j.bench.ModeServers}, against Python's; under load,
 * {@link org.rpyc4j.bench.ConnectionLoad}; the forking mode's first reply with a ready child,
 * {@link org.rpyc4j.bench.ForkingFirstReply}), idle connections
 * ({@link org.rpyc4j.bench.IdleConnections}), registry QUERY ({@link org.rpyc4j.bench.RegistryQueries}), launcher
 * start-up ({@link org.rpyc4j.bench.LauncherStartup}), the TLS and list-transfer figures of other modules' tools
 * ({@link org.rpyc4j.bench.ToolTables}), the raw loopback bulk-throughput floor
 * ({@link org.rpyc4j.bench.LoopbackBulk}), throughput with 1 to 64 concurrent clients per serving mode
 * ({@link org.rpyc4j.bench.ConcurrentClients}), payload echoes with compression on and off
 * ({@link org.rpyc4j.bench.Payloads}) and callbacks ({@link org.rpyc4j.bench.Callbacks}); their Python side is
 * {@code extra_bench.py}. The payload and callback groups share one set of payload servers
 * ({@link org.rpyc4j.bench.PayloadServers} and its Python twin, started by {@link org.rpyc4j.bench.Extras}) and time
 * their series in interleaved rounds ({@link org.rpyc4j.bench.Rounds}). {@code --suite throughput} adds the
 * concurrent-clients group only: the null-call and 64-client figures of a change to the protocol core, before and
 * after, in minutes rather than the full suite's quarter of an hour.
 *
 * <h2>Why not JMH</h2>
 * JMH measures code inside one JVM that it forks and controls. Half of this comparison is not Java at all:
 * Python rpyc clients and servers run as separate processes, and the Java servers run in their own JVM so that
 * client and server do not share a heap, a JIT or a GC. The harness therefore has to start, time-bound and stop
 * processes, pass ports around and collect results from Python's own timer ({@code time.perf_counter}) - process
 * orchestration that JMH does not do. Each request here is a loopback round trip of tens of microseconds,
 * thousands of times longer than the timer and loop overheads JMH exists to remove, so a plain loop timed with
 * {@link java.lang.System#nanoTime()} after warm-up rounds is accurate enough, and the Java and Python figures are
 * taken the same way (a timed loop of N calls, repeated in rounds, min/median/max reported).
 *
 * <h2>Topology</h2>
 * The harness JVM is the Java client. One child JVM ({@code BenchMain --serve-java}) hosts the Java servers:
 * the TCP echo server (platform thread per connection), the rpyc4j server (rpyc4j's {@code ThreadedServer},
 * with its defaults and two diagnostic variants) and the RMI registry and object. Each Python server is a child
 * process too.
 * Everything binds to 127.0.0.1 and ephemeral ports; every child exits when the harness closes its standard
 * input or after a time limit, and the harness stops the ones it started.
 *
 * <h2>Noise</h2>
 * The figures are loopback round trips of tens of microseconds on what may be a small, shared virtual machine. The
 * harness records how idle the machine was before the run ({@code --wait-quiet} waits for it), measures during
 * every round how much CPU other processes took ({@link org.rpyc4j.bench.Disturbance}, from /proc) and re-runs or
 * replaces disturbed rounds, and can pin processes to CPUs ({@code --pin same|split}), since on a virtual machine
 * waking a thread on another, idle vCPU costs far more than on the same one.
 *
 * <h2>Where the time goes</h2>
 * After the timed rounds, a cost-per-call table gives the client's and the server's CPU time and allocation per
 * call for every scenario; {@code --profile} adds JFR recordings (CPU-time sampling) of the rpyc4j server and client,
 * summarised by top frames ({@link org.rpyc4j.bench.Profiler}).
 *
 * <h2>Fairness</h2>
 * Rounds of the scenarios being compared are interleaved (round 1 of every scenario, then round 2, ...), so that
 * drift in the machine's speed hits all of them alike. Python's {@code conn.root.noop()} costs a GETATTR and a
 * CALL round trip plus an asynchronous DEL per call, against either server; the cached bound method
 * ({@code f = conn.root.noop; f()}) costs one CALL round trip, like the Java client's CALLATTR
 * ({@code root.callMethod("noop")}).
 */
package org.rpyc4j.bench;
