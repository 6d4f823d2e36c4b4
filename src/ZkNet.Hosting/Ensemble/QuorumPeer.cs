using System.Globalization;
using Microsoft.Extensions.Logging;
using ZkNet.Hosting.Configuration;
using ZkNet.Hosting.Persistence;
using ZkNet.Protocol;
using ZkNet.Quorum.Configuration;
using ZkNet.Quorum.Election;
using ZkNet.Quorum.Transport;
using ZkNet.Quorum.Zab;
using ZkNet.Server.Pipeline;

namespace ZkNet.Hosting.Ensemble;

/// <summary>
/// An ensemble member's life (ZooKeeper's QuorumPeer.run): recover the database, elect a leader, lead or follow until
/// that ends, and start again. Each role gets a fresh server. Its state is the previous role's, kept in memory and
/// brought up to the end of the log, as ZooKeeper keeps its database across elections; only when that state may hold
/// what the disk does not (a sync that ended before its snapshot was written, a failed role) is it recovered from
/// disk instead. The election keeps answering other members throughout. While electing or synchronising, clients
/// are refused.
/// </summary>
internal sealed partial class QuorumPeer : IAsyncDisposable
{
    private readonly ZkNetServer _server;
    private readonly ServerConfig _config;
    private readonly QuorumVerifier _quorum;
    private readonly long _myId;
    private readonly ZabOptions _zab;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly QuorumCnxManager _transport;
    private readonly ElectionDriver _election;
    private readonly CancellationTokenSource _stop = new();
    private Task _electionLoop = Task.CompletedTask;
    private Task _roleLoop = Task.CompletedTask;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, string> _sidKeys = new();
    private (Server.DataTree.DataTree Tree, Dictionary<long, int> Sessions)? _kept;

    public QuorumPeer(ZkNetServer server, ServerConfig config, EnsembleConfig ensemble, long myId, ILoggerFactory loggers, TimeProvider time)
    {
        _server = server;
        _config = config;
        _myId = myId;
        _loggers = loggers;
        _logger = loggers.CreateLogger<QuorumPeer>();
        _time = time;
        _quorum = ensemble.Quorum;
        _zab = new ZabOptions
        {
            TickTime = config.TickTime,
            InitLimit = IntSetting(config, "initLimit", 10),
            SyncLimit = IntSetting(config, "syncLimit", 5),
        };
        var peers = ensemble.Servers.Where(s => s.Id != myId).ToDictionary(s => s.Id, s => s.ElectionAddress);
        _transport = new QuorumCnxManager(myId, Me.ElectionAddress, peers, TimeSpan.FromMilliseconds(IntSetting(config, "cnxTimeout", 5000)),
            loggers.CreateLogger<QuorumCnxManager>(), server.QuorumTls, server.QuorumSasl);
        _election = new ElectionDriver(new FastLeaderElection(myId, _quorum), _transport, time);
        Status = new MemberStatus(myId, _quorum, server.ClientEndPoint.ToString(), time);
    }

    /// <summary>The member's quorum as its figures and the quorum commands report it.</summary>
    public MemberStatus Status { get; }

    /// <summary>This member's server line.</summary>
    public QuorumServer Me => _quorum.Members[_myId];

    /// <summary>The server id of the leader this member last followed or led (0 before the first election ends).</summary>
    public long LeaderId { get; private set; }

