using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using ZkNet.Server.FourLetterWords;

namespace ZkNet.Admin.Commands;

/// <summary>Commands about the server itself: configuration, directories, environment, trace mask, snapshots.</summary>
internal static class ServerCommands
{
    /// <summary>conf lines (zoo.cfg names) and the JSON key ZooKeeper's configuration command gives each.</summary>
    private static readonly (string Line, string Key, bool Number)[] ConfigurationKeys =
    [
        ("clientPort", "client_port", true), ("secureClientPort", "secure_client_port", true), ("dataDir", "data_dir", false),
        ("dataLogDir", "data_log_dir", false), ("tickTime", "tick_time", true), ("maxClientCnxns", "max_client_cnxns", true),
        ("minSessionTimeout", "min_session_timeout", true), ("maxSessionTimeout", "max_session_timeout", true),
        ("serverId", "server_id", true), ("clientPortListenBacklog", "client_port_listen_backlog", true),
    ];

    public static IReadOnlyList<AdminCommand> All { get; } =
    [
        new("configuration", ["conf", "config"], (c, _) => Configuration(c)),
        new("dirs", [], (c, _) => new JsonObject
        {
            ["datadir_size"] = c.Core.Options.DataDirSize?.Invoke() ?? 0,
            ["logdir_size"] = c.Core.Options.DataLogDirSize?.Invoke() ?? 0,
        }),
        new("environment", ["env", "envi"], (_, _) => Environment()),
        new("get_trace_mask", ["gtmk"], (c, _) => new JsonObject { ["tracemask"] = c.TraceMask }),
        new("set_trace_mask", ["stmk"], SetTraceMask),
        // The tree digest after every 128th zxid, the last 1024 of them, oldest first (empty when digest.enabled=false).
        new("hash", [], (c, _) => new JsonObject
        {
            ["digests"] = new JsonArray([.. c.Core.Tree.DigestLog.Select(d => (JsonNode)new JsonObject
            {
                ["zxid"] = d.Zxid,
                ["digest"] = d.Digest,
                ["digest_version"] = d.DigestVersion,
            })]),
        }),
        new("initial_configuration", ["icfg"], (c, _) => new JsonObject { ["initial_configuration"] = c.InitialConfiguration }),
        new("is_read_only", ["isro"], (_, _) => new JsonObject { ["read_only"] = false }),
        new("last_snapshot", ["lsnp"], (c, _) => LastSnapshot(c)),
        new("ruok", [], (_, _) => []),
        new("system_properties", ["sysp"], (_, _) => SystemProperties()),
    ];

    private static JsonObject Configuration(AdminContext context)
    {
        var lines = context.Core.Options.ConfLines.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var answer = new JsonObject();
        foreach (var (line, key, number) in ConfigurationKeys)
        {
            // ZooKeeper leaves secure_client_port out when no secure port is configured.
            if (!lines.TryGetValue(line, out var value) || (line == "secureClientPort" && value == "-1"))
            {
                continue;
            }
            answer[key] = number && long.TryParse(value, CultureInfo.InvariantCulture, out var n) ? n : value;
        }
        return answer;
    }

    private static JsonObject SetTraceMask(AdminContext context, IReadOnlyDictionary<string, string> query)
    {
        // ZooKeeper's own wording for a missing or malformed traceMask parameter.
        if (!query.TryGetValue("traceMask", out var text))
        {
            throw new AdminCommandException("setTraceMask requires long traceMask argument");
        }
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var mask))
        {
            throw new AdminCommandException($"setTraceMask requires long traceMask argument, got {text}");
        }
        context.TraceMask = mask;
        return new JsonObject { ["tracemask"] = mask };
    }

    private static JsonObject LastSnapshot(AdminContext context)
    {
        var last = context.Core.Metrics.LastSnapshot;
        // ZooKeeper reports the zxid in hex (as the file name has it) and the time in seconds.
        return new JsonObject
        {
            ["zxid"] = (last?.Zxid ?? 0).ToString("x", CultureInfo.InvariantCulture),
            ["timestamp"] = last?.Time.ToUnixTimeSeconds() ?? 0,
        };
    }

    /// <summary>ZooKeeper's environment keys that mean something here; the java.* ones describe a JVM and are left out.</summary>
    private static JsonObject Environment()
    {
        var gcInfo = GC.GetGCMemoryInfo();
        return new JsonObject
        {
            ["zookeeper.version"] = FourLetterWordNames.Version,
            ["host.name"] = System.Environment.MachineName,
            ["dotnet.version"] = System.Environment.Version.ToString(),
            ["os.name"] = RuntimeInformation.OSDescription,
            ["os.arch"] = RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant(),
            ["os.version"] = System.Environment.OSVersion.Version.ToString(),
            ["user.name"] = System.Environment.UserName,
            ["user.home"] = System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile),
            ["user.dir"] = System.Environment.CurrentDirectory,
            ["os.memory.free"] = $"{Math.Max(0, gcInfo.TotalAvailableMemoryBytes - GC.GetTotalMemory(false)) / (1024 * 1024)}MB",
            ["os.memory.max"] = $"{gcInfo.TotalAvailableMemoryBytes / (1024 * 1024)}MB",
            ["os.memory.total"] = $"{System.Environment.WorkingSet / (1024 * 1024)}MB",
        };
    }

    /// <summary>ZooKeeper prints the JVM's system properties; a .NET process has none, so this is the process's counterpart.</summary>
    private static JsonObject SystemProperties() => new()
    {
        ["file.separator"] = Path.DirectorySeparatorChar.ToString(),
        ["line.separator"] = "\n",
        ["os.arch"] = RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant(),
        ["os.name"] = RuntimeInformation.OSDescription,
        ["path.separator"] = Path.PathSeparator.ToString(),
        ["user.dir"] = System.Environment.CurrentDirectory,
        ["user.name"] = System.Environment.UserName,
        ["dotnet.version"] = System.Environment.Version.ToString(),
        ["dotnet.framework"] = RuntimeInformation.FrameworkDescription,
    };
}
