using System.Text;

namespace ZkNet.Cli.Shell;

internal sealed partial class ZkShell
{
    private async Task<bool> GetAsync(ParsedArgs args)
    {
        var path = args.Positional[1];
        var result = await Client.GetDataAsync(path, args.Has('w') ? _watcher : null).ConfigureAwait(false);
        _out.WriteLine(result.IsNull ? "null" : Encoding.UTF8.GetString(result.Data));
        if (args.Has('s'))
        {
            _out.WriteLine(ShellFormat.Stat(result.Stat));
        }
        return true;
    }

    private async Task<bool> StatAsync(ParsedArgs args)
    {
        var path = args.Positional[1];
        var stat = await Client.ExistsAsync(path, args.Has('w') ? _watcher : null).ConfigureAwait(false);
        if (stat is not { } found)
        {
            _err.WriteLine($"Node does not exist: {path}");
            return false;
        }
        _out.WriteLine(ShellFormat.Stat(found));
        return true;
    }

    private async Task<bool> LsAsync(ParsedArgs args)
    {
        var path = args.Positional[1];
        if (args.Has('R'))
        {
            foreach (var node in await SubtreeAsync(path).ConfigureAwait(false))
            {
                _out.WriteLine(node);
            }
            return true;
        }
        var result = await Client.GetChildrenWithStatAsync(path, args.Has('w') ? _watcher : null).ConfigureAwait(false);
        _out.WriteLine(ShellFormat.List(result.Children.Order(StringComparer.Ordinal)));
        if (args.Has('s'))
        {
            _out.WriteLine(ShellFormat.Stat(result.Stat));
        }
        return true;
    }

    /// <summary>The node and everything under it, breadth first, children in name order (ls -R, deleteall).</summary>
    private async Task<List<string>> SubtreeAsync(string path)
    {
        var nodes = new List<string> { path };
        for (var i = 0; i < nodes.Count; i++)
        {
            var parent = nodes[i];
            var children = await Client.GetChildrenAsync(parent).ConfigureAwait(false);
            foreach (var child in children.Order(StringComparer.Ordinal))
            {
                nodes.Add(parent == "/" ? "/" + child : parent + "/" + child);
            }
        }
        return nodes;
    }

    private async Task<bool> GetAclAsync(ParsedArgs args)
    {
        var result = await Client.GetAclAsync(args.Positional[1]).ConfigureAwait(false);
        _out.WriteLine(ShellFormat.Acl(result.Acl));
        if (args.Has('s'))
        {
            _out.WriteLine(ShellFormat.Stat(result.Stat));
        }
        return true;
    }

    private async Task<bool> GetAllChildrenNumberAsync(ParsedArgs args)
    {
        _out.WriteLine(await Client.GetAllChildrenNumberAsync(args.Positional[1]).ConfigureAwait(false));
        return true;
    }

    private async Task<bool> GetEphemeralsAsync(ParsedArgs args)
    {
        var prefix = args.Positional.Count > 1 ? args.Positional[1] : "/";
        var paths = await Client.GetEphemeralsAsync(prefix).ConfigureAwait(false);
        _out.WriteLine(ShellFormat.List(paths));
        return true;
    }

    private async Task<bool> SyncAsync(ParsedArgs args)
    {
        await Client.SyncAsync(args.Positional[1]).ConfigureAwait(false);
        _out.WriteLine("Sync is OK");
        return true;
    }

    private async Task<bool> WhoAmIAsync(ParsedArgs args)
    {
        var identities = await Client.WhoAmIAsync().ConfigureAwait(false);
        _out.WriteLine("Auth scheme: User");
        foreach (var identity in identities)
        {
            _out.WriteLine($"{identity.AuthScheme}: {identity.User}");
        }
        return true;
    }

    /// <summary>config reads the ensemble configuration node at its own path, chroot or not, as zkCli's getConfig.</summary>
    private async Task<bool> ConfigAsync(ParsedArgs args)
    {
        var result = await Client.GetConfigAsync(args.Has('w') ? _watcher : null).ConfigureAwait(false);
        var text = Encoding.UTF8.GetString(result.Data);
        _out.WriteLine(args.Has('c') ? ConnectStringOf(text) : text);
        if (args.Has('s'))
        {
            _out.WriteLine(ShellFormat.Stat(result.Stat));
        }
        return true;
    }

    /// <summary>The client addresses of "server.N=host:p1:p2[:role];[clienthost:]clientport" lines.</summary>
    private static string ConnectStringOf(string config)
    {
        var hosts = new List<string>();
        foreach (var line in config.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var semicolon = line.IndexOf(';', StringComparison.Ordinal);
            if (!line.StartsWith("server.", StringComparison.Ordinal) || semicolon < 0)
            {
                continue;
            }
            var client = line[(semicolon + 1)..];
            hosts.Add(client.Contains(':', StringComparison.Ordinal) ? client : line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..line.IndexOf(':', StringComparison.Ordinal)] + ":" + client);
        }
        return string.Join(",", hosts);
    }
}
