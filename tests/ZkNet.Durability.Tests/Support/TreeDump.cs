using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.Durability.Tests.Support;

/// <summary>Reads a whole tree through the wire protocol, level by level with the requests of a level pipelined.</summary>
internal static class TreeDump
{
    public static async Task<SortedDictionary<string, DumpedNode>> ReadAsync(WireClient client, string root = "/")
    {
        var result = new SortedDictionary<string, DumpedNode>(StringComparer.Ordinal);
        var level = new List<string> { root };
        while (level.Count > 0)
        {
            var nodes = await Task.WhenAll(level.Select(path => ReadNodeAsync(client, path)));
            var next = new List<string>();
            for (var i = 0; i < level.Count; i++)
            {
                if (nodes[i] is not { } node)
                {
                    continue;
                }
                result[level[i]] = node.Node;
                next.AddRange(node.Children.Select(child => (level[i] == "/" ? "" : level[i]) + "/" + child));
            }
            level = next;
        }
        return result;
    }

    /// <summary>Fails with the first differences listed (paths only on one side, then changed nodes).</summary>
    public static void AssertSame(IReadOnlyDictionary<string, DumpedNode> expected, IReadOnlyDictionary<string, DumpedNode> actual, string what)
    {
        var problems = new List<string>();
        problems.AddRange(expected.Keys.Except(actual.Keys).Select(p => $"missing {p}: {expected[p]}"));
        problems.AddRange(actual.Keys.Except(expected.Keys).Select(p => $"unexpected {p}: {actual[p]}"));
        foreach (var (path, node) in expected)
        {
            if (actual.TryGetValue(path, out var other) && !node.SameAs(other))
            {
                problems.Add($"{path}\n    expected {node}\n    actual   {other}");
            }
        }
        if (problems.Count > 0)
        {
            Assert.Fail($"{what}: {problems.Count} differences in {expected.Count} nodes\n  " + string.Join("\n  ", problems.Take(25)));
        }
    }

    private static async Task<(DumpedNode Node, IReadOnlyList<string> Children)?> ReadNodeAsync(WireClient client, string path)
    {
        var data = client.GetDataAsync(path);
        var acl = client.GetAclAsync(path);
        var children = client.GetChildrenAsync(path);
        var replies = await Task.WhenAll(data, acl, children);
        if (replies.Any(r => r.Err == ErrorCode.NoNode))
        {
            // Deleted while we walked (an expiring session, a reaped container): not part of a stable tree.
            return null;
        }
        var d = replies[0].ReadOk<GetDataResponse>("getData " + path);
        var a = replies[1].ReadOk<GetAclResponse>("getACL " + path);
        var c = replies[2].ReadOk<GetChildren2Response>("getChildren2 " + path);
        return (new DumpedNode(d.Data, a.Acl, d.Stat), c.Children);
    }
}
