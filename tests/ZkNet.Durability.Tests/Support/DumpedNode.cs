using System.Text;
using ZkNet.Protocol.Records;

namespace ZkNet.Durability.Tests.Support;

/// <summary>One node as a client sees it: data (null stays null), ACL and every Stat field.</summary>
internal sealed record DumpedNode(byte[]? Data, IReadOnlyList<Acl> Acl, Stat Stat)
{
    public override string ToString() =>
        $"data={(Data is null ? "null" : "\"" + Encoding.UTF8.GetString(Data) + "\"")} acl=[{string.Join(",", Acl.Select(a => $"{a.Perms}:{a.Id}"))}] stat={Stat}";

    public bool SameAs(DumpedNode other) =>
        (Data is null ? other.Data is null : other.Data is not null && Data.AsSpan().SequenceEqual(other.Data)) &&
        Acl.SequenceEqual(other.Acl) && Stat == other.Stat;
}
