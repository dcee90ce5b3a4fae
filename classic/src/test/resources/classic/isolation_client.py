# A stock Python rpyc client of a custom (non-classic) rpyc4j service under rpyc's default configuration: every
# reflective escape must be refused. Prints "REFUSED <attempt> <exception type>" per attempt, then "DONE".
# usage: isolation_client.py PORT
import pickle
import sys

import rpyc
from rpyc.core import consts
from rpyc.core.netref import syncreq

conn = rpyc.connect("127.0.0.1", int(sys.argv[1]))
root = conn.root

# what the service exposes works
assert root.add(1, 2) == 3
items = root.items()
assert len(items) == 2 and items[0] == 1 and list(items) == [1, 2]   # safe special methods
secret = root.secret()
leaked_class = root.leaked_class()     # a Class object the service hands out (java.lang.System)
package = root.package()               # a classic package namespace handed out by a custom service


def getattr_request(proxy, name):
    return syncreq(proxy, consts.HANDLE_GETATTR, name)


def callattr_request(proxy, name, *args):
    return syncreq(proxy, consts.HANDLE_CALLATTR, name, args, ())


ATTEMPTS = [
    ("root.getClass", lambda: root.getClass),
    ("root.__class__", lambda: getattr_request(root, "__class__")),
    ("root.callattr_getClass", lambda: callattr_request(root, "getClass")),
    ("root.exposed_getClass", lambda: root.exposed_getClass),
    ("root.hashCode", lambda: root.hashCode),
    ("root.onConnect", lambda: root.onConnect),
    ("secret.password", lambda: secret.password),
    ("secret.getPassword", lambda: secret.getPassword),
    ("secret.getClass", lambda: secret.getClass),
    ("secret.set_password", lambda: setattr(secret, "password", "x")),
    ("items.getClass", lambda: items.getClass),
    ("items.iterator", lambda: items.iterator),
    ("items.append", lambda: items.append),
    ("class.forName", lambda: leaked_class.forName),
    ("class.getClassLoader", lambda: leaked_class.getClassLoader),
    ("class.getMethods", lambda: leaked_class.getMethods),
    ("class.exit", lambda: leaked_class.exit),
    ("class.getRuntime", lambda: callattr_request(leaked_class, "getRuntime")),
    ("package.lang", lambda: package.lang),
    ("package.Runtime", lambda: getattr_request(package, "Runtime")),
]

for what, attempt in ATTEMPTS:
    try:
        attempt()
    except Exception as e:
        print("REFUSED", what, type(e).__name__)
    else:
        print("REACHED", what)

names = set(dir(secret)) | set(dir(root)) | set(dir(leaked_class))
print("DIR", sorted(n for n in names if not n.startswith("_")))
print("PACKAGE_DIR", list(dir(package)))
try:
    pickle.dumps(items)
except ValueError as e:
    print("PICKLE", e.args[0].splitlines()[0])
conn.close()
print("DONE")
