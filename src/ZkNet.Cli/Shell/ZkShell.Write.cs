using System.Globalization;
using System.Text;
using ZkNet.Client.Exceptions;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.Cli.Shell;

internal sealed partial class ZkShell
{
    private async Task<bool> CreateAsync(ParsedArgs args)
    {
        var sequential = args.Has('s');
        var ephemeral = args.Has('e');
        var container = args.Has('c');
        TimeSpan? ttl = null;
        if (args.Value('t') is { } ttlText)
        {
            if (!long.TryParse(ttlText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ttlMs))
            {
                throw new ShellUsageException($"-t argument must be a number: {ttlText}");
            }
            ttl = TimeSpan.FromMilliseconds(ttlMs);
        }
        if (container && (sequential || ephemeral))
        {
            throw new ShellUsageException("-c cannot be combined with -s or -e. Containers cannot be ephemeral or sequential.");
        }
        if (ttl is not null && (ephemeral || container))
        {
            throw new ShellUsageException("TTLs cannot be used with Ephemeral or Container nodes");
        }
        var mode = (sequential, ephemeral, container, ttl is not null) switch
        {
            (_, _, true, _) => CreateMode.Container,
            (true, _, _, true) => CreateMode.PersistentSequentialWithTtl,
            (false, _, _, true) => CreateMode.PersistentWithTtl,
            (true, true, _, _) => CreateMode.EphemeralSequential,
            (false, true, _, _) => CreateMode.Ephemeral,
            (true, false, _, _) => CreateMode.PersistentSequential,
            _ => CreateMode.Persistent,
        };
        var path = args.Positional[1];
        var data = args.Positional.Count > 2 ? Encoding.UTF8.GetBytes(args.Positional[2]) : null;
        var acl = args.Positional.Count > 3 ? AclParser.Parse(args.Positional[3]) : Acl.OpenAclUnsafe;
        var created = await Client.CreateAsync(path, data, acl, mode, ttl).ConfigureAwait(false);
        _err.WriteLine($"Created {created}");
        return true;
    }

    private async Task<bool> DeleteAsync(ParsedArgs args)
    {
        await Client.DeleteAsync(args.Positional[1], ParseVersion(args)).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// deleteall: children before parents; the first failure stops it and, as in zkCli, only the summary line is
    /// printed (zkCli logs the cause rather than printing it).
    /// </summary>
    private async Task<bool> DeleteAllAsync(ParsedArgs args)
    {
        var nodes = await SubtreeAsync(args.Positional[1]).ConfigureAwait(false);
        try
        {
            for (var i = nodes.Count - 1; i >= 0; i--)
            {
                if (nodes[i] != "/" && nodes[i] != "/zookeeper" && !nodes[i].StartsWith("/zookeeper/", StringComparison.Ordinal))
                {
                    await Client.TryDeleteAsync(nodes[i]).ConfigureAwait(false);
                }
            }
            return true;
        }
        catch (KeeperException)
        {
            _err.WriteLine("Failed to delete some node(s) in the subtree!");
            return false;
        }
    }

    private async Task<bool> SetAsync(ParsedArgs args)
    {
        var stat = await Client.SetDataAsync(args.Positional[1], Encoding.UTF8.GetBytes(args.Positional[2]), ParseVersion(args))
            .ConfigureAwait(false);
        if (args.Has('s'))
        {
            _out.WriteLine(ShellFormat.Stat(stat));
        }
        return true;
    }

    private async Task<bool> SetAclAsync(ParsedArgs args)
    {
        var path = args.Positional[1];
        List<Acl> acl;
        try
        {
            acl = AclParser.Parse(args.Positional[2]);
        }
        catch (ShellUsageException e)
        {
            _err.WriteLine(e.Message);
            // zkCli 3.8 names no path here ("null"); the same words keep scripts that look for them working.
            _err.WriteLine("Acl is not valid : null");
            return false;
        }
        var version = ParseVersion(args);
        if (args.Has('R'))
        {
            foreach (var node in await SubtreeAsync(path).ConfigureAwait(false))
            {
                await Client.SetAclAsync(node, acl, version).ConfigureAwait(false);
            }
            return true;
        }
        var stat = await Client.SetAclAsync(path, acl, version).ConfigureAwait(false);
        if (args.Has('s'))
        {
            _out.WriteLine(ShellFormat.Stat(stat));
        }
        return true;
    }

    private static int ParseVersion(ParsedArgs args)
    {
        if (args.Value('v') is not { } text)
        {
            return -1;
        }
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new ShellUsageException($"version is not a number: {text}");
    }
}
