using ZkNet.Admin;

namespace ZkNet.Hosting.Configuration;

/// <summary>
/// The AdminServer's settings (system properties, so admin.X or zookeeper.admin.X) and the metrics provider's
/// (metricsProvider.X, read by QuorumPeerConfig itself), parsed as ZooKeeper parses them.
/// </summary>
internal sealed partial class ZooCfgBuilder
{
    private bool TryApplyObservability(ConfigEntry entry)
    {
        var name = ZooCfgKeys.WithoutPrefix(entry.Key);
        var admin = _config.Admin;
        // metricsProvider.* only as zoo.cfg spells it (QuorumPeerConfig reads it), admin.* with or without the prefix.
        var key = entry.Key.StartsWith("metricsProvider.", StringComparison.Ordinal) ? entry.Key
            : name.StartsWith("admin.", StringComparison.Ordinal) ? name : "";
        switch (key)
        {
            // ZooKeeper compares with "true" exactly: anything else turns the AdminServer off.
            case "admin.enableServer":
                _config = _config with { Admin = admin with { Enabled = entry.Value == "true" } };
                break;
            case "admin.serverAddress":
                _config = _config with { Admin = admin with { Address = entry.Value } };
                break;
            case "admin.serverPort":
                _config = _config with { Admin = admin with { Port = Port(entry, Int(entry, JavaNumbers.TryDecodeInt, 8080)) } };
                break;
            case "admin.commandURL":
                _config = _config with { Admin = admin with { CommandUrl = entry.Value } };
                break;
            case "admin.idleTimeout":
                _config = _config with { Admin = admin with { IdleTimeoutMs = Int(entry, JavaNumbers.TryDecodeInt, 30_000) } };
                break;
            case "metricsProvider.className":
                _config = _config with { MetricsProvider = _config.MetricsProvider with { ClassName = entry.Value } };
                break;
            case "metricsProvider.httpHost":
                _config = _config with { MetricsProvider = _config.MetricsProvider with { HttpHost = entry.Value } };
                break;
            case "metricsProvider.httpPort":
                // ZooKeeper's Prometheus provider parses it strictly and fails to start on a bad value.
                _config = _config with
                {
                    MetricsProvider = _config.MetricsProvider with
                    {
                        HttpPort = Port(entry, JavaNumbers.TryParseInt(entry.Value, out var port) ? port
                            : throw new ConfigException(entry.Key, entry.Line, $"'{entry.Value}' is not an integer")),
                    },
                };
                break;
            default:
                return false;
        }
        _core[entry.Key] = entry;
        return true;
    }

    private static int Port(ConfigEntry entry, int port) => port is >= 0 and <= 65535
        ? port
        : throw new ConfigException(entry.Key, entry.Line, $"port out of range: {port}");
}
