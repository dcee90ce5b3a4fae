#!/usr/bin/env bash
# Runs rpyc_classic from the rpyc4j runtime image (distribution/target/rpyc4j), building the image first when
# it is missing or older than the sources:
#
#   ./run-server.sh                    # the classic server with rpyc's defaults: threaded, localhost:18812
#   ./run-server.sh -m forking -p 12333 --register
#   ./run-server.sh --help
#
# The image needs no installed JDK; only building it does (JDK 25 and Maven).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
image=$root/distribution/target/rpyc4j
stamp=$image/RPYC4J_VERSION

stale=no
if [ ! -x "$image/bin/rpyc_classic" ] || [ ! -f "$stamp" ]; then
    stale=yes
elif [ -n "$(find "$root" -path "$root/.git" -prune -o -path '*/target' -prune -o \
        \( -name pom.xml -o -path '*/src/*' \) -type f -newer "$stamp" -print -quit)" ]; then
    stale=yes
fi
if [ "$stale" = yes ]; then
    . "$root/scripts/jdk25.sh"
    echo "building the rpyc4j image (distribution/target/rpyc4j) ..." >&2
    (cd "$root" && mvn -B -q -DskipTests install -pl distribution -am)
fi

exec "$image/bin/rpyc_classic" "$@"
