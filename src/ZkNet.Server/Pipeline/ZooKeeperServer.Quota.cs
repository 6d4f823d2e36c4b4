using Microsoft.Extensions.Logging;
using ZkNet.Server.DataTree;
using QuotaTree = ZkNet.Server.DataTree.DataTree;

namespace ZkNet.Server.Pipeline;

public sealed partial class ZooKeeperServer
{
    private long _lastQuotaWarning = long.MinValue;

    /// <summary>
    /// ZooKeeper's checkQuota, run in Prep for a create (one more node) and a setData (the change in length) when
    /// zookeeper.enforceQuota is on. Only the deepest quota above the path is checked, against the counts in the
    /// tree (in a multi, the earlier operations of the same multi are not counted yet, as in ZooKeeper). A count or
    /// byte figure past its hard limit refuses the write; with no hard limit, past the soft limit it is logged.
    /// </summary>
    private bool WithinQuota(string path, long bytesDiff, int countDiff)
    {
        if (!Options.EnforceQuota || Tree.MaxPrefixWithQuota(path) is not { } root)
        {
            return true;
        }
        var limitNode = Tree.GetNode(QuotaTree.LimitPath(root));
        if (limitNode is null)
        {
            return true; // ZooKeeper logs "Missing limit node for quota" and lets the write through
        }
        var limits = StatsTrack.Parse(limitNode.Data);
        var checkCount = countDiff != 0 && (limits.Count > -1 || limits.CountHardLimit > -1);
        var checkBytes = bytesDiff != 0 && (limits.Bytes > -1 || limits.ByteHardLimit > -1);
        if (!checkCount && !checkBytes)
        {
            return true;
        }
        var statNode = Tree.GetNode(QuotaTree.StatPath(root));
        if (statNode is null)
        {
            return true;
        }
        var stats = StatsTrack.Parse(statNode.Data);
        return (!checkCount || WithinLimit(root, "count", stats.Count + countDiff, limits.Count, limits.CountHardLimit))
            && (!checkBytes || WithinLimit(root, "bytes", stats.Bytes + bytesDiff, limits.Bytes, limits.ByteHardLimit));
    }

    private bool WithinLimit(string root, string what, long value, long soft, long hard)
    {
        var limit = hard > -1 ? hard : soft;
        if (value <= limit)
        {
            return true;
        }
        // ZooKeeper rate-limits this warning; once a minute is enough to show a subtree is over its quota.
        var now = _time.GetTimestamp();
        if (_lastQuotaWarning == long.MinValue || _time.GetElapsedTime(_lastQuotaWarning, now) >= TimeSpan.FromMinutes(1))
        {
            _lastQuotaWarning = now;
            LogQuotaExceeded(_logger, root, what, value, hard > -1 ? "hard" : "soft", limit);
        }
        return hard <= -1;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Quota exceeded: {Root} [current {What}={Value}, {Kind} limit={Limit}]")]
    private static partial void LogQuotaExceeded(ILogger logger, string root, string what, long value, string kind, long limit);
}
