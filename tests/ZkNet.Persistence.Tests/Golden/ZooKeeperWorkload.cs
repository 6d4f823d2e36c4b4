namespace ZkNet.Persistence.Tests.Golden;

/// <summary>
/// A kazoo session that makes Apache ZooKeeper log every txn type: create, create2, createContainer,
/// deleteContainer (the container reaped once emptied), createTTL, delete, setData, setACL, a committed multi
/// (create, setData, check, delete), a failed multi (error sub-txns), a failed create (error txn), createSession
/// and closeSession (with an ephemeral to delete). A second session stays open and owns an ephemeral. It prints the
/// final tree as seen by a client, and the session ids, as JSON.
/// </summary>
internal static class ZooKeeperWorkload
{
    public const string Script = """
zk = connect(hosts)
other = connect(hosts)
zk.create('/p', b'd1')
zk.create('/p/c2', b'two', include_data=True)
seq = zk.create('/p/seq-', b's', sequence=True)
zk.create('/p/eph', b'e', ephemeral=True)
zk.create('/p/gone', b'g')
zk.create('/p/nulldata', None)
call(zk, CreateContainer('/cont', b'c', OPEN_ACL_UNSAFE, 4))
zk.create('/cont/child', b'')
zk.delete('/cont/child')
wait_until(lambda: zk.exists('/cont') is None)
call(zk, CreateTTL('/ttl', b't', OPEN_ACL_UNSAFE, 5, 3600000))
zk.set('/p', b'd2')
zk.set_acls('/p/c2', [make_digest_acl('user', 'pw', all=True), make_acl('world', 'anyone', read=True)])
zk.delete(seq)
t = zk.transaction()
t.create('/m1', b'm')
t.set_data('/p', b'd3')
t.check('/p', 2)
t.delete('/p/gone')
ok = t.commit()
t = zk.transaction()
t.create('/never', b'')
t.check('/p', 99)
failed = t.commit()
try:
    zk.create('/p', b'dup')
    raise Exception('create of an existing node succeeded')
except Exception as e:
    if type(e).__name__ != 'NodeExistsError':
        raise
for i in range(25):
    zk.create('/n%02d' % i, b'v%d' % i)
other.create('/other-eph', b'o', ephemeral=True)
closed = zk.client_id[0]
zk.stop()
zk.close()
tree = walk(other)
print(json.dumps({'closed': closed, 'open': other.client_id[0], 'seq': seq, 'tree': tree,
                  'multi_ok': [str(r) for r in ok], 'multi_failed': [type(r).__name__ for r in failed]}))
sys.stdout.flush()
""";
}
