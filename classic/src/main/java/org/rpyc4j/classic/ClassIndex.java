package org.rpyc4j.classic;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.ModuleReader;
import java.lang.module.ResolvedModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Java packages and top-level classes this JVM can load, for the classic service's module namespace: the
 * exported packages of the boot layer's modules (the JDK's and the application's named modules) and the
 * packages of the class path. Built once, on first use (listing every module takes a fraction of a second).
 */
final class ClassIndex {
    private static final Logger LOG = LoggerFactory.getLogger(ClassIndex.class);

    /** Package name to the simple names of its public-looking top-level classes. */
    private final Map<String, SortedSet<String>> classes;
    /** Every package and every prefix of one ({@code java}, {@code java.util}, ...). */
    private final Set<String> prefixes;

    private static volatile ClassIndex instance;

    private ClassIndex(Map<String, SortedSet<String>> classes) {
        this.classes = classes;
        Set<String> p = new HashSet<>();
        for (String pkg : classes.keySet()) {
            for (int i = pkg.indexOf('.'); i > 0; i = pkg.indexOf('.', i + 1)) {
                p.add(pkg.substring(0, i));
            }
            p.add(pkg);
        }
        this.prefixes = p;
    }

    static ClassIndex get() {
        ClassIndex i = instance;
        if (i == null) {
            synchronized (ClassIndex.class) {
                i = instance;
                if (i == null) {
                    long start = System.nanoTime();
                    instance = i = build();
                    LOG.debug("indexed {} packages in {} ms", i.classes.size(), (System.nanoTime() - start) / 1_000_000);
                }
            }
        }
        return i;
    }

    /** Whether {@code name} is a package, or a prefix of one ({@code java} of {@code java.util}). */
    boolean isPackage(String name) {
        return prefixes.contains(name);
    }

    /** The direct subpackages and the top-level classes of package {@code name}, sorted. */
    SortedSet<String> members(String name) {
        SortedSet<String> out = new TreeSet<>(classes.getOrDefault(name, Collections.emptySortedSet()));
        String prefix = name + ".";
        for (String p : prefixes) {
            if (p.startsWith(prefix) && p.indexOf('.', prefix.length()) < 0) {
                out.add(p.substring(prefix.length()));
            }
        }
        return out;
    }

    private static ClassIndex build() {
        Map<String, SortedSet<String>> classes = new TreeMap<>();
        ModuleLayer boot = ModuleLayer.boot();
        for (ResolvedModule resolved : boot.configuration().modules()) {
            Module module = boot.findModule(resolved.name()).orElse(null);
            if (module == null) {
                continue;
            }
            for (String pkg : module.getPackages()) {
                if (module.isExported(pkg)) {
                    classes.computeIfAbsent(pkg, k -> new TreeSet<>());
                }
            }
            try (ModuleReader reader = resolved.reference().open(); Stream<String> entries = reader.list()) {
                entries.forEach(entry -> addEntry(classes, entry, pkg -> module.isExported(pkg)));
            } catch (IOException | UncheckedIOException e) {
                LOG.debug("cannot list module {}: {}", resolved.name(), e.toString());
            }
        }
        for (String path : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!path.isBlank()) {
                addClassPathEntry(classes, Path.of(path));
            }
        }
        return new ClassIndex(classes);
    }

    private static void addClassPathEntry(Map<String, SortedSet<String>> classes, Path entry) {
        try {
            if (Files.isDirectory(entry)) {
                try (Stream<Path> files = Files.walk(entry, 32)) {
                    files.filter(f -> f.toString().endsWith(".class")).forEach(f -> addEntry(classes,
                            entry.relativize(f).toString().replace(File.separatorChar, '/'), pkg -> true));
                }
            } else if (Files.isRegularFile(entry)) {
                try (JarFile jar = new JarFile(entry.toFile())) {
                    for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                        addEntry(classes, e.nextElement().getName(), pkg -> true);
                    }
                }
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("cannot list class path entry {}: {}", entry, e.toString());
        }
    }

    private static void addEntry(Map<String, SortedSet<String>> classes, String entry,
            java.util.function.Predicate<String> exported) {
        if (!entry.endsWith(".class") || entry.startsWith("META-INF/")) {
            return;
        }
        int slash = entry.lastIndexOf('/');
        if (slash <= 0) {
            return; // the unnamed package cannot be imported anyway
        }
        String pkg = entry.substring(0, slash).replace('/', '.');
        String simple = entry.substring(slash + 1, entry.length() - ".class".length());
        if (simple.contains("$") || simple.equals("module-info") || simple.equals("package-info")
                || !exported.test(pkg)) {
            return;
        }
        classes.computeIfAbsent(pkg, k -> new TreeSet<>()).add(simple);
    }
}
