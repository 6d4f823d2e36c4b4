using System.Globalization;
using ZkNet.Client.Multi;

namespace ZkNet.Ensemble.Tests.Faults;

/// <summary>
/// Reads a member's whole tree (every znode outside /zookeeper: path, data and stat) through a client connected to that
/// member alone, after a sync, and compares members: identical trees are the convergence the ensemble promises.
/// </summary>
internal static class Trees
{
    public static async Task<SortedDictionary<string, string>> ReadAsync(string connectString)
    {
        await using var client = await ProcessEnsemble.ConnectAsync(connectString, TimeSpan.FromSeconds(20));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await client.SyncAsync("/", timeout.Token);
        var tree = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var level = new List<string> { "/" };
        while (level.Count > 0)
        {
            var next = new List<string>();
            // Many znodes a round trip (multiRead), so a tree of thousands is read in a moment.
            foreach (var batch in level.Where(p => p != "/zookeeper").Chunk(200))
            {
                var results = await client.MultiReadAsync(batch.SelectMany(p => new Op[] { Op.GetData(p), Op.GetChildren(p) }), timeout.Token);
                for (var i = 0; i < batch.Length; i++)
                {
                    var path = batch[i];
                    if (results[2 * i] is not GetDataOpResult data || results[2 * i + 1] is not GetChildrenOpResult children)
                    {
                        throw new InvalidOperationException($"reading {path}: {results[2 * i]}, {results[2 * i + 1]}");
                    }
                    tree[path] = string.Create(CultureInfo.InvariantCulture, $"{Convert.ToHexString(data.Data ?? [])} {data.Stat}");
                    next.AddRange(children.Children.Select(child => path == "/" ? "/" + child : path + "/" + child));
                }
            }
            level = next;
        }
        return tree;
    }

    /// <summary>Asserts that every listed member holds the same tree, naming the first differences if not.</summary>
    public static async Task AssertIdenticalAsync(ProcessEnsemble ensemble, IEnumerable<long> members)
    {
        var trees = new Dictionary<long, SortedDictionary<string, string>>();
        foreach (var id in members)
        {
            trees[id] = await ReadAsync(ensemble.ConnectStringOf(id));
        }
        var (first, reference) = trees.First();
        foreach (var (id, tree) in trees.Skip(1))
        {
            var differences = reference.Keys.Union(tree.Keys).Where(path =>
                    !(reference.TryGetValue(path, out var a) && tree.TryGetValue(path, out var b) && a == b))
                .Take(10)
                .Select(path => $"{path}\n  member {first}: {reference.GetValueOrDefault(path) ?? "missing"}\n  member {id}: {tree.GetValueOrDefault(path) ?? "missing"}")
                .ToList();
            Assert.True(differences.Count == 0,
                $"members {first} and {id} hold different trees ({reference.Count} and {tree.Count} znodes):\n{string.Join("\n", differences)}\n{ensemble.Report()}");
        }
        Assert.True(reference.Count > 1, "the trees compared are empty");
    }
}
