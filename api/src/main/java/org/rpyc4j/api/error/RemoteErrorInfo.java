package org.rpyc4j.api.error;

import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;
import org.rpyc4j.api.value.PyRepr;
import org.rpyc4j.api.value.Tuple;

/**
 * What the peer said about an exception it raised, as rpyc sends it.
 *
 * @param module the module of the exception's class ({@code builtins} for Python's own)
 * @param name the class name, e.g. {@code ValueError}
 * @param args the exception's {@code args}; members the peer could not send by value arrive as their repr
 * @param attributes the exception's public attributes, by name (values as sent)
 * @param remoteTraceback the peer's formatted traceback, or a placeholder when the peer withholds it
 */
public record RemoteErrorInfo(String module, String name, Tuple args, List<Map.Entry<String, Object>> attributes,
        String remoteTraceback) {

    public RemoteErrorInfo {
        attributes = List.copyOf(attributes);
    }

    /** {@code module.name}, or just {@code name} for Python builtins. */
    public String qualifiedName() {
        return module.equals("builtins") ? name : module + "." + name;
    }

    /** Python's {@code str()} of the exception's args: the single member, or the tuple's repr. */
    public String argsText() {
        if (args.size() == 1) {
            Object only = args.get(0);
            return only instanceof String s ? s : PyRepr.of(only);
        }
        return args.size() == 0 ? "" : PyRepr.of(args);
    }

    /** The value of attribute {@code attr}, or {@code null} when the peer did not send it. */
    @Nullable
    public Object attribute(String attr) {
        for (Map.Entry<String, Object> e : attributes) {
            if (e.getKey().equals(attr)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** The text of an exception built from this: type, args and the remote traceback, as Python shows it. */
    String message() {
        String head = qualifiedName() + (args.size() == 0 ? "" : ": " + argsText());
        return head + "\n\n========= Remote Traceback =========\n" + remoteTraceback;
    }
}
