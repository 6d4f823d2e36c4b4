using Microsoft.Extensions.Logging;
using ZkNet.Server.Pipeline;

namespace ZkNet.Hosting.Ensemble;

/// <summary>
/// Read-only mode (readonlymode.enabled): a member that has been electing for a grace period concludes it is cut
/// off from its quorum and serves the tree it last had, read-only, to clients that accept that, until the election
/// ends (ZooKeeper's QuorumPeer starts its ReadOnlyZooKeeperServer the same way).
/// </summary>
internal sealed partial class QuorumPeer
{
    /// <summary>ZooKeeper's grace before a looking member decides it is partitioned: max(2 s, tickTime).</summary>
    private TimeSpan ReadOnlyGrace => TimeSpan.FromMilliseconds(Math.Max(2000, _zab.TickTime));

    /// <summary>
    /// Returns when <paramref name="election"/> has ended (its outcome is the caller's to await), having served
    /// <paramref name="roleCore"/>'s tree read-only meanwhile if the election outlasted the grace period. The role's
    /// pipeline is not started yet, so the read-only server is the tree's only user; once it has stopped, the
    /// watches its clients set go with it.
    /// </summary>
    private async Task ServeReadOnlyWhileElectingAsync(Task election, ZooKeeperServer roleCore)
    {
        if (!_config.ReadOnlyModeEnabled)
        {
            return;
        }
        using (var graceOver = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token))
        {
            var grace = Task.Delay(ReadOnlyGrace, _time, graceOver.Token);
            var first = await Task.WhenAny(election, grace).ConfigureAwait(false);
            await graceOver.CancelAsync().ConfigureAwait(false);
            if (first != grace || grace.IsCanceled)
            {
                return;
            }
        }
        var readOnly = new ZooKeeperServer(ZkNetServer.ToOptions(_config) with { ServerId = _myId }, null, _time,
            _loggers.CreateLogger<ZooKeeperServer>(), roleCore.Tree);
        readOnly.UseMetrics(_server.MemberMetrics);
        readOnly.Quorum = Status;
        readOnly.ServeReadOnly(roleCore.CommittedSessionIds);
        await _server.SwitchCoreAsync(readOnly, null).ConfigureAwait(false);
        LogReadOnlyStarted(roleCore.Tree.LastProcessedZxid);
        try
        {
            await election.ConfigureAwait(false);
        }
        catch (Exception) when (election.IsCompleted)
        {
            // The caller awaits the election and handles how it ended.
        }
        finally
        {
            if (!_stop.IsCancellationRequested)
            {
                // Disposes the read-only server (its clients' connections close) before the tree is touched again.
                await _server.SwitchCoreAsync(_server.CreateLookingCore(), null).ConfigureAwait(false);
                roleCore.ReleaseWatches();
                LogReadOnlyStopped();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No quorum for the grace period: serving read-only clients from zxid 0x{Zxid:x}")]
    private partial void LogReadOnlyStarted(long zxid);

    [LoggerMessage(Level = LogLevel.Information, Message = "Read-only server stopped: the election ended")]
    private partial void LogReadOnlyStopped();
}
