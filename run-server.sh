#!/usr/bin/env bash
# Builds the demo module (and what it needs) and runs the demo server on the module path:
#
#   ./run-server.sh [server arguments...]
#
# The runtime jars of the demo are copied into demo/target/lib; the demo's own jar is in
# demo/target. The server runs in the caller's working directory.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

. "$root/scripts/jdk25.sh"

# One reactor run: package demo and the modules it depends on (-am), then copy each module's
# runtime dependencies into its target/lib (sibling modules resolve to the jars just built).
(
    cd "$root"
    rm -rf demo/target/lib
    mvn -B -q -DskipTests -pl demo -am \
        package dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=target/lib
)

demo_jar=""
for jar in "$root"/demo/target/rpyc4j-demo-*.jar; do
    case "$jar" in
        *-sources.jar | *-javadoc.jar | *-tests.jar) ;;
        *) [ -f "$jar" ] && demo_jar=$jar ;;
    esac
done
if [ -z "$demo_jar" ]; then
    echo "error: no demo/target/rpyc4j-demo-*.jar after the build" >&2
    exit 1
fi

exec java --module-path "$demo_jar:$root/demo/target/lib" \
    --module org.rpyc4j.demo/org.rpyc4j.demo.DemoServer "$@"
