#!/usr/bin/env bash
# The test command: builds everything and runs all tests, including the interop tests
# against the real Python rpyc peers (5.3.0 from Debian's python3-rpyc, 6.0.1 from
# ../shared/peers/rpyc-6.0.1.tar.gz), then the benchmark harness's smoke variant.
#
#   ./run-tests.sh                 # mvn -B verify, then ./run-bench.sh --smoke --suite all
#   ./run-tests.sh -pl testkit     # extra arguments go to Maven (and skip the benchmark smoke run)
#   RPYC4J_SKIP_BENCH_SMOKE=1 ./run-tests.sh    # mvn -B verify only
#
# The benchmark smoke run follows a successful mvn verify and shows that the harness still works
# end to end (no thresholds: it fails only if the harness fails); its rough figures go to
# bench/target/smoke/, never over BENCHMARKS.md. The summary counts it as one test. Skipping it
# (RPYC4J_SKIP_BENCH_SMOKE=1, or Maven arguments) is for local runs: with CI=true it always runs.
#
# With CI=true it also fails unless interop tests actually ran (none skipped).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$root"

# (a) JDK 25
. "$root/scripts/jdk25.sh"
echo "using JDK at $JAVA_HOME"

# (b) the reference Python peer (rpyc 5.3.0 for /usr/bin/python3)
if ! /usr/bin/python3 -c 'import rpyc' >/dev/null 2>&1; then
    echo "python rpyc not found for /usr/bin/python3; installing Debian's python3-rpyc"
    if [ "$(id -u)" -eq 0 ]; then
        sudo=()
    elif command -v sudo >/dev/null 2>&1; then
        sudo=(sudo)
    else
        echo "error: python3-rpyc is missing and we are neither root nor have sudo;" >&2
        echo "       install it with: apt-get install -y python3-rpyc" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get update
    "${sudo[@]}" apt-get install -y python3-rpyc
    /usr/bin/python3 -c 'import rpyc; print("python rpyc", rpyc.__version__)'
fi

# (c) build and test
marker=$(mktemp)                    # reports older than this are from an earlier run
trap 'rm -f "$marker"' EXIT
mvn_status=0
mvn -B verify "$@" || mvn_status=$?
echo   # Maven 3.8 ends with ANSI resets and no newline; start our lines on a fresh line

# (d) read this run's surefire reports: overall totals, and the interop tests
shopt -s nullglob
tests=0 failures=0 errors=0 skipped=0
interop_tests=0 interop_skipped=0
attr() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$suite"; }   # a count on <testsuite>
for report in "$root"/*/target/surefire-reports/TEST-*.xml; do
    [ "$report" -nt "$marker" ] || continue
    # the <testsuite ...> element carries the counts of this test class
    suite=$(grep -o -m 1 '<testsuite [^>]*>' "$report" || true)
    [ -n "$suite" ] || continue
    t=$(attr tests) f=$(attr failures) e=$(attr errors) s=$(attr skipped)
    tests=$((tests + ${t:-0}))
    failures=$((failures + ${f:-0}))
    errors=$((errors + ${e:-0}))
    skipped=$((skipped + ${s:-0}))
    name=$(sed -n 's/.* name="\([^"]*\)".*/\1/p' <<<"$suite")
    if [[ "$name" == *Interop* ]]; then
        interop_tests=$((interop_tests + ${t:-0}))
        interop_skipped=$((interop_skipped + ${s:-0}))
    fi
done

status=$mvn_status
if [ "$mvn_status" -ne 0 ]; then
    echo "error: maven failed (exit $mvn_status)" >&2
elif [ "${CI:-}" = "true" ]; then
    interop_run=$((interop_tests - interop_skipped))
    echo "interop: $interop_run tests run against Python rpyc ($interop_skipped skipped)"
    if [ "$interop_run" -lt 1 ] || [ "$interop_skipped" -gt 0 ]; then
        echo "error: on CI the interop tests (test classes named *Interop*) must run, none skipped;" >&2
        echo "       check that /usr/bin/python3 has rpyc and ../shared/peers is present." >&2
        status=1
    fi
fi

# (e) the benchmark smoke run (see the top of this file)
if [ "$status" -eq 0 ]; then
    if [ "${CI:-}" != "true" ] && [ "${RPYC4J_SKIP_BENCH_SMOKE:-}" = "1" ]; then
        echo "benchmark smoke run: skipped (RPYC4J_SKIP_BENCH_SMOKE=1)"
    elif [ "${CI:-}" != "true" ] && [ "$#" -gt 0 ]; then
        echo "benchmark smoke run: skipped (Maven arguments given: not a full run)"
    else
        echo "benchmark smoke run: ./run-bench.sh --smoke --suite all"
        smoke_started=$SECONDS
        smoke_status=0
        "$root/run-bench.sh" --smoke --suite all || smoke_status=$?
        echo
        tests=$((tests + 1))
        if [ "$smoke_status" -ne 0 ]; then
            echo "error: the benchmark smoke run failed (exit $smoke_status); its logs: bench/target/bench-logs" >&2
            failures=$((failures + 1))
            status=1
        else
            echo "benchmark smoke run: passed in $((SECONDS - smoke_started)) s (report: bench/target/smoke/BENCHMARKS.md)"
        fi
    fi
fi

passed=$((tests - failures - errors - skipped))
summary="$passed passed, $((failures + errors)) failed"
[ "$skipped" -eq 0 ] || summary="$summary, $skipped skipped"
echo "$summary"
exit "$status"
