using System.Globalization;
using ZkNet.Hosting.Configuration;

namespace ZkNet.Cli.Commands;

/// <summary>
/// Minimal zoo.cfg reader used until the full parser (ZkNet.Hosting.Configuration) lands: key=value lines,
/// '#' comments, the keys the standalone server uses, with or without the "zookeeper." prefix.
/// </summary>
internal static class ZooCfg
{
    public static ServerConfig Load(string path)
    {
        var raw = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(path))
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed[0] is '#' or '!')
            {
                continue;
            }
            var eq = trimmed.IndexOfAny(['=', ':']);
            if (eq <= 0)
            {
                continue;
            }
            raw[trimmed[..eq].Trim()] = trimmed[(eq + 1)..].Trim();
        }
        var config = new ServerConfig { Raw = raw };
        var unknown = new List<string>();
        foreach (var (rawKey, value) in raw)
        {
            var key = rawKey.StartsWith("zookeeper.", StringComparison.Ordinal) ? rawKey["zookeeper.".Length..] : rawKey;
            config = key switch
            {
                "tickTime" => config with { TickTime = Int(value, key) },
                "dataDir" => config with { DataDir = value },
                "dataLogDir" => config with { DataLogDir = value },
                "clientPort" => config with { ClientPort = Int(value, key) },
                "clientPortAddress" => config with { ClientPortAddress = value },
                "maxClientCnxns" => config with { MaxClientCnxns = Int(value, key) },
                "minSessionTimeout" => config with { MinSessionTimeout = Int(value, key) },
                "maxSessionTimeout" => config with { MaxSessionTimeout = Int(value, key) },
                "4lw.commands.whitelist" => config with
                {
                    FourLetterWordWhitelist = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal),
                },
                "jute.maxbuffer" => config with { JuteMaxBuffer = Int(value, key) },
                "extendedTypesEnabled" => config with { ExtendedTypesEnabled = bool.Parse(value) },
                "skipACL" => config with { SkipAcl = value == "yes" || value == "true" },
                "DigestAuthenticationProvider.superDigest" => config with { SuperDigest = value },
                "container.checkIntervalMs" or "znode.container.checkIntervalMs" => config with { ContainerCheckIntervalMs = Int(value, key) },
                "container.maxPerMinute" or "znode.container.maxPerMinute" => config with { ContainerMaxPerMinute = Int(value, key) },
                "forceSync" => config with { ForceSync = value != "no" },
                "snapCount" => config with { SnapCount = Int(value, key) },
                _ => Unknown(config, rawKey, unknown),
            };
        }
        return config with { UnknownKeys = unknown };
    }

    private static ServerConfig Unknown(ServerConfig config, string key, List<string> unknown)
    {
        unknown.Add(key);
        return config;
    }

    private static int Int(string value, string key) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var result)
            ? result
            : throw new FormatException($"{key}={value} is not a number");
}
