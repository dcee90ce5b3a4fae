package org.rpyc4j.classic;

import java.io.File;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigInteger;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import javax.annotation.Nullable;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;
import org.rpyc4j.api.NetRef;
import org.rpyc4j.api.value.Tuple;
import org.rpyc4j.core.object.Conversions;
import org.rpyc4j.core.object.PyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's Java session: a JShell that runs snippets in this JVM, so that what a snippet evaluates to is
 * the real object (sent to the peer by reference, or by value when it is a number, string, ...), and variables,
 * methods, classes and imports declared by one request persist for the next.
 *
 * <h2>How the value of a snippet is captured</h2>
 * JShell's own API returns values as text only. The session therefore gives JShell its own execution engine: a
 * {@link DirectExecutionControl} (which runs each snippet's generated {@code do_it$} method directly, on the
 * calling thread) whose {@code invoke} keeps the object the method returns, or the exception it throws, before
 * JShell turns it into text; and whose {@code varValue} reads (or writes) the variable's static field itself,
 * which is how the namespace reads and assigns variables. Snippet classes are defined by a class loader of the
 * session whose parent is the service's class loader, so snippets see the application's classes; the JShell
 * compiler gets the JVM's class path and module path. JShell's usual default imports ({@code java.util.*},
 * {@code java.io.*}, ...) are declared when the session starts.
 *
 * <p>The value of an expression is not kept in a JShell temporary variable ({@code $1}): the snippet is dropped
 * once its value is taken, and the field cleared, so that evaluating does not accumulate objects. Each snippet
 * still compiles to a small class, which lives until the connection ends.
 *
 * <p>A session is used by one request at a time (a lock); a snippet that calls back into the peer, which then
 * evaluates again on the same connection, gets a {@code RuntimeError} instead of a deadlock when the nested
 * request runs on the same thread. The session starts on first use.
 */
