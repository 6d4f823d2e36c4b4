#!/usr/bin/env python3
"""Generates ZkNet.Protocol/Records/*.g.cs from the compact field lists below.

The lists restate, in our own shorthand, the field order of Apache ZooKeeper's zookeeper.jute IDL (a fact of the
wire format). Re-run after editing: python3 tools/gen-records.py
"""
import os

OUT = os.path.join(os.path.dirname(__file__), '..', 'src', 'ZkNet.Protocol', 'Records')

# type shorthand -> (C# type, read expr, write stmt)
T = {
    'int': ('int', 'reader.ReadInt()', 'writer.WriteInt({v});'),
    'long': ('long', 'reader.ReadLong()', 'writer.WriteLong({v});'),
    'bool': ('bool', 'reader.ReadBool()', 'writer.WriteBool({v});'),
    'string': ('string', 'reader.ReadStringOrEmpty()', 'writer.WriteString({v});'),
    # A ustring whose null (length -1) means something different from "" and must survive a round trip.
    'nstring': ('string?', 'reader.ReadString()', 'writer.WriteString({v});'),
    'buffer': ('byte[]?', 'reader.ReadBuffer()', 'writer.WriteBuffer({v});'),
    'strings': ('IReadOnlyList<string>', 'reader.ReadStringVector() ?? (IReadOnlyList<string>)[]', 'writer.WriteStringVector({v});'),
    'acls': ('IReadOnlyList<Acl>', 'global::ZkNet.Protocol.Records.Acl.ReadVector(ref reader)', 'global::ZkNet.Protocol.Records.Acl.WriteVector(writer, {v});'),
    'stat': ('Stat', 'Stat.Deserialize(ref reader)', '{v}.Serialize(writer);'),
    'id': ('Id', 'Id.Deserialize(ref reader)', '{v}.Serialize(writer);'),
    'clientinfos': ('IReadOnlyList<ClientInfo>', 'global::ZkNet.Protocol.Records.ClientInfo.ReadVector(ref reader)', 'global::ZkNet.Protocol.Records.ClientInfo.WriteVector(writer, {v});'),
    'txns': ('IReadOnlyList<Txn>', 'Txn.ReadVector(ref reader)', 'Txn.WriteVector(writer, {v});'),
}

