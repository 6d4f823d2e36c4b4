"""Helpers shared by the kazoo scenarios: connecting, error codes, stats, recording events, printing a result."""
import json
import sys
import threading
import time

from kazoo.client import KazooClient
from kazoo.exceptions import ZookeeperError

WAIT = 10.0


def connect(hosts, timeout=10.0, **kwargs):
    """A started client with a new session (bounded connect)."""
    client = KazooClient(hosts=hosts, timeout=timeout, **kwargs)
    client.start(timeout=15)
    return client


def code(fn, *args, **kwargs):
    """'ok' when the call succeeds, else the ZooKeeper error code of the exception it raised."""
    try:
        fn(*args, **kwargs)
        return "ok"
    except ZookeeperError as e:
        return type(e).code


def stat(s):
    """Every Stat field under ZooKeeper's names (kazoo's ZnodeStat uses the same names)."""
    if s is None:
        return None
    return {
        "czxid": s.czxid, "mzxid": s.mzxid, "ctime": s.ctime, "mtime": s.mtime,
        "version": s.version, "cversion": s.cversion, "aversion": s.aversion,
        "ephemeralOwner": s.ephemeralOwner, "dataLength": s.dataLength,
        "numChildren": s.numChildren, "pzxid": s.pzxid,
    }


def acls(acl_list):
    return [{"perms": a.perms, "scheme": a.id.scheme, "id": a.id.id} for a in acl_list]


class Recorder:
    """Collects watch events (as 'TYPE path') from kazoo's callback thread; waits are bounded."""

    def __init__(self):
        self._cond = threading.Condition()
        self.entries = []

    def __call__(self, event):
        self.add("%s %s" % (event.type, event.path))

    def add(self, text):
        with self._cond:
            self.entries.append(text)
            self._cond.notify_all()

    def wait_for(self, count, timeout=WAIT):
        deadline = time.monotonic() + timeout
        with self._cond:
            while len(self.entries) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._cond.wait(left)
            return list(self.entries)


def run(scenarios):
    """python3 script.py host:port scenario args... -> prints 'RESULT <json>' or a traceback and exits 1."""
    if len(sys.argv) < 3 or sys.argv[2] not in scenarios:
        print("usage: %s host:port scenario [args]; scenarios: %s" % (sys.argv[0], sorted(scenarios)), file=sys.stderr)
        sys.exit(2)
    result = scenarios[sys.argv[2]](sys.argv[1], *sys.argv[3:])
    print("RESULT " + json.dumps(result))
    sys.stdout.flush()
