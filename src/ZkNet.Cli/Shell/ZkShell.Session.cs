using System.Reflection;
using System.Text;
using ZkNet.Protocol;

namespace ZkNet.Cli.Shell;

internal sealed partial class ZkShell
{
    private async Task<bool> AddAuthAsync(ParsedArgs args)
    {
        var auth = args.Positional.Count > 2 ? Encoding.UTF8.GetBytes(args.Positional[2]) : [];
        await Client.AddAuthAsync(args.Positional[1], auth).ConfigureAwait(false);
        return true;
    }

    private async Task<bool> CloseAsync(ParsedArgs args)
    {
        await CloseClientAsync().ConfigureAwait(false);
        return true;
    }

    private Task<bool> ConnectCommandAsync(ParsedArgs args) =>
        ConnectAsync(args.Positional.Count > 1 ? args.Positional[1] : _connectString);

    private Task<bool> HistoryAsync(ParsedArgs args)
    {
        // zkCli lists the last ten commands before this one, and this one.
        for (var i = Math.Max(0, _history.Count - 11); i < _history.Count; i++)
        {
            _out.WriteLine($"{i} - {_history[i]}");
        }
        return Task.FromResult(true);
    }

    private Task<bool> PrintWatchesAsync(ParsedArgs args)
    {
        if (args.Positional.Count < 2)
        {
            _out.WriteLine(PrintWatches ? "printwatches is on" : "printwatches is off");
            return Task.FromResult(true);
        }
        PrintWatches = args.Positional[1] == "on";
        return Task.FromResult(true);
    }

    private Task<bool> QuitAsync(ParsedArgs args)
    {
        QuitRequested = true;
        return Task.FromResult(true);
    }

    private Task<bool> VersionAsync(ParsedArgs args)
    {
        var version = typeof(ZkShell).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(ZkShell).Assembly.GetName().Version?.ToString();
        _out.WriteLine($"ZkNet CLI version: {version}");
        return Task.FromResult(true);
    }

    /// <summary>
    /// reconfig as zkCli's: -add/-remove (incremental) or -members/-file (the whole membership), -v the config
    /// version in hex, -s the Stat. A standalone server answers "Reconfig is disabled".
    /// </summary>
    private async Task<bool> ReconfigAsync(ParsedArgs args)
    {
        var modes = ReconfigModes(args.Positional);
        var incremental = modes.ContainsKey("add") || modes.ContainsKey("remove");
        var wholesale = modes.ContainsKey("file") || modes.ContainsKey("members");
        if (!incremental && !wholesale)
        {
            throw new ShellUsageException(_commands["reconfig"].Usage);
        }
        var version = -1L;
        if (args.Value('v') is { } v && !long.TryParse(v, System.Globalization.NumberStyles.AllowHexSpecifier, null, out version))
        {
            throw new ShellUsageException("-v must be followed by a long (configuration version)");
        }
        if (incremental && wholesale)
        {
            throw new ShellUsageException("Can't use -file or -members together with -add or -remove (mixing incremental and non-incremental modes is not allowed)");
        }
        if (modes.ContainsKey("file") && modes.ContainsKey("members"))
        {
            throw new ShellUsageException("Can't use -file and -members together (conflicting non-incremental modes)");
        }
        var members = modes.GetValueOrDefault("members")?.ToLowerInvariant();
        if (modes.TryGetValue("file", out var file))
        {
            members = MembersFromFile(file);
        }
        var result = await Client.ReconfigAsync(modes.GetValueOrDefault("add")?.ToLowerInvariant(),
            modes.GetValueOrDefault("remove")?.ToLowerInvariant(), members, version).ConfigureAwait(false);
        _out.WriteLine("Committed new configuration:\n" + Encoding.UTF8.GetString(result.Data));
        if (args.Has('s'))
        {
            _out.WriteLine(ShellFormat.Stat(result.Stat));
        }
        return true;
    }

    /// <summary>reconfig's word options (-add, -remove, -members, -file), each followed by its value.</summary>
    private static Dictionary<string, string> ReconfigModes(List<string> words)
    {
        var modes = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < words.Count; i++)
        {
            var name = words[i] is ['-', .. var rest] ? rest : null;
            if (name is not ("add" or "remove" or "members" or "file"))
            {
                throw new ShellUsageException($"Unrecognized option: {words[i]}");
            }
            if (i + 1 >= words.Count)
            {
                throw new ShellUsageException($"org.apache.commons.cli.MissingArgumentException: Missing argument for option: {name}");
            }
            modes[name] = words[++i];
        }
        return modes;
    }

    /// <summary>
    /// The membership in a dynamic config file: its server.N, group and weight lines (ZooKeeper's
    /// parseDynamicConfig keeps those), one per line, as the wholesale reconfig sends them.
    /// </summary>
    private static string MembersFromFile(string file)
    {
        try
        {
            var lines = File.ReadAllLines(file)
                .Select(l => l.Trim())
                .Where(l => l.StartsWith("server.", StringComparison.Ordinal) || l.StartsWith("group.", StringComparison.Ordinal)
                    || l.StartsWith("weight.", StringComparison.Ordinal))
                .Select(l => string.Join('=', l.Split('=', 2).Select(part => part.Trim())));
            return string.Join('\n', lines);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ShellUsageException("Error processing " + file + e.Message);
        }
    }

    private async Task<bool> RemoveWatchesAsync(ParsedArgs args)
    {
        var type = args.Has('c') ? WatcherType.Children : args.Has('d') ? WatcherType.Data : WatcherType.Any;
        await Client.RemoveAllWatchesAsync(args.Positional[1], type, args.Has('l')).ConfigureAwait(false);
        return true;
    }

    private async Task<bool> AddWatchAsync(ParsedArgs args)
    {
        var mode = args.Value('m') switch
        {
            null or "PERSISTENT_RECURSIVE" => AddWatchMode.PersistentRecursive,
            "PERSISTENT" => AddWatchMode.Persistent,
            var other => throw new ShellUsageException($"Unsupported mode: {other}"),
        };
        await Client.AddWatchAsync(args.Positional[1], _watcher, mode).ConfigureAwait(false);
        return true;
    }
}
