#!/usr/bin/env bash
# Builds the bench module (and what it needs) and runs the benchmark harness:
#
#   ./run-bench.sh             # full run, a few minutes
#   ./run-bench.sh --smoke     # quick check that everything works (well under a minute), rough figures;
#                              # writes its results, report and chart to bench/target/smoke/ only
#   ./run-bench.sh --profile   # full run plus a JFR-sampled pass of the rpyc4j null call (where time goes)
#   ./run-bench.sh --wait-quiet 120   # first waits (up to 120 s) until the machine is >= 90 % idle
#   ./run-bench.sh --suite all        # plus connection setup per serving mode, 10,000 idle connections,
#                                     # registry QUERY, launcher start-up, TLS (auth-ssl/run-ssl-bench.sh),
#                                     # list transfer (classic's ListTransferInteropTest), the raw loopback bulk
#                                     # floor, 1-64 concurrent clients per serving mode, payloads (str, 1 and
#                                     # 16 MiB bytes, tuple; compression on/off) and callbacks; with --smoke,
#                                     # small sizes
#
# Flags combine (e.g. --smoke --profile). Other work on the machine disturbs the figures: run it on
# an otherwise idle machine; the report records how idle it was just before the run.
#
# Compares, on loopback: raw TCP ping-pong (the floor), rpyc4j Java client -> rpyc4j server (5.x and
# 6.x dialects), Java RMI, and Python rpyc 5.3.0 / 6.0.1 clients against the stock Python
# ThreadedServer and against the rpyc4j server. Writes bench/target/bench-results.json and
# regenerates BENCHMARKS.md and its chart BENCHMARKS.png from it (a --smoke run writes
# bench/target/smoke/{bench-results.json,BENCHMARKS.md,BENCHMARKS.png} and leaves those alone). To redraw
# the report and chart from a results file: java ... BenchMain --report RESULTS.json OUT.md (see BenchMain).
#
# Needs /usr/bin/python3 with rpyc 5.3.0 (Debian's python3-rpyc) and ../shared/peers/rpyc-6.0.1.tar.gz
# (extracted into bench/target at run time). Every server binds 127.0.0.1 and is stopped by the harness.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$root"

. "$root/scripts/jdk25.sh"

if ! /usr/bin/python3 -c 'import rpyc' >/dev/null 2>&1; then
    echo "error: /usr/bin/python3 cannot import rpyc; install Debian's python3-rpyc (apt-get install -y python3-rpyc)" >&2
    exit 1
fi

mvn -B -q -DskipTests install -pl bench -am
case " $* " in
    *" --suite all "*)
        # the launcher start-up group needs the jlink image; list transfer needs classic's test dependencies
        if [ ! -x "$root/distribution/target/rpyc4j/bin/rpyc_classic" ]; then
            mvn -B -q -DskipTests install -pl distribution -am
        fi
        ;;
esac
# the idle-connections group holds thousands of sockets in the harness JVM
ulimit -n 20000 2>/dev/null || true
echo   # Maven 3.8 ends with ANSI resets and no newline

bench_jar=""
for jar in "$root"/bench/target/rpyc4j-bench-*.jar; do
    case "$jar" in
        *-sources.jar | *-javadoc.jar | *-tests.jar) ;;
        *) [ -f "$jar" ] && bench_jar=$jar ;;
    esac
done
if [ -z "$bench_jar" ]; then
    echo "error: no bench/target/rpyc4j-bench-*.jar after the build" >&2
    exit 1
fi

command="./run-bench.sh${*:+ $*}"
exec java -Djava.rmi.server.hostname=127.0.0.1 -Djava.awt.headless=true \
    --module-path "$bench_jar:$root/bench/target/lib" \
    --module org.rpyc4j.bench/org.rpyc4j.bench.BenchMain \
    --root "$root" --shared "$root/../shared" --command "$command" "$@"
