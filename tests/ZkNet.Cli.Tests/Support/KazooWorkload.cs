namespace ZkNet.Cli.Tests.Support;

/// <summary>
/// A kazoo session that makes a server log every kind of txn the dump tools must print: createSession, create (text,
/// binary and null data, ephemeral, sequential), createContainer, createTTL, setData, setACL, delete, a committed
/// multi, a failed multi, a failed create (error txn), closeSession with an ephemeral, and enough creates to roll
/// the log several times at snapCount 10. It prints the final tree a client saw and the session ids as JSON.
/// </summary>
internal static class KazooWorkload
{
    public const string Prelude = """
import sys, json, time, base64, struct
from collections import namedtuple
from kazoo.client import KazooClient
from kazoo.security import make_acl, make_digest_acl, OPEN_ACL_UNSAFE
from kazoo.protocol.serialization import write_string, write_buffer, int_struct, read_string

def _create_body(path, data, acl, flags):
    b = bytearray()
    b.extend(write_string(path))
    b.extend(write_buffer(data))
    b.extend(int_struct.pack(len(acl)))
    for a in acl:
        b.extend(int_struct.pack(a.perms) + write_string(a.id.scheme) + write_string(a.id.id))
    b.extend(int_struct.pack(flags))
    return b

class CreateContainer(namedtuple('CreateContainer', 'path data acl flags')):
    type = 19
    def serialize(self):
        return _create_body(self.path, self.data, self.acl, self.flags)
    @classmethod
    def deserialize(cls, bytes, offset):
        return read_string(bytes, offset)[0]

class CreateTTL(namedtuple('CreateTTL', 'path data acl flags ttl')):
    type = 21
    def serialize(self):
        b = _create_body(self.path, self.data, self.acl, self.flags)
        b.extend(struct.pack('!q', self.ttl))
        return b
    @classmethod
    def deserialize(cls, bytes, offset):
        return read_string(bytes, offset)[0]

def call(zk, request):
    result = zk.handler.async_result()
    zk._call(request, result)
    return result.get(timeout=15)

def connect(hosts):
    zk = KazooClient(hosts=hosts, timeout=10)
    zk.start(timeout=20)
    return zk

def walk(zk, path='/', out=None):
    out = {} if out is None else out
    data, stat = zk.get(path)
    out[path] = {
        'data': None if data is None else base64.b64encode(data).decode(),
        'stat': [stat.czxid, stat.mzxid, stat.ctime, stat.mtime, stat.version, stat.cversion, stat.aversion,
                 stat.ephemeralOwner, stat.dataLength, stat.numChildren, stat.pzxid],
    }
    for child in zk.get_children(path):
        walk(zk, (path if path != '/' else '') + '/' + child, out)
    return out

hosts = sys.argv[1]

""";

    public const string Script = """
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
print(json.dumps({'closed': closed, 'open': other.client_id[0], 'tree': tree}))
sys.stdout.flush()
""";
}
