using System.Globalization;
using ZkNet.Quorum.Configuration;

namespace ZkNet.Hosting.Configuration;

/// <summary>
/// The ensemble a zoo.cfg describes: its <c>server.N</c> lines read as ZooKeeper's QuorumPeerConfig reads them, the
/// quorum rule (majority, or hierarchical when any <c>group</c> or <c>weight</c> key is present), and whether the file
/// asks for replicated mode (QuorumPeerConfig.isDistributed: more than one voting member, or any server line with
/// <c>standaloneEnabled=false</c>).
/// </summary>
public sealed partial record EnsembleConfig(IReadOnlyList<QuorumServer> Servers, bool StandaloneEnabled)
{
    private QuorumVerifier? _quorum;

    /// <summary>The quorum rule: <see cref="QuorumHierarchical"/> with group/weight keys, else <see cref="QuorumMaj"/>.</summary>
    public QuorumVerifier Quorum
    {
        get => _quorum ??= new QuorumMaj(Servers);
        init => _quorum = value;
    }

    /// <summary>The voting members.</summary>
    public int Participants => Servers.Count(s => s.Type == LearnerType.Participant);

    /// <summary>True when ZooKeeper would run this file in replicated (quorum) mode.</summary>
    public bool IsDistributed => Participants > 1 || (!StandaloneEnabled && Servers.Count > 0);

    /// <summary>Reads the server, group and weight lines of <paramref name="config"/>.</summary>
    /// <exception cref="ConfigException">A server, group or weight line ZooKeeper would refuse.</exception>
    public static EnsembleConfig Read(ServerConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var servers = new List<QuorumServer>();
        foreach (var (key, value) in config.Raw)
        {
            if (!key.StartsWith("server.", StringComparison.Ordinal))
            {
                continue;
            }
            if (!long.TryParse(key.AsSpan("server.".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var sid))
            {
                throw new ConfigException(key, null, $"{key} does not name a numeric server id");
            }
            try
            {
                servers.Add(QuorumServer.Parse(sid, value));
            }
            catch (QuorumConfigException ex)
            {
                throw new ConfigException(key, null, ex.Message, ex);
            }
        }
        var standalone = !config.Raw.TryGetValue("standaloneEnabled", out var flag) || !flag.Trim().Equals("false", StringComparison.OrdinalIgnoreCase);
        var sorted = servers.OrderBy(s => s.Id).ToList();
        var ensemble = new EnsembleConfig(sorted, standalone);
        return ReadHierarchy(config, sorted) is { } hierarchical ? ensemble with { Quorum = hierarchical } : ensemble;
    }
}
