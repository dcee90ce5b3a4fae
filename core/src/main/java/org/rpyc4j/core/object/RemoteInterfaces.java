package org.rpyc4j.core.object;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import org.rpyc4j.api.NetRef;

/**
 * Java interfaces implemented by the peer's objects: each interface method calls the remote method of the
 * same name, and results are converted to the declared return type. For a functional interface made from a
 * remote callable (a Python function passed where Java expects a {@code Consumer}), the single abstract
 * method calls the object itself.
 */
public final class RemoteInterfaces {
    private RemoteInterfaces() {
    }

    /**
     * A proxy implementing {@code api} over {@code ref}.
     *
     * @param callable whether the single abstract method calls {@code ref} itself rather than a method of it
     */
    public static <T> T proxy(NetRef ref, Class<T> api, boolean callable) {
        if (!api.isInterface()) {
            throw new IllegalArgumentException(api.getName() + " is not an interface");
        }
        Method sam = callable ? Conversions.singleAbstractMethod(api) : null;
        InvocationHandler handler = new Handler(ref, (proxy, method, args) -> {
            Object[] actual = args == null ? new Object[0] : args;
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == actual[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "proxy of " + ref.typeName() + " as " + api.getName();
                };
            }
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, actual);
            }
            Object result = sam != null && sameMethod(sam, method)
                    ? ref.call(actual)
                    : ref.callMethod(method.getName(), Arrays.asList(actual), java.util.Map.of());
            Class<?> returns = method.getReturnType();
            return returns == void.class ? null : Conversions.toJava(result, returns);
        });
        return api.cast(Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[] {api}, handler));
    }

    /**
     * The peer's object behind a proxy made here, or {@code null} for anything else: a Python callable passed to
     * Java as a {@code Consumer} is, when Java hands it back, the Python callable again.
     */
    @javax.annotation.Nullable
    public static NetRef unwrap(Object object) {
        if (Proxy.isProxyClass(object.getClass()) && Proxy.getInvocationHandler(object) instanceof Handler h) {
            return h.ref;
        }
        return null;
    }

    private record Handler(NetRef ref, InvocationHandler body) implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            return body.invoke(proxy, method, args);
        }
    }

    private static boolean sameMethod(Method a, Method b) {
        return a.getName().equals(b.getName()) && Arrays.equals(a.getParameterTypes(), b.getParameterTypes());
    }
}
