package org.rpyc4j.spi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.module.ResolutionException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A child module layer over the jars of a plug-in folder: dropping a mode's jar (and the jars it needs) into
 * the folder adds the mode. Modules the parent layer already has (the api, the spi, ...) are taken from the
 * parent, so plug-ins share their types; a jar that breaks resolution is logged and left out, the others
 * still load. Each plug-in module gets its own class loader, so plug-ins cannot clash on package names.
 */
public final class PluginLayer {
    private static final Logger LOG = LoggerFactory.getLogger(PluginLayer.class);

    private PluginLayer() {
    }

    /**
     * A layer over the {@code *.jar} files directly in {@code folder}, child of {@code parent}; {@code parent}
     * itself when the folder has no (usable) jars.
     *
     * @param loader the parent class loader of the plug-ins' loaders
     * @throws UncheckedIOException when the folder exists but cannot be listed
     */
    public static ModuleLayer create(Path folder, ModuleLayer parent, ClassLoader loader) {
        List<Path> jars = jars(folder);
        if (jars.isEmpty()) {
            return parent;
        }
        try {
            return define(jars, parent, loader);
        } catch (FindException | ResolutionException | LayerInstantiationException e) {
            LOG.warn("plug-in folder {} does not resolve as a whole ({}); loading its jars one by one", folder,
                    e.getMessage());
        }
        List<Path> usable = new ArrayList<>();
        for (Path jar : jars) {
            try {
                define(List.of(jar), parent, loader);
                usable.add(jar);
            } catch (FindException | ResolutionException | LayerInstantiationException e) {
                LOG.warn("plug-in {} is left out: {}", jar, e.getMessage());
            }
        }
        // the usable jars alone may still clash with each other (two with the same module name, ...): then one layer each
        try {
            return usable.isEmpty() ? parent : define(usable, parent, loader);
        } catch (FindException | ResolutionException | LayerInstantiationException e) {
            LOG.warn("plug-ins of {} clash with each other ({}); only the first usable one is loaded", folder,
                    e.getMessage());
            return define(List.of(usable.getFirst()), parent, loader);
        }
    }

    private static ModuleLayer define(List<Path> jars, ModuleLayer parent, ClassLoader loader) {
        ModuleFinder finder = ModuleFinder.of(jars.toArray(Path[]::new));
        Set<String> roots = finder.findAll().stream()
                .map(ModuleReference::descriptor)
                .map(d -> d.name())
                .filter(name -> {
                    boolean inParent = parent.findModule(name).isPresent();
                    if (inParent) {
                        LOG.debug("plug-in module {} is already loaded; using the loaded one", name);
                    }
                    return !inParent;
                })
                .collect(Collectors.toSet());
        // empty "before" finder: what the parent has wins, so plug-ins see the platform's own api and spi types
        Configuration configuration = parent.configuration().resolveAndBind(ModuleFinder.of(), finder, roots);
        return parent.defineModulesWithManyLoaders(configuration, loader);
    }

    private static List<Path> jars(Path folder) {
        if (!Files.isDirectory(folder)) {
            LOG.debug("plug-in folder {} does not exist", folder);
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list plug-in folder " + folder, e);
        }
    }
}
