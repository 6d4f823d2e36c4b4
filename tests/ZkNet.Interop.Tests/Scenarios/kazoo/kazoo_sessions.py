"""kazoo scenarios for sessions: python3 kazoo_sessions.py host:port scenario args."""
import time

from kazoo.protocol.states import KazooState

from common import Recorder, connect, run


def ping_keeps_alive(hosts, root, timeout_ms, idle_s):
    """An idle client stays connected well past its session timeout: only its pings keep the session."""
    states = []
    zk = connect(hosts, timeout=int(timeout_ms) / 1000.0)
    zk.add_listener(lambda state: states.append(str(state)))
    session_id = zk.client_id[0]
    zk.create(root, b"", ephemeral=True)
    time.sleep(float(idle_s))
    other = connect(hosts)
    s = other.exists(root)
    r = {
        "negotiatedTimeoutMs": zk._session_timeout,
        "stateChanges": list(states),
        "sameSession": zk.client_id[0] == session_id,
        "ephemeralOwnerIsSession": s is not None and s.ephemeralOwner == session_id,
        "stillConnected": zk.state == KazooState.CONNECTED,
    }
    zk.stop()
    other.stop()
    return r


def wait_deleted(hosts, path, timeout_s, ready_path):
    """Watches an existing node, then creates ready_path to say so, and reports the node's deletion (bounded)."""
    zk = connect(hosts)
    events = Recorder()
    start = time.monotonic()
    s = zk.exists(path, watch=events)
    zk.create(ready_path, b"")
    r = {"existedAtStart": s is not None, "ephemeralOwner": s.ephemeralOwner if s is not None else None}
    if s is not None:
        r["events"] = events.wait_for(1, float(timeout_s))
        r["waitedSeconds"] = round(time.monotonic() - start, 2)
        r["existsAfter"] = zk.exists(path) is not None
    zk.stop()
    return r


def close_removes_ephemerals(hosts, root):
    """Closing a session deletes its ephemerals at once; another session watching sees them go."""
    owner = connect(hosts)
    watcher = connect(hosts)
    watcher.ensure_path(root)
    owner.create(root + "/e1", b"", ephemeral=True)
    owner.create(root + "/e2", b"", ephemeral=True, sequence=True)
    watcher.create(root + "/persistent", b"")
    events = Recorder()
    watcher.get_children(root, watch=events)
    watcher.exists(root + "/e1", watch=events)
    owner.stop()
    owner.close()
    r = {"events": events.wait_for(2), "childrenAfter": sorted(watcher.get_children(root))}
    watcher.stop()
    return r


run({"ping": ping_keeps_alive, "wait-deleted": wait_deleted, "close-removes-ephemerals": close_removes_ephemerals})
