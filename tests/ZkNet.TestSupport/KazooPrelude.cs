namespace ZkNet.TestSupport;

/// <summary>
/// Python shared by the kazoo scripts: requests kazoo 2.8 lacks (createContainer, createTTL), a bounded wait, and a
/// tree walk that reports every node's data, ACL and Stat as JSON.
/// </summary>
public static class KazooPrelude
{
    public const string Code = """
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

def wait_until(predicate, seconds=30):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise Exception('condition not met in %s s' % seconds)

def walk(zk, path='/', out=None):
    out = {} if out is None else out
    data, stat = zk.get(path)
    acl, _ = zk.get_acls(path)
    out[path] = {
        'data': None if data is None else base64.b64encode(data).decode(),
        'acl': [[a.perms, a.id.scheme, a.id.id] for a in acl],
        'stat': [stat.czxid, stat.mzxid, stat.ctime, stat.mtime, stat.version, stat.cversion, stat.aversion,
                 stat.ephemeralOwner, stat.dataLength, stat.numChildren, stat.pzxid],
    }
    for child in zk.get_children(path):
        walk(zk, (path if path != '/' else '') + '/' + child, out)
    return out

hosts = sys.argv[1]

""";
}
