"""kazoo scenarios for one-shot watches: python3 kazoo_watches.py host:port scenario root.

kazoo runs every watch callback on one thread in the order the server sent the events, so one Recorder shared
by several watches shows the order. A watch on a 'marker' node created last proves that every event the server
sent for the earlier changes has arrived."""
from common import Recorder, connect, run


def data_watches(hosts, root):
    zk = connect(hosts)
    other = connect(hosts)
    zk.create(root, b"")
    created, changed, deleted = Recorder(), Recorder(), Recorder()
    r = {"existsMissing": zk.exists(root + "/n", watch=created) is None}
    other.create(root + "/n", b"")
    r["created"] = created.wait_for(1)
    zk.get(root + "/n", watch=changed)
    other.set(root + "/n", b"1")
    r["changed"] = changed.wait_for(1)
    zk.exists(root + "/n", watch=deleted)
    other.delete(root + "/n")
    r["deleted"] = deleted.wait_for(1)

    # One-shot: two changes, one event.
    log = Recorder()
    other.create(root + "/once", b"")
    zk.get(root + "/once", watch=log)
    zk.exists(root + "/marker", watch=log)
    other.set(root + "/once", b"1")
    other.set(root + "/once", b"2")
    other.create(root + "/marker", b"")
    r["oneShot"] = log.wait_for(2)
    zk.stop()
    other.stop()
    return r


def child_watches(hosts, root):
    zk = connect(hosts)
    other = connect(hosts)
    zk.create(root, b"")
    zk.create(root + "/c", b"")
    on_create = Recorder()
    zk.get_children(root, watch=on_create)
    other.create(root + "/d", b"")
    r = {"childCreated": on_create.wait_for(1)}

    # Data changes of the parent or of a child do not fire a child watch; the marker's creation does.
    log = Recorder()
    zk.get_children(root, watch=log)
    zk.exists(root + "/marker", watch=log)
    other.set(root + "/c", b"child data")
    other.set(root, b"own data")
    other.create(root + "/marker", b"")
    r["dataChangesThenMarker"] = log.wait_for(2)

    on_delete = Recorder()
    zk.get_children(root + "/c", watch=on_delete)
    other.delete(root + "/c")
    r["watchedNodeDeleted"] = on_delete.wait_for(1)
    zk.stop()
    other.stop()
    return r


def same_node_multiple_watchers(hosts, root):
    zk = connect(hosts)
    other = connect(hosts)
    zk.create(root, b"")
    first, second = Recorder(), Recorder()
    zk.get(root, watch=first)
    zk.exists(root, watch=second)
    other.set(root, b"x")
    r = {"first": first.wait_for(1), "second": second.wait_for(1)}
    zk.stop()
    other.stop()
    return r


run({"data": data_watches, "children": child_watches, "multiple": same_node_multiple_watchers})
