using ZkNet.Admin;

namespace ZkNet.Hosting.Configuration;

/// <summary>Accumulates one zoo.cfg's entries into a <see cref="ServerConfig"/>; see <see cref="ZooCfgParser"/>.</summary>
internal sealed partial class ZooCfgBuilder
{
    private readonly string _baseDirectory;
    private readonly Dictionary<string, string> _raw = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ConfigEntry> _core = new(StringComparer.Ordinal);
    private readonly List<string> _unknown = [];
    private readonly List<string> _ignored = [];
    private readonly List<string> _warnings = [];
    // A zoo.cfg gets ZooKeeper's defaults: every address, and the AdminServer on unless admin.enableServer says no.
    private ServerConfig _config = new() { ClientPortAddress = ServerConfig.AnyAddress, Admin = new AdminServerOptions { Enabled = true } };

    public ZooCfgBuilder(string baseDirectory) => _baseDirectory = baseDirectory;

    public void Apply(ConfigEntry entry)
    {
        _raw[entry.Key] = entry.Value;
        if (TryApplyTls(entry) || TryApplyQuorumTls(entry) || TryApplyQuorumSasl(entry) || TryApplySasl(entry) || TryApplyObservability(entry))
        {
            return;
        }
        if (ZooCfgKeys.Supported.Contains(entry.Key))
        {
            ApplyCore(entry);
        }
        else if (ZooCfgKeys.SupportedSystemProperties.Contains(ZooCfgKeys.WithoutPrefix(entry.Key)))
        {
            ApplySystemProperty(ZooCfgKeys.WithoutPrefix(entry.Key), entry);
        }
        else if (ZooCfgKeys.IsIgnored(entry.Key))
        {
            if (ZooCfgKeys.IgnoredChecked.TryGetValue(entry.Key, out var check))
            {
                Check(entry, check);
                _core[entry.Key] = entry;
            }
            _ignored.Add(entry.Key);
        }
        else
        {
            _unknown.Add(entry.Key);
        }
    }

    public ServerConfig Build()
    {
        // The checks QuorumPeerConfig.parseProperties makes after reading every key, in its order.
        var config = _config;
        if (config.AutopurgeSnapRetainCount < 3)
        {
            _warnings.Add($"autopurge.snapRetainCount {config.AutopurgeSnapRetainCount} is below the minimum; using 3");
            config = config with { AutopurgeSnapRetainCount = 3 };
        }
        if (!_core.ContainsKey("dataDir"))
        {
            throw new ConfigException("dataDir", null, "dataDir is not set");
        }
        var clientPort = _core.TryGetValue("clientPort", out var portEntry) ? config.ClientPort : 0;
        if (clientPort == 0)
        {
            // ZooKeeper treats clientPort 0 as unset and would start serving no clients at all; ZkNet refuses instead.
            throw _core.TryGetValue("clientPortAddress", out var address)
                ? new ConfigException("clientPortAddress", address.Line, "clientPortAddress is set but clientPort is not set")
                : new ConfigException("clientPort", portEntry.Line is 0 ? null : portEntry.Line, "clientPort is not set");
        }
        if (clientPort is < 0 or > 65535)
        {
            throw new ConfigException("clientPort", portEntry.Line, $"port out of range: {clientPort}");
        }
        var tls = BuildTls();
        var quorumTls = BuildQuorumTls();
        var sasl = BuildSasl();
        var quorumSasl = BuildQuorumSasl();
        if (config.TickTime <= 0)
        {
            // ZooKeeper refuses 0 ("not set") and, through the session timeout check below, any negative tickTime.
            throw new ConfigException("tickTime", Line("tickTime"), config.TickTime == 0 ? "tickTime is not set" : $"tickTime must be positive, not {config.TickTime}");
        }
        if (config.EffectiveMinSessionTimeout > config.EffectiveMaxSessionTimeout)
        {
            throw new ConfigException("minSessionTimeout", Line("minSessionTimeout") ?? Line("maxSessionTimeout"),
                $"minSessionTimeout must not be larger than maxSessionTimeout ({config.EffectiveMinSessionTimeout} > {config.EffectiveMaxSessionTimeout})");
        }
        return config with
        {
            Tls = tls,
            QuorumTls = quorumTls,
            Sasl = sasl,
            QuorumSasl = quorumSasl,
            Raw = _raw,
            UnknownKeys = _unknown,
            IgnoredKeys = _ignored,
            Warnings = _warnings,
        };
    }

