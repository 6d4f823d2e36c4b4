"""kazoo scenarios for ACLs and authentication: python3 kazoo_acl.py host:port scenario root."""
from kazoo.security import ACL, Id, Permissions, make_digest_acl, make_digest_acl_credential

from common import acls, code, connect, run, stat


def default_and_set(hosts, root):
    zk = connect(hosts)
    zk.create(root, b"")
    r = {"default": acls(zk.get_acls(root)[0])}
    read_only = [ACL(Permissions.READ, Id("world", "anyone"))]
    r["setWrongVersion"] = code(zk.set_acls, root, read_only, version=3)
    r["set"] = stat(zk.set_acls(root, read_only, version=0))
    r["afterSet"] = acls(zk.get_acls(root)[0])
    r["writeReadOnly"] = code(zk.set, root, b"x")
    r["createUnderReadOnly"] = code(zk.create, root + "/c", b"")
    r["setAclWithoutAdmin"] = code(zk.set_acls, root, read_only)
    r["readReadOnly"] = code(zk.get, root)
    r["unknownScheme"] = code(zk.create, root + "-unknown", b"", acl=[ACL(Permissions.ALL, Id("nosuch", "x"))])
    r["badIp"] = code(zk.create, root + "-badip", b"", acl=[ACL(Permissions.ALL, Id("ip", "999.1.1.1"))])
    r["badDigest"] = code(zk.create, root + "-baddigest", b"", acl=[ACL(Permissions.ALL, Id("digest", "nocolon"))])
    r["authWithoutIdentity"] = code(zk.create, root + "-auth", b"", acl=[ACL(Permissions.ALL, Id("auth", ""))])
    zk.stop()
    return r


def digest(hosts, root):
    owner = connect(hosts, auth_data=[("digest", "alice:secret")])
    stranger = connect(hosts)
    r = {}
    owner.create(root, b"", acl=[make_digest_acl("alice", "secret", all=True)])
    owner.create(root + "/child", b"kid")
    r["expectedId"] = make_digest_acl_credential("alice", "secret")
    r["acl"] = acls(owner.get_acls(root)[0])
    r["ownerRead"] = code(owner.get, root)
    r["strangerRead"] = code(stranger.get, root)
    r["strangerExists"] = stat(stranger.exists(root)) is not None
    r["strangerChildren"] = code(stranger.get_children, root)
    r["strangerGetAcl"] = code(stranger.get_acls, root)
    r["strangerSet"] = code(stranger.set, root, b"x")
    r["strangerCreateChild"] = code(stranger.create, root + "/other", b"")
    r["strangerDeleteChild"] = code(stranger.delete, root + "/child")
    r["strangerReadOpenChild"] = code(stranger.get, root + "/child")
    stranger.add_auth("digest", "alice:wrong")
    r["wrongPasswordRead"] = code(stranger.get, root)
    stranger.add_auth("digest", "alice:secret")
    r["afterAuthRead"] = code(stranger.get, root)
    # "auth" in an ACL stands for every identity the creator has authenticated with.
    owner.create(root + "/creator", b"", acl=[ACL(Permissions.ALL, Id("auth", ""))])
    r["creatorAcl"] = acls(owner.get_acls(root + "/creator")[0])
    owner.stop()
    stranger.stop()
    return r


def ip(hosts, root):
    zk = connect(hosts)
    zk.create(root, b"")
    zk.create(root + "/local", b"", acl=[ACL(Permissions.READ, Id("ip", "127.0.0.1"))])
    zk.create(root + "/subnet", b"", acl=[ACL(Permissions.READ, Id("ip", "127.0.0.0/8"))])
    zk.create(root + "/elsewhere", b"", acl=[ACL(Permissions.ALL, Id("ip", "10.1.2.3"))])
    r = {
        "localRead": code(zk.get, root + "/local"),
        "localWrite": code(zk.set, root + "/local", b"x"),
        "subnetRead": code(zk.get, root + "/subnet"),
        "elsewhereRead": code(zk.get, root + "/elsewhere"),
        "localAcl": acls(zk.get_acls(root + "/local")[0]),
        "elsewhereGetAcl": code(zk.get_acls, root + "/elsewhere"),
    }
    zk.stop()
    return r


def delete_permission(hosts, root):
    zk = connect(hosts)
    everything_but_delete = Permissions.ALL & ~Permissions.DELETE
    zk.create(root, b"", acl=[ACL(everything_but_delete, Id("world", "anyone"))])
    zk.create(root + "/child", b"", acl=[ACL(Permissions.READ, Id("world", "anyone"))])
    r = {"deleteChild": code(zk.delete, root + "/child")}
    zk.set_acls(root, [ACL(Permissions.DELETE, Id("world", "anyone"))])
    r["deleteChildAfterGrant"] = code(zk.delete, root + "/child")
    zk.stop()
    return r


run({"default-and-set": default_and_set, "digest": digest, "ip": ip, "delete-permission": delete_permission})
