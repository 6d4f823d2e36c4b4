using ZkNet.Protocol.Records;
using Tree = ZkNet.Server.DataTree.DataTree;

namespace ZkNet.Cli.Output;

/// <summary>
/// What differs between two recovered states, node by node: paths present in one only, and for paths in both the
/// data, every Stat field and the ACL; then the sessions (id and timeout). /zookeeper/config is left out: each
/// member writes it from its own config file when it starts serving, so its times differ between members that agree.
/// </summary>
internal static class TreeDifferences
{
    private const string ConfigNode = "/zookeeper/config";

    /// <summary>Every difference, each a line naming the path (or session) and the values on either side.</summary>
    public static IEnumerable<string> Between(Tree left, IReadOnlyDictionary<long, int> leftSessions, Tree right,
        IReadOnlyDictionary<long, int> rightSessions)
    {
        foreach (var (path, node) in left.Nodes.OrderBy(n => n.Key, StringComparer.Ordinal))
        {
            if (path == ConfigNode)
            {
                continue;
            }
            if (right.GetNode(path) is not { } other)
            {
                yield return $"{path}: only in the first";
                continue;
            }
            if (!node.Data.AsSpan().SequenceEqual(other.Data.AsSpan()))
            {
                yield return $"{path}: data differs ({node.DataLength} bytes vs {other.DataLength} bytes)";
            }
            var stat = left.StatOf(node);
            var otherStat = right.StatOf(other);
            if (stat != otherStat)
            {
                yield return $"{path}: stat differs ({Describe(stat)} vs {Describe(otherStat)})";
            }
            if (!left.GetAcl(node).SequenceEqual(right.GetAcl(other)))
            {
                yield return $"{path}: ACL differs ({Describe(left.GetAcl(node))} vs {Describe(right.GetAcl(other))})";
            }
        }
        foreach (var (path, _) in right.Nodes.Where(n => n.Key != ConfigNode && left.GetNode(n.Key) is null).OrderBy(n => n.Key, StringComparer.Ordinal))
        {
            yield return $"{path}: only in the second";
        }
        foreach (var (id, timeout) in leftSessions.OrderBy(s => s.Key))
        {
            if (!rightSessions.TryGetValue(id, out var otherTimeout))
            {
                yield return $"session 0x{id:x}: only in the first";
            }
            else if (timeout != otherTimeout)
            {
                yield return $"session 0x{id:x}: timeout {timeout} vs {otherTimeout}";
            }
        }
        foreach (var id in rightSessions.Keys.Where(id => !leftSessions.ContainsKey(id)).Order())
        {
            yield return $"session 0x{id:x}: only in the second";
        }
    }

    private static string Describe(Stat s) =>
        $"czxid 0x{s.Czxid:x} mzxid 0x{s.Mzxid:x} pzxid 0x{s.Pzxid:x} ctime {s.Ctime} mtime {s.Mtime} version {s.Version} " +
        $"cversion {s.Cversion} aversion {s.Aversion} owner 0x{s.EphemeralOwner:x} children {s.NumChildren}";

    private static string Describe(IReadOnlyList<Acl> acl) => string.Join(",", acl.Select(a => $"{a.Id.Scheme}:{a.Id.Identity}:{a.Perms}"));
}
