# shellcheck shell=bash
# Selects a JDK 25 (or newer) for the build and exports JAVA_HOME and PATH.
# Source it from bash:  . scripts/jdk25.sh
#
# Order: $JAVA_HOME if it is a JDK >= 25; else the newest /usr/lib/jvm/*25* (or later)
# that has bin/javac, preferring temurin-25; else fail with a clear message.

# Prints the feature version (17, 25, ...) of the JDK at $1, or nothing if it is not a JDK.
rpyc4j_jdk_feature() {
    local home=$1 release version
    [ -x "$home/bin/javac" ] && [ -x "$home/bin/java" ] || return 0
    release="$home/release"
    if [ -r "$release" ]; then
        version=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$release")
    else
        version=$("$home/bin/java" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1)
    fi
    version=${version#1.}          # 1.8.0 -> 8.0
    echo "${version%%[.+-]*}"
}

rpyc4j_select_jdk25() {
    local candidate feature best="" best_feature=0
    if [ -n "${JAVA_HOME:-}" ]; then
        feature=$(rpyc4j_jdk_feature "$JAVA_HOME")
        if [ -n "$feature" ] && [ "$feature" -ge 25 ]; then
            best=$JAVA_HOME
        fi
    fi
    if [ -z "$best" ]; then
        for candidate in /usr/lib/jvm/*; do
            [ -d "$candidate" ] || continue
            feature=$(rpyc4j_jdk_feature "$candidate")
            [ -n "$feature" ] && [ "$feature" -ge 25 ] || continue
            # newest feature version wins; among equals, temurin wins
            if [ "$feature" -gt "$best_feature" ] \
               || { [ "$feature" -eq "$best_feature" ] && [[ "$candidate" == *temurin* ]]; }; then
                best=$candidate
                best_feature=$feature
            fi
        done
    fi
    if [ -z "$best" ]; then
        echo "error: no JDK 25 or newer found (JAVA_HOME=${JAVA_HOME:-unset}; looked in /usr/lib/jvm)." >&2
        echo "       Install one (e.g. Temurin 25) or point JAVA_HOME at it." >&2
        return 1
    fi
    export JAVA_HOME=$best
    export PATH="$JAVA_HOME/bin:$PATH"
}

rpyc4j_select_jdk25 || return 1

# Maven 3.8.x's bundled guava uses sun.misc.Unsafe, which JDK 24+ warns about on every run.
case " ${MAVEN_OPTS:-} " in
    *" --sun-misc-unsafe-memory-access="*) ;;
    *) export MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }--sun-misc-unsafe-memory-access=allow" ;;
esac
