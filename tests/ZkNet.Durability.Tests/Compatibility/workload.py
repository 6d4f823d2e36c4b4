# Drives a server with kazoo so that its data directory holds every kind of txn: createSession, create, create2,
# createContainer, deleteContainer (a container reaped once empty), createTTL, delete, setData, setACL, a committed
# multi, a failed multi (error sub-txns), a failed create (error txn) and closeSession with an ephemeral to delete.
# One session is left open, owning an ephemeral: the server must keep it across the move. Every name carries the
# phase (argv[2]) so the workload can run again on the same tree. Prints the session ids as JSON.
import json
import struct
import sys
import time
from collections import namedtuple

from kazoo.client import KazooClient
from kazoo.exceptions import NodeExistsError
from kazoo.protocol.serialization import int_struct, read_string, write_buffer, write_string
from kazoo.security import OPEN_ACL_UNSAFE, make_acl, make_digest_acl

hosts, phase = sys.argv[1], sys.argv[2]


def create_body(path, data, acl, flags):
    body = bytearray(write_string(path) + write_buffer(data) + int_struct.pack(len(acl)))
    for a in acl:
        body.extend(int_struct.pack(a.perms) + write_string(a.id.scheme) + write_string(a.id.id))
    return body + int_struct.pack(flags)


class CreateContainer(namedtuple('CreateContainer', 'path data acl')):
    type = 19

    def serialize(self):
        return create_body(self.path, self.data, self.acl, 4)

    @classmethod
    def deserialize(cls, data, offset):
        return read_string(data, offset)[0]


class CreateTTL(namedtuple('CreateTTL', 'path data acl ttl')):
    type = 21

    def serialize(self):
        return create_body(self.path, self.data, self.acl, 5) + struct.pack('!q', self.ttl)

    @classmethod
    def deserialize(cls, data, offset):
        return read_string(data, offset)[0]


def call(zk, request):
    result = zk.handler.async_result()
    zk._call(request, result)
    return result.get(timeout=15)


def connect():
    zk = KazooClient(hosts=hosts, timeout=30)
    zk.start(timeout=30)
    return zk


def wait_until(predicate, seconds=20):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise Exception('condition not met in %s s' % seconds)


p = '/' + phase
zk = connect()
keeper = connect()
zk.create(p, b'root')
zk.create(p + '/plain', b'one')
zk.create(p + '/with-stat', b'two', include_data=True)
seq = zk.create(p + '/seq-', b's', sequence=True)
zk.create(p + '/eph', b'e', ephemeral=True)
zk.create(p + '/gone', b'g')
zk.create(p + '/nulldata', None)
call(zk, CreateContainer(p + '/reaped', b'c', OPEN_ACL_UNSAFE))
zk.create(p + '/reaped/child', b'')
zk.delete(p + '/reaped/child')
wait_until(lambda: zk.exists(p + '/reaped') is None)
call(zk, CreateContainer(p + '/container', b'k', OPEN_ACL_UNSAFE))
zk.create(p + '/container/child', b'keeps it')
call(zk, CreateTTL(p + '/ttl', b't', OPEN_ACL_UNSAFE, 3600000))
zk.set(p, b'root2')
zk.set(p + '/plain', b'one2')
zk.set_acls(p + '/with-stat', [make_digest_acl('user', 'pw', all=True), make_acl('world', 'anyone', read=True)])
zk.create(p + '/secret', b'x', acl=[make_acl('ip', '127.0.0.1', all=True), make_acl('world', 'anyone', read=True)])
zk.delete(seq)
t = zk.transaction()
t.create(p + '/multi', b'm')
t.set_data(p + '/plain', b'one3')
t.check(p + '/plain', 2)
t.delete(p + '/gone')
t.commit()
t = zk.transaction()
t.create(p + '/never', b'')
t.check(p + '/plain', 99)
t.commit()
try:
    zk.create(p, b'dup')
    raise Exception('create of an existing node succeeded')
except NodeExistsError:
    pass
for i in range(25):
    zk.create('%s/n%02d' % (p, i), b'v%d' % i)
keeper.create(p + '/kept-eph', b'o', ephemeral=True)
closed = zk.client_id[0]
zk.stop()
zk.close()
session, password = keeper.client_id
print(json.dumps({'open': session, 'password': password.hex(), 'closed': closed}))
sys.stdout.flush()
# Leave without closing: the keeper's session and its ephemeral stay until the session times out.
