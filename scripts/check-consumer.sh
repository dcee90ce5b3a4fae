#!/usr/bin/env bash
# The consumer check: builds bom/src/it/consumer, a project outside the reactor, in a temporary folder, offline,
# from the rpyc4j artifacts in the local Maven repository only (so run it after `./mvnw install`; MAVEN_OPTS
# -Dmaven.repo.local=... is honoured), then runs it on the module path and on the class path. It serves a
# service with the threaded mode on 127.0.0.1 and calls it with a client; each run ends by itself (timeout).
#
#   scripts/check-consumer.sh          # exit 0 when both runs got the expected reply
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/scripts/jdk25.sh"

# the reactor's version: the first <version> of the parent POM is the project's own
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -n 1)
work=$(mktemp -d "${TMPDIR:-/tmp}/rpyc4j-consumer.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp -R "$root/bom/src/it/consumer/." "$work/"

echo "consumer check: building org.example:greeter against rpyc4j $version (offline, in $work)"
(cd "$work" && "$root/mvnw" -o -B -q -Drpyc4j.version="$version" package)

jar=$work/target/greeter-1.0.jar
status=0
timeout 60 java --module-path "$jar:$work/target/lib" -m org.example.greeter/org.example.greeter.Main || status=1
timeout 60 java -cp "$jar:$work/target/lib/*" org.example.greeter.Main || status=1
exit "$status"
