#!/usr/bin/env bash
# Builds the rpyc4j runtime image: build-image.sh JAVA_HOME MODS_DIR TARGET_DIR VERSION
# (called by Maven in the package phase of module distribution).
set -euo pipefail
jdk=$1 mods=$2 target=$3 version=$4
src=$(cd "$(dirname "$0")" && pwd)
image=$target/rpyc4j
rm -rf "$image" "$target"/rpyc4j-*.tar.gz
# the rpyc4j modules: every jar of the dependency folder is a named module (jsr305 and tinylog are left out:
# jsr305 is `requires static`, and the launchers' slf4j backend is org.rpyc4j.cli)
modules=$("$jdk/bin/jar" --describe-module --file "$mods"/rpyc4j-cli-*.jar >/dev/null && for jar in "$mods"/rpyc4j-*.jar; do
    "$jdk/bin/jar" --describe-module --file "$jar" | grep -v '^releases' | grep -m 1 . | sed 's/@.*//; s/ .*//'
done | paste -sd, -)
"$jdk/bin/jlink" \
    --module-path "$mods" \
    --add-modules "$modules,jdk.crypto.ec,jdk.zipfs,jdk.localedata" \
    --include-locales=en \
    --no-header-files --no-man-pages \
    --compress=zip-6 \
    --generate-cds-archive \
    --output "$image"
# the archive for -XX:-UseCompressedOops (heaps over 32 GB) is not worth 15 MB here
rm -f "$image/lib/server/classes_nocoops.jsa"
mkdir -p "$image/plugins" "$image/conf"
cp "$src/plugins/README.txt" "$image/plugins/"
cp "$src/conf/logging.properties" "$image/conf/"
for spec in "rpyc_classic:org.rpyc4j.cli.ClassicMain:classic RPyC server" \
            "rpyc_registry:org.rpyc4j.cli.RegistryMain:RPyC registry server"; do
    IFS=: read -r program main what <<<"$spec"
    sed -e "s/@PROGRAM@/$program/g" -e "s/@MAIN@/$main/g" -e "s/@WHAT@/$what/g" \
        "$src/bin/launcher.template" >"$image/bin/$program"
    chmod 755 "$image/bin/$program"
done
echo "$version" >"$image/RPYC4J_VERSION"
# class-data sharing of the launchers' classes: a training run that loads the lookup, the modes and the engine
"$image/bin/java" -XX:ArchiveClassesAtExit="$image/lib/rpyc4j.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off \
    --enable-native-access=org.rpyc4j.server.forking \
    --add-modules=org.rpyc4j.classic -Drpyc4j.plugins="$image/plugins" \
    -m org.rpyc4j.cli/org.rpyc4j.cli.Training >/dev/null 2>&1 || rm -f "$image/lib/rpyc4j.jsa"
tar -C "$target" -czf "$target/rpyc4j-$version.tar.gz" rpyc4j
echo "rpyc4j image: $image ($(du -sh "$image" | cut -f1)), archive $(du -h "$target/rpyc4j-$version.tar.gz" | cut -f1)"
