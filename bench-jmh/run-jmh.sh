#!/usr/bin/env bash
# Builds bench-jmh (and core, which it measures) and runs its JMH benchmarks of the in-JVM hot paths: brine
# encode/decode of typical requests and replies, framing over in-memory streams, the 5.x/6.x envelope.
#
#   bench-jmh/run-jmh.sh                   # full: 2 forks, 5 x 1 s warm-up, 5 x 1 s measured per benchmark
#   bench-jmh/run-jmh.sh --quick           # smoke check, in the harness JVM, a few seconds: figures are rough
#   bench-jmh/run-jmh.sh [--quick] REGEX [JMH OPTIONS]   # only the benchmarks matching REGEX, e.g. Envelope
#
# Results also go to bench-jmh/target/jmh-result.json (JMH's JSON). Other work on the machine disturbs the
# figures; run on an otherwise idle machine and compare runs made one after another. JMH runs on the class
# path (bench-jmh's jar + target/lib), so module exports do not matter.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

. "$root/scripts/jdk25.sh"

quick=false
if [ "${1:-}" = "--quick" ]; then
    quick=true
    shift
fi

mvn -B -q -DskipTests install -pl bench-jmh -am
echo   # Maven 3.8 ends with ANSI resets and no newline

jar=""
for candidate in "$root"/bench-jmh/target/rpyc4j-bench-jmh-*.jar; do
    case "$candidate" in
        *-sources.jar | *-javadoc.jar | *-tests.jar) ;;
        *) [ -f "$candidate" ] && jar=$candidate ;;
    esac
done
if [ -z "$jar" ]; then
    echo "error: no bench-jmh/target/rpyc4j-bench-jmh-*.jar after the build" >&2
    exit 1
fi

if $quick; then
    # no fork, one short warm-up and measurement each: checks that every benchmark runs
    settings=(-f 0 -wi 1 -w 100ms -i 1 -r 100ms)
else
    settings=(-f 2 -wi 5 -w 1s -i 5 -r 1s)
fi
exec java -cp "$jar:$root/bench-jmh/target/lib/*" org.openjdk.jmh.Main "${settings[@]}" \
    -rf json -rff "$root/bench-jmh/target/jmh-result.json" "$@"
