using System.Globalization;
using System.Text;
using ZkNet.Client.Exceptions;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.Cli.Shell;

/// <summary>
/// Quotas live in ordinary nodes: /zookeeper/quota/PATH/zookeeper_limits (what the operator set) and
/// .../zookeeper_stats (what the subtree holds, kept up to date by the server), as zkCli manages them.
/// </summary>
internal sealed partial class ZkShell
{
    private const string QuotaRoot = "/zookeeper/quota";

    private static string LimitsPath(string path) => QuotaRoot + path + "/zookeeper_limits";

    private static string StatsPath(string path) => QuotaRoot + path + "/zookeeper_stats";

    private async Task<bool> SetQuotaAsync(ParsedArgs args)
    {
        var option = "nbNB".FirstOrDefault(args.Has);
        if (option == default || !long.TryParse(args.Value(option), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            _err.WriteLine(_commands["setquota"].Usage);
            return false;
        }
        var path = args.Positional[1];
        if (path == "/" || path.StartsWith("/zookeeper", StringComparison.Ordinal))
        {
            _err.WriteLine($"Cannot set a quota on {path}");
            return false;
        }
        if (await Client.ExistsAsync(path).ConfigureAwait(false) is null)
        {
            _err.WriteLine($"Node does not exist: {path}");
            return false;
        }
        for (var parent = ParentOf(path); parent != "/"; parent = ParentOf(parent))
        {
            if (await Client.ExistsAsync(LimitsPath(parent)).ConfigureAwait(false) is not null)
            {
                _err.WriteLine($"{path} has a parent {parent} which has a quota");
                return false;
            }
        }
        var existing = await Client.TryGetDataAsync(LimitsPath(path)).ConfigureAwait(false);
        if (existing is not null)
        {
            var limits = QuotaLimits.Parse(Encoding.UTF8.GetString(existing.Data));
            limits.Set(option, value);
            await Client.SetDataAsync(LimitsPath(path), Encoding.UTF8.GetBytes(limits.ToString())).ConfigureAwait(false);
            return true;
        }
        var fresh = new QuotaLimits();
        fresh.Set(option, value);
        await CreateParentsAsync(QuotaRoot + path).ConfigureAwait(false);
        await Client.CreateAsync(LimitsPath(path), Encoding.UTF8.GetBytes(fresh.ToString()), Acl.OpenAclUnsafe).ConfigureAwait(false);
        // zkCli writes zeros: the server fills in the subtree's figures when the stats node appears and keeps
        // them current from then on.
        try
        {
            await Client.CreateAsync(StatsPath(path), "count=0,bytes=0"u8.ToArray(), Acl.OpenAclUnsafe).ConfigureAwait(false);
        }
        catch (NodeExistsException)
        {
            // A server that made the stats node itself when the limits appeared has its own figures.
        }
        return true;
    }

    private async Task<bool> ListQuotaAsync(ParsedArgs args)
    {
        var path = args.Positional[1];
        _err.WriteLine($"absolute path is {LimitsPath(path)}");
        var limits = await Client.TryGetDataAsync(LimitsPath(path)).ConfigureAwait(false);
        if (limits is null)
        {
            _err.WriteLine($"quota for {path} does not exist.");
            return false;
        }
        _out.WriteLine($"Output quota for {path} {Encoding.UTF8.GetString(limits.Data)}");
        var stats = await Client.TryGetDataAsync(StatsPath(path)).ConfigureAwait(false);
        if (stats is not null)
        {
            _out.WriteLine($"Output stat for {path} {Encoding.UTF8.GetString(stats.Data)}");
        }
        return true;
    }

    private async Task<bool> DelQuotaAsync(ParsedArgs args)
    {
        var path = args.Positional[1];
        var existing = await Client.TryGetDataAsync(LimitsPath(path)).ConfigureAwait(false);
        if (existing is null)
        {
            _err.WriteLine($"quota for {path} does not exist.");
            return false;
        }
        var option = "nbNB".FirstOrDefault(args.Has);
        if (option != default)
        {
            var limits = QuotaLimits.Parse(Encoding.UTF8.GetString(existing.Data));
            limits.Set(option, -1);
            await Client.SetDataAsync(LimitsPath(path), Encoding.UTF8.GetBytes(limits.ToString())).ConfigureAwait(false);
            return true;
        }
        await Client.TryDeleteAsync(LimitsPath(path)).ConfigureAwait(false);
        await Client.TryDeleteAsync(StatsPath(path)).ConfigureAwait(false);
        // Remove the quota node and any ancestors it leaves empty, but never the quota root itself.
        for (var node = QuotaRoot + path; node.Length > QuotaRoot.Length; node = ParentOf(node))
        {
            try
            {
                await Client.TryDeleteAsync(node).ConfigureAwait(false);
            }
            catch (NotEmptyException)
            {
                break;
            }
        }
        return true;
    }

    private async Task CreateParentsAsync(string path)
    {
        var at = 0;
        while ((at = path.IndexOf('/', at + 1)) > 0 || at == -1 && path.Length > 0)
        {
            var prefix = at < 0 ? path : path[..at];
            try
            {
                await Client.CreateAsync(prefix, null, Acl.OpenAclUnsafe, CreateMode.Persistent).ConfigureAwait(false);
            }
            catch (NodeExistsException)
            {
                // Already there: only the missing part of the path is made.
            }
            if (at < 0)
            {
                break;
            }
        }
    }

    private static string ParentOf(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash <= 0 ? "/" : path[..slash];
    }
}
