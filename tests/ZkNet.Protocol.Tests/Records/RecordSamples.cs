using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;
using static ZkNet.Protocol.Tests.Support.Text;

namespace ZkNet.Protocol.Tests.Records;

/// <summary>
/// One instance of every Jute record, with a different value in every field (so a reader that swapped two fields
/// of the same type would be caught), and a second set of edge values (nulls, empties, extremes).
/// </summary>
internal static class RecordSamples
{
    private static readonly Stat S = new(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
    private static readonly Stat Extremes = new(long.MaxValue, long.MinValue, -1, 0, int.MaxValue, int.MinValue, -1, long.MinValue, 0, int.MaxValue, -2);
    private static readonly Acl[] Acls = [new(Perms.Read, Id.AnyoneIdUnsafe), new(Perms.All, new Id("digest", "u:hash=")), new(0, new Id("ip", "10.0.0.0/8"))];
    private static readonly string[] Paths = ["/a", "/ünï/代码", ""];

    public static IReadOnlyList<IJuteRecord> Typical { get; } =
    [
        new Acl(Perms.Write | Perms.Admin, new Id("sasl", "alice@REALM")),
        new AddWatchRequest("/w", 1),
        new AuthPacket(7, "digest", Utf8("user:pw")),
        new CheckVersionRequest("/c", 42),
        new CheckVersionTxn("/c", 43),
        new CheckWatchesRequest("/cw", 2),
        new ClientInfo("ip", "127.0.0.1"),
        new CloseSessionTxn(Paths),
        new ConnectRequest(1, 0x1234567890, 30_000, 0x0100000000000abc, Convert.FromHexString("00112233445566778899aabbccddeeff"), true),
        new ConnectResponse(2, 4000, 0x0200000000000def, Convert.FromHexString("ffeeddccbbaa99887766554433221100"), true),
        new Create2Response("/n0000000001", S),
        new CreateContainerTxn("/cc", Utf8("d"), Acls, 12),
        new CreateRequest("/cr", Utf8("data"), Acls, (int)CreateMode.EphemeralSequential),
        new CreateResponse("/cr0000000002"),
        new CreateSessionTxn(12_345),
        new CreateTtlRequest("/ttl", Utf8("t"), Acls, (int)CreateMode.PersistentSequentialWithTtl, 987_654_321_000),
        new CreateTtlTxn("/ttl", Utf8("tt"), Acls, 13, 123_456_789_000),
        new CreateTxn("/ct", Utf8("ctd"), Acls, true, 14),
        new DeleteRequest("/del", 15),
        new DeleteTxn("/deltxn"),
        new ErrorResponse((int)ErrorCode.NotEmpty),
        new ErrorTxn((int)ErrorCode.NoChildrenForEphemerals),
        new ExistsRequest("/ex", true),
        new ExistsResponse(S),
        new GetAclRequest("/ga"),
        new GetAclResponse(Acls, S),
        new GetAllChildrenNumberRequest("/gacn"),
        new GetAllChildrenNumberResponse(16),
        new GetChildren2Request("/gc2", true),
        new GetChildren2Response(Paths, S),
        new GetChildrenRequest("/gc", true),
        new GetChildrenResponse(["x", "y", "zz"]),
        new GetDataRequest("/gd", true),
        new GetDataResponse(Utf8("payload"), S),
        new GetEphemeralsRequest("/ge"),
        new GetEphemeralsResponse(["/e1", "/e2"]),
        new GetSaslRequest(Utf8("sasl-token")),
        new Id("x509", "CN=zk"),
        new MultiHeader((int)OpCode.SetData, true, -17),
        new MultiRequest([
            new MultiOp(OpCode.Create, new CreateRequest("/m", Utf8("d"), Acls, 0)),
            new MultiOp(OpCode.CreateTtl, new CreateTtlRequest("/t", null, Acls, 5, 1000)),
            new MultiOp(OpCode.SetData, new SetDataRequest("/m", Utf8("e"), 3)),
            new MultiOp(OpCode.Check, new CheckVersionRequest("/m", 4)),
            new MultiOp(OpCode.Delete, new DeleteRequest("/m", 5)),
        ]),
        new MultiResponse([
            new MultiResult((int)OpCode.Create, 0, new CreateResponse("/m")),
            new MultiResult((int)OpCode.Create2, 0, new Create2Response("/n", S)),
            new MultiResult((int)OpCode.SetData, 0, new SetDataResponse(S)),
            new MultiResult((int)OpCode.Check, 0, null),
            new MultiResult((int)OpCode.Error, (int)ErrorCode.NoNode, new ErrorResponse((int)ErrorCode.NoNode)),
        ]),
        new MultiTxn([new Txn((int)OpCode.Create, Utf8("c")), new Txn((int)OpCode.Error, [0, 0, 0, 1])]),
        new QuorumPacket(QuorumPacketType.Request, -1, [1, 2, 3], [new Id("ip", "127.0.0.1"), new Id("digest", "u")]),
        new ReconfigRequest("server.4=h:1:2;3", "5", "server.1=a:1:2;3", 0x7f00000001),
        new RemoveWatchesRequest("/rw", 3),
        new ReplyHeader(18, 0x1900000019, -20),
        new RequestHeader(21, (int)OpCode.GetChildren2),
        new SetAclRequest("/sa", Acls, 22),
        new SetAclResponse(S),
        new SetAclTxn("/sat", Acls, 23),
        new SetDataRequest("/sd", Utf8("new"), 24),
        new SetDataResponse(S),
        new SetDataTxn("/sdt", Utf8("newer"), 25),
        new SetSaslResponse(Utf8("server-token")),
        new SetWatches(26, ["/d"], ["/e", "/e2"], ["/c1", "/c2", "/c3"]),
        new SetWatches2(27, ["/d"], ["/e"], ["/c"], ["/p1", "/p2"], ["/r"]),
        S,
        new SyncRequest("/sync"),
        new SyncResponse("/synced"),
        new Txn((int)OpCode.SetAcl, Utf8("txn")),
        new TxnDigest(2, 0x0123456789abcdef),
        new TxnHeader(0x0300000000000001, 28, 0x2900000029, 0x1a20014d72e, (int)OpCode.CreateTtl),
        new WatcherEvent((int)EventType.NodeChildrenChanged, (int)KeeperState.SyncConnected, "/watched"),
        new WhoAmIResponse([new ClientInfo("digest", "golden"), new ClientInfo("ip", "::1")]),
    ];

    public static IReadOnlyList<IJuteRecord> Edges { get; } =
    [
        new AuthPacket(0, "", null),
        new ConnectRequest(0, 0, 0, 0, null, false),
        new ConnectResponse(0, 0, 0, [], false),
        new CreateRequest("/", null, [], int.MinValue),
        new CreateRequest("/" + new string('x', 4096), new byte[70_000], Acls, 0),
        new GetDataResponse(null, Extremes),
        new GetDataResponse([], Extremes),
        new GetChildrenResponse([]),
        new GetChildrenResponse(["", "ü"]),
        new QuorumPacket(QuorumPacketType.UpToDate, long.MinValue),
        new QuorumPacket(QuorumPacketType.Ping, 0, [], []),
        new ReconfigRequest(null, null, null, -1),
        new ReconfigRequest("", null, "", 0),
        new MultiTxn([]),
        new MultiRequest([]),
        new MultiResponse([]),
        new MultiRequest([new MultiOp(OpCode.GetChildren, new GetChildrenRequest("/", false)), new MultiOp(OpCode.GetData, new GetDataRequest("/", false))]),
        new Txn(0, null),
        new SetWatches2(long.MinValue, [], [], [], [], []),
        new TxnHeader(long.MaxValue, int.MinValue, long.MinValue, -1, 0),
        new WatcherEvent(-1, 0, ""),
        new ReplyHeader(int.MinValue, long.MaxValue, int.MaxValue),
        new MultiHeader(-1, true, -1),
        Extremes,
    ];
}
