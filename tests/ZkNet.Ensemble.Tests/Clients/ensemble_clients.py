"""kazoo driven by the ensemble tests over stdin/stdout, one line at a time.

ensemble_clients.py connect-string failover ROOT
    One session on the whole ensemble: creates ROOT/eph (ephemeral) and ROOT/before, prints "READY session", waits
    for a line (the test kills a member meanwhile), creates the ephemeral ROOT/after (retrying connection loss for up to 40 s, never
    across an expired session) and prints "RESULT session ephemeralOwner states" (ids in hex); keeps the session until the next line.

ensemble_clients.py connect-string lock PATH CONTENDERS HOLD_MS
    kazoo Lock contenders, each with its own session, taking PATH in a loop until the test sends a line. The lock nodes
    are named as Curator's InterProcessMutex names its own ("<id>-lock-<seq>") and Curator's count as contenders
    (kazoo's extra_lock_patterns, meant for cross-implementation locks), so kazoo, Curator and ZkNet.Recipes exclude
    each other. Holds are printed as "ENTER name session t" / "EXIT name session t" with t from CLOCK_MONOTONIC (the
    clock Java's nanoTime and .NET's Stopwatch read too); "LOST name session t" when kazoo reports the session lost.
"""
import sys, time, threading
from kazoo.client import KazooClient, KazooState
from kazoo.recipe.lock import Lock
from kazoo.retry import KazooRetry
from kazoo.exceptions import NodeExistsError

_out = threading.Lock()


def say(line):
    with _out:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


def failover(hosts, root):
    states = []
    zk = KazooClient(hosts=hosts, timeout=20.0, connection_retry=dict(max_tries=-1, delay=0.1, max_delay=1))
    zk.add_listener(lambda state: states.append(state))
    zk.start(timeout=30)
    zk.create(root + "/eph", b"", ephemeral=True)
    zk.create(root + "/before", b"")
    say("READY %x" % zk.client_id[0])
    sys.stdin.readline()
    retry = KazooRetry(max_tries=-1, deadline=40, delay=0.1, max_delay=1, ignore_expire=False)
    try:
        retry(zk.create, root + "/after", b"", ephemeral=True)
    except NodeExistsError:
        # A retry after a connection loss whose first attempt did create it.
        pass
    stat = retry(zk.exists, root + "/eph")
    say("RESULT %x %s %s" % (zk.client_id[0], "none" if stat is None else "%x" % stat.ephemeralOwner, ",".join(states)))
    # The session stays while the test reads its ephemerals through every member.
    sys.stdin.readline()
    zk.stop()
    zk.close()


class CuratorNamedLock(Lock):
    _NODE_NAME = "-lock-"
    _EXCLUDE_NAMES = ["-lock-"]


def contend(hosts, path, name, hold, stop):
    zk = KazooClient(hosts=hosts, timeout=10.0, connection_retry=dict(max_tries=-1, delay=0.1, max_delay=1))
    session = [0]
    closing = threading.Event()

    def listener(state):
        # kazoo reports LOST on stop() too: only a loss before that counts.
        if state == KazooState.LOST and not closing.is_set():
            say("LOST %s %x %d" % (name, session[0], time.monotonic_ns()))
    zk.add_listener(listener)
    zk.start(timeout=30)
    session[0] = zk.client_id[0]
    lock = CuratorNamedLock(zk, path, name)
    while not stop.is_set():
        try:
            if not lock.acquire(timeout=5):
                continue
        except Exception as e:
            say("ERROR %s acquire %r" % (name, e))
            time.sleep(0.1)
            continue
        session[0] = zk.client_id[0]
        say("ENTER %s %x %d" % (name, session[0], time.monotonic_ns()))
        time.sleep(hold)
        say("EXIT %s %x %d" % (name, session[0], time.monotonic_ns()))
        try:
            lock.release()
        except Exception as e:
            say("ERROR %s release %r" % (name, e))
    closing.set()
    zk.stop()
    zk.close()


def lock(hosts, path, contenders, hold_ms):
    stop = threading.Event()
    threads = [threading.Thread(target=contend, args=(hosts, path, "kazoo%d" % i, hold_ms / 1000.0, stop), daemon=True)
               for i in range(contenders)]
    for t in threads:
        t.start()
    say("STARTED")
    sys.stdin.readline()
    stop.set()
    for t in threads:
        t.join(40)
    say("DONE")


if __name__ == "__main__":
    threading.Timer(150, lambda: (say("watchdog: gave up after 150 s"), __import__("os")._exit(3))).start()
    if sys.argv[2] == "failover":
        failover(sys.argv[1], sys.argv[3])
    elif sys.argv[2] == "lock":
        lock(sys.argv[1], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
    else:
        raise SystemExit("unknown mode " + sys.argv[2])
    sys.stdout.flush()
    __import__("os")._exit(0)
