namespace ZkNet.TestSupport;

/// <summary>
/// Kazoo sessions (run after <see cref="KazooPrelude"/> with <see cref="Kazoo.RunAsync"/>) that make a server log
/// every kind of txn, then print the final tree a client saw and the session ids as JSON. Both end the same way: a
/// failed multi (error sub-txns), a failed create (error txn), enough creates to roll the log several times at
/// snapCount 10, an ephemeral owned by a second session that stays open, and closeSession with an ephemeral to delete.
/// </summary>
public static class KazooWorkload
{
    /// <summary>
    /// For the file tools: createSession, create (text, binary and null data, ephemeral, sequential),
    /// createContainer, createTTL, setData, setACL, delete and a committed multi, then the common ending.
    /// </summary>
    public const string DumpTools = """
zk = connect(hosts)
other = connect(hosts)
zk.create('/p', b'd1')
zk.create('/p/bin', b'two\x00bin\xff')
zk.create('/p/nulldata', None)
zk.create('/p/eph', b'e', ephemeral=True)
seq = zk.create('/p/seq-', b's', sequence=True)
call(zk, CreateContainer('/cont', b'c', OPEN_ACL_UNSAFE, 4))
zk.create('/cont/child', b'')
call(zk, CreateTTL('/ttl', b't', OPEN_ACL_UNSAFE, 5, 3600000))
zk.set('/p', b'd2')
zk.set_acls('/p/bin', [make_digest_acl('user', 'pw', all=True), make_acl('world', 'anyone', read=True)])
zk.delete(seq)
t = zk.transaction()
t.create('/m1', 'multi \u00e9'.encode())
t.set_data('/p', b'd3')
t.check('/p', 2)
ok = t.commit()

""" + Ending + """
print(json.dumps({'closed': closed, 'open': other.client_id[0], 'tree': tree}))
sys.stdout.flush()
""";

    /// <summary>
    /// Every txn type Apache ZooKeeper logs: create, create2, createContainer, deleteContainer (the container reaped
    /// once emptied, so the server must check containers often), createTTL, delete, setData, setACL, a committed
    /// multi (create, setData, check, delete), then the common ending. The JSON adds the sequential node's name and
    /// the multis' results.
    /// </summary>
    public const string EveryTxnType = """
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

""" + Ending + """
print(json.dumps({'closed': closed, 'open': other.client_id[0], 'seq': seq, 'tree': tree,
                  'multi_ok': [str(r) for r in ok], 'multi_failed': [type(r).__name__ for r in failed]}))
sys.stdout.flush()
""";

    /// <summary>What both workloads do last; it leaves <c>closed</c>, <c>failed</c> and <c>tree</c> set.</summary>
    private const string Ending = """
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

""";
}
