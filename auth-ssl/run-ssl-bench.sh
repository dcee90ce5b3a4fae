#!/usr/bin/env bash
# The TLS benchmark (auth-ssl's SslBenchmark): rpyc4j's SSL authenticator against plain TCP and against a stock
# Python rpyc SSL server, from a Java and a Python client, in one run on 127.0.0.1. Prints a Markdown table for
# BENCHMARKS.md.
#
#   auth-ssl/run-ssl-bench.sh            # full (a few minutes)
#   auth-ssl/run-ssl-bench.sh --smoke    # rough figures in well under a minute
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
. "$root/scripts/jdk25.sh"

# compile auth-ssl's tests and what they need, and write auth-ssl's test class path
mvn -B -q -DskipTests -pl auth-ssl -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
cp="$root/auth-ssl/target/test-classes:$root/auth-ssl/target/classes:$(cat "$root/auth-ssl/target/test-classpath.txt")"

exec java -cp "$cp" -Drpyc4j.shared="$root/../shared" -Dtinylog.configuration=tinylog-test.properties \
    -Dtinylog.writer.level=warn org.rpyc4j.auth.ssl.SslBenchmark "$@"