    private int? Line(string key) => _core.TryGetValue(key, out var entry) ? entry.Line : null;

    private void ApplyCore(ConfigEntry entry)
    {
        _core[entry.Key] = entry;
        _config = entry.Key switch
        {
            "tickTime" => _config with { TickTime = Int(entry) },
            "dataDir" => _config with { DataDir = ResolveDirectory(entry) },
            "dataLogDir" => _config with { DataLogDir = ResolveDirectory(entry) },
            "clientPort" => _config with { ClientPort = Int(entry) },
            "clientPortAddress" => _config with { ClientPortAddress = entry.Value },
            "maxClientCnxns" => _config with { MaxClientCnxns = Int(entry) },
            "minSessionTimeout" => _config with { MinSessionTimeout = Int(entry) },
            "maxSessionTimeout" => _config with { MaxSessionTimeout = Int(entry) },
            "clientPortListenBacklog" => _config with { ClientPortListenBacklog = Int(entry) },
            "autopurge.snapRetainCount" => _config with { AutopurgeSnapRetainCount = Int(entry) },
            "autopurge.purgeInterval" => _config with { AutopurgePurgeIntervalHours = Int(entry) },
            "localSessionsEnabled" => _config with { LocalSessionsEnabled = Bool(entry) },
            "localSessionsUpgradingEnabled" => _config with { LocalSessionsUpgradingEnabled = Bool(entry) },
            _ => throw new InvalidOperationException("unhandled supported key " + entry.Key),
        };
    }

    private static int Int(ConfigEntry entry) =>
        JavaNumbers.TryParseInt(entry.Value, out var value)
            ? value
            : throw new ConfigException(entry.Key, entry.Line, $"'{entry.Value}' is not an integer");

    private static void Check(ConfigEntry entry, ValueCheck check)
    {
        var ok = check switch
        {
            ValueCheck.Int => JavaNumbers.TryParseInt(entry.Value, out _),
            ValueCheck.Long => JavaNumbers.TryParseLong(entry.Value, out _),
            ValueCheck.Bool => entry.Value.Equals("true", StringComparison.OrdinalIgnoreCase) || entry.Value.Equals("false", StringComparison.OrdinalIgnoreCase),
            ValueCheck.PeerType => entry.Value.Equals("observer", StringComparison.OrdinalIgnoreCase) || entry.Value.Equals("participant", StringComparison.OrdinalIgnoreCase),
            ValueCheck.ElectionAlg => JavaNumbers.TryParseInt(entry.Value, out var alg) && alg == 3,
            _ => true,
        };
        if (!ok)
        {
            throw new ConfigException(entry.Key, entry.Line, check switch
            {
                ValueCheck.Bool => $"invalid option '{entry.Value}': choose 'true' or 'false'",
                ValueCheck.PeerType => $"unrecognised peer type '{entry.Value}'",
                ValueCheck.ElectionAlg => $"invalid electionAlg '{entry.Value}': only 3 is supported",
                _ => $"'{entry.Value}' is not an integer",
            });
        }
    }

    private string ResolveDirectory(ConfigEntry entry)
    {
        if (entry.Value.Length == 0)
        {
            throw new ConfigException(entry.Key, entry.Line, "an empty path is not a directory");
        }
        if (!Path.IsPathRooted(entry.Value))
        {
            _warnings.Add($"{entry.Key} {entry.Value} is relative: resolved against the working directory {_baseDirectory}");
        }
        // Java's File drops a trailing separator; so does the resolved path, so "data/" and "data" are one directory.
        var full = Path.GetFullPath(entry.Value, _baseDirectory);
        var root = Path.GetPathRoot(full) ?? "";
        return full.Length > root.Length ? full.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) : full;
    }
}
