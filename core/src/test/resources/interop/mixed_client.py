# One of two clients (rpyc 5.x and 6.x) connected to the same rpyc4j server at once.
# usage: mixed_client.py PORT; prints "READY <rpyc version> <dialect the server detected>", waits for "GO"
# on stdin (by then the other client is connected too), calls the server while the other one does, prints
# "DONE <calls that gave the right answer>".
import sys

import rpyc

conn = rpyc.connect("127.0.0.1", int(sys.argv[1]))
root = conn.root
print("READY", rpyc.__version__, root.dialect(), flush=True)
assert sys.stdin.readline().strip() == "GO"
good = 0
for i in range(100):
    good += root.add(i, 1) == i + 1
    good += root.apply(lambda x: x + "!", str(i)) == str(i) + "!"
conn.close()
print("DONE", good)
