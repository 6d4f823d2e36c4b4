"""kazoo scenarios for the nodes the server owns (/, /zookeeper, quota, config):
python3 kazoo_system.py host:port scenario root."""
from common import acls, code, connect, run, stat


def system_nodes(hosts, root):
    zk = connect(hosts)
    r = {}
    r["rootChildrenHasZookeeper"] = "zookeeper" in zk.get_children("/")
    r["zookeeperChildren"] = sorted(zk.get_children("/zookeeper"))
    for name, path in [("zookeeper", "/zookeeper"), ("quota", "/zookeeper/quota"), ("config", "/zookeeper/config")]:
        data, s = zk.get(path)
        r[name] = {"data": data.decode(), "stat": stat(s), "acl": acls(zk.get_acls(path)[0])}
    r["quotaChildren"] = zk.get_children("/zookeeper/quota")
    r["rootAcl"] = acls(zk.get_acls("/")[0])
    r["rootData"] = zk.get("/")[0].decode()
    r["deleteZookeeper"] = code(zk.delete, "/zookeeper")
    r["deleteQuota"] = code(zk.delete, "/zookeeper/quota")
    r["deleteConfig"] = code(zk.delete, "/zookeeper/config")
    r["deleteRoot"] = code(zk.delete, "/")
    r["setConfig"] = code(zk.set, "/zookeeper/config", b"x")
    # The nodes under /zookeeper are not protected beyond their ACLs: a client may add children and set data.
    child = "/zookeeper/" + root.strip("/")
    r["createUnderZookeeper"] = code(zk.create, child, b"")
    r["deleteUnderZookeeper"] = code(zk.delete, child)
    r["setZookeeper"] = code(zk.set, "/zookeeper", b"x")
    r["zookeeperAfter"] = stat(zk.exists("/zookeeper"))
    zk.stop()
    return r


run({"system-nodes": system_nodes})