    /// <summary>Binds the election port and starts the member's loop.</summary>
    public void Start()
    {
        _transport.Start();
        _electionLoop = Task.Run(() => _election.RunAsync(_stop.Token));
        _roleLoop = Task.Run(RunAsync);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _roleLoop.ConfigureAwait(false);
        await _electionLoop.ConfigureAwait(false);
        await _transport.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await RunRoleAsync().ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                _kept = null;
                _election.EndRole();
                // A role that fails (a disk error while syncing, a protocol bug) ends like any other: back to
                // election after a pause, so a persistent fault does not spin.
                LogRoleFailed(ex);
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(_zab.TickTime), _time, _stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>One round: recover, elect, serve in the elected role until it ends, then refuse clients again.</summary>
    private async Task RunRoleAsync()
    {
        var kept = _kept;
        _kept = null;
        var durable = DurableState.Open(_config, _loggers.CreateLogger("ZkNet.Persistence"), kept, _server.MemberDirs);
        ZooKeeperServer? core = null;
        ServerZabDatabase? db = null;
        var faulted = false;
        try
        {
            core = new ZooKeeperServer(ZkNetServer.ToOptions(_config) with { ServerId = _myId }, durable.TxnLog, _time,
                _loggers.CreateLogger<ZooKeeperServer>(), durable.Recovered.Tree);
            core.UseMetrics(_server.MemberMetrics);
            // fsynctime and sync_processor_batch_size, as a standalone server records them.
            durable.TxnLog.Metrics = _server.MemberMetrics;
            core.Quorum = Status;
            core.EnsembleConfig = (System.Text.Encoding.UTF8.GetBytes(_quorum.ToConfigText()), _quorum.Version);
            core.Faulted += _ => faulted = true;
            var replication = new ZabReplication(core);
            core.PrepareForEnsemble(replication, durable.Recovered.Tree.LastProcessedZxid);
            core.RestoreSessions(durable.Recovered.Sessions);
            core.SnapshotStore = durable.Snapshots;
            if (kept is null && durable.Recovered.SnapshotZxid < 0 && durable.Recovered.TxnsReplayed == 0)
            {
                // An empty member writes its empty snapshot first, as ZooKeeper does: logs without any snapshot
                // would later look like lost data.
                core.TakeSnapshotNow();
            }
            db = new ServerZabDatabase(core, durable, _config, _loggers.CreateLogger<ServerZabDatabase>());
            LogLooking(db.LastLoggedZxid, db.CurrentEpoch);
            var election = _election.LookForLeaderAsync(db.LastLoggedZxid, db.CurrentEpoch).WaitAsync(_stop.Token);
            await ServeReadOnlyWhileElectingAsync(election, core).ConfigureAwait(false);
            var (vote, state) = await election.ConfigureAwait(false);
            LeaderId = vote.Leader;
            Status.LeaderId = vote.Leader;
            LogElected(state.ToString(), vote.Leader, vote.Zxid, vote.PeerEpoch);
            await _server.SwitchCoreAsync(core, durable).ConfigureAwait(false);
            // The server owns both now; they are disposed when the next switch replaces them.
            var serving = core;
            (core, durable) = (null, null);
            string reason = state == ServerState.Leading
                ? await LeadAsync(serving, db, replication).ConfigureAwait(false)
                : await FollowAsync(serving, db, replication, vote.Leader, state == ServerState.Observing).ConfigureAwait(false);
            _election.EndRole();
            Status.Electing();
            LogRoleEnded(state.ToString(), reason);
            if (!_stop.IsCancellationRequested)
            {
                // Disposes the role's server (its last txns reach the log) before its state is taken for the next.
                await _server.SwitchCoreAsync(_server.CreateLookingCore(), null).ConfigureAwait(false);
                _kept = faulted || db.AheadOfDisk ? null : serving.DetachState();
            }
        }
        finally
        {
            Status.Electing();
            if (core is not null)
            {
                await core.DisposeAsync().ConfigureAwait(false);
            }
            if (durable is not null)
            {
                await durable.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task<string> LeadAsync(ZooKeeperServer core, ServerZabDatabase db, ZabReplication replication)
    {
        LogLeading(db.AcceptedEpoch);
        var leader = new ZabLeader(_myId, _quorum, db, _zab);
        var driver = new LeaderDriver(leader, Me.QuorumAddress, _zab, _time, core.Post, _server.QuorumTls, _server.QuorumSasl);
        await using (driver.ConfigureAwait(false))
        {
            replication.Attach(driver);
            Status.Leading(leader, driver);
            var queueSizes = _server.MemberMetrics.SummarySet("learner_handler_qp_size");
            var queueTimes = _server.MemberMetrics.SummarySet("learner_handler_qp_time_ms");
            driver.QueueSizeObserved = (sid, size) => queueSizes.Record(SidKey(sid), size);
            driver.QueueTimeObserved = (sid, ms) => queueTimes.Record(SidKey(sid), ms);
            var snaps = _server.MemberMetrics.Counter("snap_count");
            var diffs = _server.MemberMetrics.Counter("diff_count");
            driver.SyncStarted = type => (type == QuorumPacketType.Snap ? snaps : diffs).Add();
            driver.EpochEstablished += _election.UpdatePeerEpoch;
            driver.EpochEstablished += epoch => LogServing("Leader", epoch);
            driver.Start();
            return await driver.SteppedDown.WaitAsync(_stop.Token).ConfigureAwait(false);
        }
    }

    private async Task<string> FollowAsync(ZooKeeperServer core, ServerZabDatabase db, ZabReplication replication, long leaderId, bool observer)
    {
        var leaderAddress = _quorum.Members[leaderId].QuorumAddress;
        LogFollowing(observer ? "Observing" : "Following", leaderId, leaderAddress.ToString());
        var learner = new ZabLearner(_myId, observer, db, _zab);
        var driver = new LearnerDriver(learner, db, _zab, _time, core.Post, _server.QuorumTls, _server.QuorumSasl);
        await using (driver.ConfigureAwait(false))
        {
            replication.Attach(driver, observer);
            Status.Learning(learner);
            driver.ServingStarted += _election.UpdatePeerEpoch;
            driver.ServingStarted += epoch => LogServing(observer ? "Observer" : "Follower", epoch);
            await driver.RunAsync(leaderAddress, _stop.Token).ConfigureAwait(false);
            return driver.Quit.IsCompleted ? await driver.Quit.ConfigureAwait(false) : "stopped";
        }
    }

    /// <summary>A learner's sid as a figure's key, made once per sid rather than once per packet.</summary>
    private string SidKey(long sid) => _sidKeys.GetOrAdd(sid, static s => s.ToString(CultureInfo.InvariantCulture));

    internal static int IntSetting(ServerConfig config, string key, int fallback) =>
        config.Raw.TryGetValue(key, out var text) && int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : fallback;

    [LoggerMessage(Level = LogLevel.Information, Message = "LOOKING: last logged zxid 0x{Zxid:x}, current epoch {Epoch}")]
    private partial void LogLooking(long zxid, long epoch);

    [LoggerMessage(Level = LogLevel.Information, Message = "Election over: {State}, leader is server {Leader} (zxid 0x{Zxid:x}, epoch {Epoch})")]
    private partial void LogElected(string state, long leader, long zxid, long epoch);

    [LoggerMessage(Level = LogLevel.Information, Message = "LEADING: accepted epoch {Epoch}")]
    private partial void LogLeading(long epoch);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Role}: leader is server {LeaderId} at {Address}")]
    private partial void LogFollowing(string role, long leaderId, string address);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Role} of epoch {Epoch}: synchronised, serving clients")]
    private partial void LogServing(string role, long epoch);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Role} ended: {Reason}")]
    private partial void LogRoleEnded(string role, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The member's role failed; electing again")]
    private partial void LogRoleFailed(Exception ex);
}
