using System.Globalization;
using ZkNet.Quorum.Configuration;

namespace ZkNet.Hosting.Configuration;

/// <summary>Hierarchical quorums: zoo.cfg's <c>group.N</c> and <c>weight.N</c> lines (docs/ensemble.md).</summary>
public sealed partial record EnsembleConfig
{
    /// <summary>
    /// Whether <paramref name="key"/> is one of the quorum keys this type reads (server.N, and any key starting
    /// <c>group</c> or <c>weight</c>, which QuorumPeerConfig.parseDynamicConfig takes as hierarchical quorums).
    /// </summary>
    public static bool IsQuorumKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.StartsWith("server.", StringComparison.Ordinal) || key.StartsWith("group", StringComparison.Ordinal)
            || key.StartsWith("weight", StringComparison.Ordinal);
    }

    // Any key starting "group" or "weight" makes ZooKeeper's verifier a QuorumHierarchical (parseDynamicConfig);
    // without servers there is no quorum to build (a standalone file), so the keys are left alone as ZooKeeper's
    // standalone mode leaves them.
    private static QuorumHierarchical? ReadHierarchy(ServerConfig config, IReadOnlyList<QuorumServer> servers)
    {
        var groups = new List<KeyValuePair<long, IReadOnlyList<long>>>();
        var weights = new List<KeyValuePair<long, long>>();
        foreach (var (key, value) in config.Raw)
        {
            if (key.StartsWith("group", StringComparison.Ordinal))
            {
                var group = Id(key, "group", "group.N=sid:sid:... with N a number");
                var sids = value.Split(':').Select(part => Number(key, part.Trim(), "a server id", "group.N=sid:sid:...")).ToList();
                groups.Add(new(group, sids));
            }
            else if (key.StartsWith("weight", StringComparison.Ordinal))
            {
                weights.Add(new(Id(key, "weight", "weight.N=w with N a server id"), Number(key, value.Trim(), "a whole number", "weight.N=w")));
            }
        }
        if ((groups.Count == 0 && weights.Count == 0) || servers.Count == 0)
        {
            return null;
        }
        try
        {
            return new QuorumHierarchical(servers, groups, weights);
        }
        catch (QuorumConfigException ex)
        {
            throw new ConfigException(null, null, ex.Message, ex);
        }
    }

    private static long Id(string key, string family, string form)
    {
        // ZooKeeper reads the number after the first dot; a key without one fails its parse.
        var dot = key.IndexOf('.', StringComparison.Ordinal);
        return dot == family.Length
            && long.TryParse(key.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new ConfigException(key, null, $"{key} is not of the form {form}");
    }

    private static long Number(string key, string text, string what, string form) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new ConfigException(key, null, $"'{text}' is not {what}; write {form}");
}
