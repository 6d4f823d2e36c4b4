using ZkNet.Protocol;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;
using ZkNet.Server.DataTree;
using ZkNet.Server.Txn;
using Tree = ZkNet.Server.DataTree.DataTree;

namespace ZkNet.Server.Tests.DataTree;

/// <summary>Builds txns and applies them to a tree the way the pipeline and recovery do.</summary>
internal static class Txns
{
    /// <summary>A fixed base time, so that expected ctime/mtime values are exact.</summary>
    public const long BaseTime = 1_700_000_000_000;

    public static ProcessTxnResult Apply(this Tree tree, long zxid, IJuteRecord body, long session = 0, long? time = null, int? type = null) =>
        tree.ProcessTxn(new TxnHeader(session, 0, zxid, time ?? BaseTime + zxid, type ?? TypeOf(body)), body);

    public static CreateTxn Create(string path, string? data = null, bool ephemeral = false, int parentCVersion = -1,
        IReadOnlyList<Acl>? acl = null) =>
        new(path, data is null ? [] : System.Text.Encoding.UTF8.GetBytes(data), acl ?? Acl.OpenAclUnsafe, ephemeral, parentCVersion);

    public static int TypeOf(IJuteRecord body) => (int)(body switch
    {
        CreateTxn => OpCode.Create,
        CreateContainerTxn => OpCode.CreateContainer,
        CreateTtlTxn => OpCode.CreateTtl,
        DeleteTxn => OpCode.Delete,
        SetDataTxn => OpCode.SetData,
        SetAclTxn => OpCode.SetAcl,
        CheckVersionTxn => OpCode.Check,
        CloseSessionTxn => OpCode.CloseSession,
        CreateSessionTxn => OpCode.CreateSession,
        ErrorTxn => OpCode.Error,
        MultiOps => OpCode.Multi,
        _ => throw new ArgumentException("unknown txn " + body.GetType().Name, nameof(body)),
    });

    public static Stat StatAt(this Tree tree, string path) =>
        tree.StatOf(tree.GetNode(path) ?? throw new Xunit.Sdk.XunitException($"{path} does not exist"));
}