RECORDS = [
    # name, doc, [(type, name)]
    ('RequestHeader', 'Precedes every client request: the client-chosen xid and the operation code.', 'struct', [('int', 'Xid'), ('int', 'Type')]),
    ('ReplyHeader', 'Precedes every server reply and notification: xid, the zxid the server had reached, and an error code.', 'struct', [('int', 'Xid'), ('long', 'Zxid'), ('int', 'Err')]),
    ('MultiHeader', 'Precedes each operation and each result inside a multi; type -1 with done=true ends the list.', 'struct', [('int', 'Type'), ('bool', 'Done'), ('int', 'Err')]),
    ('AuthPacket', 'An addAuth request: scheme and credentials (xid -4).', 'class', [('int', 'Type'), ('string', 'Scheme'), ('buffer', 'Auth')]),
    ('GetDataRequest', 'getData: path, and whether to leave a data watch.', 'class', [('string', 'Path'), ('bool', 'Watch')]),
    ('SetDataRequest', 'setData: path, new data, expected version (-1 matches any).', 'class', [('string', 'Path'), ('buffer', 'Data'), ('int', 'Version')]),
    # The Java client sends null (not "") for the lists an incremental or bulk reconfig leaves out.
    ('ReconfigRequest', 'reconfig: incremental (joining/leaving) or bulk (newMembers); unused lists are null.', 'class', [('nstring', 'JoiningServers'), ('nstring', 'LeavingServers'), ('nstring', 'NewMembers'), ('long', 'CurConfigId')]),
    ('SetDataResponse', 'setData reply: the node\'s new Stat.', 'class', [('stat', 'Stat')]),
    ('GetSaslRequest', 'A SASL token from the client.', 'class', [('buffer', 'Token')]),
    ('SetSaslResponse', 'A SASL token from the server.', 'class', [('buffer', 'Token')]),
    ('CreateRequest', 'create, create2 and createContainer: path, data, ACL and CreateMode flags.', 'class', [('string', 'Path'), ('buffer', 'Data'), ('acls', 'Acl'), ('int', 'Flags')]),
    ('CreateTtlRequest', 'createTTL: as CreateRequest plus the time to live in milliseconds.', 'class', [('string', 'Path'), ('buffer', 'Data'), ('acls', 'Acl'), ('int', 'Flags'), ('long', 'Ttl')]),
    ('DeleteRequest', 'delete: path and expected version (-1 matches any).', 'class', [('string', 'Path'), ('int', 'Version')]),
    ('GetChildrenRequest', 'getChildren: path and whether to leave a child watch.', 'class', [('string', 'Path'), ('bool', 'Watch')]),
    ('GetAllChildrenNumberRequest', 'getAllChildrenNumber: path.', 'class', [('string', 'Path')]),
    ('GetChildren2Request', 'getChildren2 (children with Stat): path and watch flag.', 'class', [('string', 'Path'), ('bool', 'Watch')]),
    ('CheckVersionRequest', 'check (inside multi): path and expected version.', 'class', [('string', 'Path'), ('int', 'Version')]),
    ('SyncRequest', 'sync: path.', 'class', [('string', 'Path')]),
    ('SyncResponse', 'sync reply: the path.', 'class', [('string', 'Path')]),
    ('GetAclRequest', 'getACL: path.', 'class', [('string', 'Path')]),
    ('SetAclRequest', 'setACL: path, new ACL, expected ACL version (aversion).', 'class', [('string', 'Path'), ('acls', 'Acl'), ('int', 'Version')]),
    ('SetAclResponse', 'setACL reply: the node\'s new Stat.', 'class', [('stat', 'Stat')]),
    ('AddWatchRequest', 'addWatch: path and mode (0 persistent, 1 persistent recursive).', 'class', [('string', 'Path'), ('int', 'Mode')]),
    ('WatcherEvent', 'A watch notification (sent with xid -1): event type, keeper state, path.', 'class', [('int', 'Type'), ('int', 'State'), ('string', 'Path')]),
    ('ErrorResponse', 'The result of a failed operation inside a multi.', 'class', [('int', 'Err')]),
    ('CreateResponse', 'create reply: the actual path (with the sequence suffix, if any).', 'class', [('string', 'Path')]),
    ('Create2Response', 'create2/createContainer/createTTL reply: the actual path and its Stat.', 'class', [('string', 'Path'), ('stat', 'Stat')]),
    ('ExistsRequest', 'exists: path and whether to leave a watch.', 'class', [('string', 'Path'), ('bool', 'Watch')]),
    ('ExistsResponse', 'exists reply: the Stat.', 'class', [('stat', 'Stat')]),
    ('GetDataResponse', 'getData reply: data and Stat.', 'class', [('buffer', 'Data'), ('stat', 'Stat')]),
    ('GetChildrenResponse', 'getChildren reply: child names.', 'class', [('strings', 'Children')]),
    ('GetAllChildrenNumberResponse', 'getAllChildrenNumber reply: number of descendants.', 'class', [('int', 'TotalNumber')]),
    ('GetChildren2Response', 'getChildren2 reply: child names and the parent\'s Stat.', 'class', [('strings', 'Children'), ('stat', 'Stat')]),
    ('GetAclResponse', 'getACL reply: the ACL and the Stat.', 'class', [('acls', 'Acl'), ('stat', 'Stat')]),
    ('CheckWatchesRequest', 'checkWatches: path and watcher type (1 children, 2 data, 3 any).', 'class', [('string', 'Path'), ('int', 'Type')]),
    ('RemoveWatchesRequest', 'removeWatches: path and watcher type (1 children, 2 data, 3 any).', 'class', [('string', 'Path'), ('int', 'Type')]),
    ('GetEphemeralsRequest', 'getEphemerals: a path prefix ("/" for all).', 'class', [('string', 'PrefixPath')]),
    ('GetEphemeralsResponse', 'getEphemerals reply: the session\'s ephemeral paths under the prefix.', 'class', [('strings', 'Ephemerals')]),
    ('ClientInfo', 'One authenticated identity, as whoAmI reports it.', 'class', [('string', 'AuthScheme'), ('string', 'User')]),
    ('WhoAmIResponse', 'whoAmI reply: the connection\'s identities.', 'class', [('clientinfos', 'ClientInfo')]),
    ('SetWatches', 'setWatches (xid -8): watches to re-arm after a reconnect, relative to the last zxid seen.', 'class', [('long', 'RelativeZxid'), ('strings', 'DataWatches'), ('strings', 'ExistWatches'), ('strings', 'ChildWatches')]),
    ('SetWatches2', 'setWatches2: as SetWatches plus persistent and persistent-recursive watches.', 'class', [('long', 'RelativeZxid'), ('strings', 'DataWatches'), ('strings', 'ExistWatches'), ('strings', 'ChildWatches'), ('strings', 'PersistentWatches'), ('strings', 'PersistentRecursiveWatches')]),
    # persistence / txn records
    ('TxnDigest', 'The tree digest recorded after each txn.', 'class', [('int', 'Version'), ('long', 'TreeDigest')]),
    ('TxnHeader', 'Precedes every logged txn: session, cxid, zxid, time and type.', 'class', [('long', 'ClientId'), ('int', 'Cxid'), ('long', 'Zxid'), ('long', 'Time'), ('int', 'Type')]),
    ('CreateTxn', 'A create as logged.', 'class', [('string', 'Path'), ('buffer', 'Data'), ('acls', 'Acl'), ('bool', 'Ephemeral'), ('int', 'ParentCVersion')]),
    ('CreateTtlTxn', 'A createTTL as logged.', 'class', [('string', 'Path'), ('buffer', 'Data'), ('acls', 'Acl'), ('int', 'ParentCVersion'), ('long', 'Ttl')]),
    ('CreateContainerTxn', 'A createContainer as logged.', 'class', [('string', 'Path'), ('buffer', 'Data'), ('acls', 'Acl'), ('int', 'ParentCVersion')]),
    ('DeleteTxn', 'A delete as logged.', 'class', [('string', 'Path')]),
    ('SetDataTxn', 'A setData as logged, with the new version.', 'class', [('string', 'Path'), ('buffer', 'Data'), ('int', 'Version')]),
    ('CheckVersionTxn', 'A check inside a multi as logged.', 'class', [('string', 'Path'), ('int', 'Version')]),
    ('SetAclTxn', 'A setACL as logged, with the new aversion.', 'class', [('string', 'Path'), ('acls', 'Acl'), ('int', 'Version')]),
    ('CreateSessionTxn', 'A new session and its negotiated timeout.', 'class', [('int', 'TimeOut')]),
    ('CloseSessionTxn', 'A session close, with the ephemerals to delete.', 'class', [('strings', 'Paths2Delete')]),
    ('ErrorTxn', 'A failed operation inside a logged multi.', 'class', [('int', 'Err')]),
    ('Txn', 'One operation of a logged multi: its type and serialized txn record.', 'class', [('int', 'Type'), ('buffer', 'Data')]),
    ('MultiTxn', 'A multi as logged.', 'class', [('txns', 'Txns')]),
]

