"""kazoo scenarios for single operations: python3 kazoo_ops.py host:port scenario root."""
from kazoo.exceptions import ZookeeperError

from common import code, connect, run, stat


def crud(hosts, root):
    zk = connect(hosts)
    r = {}
    r["createPath"] = zk.create(root, b"hello")
    data, s = zk.get(root)
    r["data"] = data.decode()
    r["created"] = stat(s)
    r["createExisting"] = code(zk.create, root, b"")
    r["createNoParent"] = code(zk.create, root + "/missing/child", b"")
    r["setWrongVersion"] = code(zk.set, root, b"x", version=5)
    r["set"] = stat(zk.set(root, b"world", version=0))
    r["setAny"] = stat(zk.set(root, b"", version=-1))
    r["setMissing"] = code(zk.set, root + "/missing", b"x")
    r["getMissing"] = code(zk.get, root + "/missing")
    r["existsMissing"] = zk.exists(root + "/missing") is None
    zk.create(root + "/child", b"")
    r["deleteNotEmpty"] = code(zk.delete, root)
    r["deleteWrongVersion"] = code(zk.delete, root + "/child", version=3)
    r["deleteRightVersion"] = code(zk.delete, root + "/child", version=0)
    r["deleteMissing"] = code(zk.delete, root + "/child")
    r["ephemeral"] = zk.create(root + "/eph", b"", ephemeral=True)
    r["childOfEphemeral"] = code(zk.create, root + "/eph/child", b"")
    r["deleteAnyVersion"] = code(zk.delete, root + "/eph", version=-1)
    zk.stop()
    return r


def stat_fields(hosts, root):
    zk = connect(hosts)
    session_id = zk.client_id[0]
    r = {"sessionId": session_id}
    zk.create(root, b"abc")
    r["root"] = stat(zk.exists(root))
    zk.create(root + "/c1", b"12345")
    r["rootAfterChild"] = stat(zk.exists(root))
    r["child"] = stat(zk.exists(root + "/c1"))
    r["set"] = stat(zk.set(root + "/c1", b"1234567"))
    r["rootAfterChildSet"] = stat(zk.exists(root))
    r["setAcl"] = stat(zk.set_acls(root + "/c1", zk.get_acls(root + "/c1")[0]))
    zk.create(root + "/e", b"", ephemeral=True)
    r["ephemeral"] = stat(zk.exists(root + "/e"))
    zk.delete(root + "/c1")
    r["rootAfterDelete"] = stat(zk.exists(root))
    zk.delete(root + "/e")
    r["rootAfterSecondDelete"] = stat(zk.exists(root))
    r["rootNode"] = stat(zk.exists("/"))
    zk.stop()
    return r


def sequential(hosts, root):
    zk = connect(hosts)
    r = {}
    zk.create(root, b"")
    zk.create(root + "/a", b"")
    zk.create(root + "/b", b"")
    zk.delete(root + "/a")
    r["cversionBefore"] = zk.exists(root).cversion
    r["first"] = zk.create(root + "/s-", b"", sequence=True)
    r["second"] = zk.create(root + "/s-", b"", sequence=True)
    r["ephemeral"] = zk.create(root + "/e-", b"", ephemeral=True, sequence=True)
    zk.set(root, b"data changes do not count")
    r["noPrefix"] = zk.create(root + "/", b"", sequence=True)
    r["cversionAfter"] = zk.exists(root).cversion
    r["children"] = sorted(zk.get_children(root))
    zk.stop()
    return r


def children(hosts, root):
    zk = connect(hosts)
    zk.create(root, b"")
    for name in ["b", "a", "c"]:
        zk.create(root + "/" + name, b"")
    r = {}
    r["children"] = sorted(zk.get_children(root))
    names, s = zk.get_children(root, include_data=True)
    r["children2"] = sorted(names)
    r["children2Stat"] = stat(s)
    r["exists"] = stat(zk.exists(root))
    r["leaf"] = zk.get_children(root + "/a")
    r["missing"] = code(zk.get_children, root + "/missing")
    r["missing2"] = code(zk.get_children, root + "/missing", include_data=True)
    zk.stop()
    return r


def create2(hosts, root):
    zk = connect(hosts)
    zk.create(root, b"")
    path, s = zk.create(root + "/n", b"xy", include_data=True)
    r = {"path": path, "created": stat(s), "exists": stat(zk.exists(path))}
    seq_path, seq_stat = zk.create(root + "/s-", b"", include_data=True, sequence=True)
    r["sequentialPath"] = seq_path
    r["sequentialCreated"] = stat(seq_stat)
    r["existing"] = code(zk.create, root + "/n", b"", include_data=True)
    zk.stop()
    return r


def sync(hosts, root):
    zk = connect(hosts)
    zk.create(root, b"")
    r = {"sync": zk.sync(root), "syncMissing": zk.sync(root + "/missing")}
    zk.stop()
    return r


def multi(hosts, root):
    zk = connect(hosts)
    zk.create(root, b"")
    r = {}
    t = zk.transaction()
    t.create(root + "/a", b"1")
    t.set_data(root + "/a", b"2", version=0)
    t.check(root + "/a", 1)
    t.create(root + "/b", b"")
    t.delete(root + "/b")
    r["success"] = [describe(x) for x in t.commit()]
    t = zk.transaction()
    t.create(root + "/c", b"")
    t.delete(root + "/missing")
    t.set_data(root + "/a", b"3")
    r["failure"] = [describe(x) for x in t.commit()]
    r["cExists"] = zk.exists(root + "/c") is not None
    r["aVersion"] = zk.exists(root + "/a").version
    zk.stop()
    return r


def describe(result):
    if isinstance(result, ZookeeperError):
        return {"error": type(result).code}
    if isinstance(result, bool):
        return {"value": result}
    if isinstance(result, str):
        return {"path": result}
    return {"stat": stat(result)}


run({
    "crud": crud, "stat-fields": stat_fields, "sequential": sequential, "children": children,
    "create2": create2, "sync": sync, "multi": multi,
})
