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
            : name.StartsWith("admin.", StringComparison.Ordinal) || name.StartsWith("ssl.quorum.", StringComparison.Ordinal) ? name : "";
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
            // ZooKeeper 3.9's snapshot/restore switches and rate limit, and admin HTTPS (Boolean.getBoolean and
            // Boolean.parseBoolean: "true" in any case is true, anything else false).
            case "admin.snapshot.enabled":
                _config = _config with { Admin = admin with { SnapshotEnabled = JavaTrue(entry) } };
                break;
            case "admin.restore.enabled":
                _config = _config with { Admin = admin with { RestoreEnabled = JavaTrue(entry) } };
                break;
            case "admin.rateLimiterIntervalInMS":
                _config = _config with { Admin = admin with { RateLimiterIntervalMs = Int(entry, JavaNumbers.TryDecodeInt, 300_000) } };
                break;
            case "admin.restore.maxBytes":
                _config = _config with
                {
                    Admin = admin with
                    {
                        RestoreMaxBytes = long.TryParse(entry.Value, System.Globalization.CultureInfo.InvariantCulture, out var max) && max > 0
                            ? max : throw new ConfigException(entry.Key, entry.Line, $"'{entry.Value}' is not a positive number of bytes"),
                    },
                };
                break;
            case "admin.portUnification":
                _config = _config with { Admin = admin with { PortUnification = JavaTrue(entry) } };
                break;
            case "admin.forceHttps":
                _config = _config with { Admin = admin with { ForceHttps = JavaTrue(entry) } };
                break;
            case "admin.needClientAuth":
                _config = _config with { Admin = admin with { NeedClientAuth = JavaTrue(entry) } };
                break;
            case "ssl.quorum.keyStore.location":
                _config = _config with { QuorumKeyStore = _config.QuorumKeyStore with { Location = entry.Value } };
                break;
            case "ssl.quorum.keyStore.password":
                _config = _config with { QuorumKeyStore = _config.QuorumKeyStore with { Password = entry.Value } };
                break;
            case "ssl.quorum.keyStore.passwordPath":
                _config = _config with { QuorumKeyStore = _config.QuorumKeyStore with { PasswordPath = entry.Value } };
                break;
            case "ssl.quorum.keyStore.type":
                _config = _config with { QuorumKeyStore = _config.QuorumKeyStore with { Type = entry.Value } };
                break;
            case "ssl.quorum.trustStore.location":
                _config = _config with { QuorumTrustStore = _config.QuorumTrustStore with { Location = entry.Value } };
                break;
            case "ssl.quorum.trustStore.password":
                _config = _config with { QuorumTrustStore = _config.QuorumTrustStore with { Password = entry.Value } };
                break;
            case "ssl.quorum.trustStore.passwordPath":
                _config = _config with { QuorumTrustStore = _config.QuorumTrustStore with { PasswordPath = entry.Value } };
                break;
            case "ssl.quorum.trustStore.type":
                _config = _config with { QuorumTrustStore = _config.QuorumTrustStore with { Type = entry.Value } };
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

    private static bool JavaTrue(ConfigEntry entry) => entry.Value.Equals("true", StringComparison.OrdinalIgnoreCase);

    private static int Port(ConfigEntry entry, int port) => port is >= 0 and <= 65535
        ? port
        : throw new ConfigException(entry.Key, entry.Line, $"port out of range: {port}");
}