VECTOR_OF = {'ClientInfo', 'Txn'}

def gen(name, doc, kind, fields):
    params = ', '.join(f'{T[t][0]} {n}' for t, n in fields)
    reads = ', '.join(T[t][1] for t, n in fields)
    writes = '\n'.join('        ' + T[t][2].format(v=n) for t, n in fields)
    decl = 'readonly record struct' if kind == 'struct' else 'sealed record'
    vec = ''
    if name in VECTOR_OF:
        vec = f'''

    /// <summary>Reads a Jute vector of {name}; a null vector reads as empty.</summary>
    public static IReadOnlyList<{name}> ReadVector(ref JuteReader reader)
    {{
        var count = reader.ReadVectorLength();
        if (count <= 0)
        {{
            return [];
        }}
        var list = new List<{name}>(count);
        for (var i = 0; i < count; i++)
        {{
            list.Add(Deserialize(ref reader));
        }}
        return list;
    }}

    /// <summary>Writes a Jute vector of {name}.</summary>
    public static void WriteVector(JuteWriter writer, IReadOnlyList<{name}> items)
    {{
        writer.WriteInt(items.Count);
        foreach (var item in items)
        {{
            item.Serialize(writer);
        }}
    }}'''
    return f'''// <auto-generated>by tools/gen-records.py from the field order of zookeeper.jute</auto-generated>
#nullable enable
using ZkNet.Protocol.Jute;

namespace ZkNet.Protocol.Records;

/// <summary>{doc}</summary>
public {decl} {name}({params}) : IJuteRecord<{name}>
{{
    /// <inheritdoc />
    public static {name} Deserialize(ref JuteReader reader) => new({reads});

    /// <inheritdoc />
    public void Serialize(JuteWriter writer)
    {{
{writes}
    }}{vec}
}}
'''

os.makedirs(OUT, exist_ok=True)
for name, doc, kind, fields in RECORDS:
    with open(os.path.join(OUT, name + '.g.cs'), 'w') as f:
        f.write(gen(name, doc, kind, fields))
print(len(RECORDS), 'records')