final class JavaSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JavaSession.class);

    /** The imports the jshell tool starts with. */
    private static final List<String> DEFAULT_IMPORTS = List.of("java.io.*", "java.math.*", "java.net.*",
            "java.nio.file.*", "java.util.*", "java.util.concurrent.*", "java.util.function.*", "java.util.regex.*",
            "java.util.stream.*");

    private final ClassLoader parent;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile @Nullable JShell shell;
    private volatile boolean closed;
    // what the execution engine saw during the current snippet or variable access (guarded by lock)
    private @Nullable Object captured;
    private @Nullable Throwable thrown;
    private @Nullable Class<?> wrapper;
    private @Nullable FieldAccess fieldAccess;

    JavaSession(ClassLoader parent) {
        this.parent = parent;
    }

    // ------------------------------------------------------------------ requests

    /** Runs {@code text} (one or more snippets) and returns the value of the last one ({@code null} if none). */
    @Nullable
    Object eval(String text) {
        return locked(shell -> run(shell, text));
    }

    /** Runs {@code text}: statements and declarations, which persist. */
    void execute(String text) {
        locked(shell -> run(shell, text));
    }

    /** The names of the session's variables, in declaration order. */
    List<String> names() {
        return locked(shell -> new ArrayList<>(variables(shell).keySet()));
    }

    /** Whether the session has a variable {@code name}. */
    boolean has(String name) {
        return started() && locked(shell -> variables(shell).containsKey(name));
    }

    /** The value of variable {@code name}, or {@link #ABSENT}. */
    @Nullable
    Object get(String name) {
        if (!started()) {
            return ABSENT;
        }
        return locked(shell -> {
            VarSnippet var = variables(shell).get(name);
            return var == null ? ABSENT : access(shell, var, field -> field.get(null));
        });
    }

    /** Assigns variable {@code name}, declaring it (with a type fitting the value) if needed. */
    void set(String name, @Nullable Object value) {
        if (!SourceVersionNames.isIdentifier(name)) {
            throw PyException.valueError("not a Java variable name: " + name);
        }
        locked(shell -> {
            VarSnippet var = variables(shell).get(name);
            if (var != null && fits(shell, var, value)) {
                return access(shell, var, field -> {
                    field.set(null, Conversions.toJava(value, field.getType()));
                    return null;
                });
            }
            VarSnippet declared = declare(shell, name, value);
            return access(shell, declared, field -> {
                field.set(null, Conversions.toJava(value, field.getType()));
                return null;
            });
        });
    }

    /** Drops variable {@code name}; false if there is none. */
    boolean remove(String name) {
        if (!started()) {
            return false;
        }
        return locked(shell -> {
            VarSnippet var = variables(shell).get(name);
            if (var == null) {
                return false;
            }
            clearVariable(shell, var);
            shell.drop(var);
            return true;
        });
    }

    /** Marks a variable that does not exist. */
    static final Object ABSENT = new Object();

    /**
     * Ends the session. Called when the connection closes, possibly while code of the session still runs: then
     * the session ends when that code returns, and this call does not wait for it.
     */
    @Override
    public void close() {
        closed = true;
        if (lock.tryLock()) {
            try {
                shutdown();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Closes the JShell; called holding the lock. */
    private void shutdown() {
        JShell s = shell;
        shell = null;
        if (s != null) {
            s.close();
        }
    }

    // ------------------------------------------------------------------ running snippets

    private <T> T locked(Function<JShell, T> body) {
        if (lock.isHeldByCurrentThread()) {
            throw PyException.of("RuntimeError", "the Java session is busy: code it runs called back into the peer,"
                    + " which asked it to run more code (nested eval/execute is not supported)");
        }
        lock.lock();
        try {
            return body.apply(shell());
        } finally {
            if (closed) {
                shutdown(); // the connection closed while this ran
            }
            lock.unlock();
        }
    }

    private boolean started() {
        return shell != null;
    }

    private JShell shell() {
        if (closed) {
            throw PyException.of("RuntimeError", "the Java session is closed");
        }
        JShell s = shell;
        if (s == null) {
            long start = System.nanoTime();
            shell = s = create();
            LOG.debug("JShell session started in {} ms", (System.nanoTime() - start) / 1_000_000);
        }
        return s;
    }

    /**
     * A JShell compiling against this JVM's class path and module path (all of its modules readable); if the
     * compiler refuses that module path, against the class path alone.
     */
    private JShell create() {
        List<String> classPath = new ArrayList<>();
        String cp = System.getProperty("java.class.path", "");
        if (!cp.isBlank()) {
            classPath.addAll(List.of("--class-path", cp));
        }
        String modulePath = System.getProperty("jdk.module.path", "");
        if (!modulePath.isBlank()) {
            List<String> full = new ArrayList<>(classPath);
            full.addAll(List.of("--module-path", modulePath, "--add-modules", "ALL-MODULE-PATH"));
            JShell shell = create(full);
            if (shell != null) {
                return shell;
            }
            LOG.warn("JShell cannot compile against the module path {}; using the class path only", modulePath);
        }
        JShell shell = create(classPath);
        if (shell == null) {
            throw PyException.of("RuntimeError", "cannot start a JShell session");
        }
        return shell;
    }

    /** A started session with the default imports, or null if they do not compile with these options. */
    @Nullable
    private JShell create(List<String> options) {
        ClassLoader saved = Thread.currentThread().getContextClassLoader();
        try {
            PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream());
            JShell created = JShell.builder()
                    .executionEngine(new Provider(), Map.of())
                    .in(InputStream.nullInputStream())
                    .out(quiet)
                    .err(quiet)
                    .compilerOptions(options.toArray(String[]::new))
                    .build();
            for (String i : DEFAULT_IMPORTS) {
                for (SnippetEvent e : created.eval("import " + i + ";")) {
                    if (e.status() == Snippet.Status.REJECTED) {
                        LOG.debug("import {} rejected: {}", i, created.diagnostics(e.snippet())
                                .map(d -> d.getMessage(Locale.ROOT)).toList());
                        created.close();
                        return null;
                    }
                }
            }
            return created;
        } catch (IllegalStateException e) {
            LOG.debug("JShell with options {} failed: {}", options, e.toString());
            return null;
        } finally {
            Thread.currentThread().setContextClassLoader(saved);
        }
    }

    /** Runs every snippet of {@code text} in turn; the value of the last one. */
    @Nullable
    private Object run(JShell shell, String text) {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String remaining = text;
        Object value = null;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            String source;
            switch (info.completeness()) {
                case COMPLETE, COMPLETE_WITH_SEMI -> {
                    source = info.source();
                    remaining = info.remaining();
                }
                case EMPTY -> {
                    return value;
                }
                default -> {
                    // incomplete or unknown: let the compiler say what is wrong with all of it
                    source = remaining;
                    remaining = "";
                }
            }
            value = runOne(shell, source);
        }
        return value;
    }

    @Nullable
    private Object runOne(JShell shell, String source) {
        captured = null;
        thrown = null;
        wrapper = null;
        List<SnippetEvent> events = shell.eval(source);
        Snippet snippet = null;
        SnippetEvent event = null;
        for (SnippetEvent e : events) {
            if (e.causeSnippet() == null) {
                snippet = e.snippet();
                event = e;
            }
        }
        if (event == null) {
            throw PyException.of("SyntaxError", "cannot run: " + source.strip(),
                    List.of(Map.entry("msg", "cannot run: " + source.strip())), null);
        }
        switch (event.status()) {
            case REJECTED -> throw compileError(shell, snippet, source);
            case RECOVERABLE_NOT_DEFINED, RECOVERABLE_DEFINED -> {
                if (snippet instanceof VarSnippet var) {
                    List<String> missing = shell.unresolvedDependencies(var).toList();
                    shell.drop(snippet);
                    throw nameError("name '" + String.join("', '", missing) + "' is not defined", source);
                }
                return null; // a declaration waiting for what it uses: Java's forward references
            }
            default -> {
            }
        }
        Object value = captured;
        Throwable thrown = this.thrown;
        Class<?> wrapper = this.wrapper;
        if (snippet instanceof VarSnippet var && var.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
            shell.drop(var);        // no $1, $2, ... in the namespace, and their objects not kept
            clearStatics(wrapper);
        }
        JShellException failure = event.exception();
        if (failure != null) {
            if (thrown != null) {
                throw sneaky(thrown); // the exception as the snippet threw it: Python sees its natural type
            }
            if (failure instanceof UnresolvedReferenceException unresolved) {
                throw nameError("cannot run " + source.strip() + ": it uses what is not defined: "
                        + String.join(", ", shell.unresolvedDependencies(unresolved.getSnippet()).toList()), source);
            }
            String type = failure instanceof EvalException ee ? ee.getExceptionClassName() : failure.getClass().getName();
            throw PyException.of("RuntimeError", type + ": " + failure.getMessage(), List.of(), failure);
        }
        return value;
    }

    private static PyException nameError(String message, String source) {
        return PyException.of("NameError", message, List.of(Map.entry("msg", message)), null);
    }

    /** A compile error as Python's SyntaxError (NameError when only names are missing), with the diagnostics. */
    private static PyException compileError(JShell shell, Snippet snippet, String source) {
        List<Diag> diags = shell.diagnostics(snippet).filter(Diag::isError).toList();
        boolean onlyNames = !diags.isEmpty() && diags.stream().allMatch(d -> d.getCode().contains("cant.resolve"));
        String text = source.strip();
        StringBuilder message = new StringBuilder("cannot compile `").append(text.length() > 200
                ? text.substring(0, 200) + "..." : text).append('`');
        for (Diag d : diags) {
            message.append("\n  ").append(position(source, d.getStartPosition())).append(": ")
                    .append(d.getMessage(Locale.ROOT).replace("\n", "\n    "));
        }
        String m = message.toString();
        return PyException.of(onlyNames ? "NameError" : "SyntaxError", m, List.of(Map.entry("msg", m)), null);
    }

    private static String position(String source, long offset) {
        if (offset < 0 || offset > source.length()) {
            return "line ?";
        }
        int line = 1;
        int col = 1;
        for (int i = 0; i < offset; i++) {
            if (source.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return "line " + line + ", column " + col;
    }

    // ------------------------------------------------------------------ variables

    /** The session's live variables by name (temporaries excluded), in declaration order. */
    private static Map<String, VarSnippet> variables(JShell shell) {
        Map<String, VarSnippet> out = new LinkedHashMap<>();
        shell.variables().filter(v -> shell.status(v) == Snippet.Status.VALID)
                .filter(v -> v.subKind() != Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND)
                .forEach(v -> out.put(v.name(), v));
        return out;
    }

    /** Reads or writes a variable's field, through JShell's {@code varValue} (which hands us the field). */
    @Nullable
    private Object access(JShell shell, VarSnippet var, FieldAccess access) {
        fieldAccess = access;
        captured = null;
        thrown = null;
        try {
            shell.varValue(var);
            if (thrown != null) {
                throw sneaky(thrown);
            }
            return captured;
        } finally {
            fieldAccess = null;
        }
    }

    @FunctionalInterface
    private interface FieldAccess {
        @Nullable
        Object apply(Field field) throws Exception;
    }

    private boolean fits(JShell shell, VarSnippet var, @Nullable Object value) {
        Object fieldType = access(shell, var, Field::getType);
        try {
            Conversions.toJava(value, (Class<?>) fieldType);
            return true;
        } catch (ClassCastException e) {
            return false;
        }
    }

    private void clearVariable(JShell shell, VarSnippet var) {
        access(shell, var, field -> {
            if (!field.getType().isPrimitive()) {
                field.set(null, null);
            }
            return null;
        });
    }

    /** Declares {@code name} with a type its value fits (the value's own class where code can name it). */
    private VarSnippet declare(JShell shell, String name, @Nullable Object value) {
        for (String type : List.of(typeName(value), "Object")) {
            List<SnippetEvent> events = shell.eval(type + " " + name + ";");
            for (SnippetEvent e : events) {
                if (e.causeSnippet() == null && e.snippet() instanceof VarSnippet var
                        && e.status() == Snippet.Status.VALID) {
                    return var;
                }
                if (e.causeSnippet() == null && e.status().isActive()) {
                    shell.drop(e.snippet());
                }
            }
        }
        throw PyException.valueError("cannot declare a variable " + name);
    }

    /** The Java type to declare a variable holding {@code value} with. */
    private String typeName(@Nullable Object value) {
        return switch (value) {
            case null -> "Object";
            case Long l -> "long";
            case Integer i -> "int";
            case Short s -> "short";
            case Byte b -> "byte";
            case Double d -> "double";
            case Float f -> "float";
            case Boolean b -> "boolean";
            case Character c -> "char";
            case String s -> "String";
            case BigInteger b -> "java.math.BigInteger";
            case byte[] b -> "byte[]";
            case Tuple t -> "org.rpyc4j.api.value.Tuple";
            case NetRef r -> "org.rpyc4j.api.NetRef";
            default -> nameable(value.getClass());
        };
    }

    /** The class itself if code can name it, else the nearest type above it that code can name. */
    private String nameable(Class<?> type) {
        if (canName(type)) {
            return type.getCanonicalName();
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                String found = interfaceName(i);
                if (found != null) {
                    return found;
                }
            }
            if (c != type && canName(c)) {
                return c.getCanonicalName();
            }
        }
        return "Object";
    }

    @Nullable
    private String interfaceName(Class<?> i) {
        if (i == java.io.Serializable.class || i == Cloneable.class || i == java.util.RandomAccess.class
                || i.getPackageName().equals("java.lang.constant")) {
            return null;
        }
        if (canName(i)) {
            return i.getCanonicalName();
        }
        for (Class<?> sup : i.getInterfaces()) {
            String found = interfaceName(sup);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private boolean canName(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            if (!Modifier.isPublic(c.getModifiers())) {
                return false;
            }
        }
        if (type.getCanonicalName() == null || !type.getModule().isExported(type.getPackageName())) {
            return false;
        }
        try {
            return Class.forName(type.getName(), false, parent) == type;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Drops what the static fields of a dead snippet's class refer to. */
    private static void clearStatics(@Nullable Class<?> wrapper) {
        if (wrapper == null) {
            return;
        }
        for (Field f : wrapper.getDeclaredFields()) {
            int m = f.getModifiers();
            if (Modifier.isStatic(m) && !Modifier.isFinal(m) && !f.getType().isPrimitive()) {
                try {
                    f.setAccessible(true);
                    f.set(null, null);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    LOG.debug("cannot clear {}: {}", f, e.toString());
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
        throw (T) t;
    }

    // ------------------------------------------------------------------ the execution engine

    private final class Provider implements ExecutionControlProvider {
        @Override
        public String name() {
            return "rpyc4j-capturing";
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            return new CapturingControl(new SessionLoaderDelegate(parent));
        }
    }

    /** Runs snippets directly and keeps what they return or throw (see the class comment). */
    private final class CapturingControl extends DirectExecutionControl {
        CapturingControl(LoaderDelegate delegate) {
            super(delegate);
        }

        @Override
        protected String invoke(Method doitMethod) throws Exception {
            wrapper = doitMethod.getDeclaringClass();
            Object result;
            try {
                result = doitMethod.invoke(null);
            } catch (InvocationTargetException e) {
                thrown = e.getCause();
                throw e;
            }
            captured = result;
            return valueString(result);
        }

        @Override
        public String varValue(String className, String varName)
                throws RunException, EngineTerminationException, InternalException {
            FieldAccess access = fieldAccess;
            if (access == null) {
                return super.varValue(className, varName);
            }
            try {
                Field field = findClass(className).getDeclaredField(varName);
                field.setAccessible(true);
                captured = access.apply(field);
            } catch (Exception e) {
                thrown = e instanceof InvocationTargetException ite ? ite.getCause() : e;
            }
            return "";
        }
    }

    /** Defines snippet classes in a class loader of the session (parent: the service's loader). */
    private static final class SessionLoaderDelegate implements LoaderDelegate {
        private final SnippetLoader loader;
        private final Map<String, Class<?>> classes = new ConcurrentHashMap<>();

        SessionLoaderDelegate(ClassLoader parent) {
            this.loader = new SnippetLoader(parent);
        }

        @Override
        public void load(ExecutionControl.ClassBytecodes[] cbcs) throws ExecutionControl.ClassInstallException {
            boolean[] loaded = new boolean[cbcs.length];
            try {
                for (ExecutionControl.ClassBytecodes cbc : cbcs) {
                    loader.declare(cbc.name(), cbc.bytecodes());
                }
                for (int i = 0; i < cbcs.length; i++) {
                    Class<?> k = loader.loadClass(cbcs[i].name());
                    classes.put(cbcs[i].name(), k);
                    loaded[i] = true;
                    k.getDeclaredMethods(); // prepare it now, as JShell's own loader does
                }
            } catch (Throwable t) {
                throw new ExecutionControl.ClassInstallException("load: " + t, loaded);
            }
        }

        @Override
        public void classesRedefined(ExecutionControl.ClassBytecodes[] cbcs) {
            for (ExecutionControl.ClassBytecodes cbc : cbcs) {
                loader.declare(cbc.name(), cbc.bytecodes());
            }
        }

        @Override
        public void addToClasspath(String path) throws ExecutionControl.InternalException {
            try {
                for (String p : path.split(File.pathSeparator)) {
                    loader.addPath(new File(p).toURI().toURL());
                }
            } catch (MalformedURLException e) {
                throw new ExecutionControl.InternalException(e.toString());
            }
        }

        @Override
        public Class<?> findClass(String name) throws ClassNotFoundException {
            Class<?> k = classes.get(name);
            if (k == null) {
                throw new ClassNotFoundException(name + " not found");
            }
            return k;
        }
    }

    private static final class SnippetLoader extends URLClassLoader {
        static {
            registerAsParallelCapable();
        }

        private final Map<String, byte[]> declared = new HashMap<>();

        SnippetLoader(ClassLoader parent) {
            super("rpyc4j-jshell", new URL[0], parent);
        }

        synchronized void declare(String name, byte[] bytes) {
            declared.put(name, bytes);
        }

        void addPath(URL url) {
            addURL(url);
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes;
            synchronized (this) {
                bytes = declared.get(name);
            }
            if (bytes == null) {
                return super.findClass(name);
            }
            return defineClass(name, bytes, 0, bytes.length);
        }
    }

    /** Java identifiers, for variable names the peer assigns. */
    private static final class SourceVersionNames {
        static boolean isIdentifier(String name) {
            return javax.lang.model.SourceVersion.isIdentifier(name) && !javax.lang.model.SourceVersion.isKeyword(name);
        }
    }

    @Override
    public String toString() {
        return "JavaSession(" + (shell == null ? "not started" : closed ? "closed" : "started") + ")";
    }
}
