using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using ZkNet.Hosting.Configuration;
using ZkNet.Hosting.Ensemble;
using ZkNet.Hosting.Network;
using ZkNet.Hosting.Persistence;
using ZkNet.Hosting.Security;
using ZkNet.Hosting.Startup;
using ZkNet.Persistence.DataDir;
using ZkNet.Quorum.Auth;
using ZkNet.Quorum.Transport;
using ZkNet.Server;
using ZkNet.Server.Metrics;
using ZkNet.Server.Pipeline;

namespace ZkNet.Hosting;

/// <summary>
/// The client port of an ensemble member: one listener for the process, and one request pipeline per role that the
/// member's <see cref="QuorumPeer"/> swaps in (a fresh recovery each time); between roles a pipeline that refuses
/// clients, as a ZooKeeper member does while it elects.
/// </summary>
public sealed partial class ZkNetServer
{
    private readonly SemaphoreSlim _switching = new(1, 1);
    private QuorumPeer? _peer;
    private ServerMetrics? _memberMetrics;

    /// <summary>An ensemble member's data directories, locked for the member's life (every role's state opens them).</summary>
    internal DataDirs? MemberDirs { get; private set; }

    /// <summary>TLS between this member and its peers (sslQuorum, portUnification), or null when they speak plain TCP.</summary>
    internal QuorumTls? QuorumTls { get; private set; }

    /// <summary>Watches the quorum stores under sslQuorumReloadCertFiles; disposed when the member stops.</summary>
    private IDisposable? _quorumTlsReloader;

    /// <summary>Authentication between this member and its peers (quorum.auth.*), or null without quorum.auth.enableSasl.</summary>
    internal QuorumSasl? QuorumSasl { get; private set; }

    /// <summary>This member's server id in its ensemble, or 0 when standalone.</summary>
    public long MyId { get; private set; }

    /// <summary>The leader this member last led or followed (0 standalone or before the first election ends).</summary>
    public long LeaderId => _peer?.LeaderId ?? 0;

    private static ZkNetServer StartEnsembleMember(ServerConfig config, EnsembleConfig ensemble, ILoggerFactory loggerFactory, TimeProvider time)
    {
        if (config.InMemory)
        {
            throw new ConfigException("dataDir", null, "an ensemble member needs a dataDir (with its myid file)");
        }
        var dataDir = Path.GetFullPath(config.DataDir);
        var myId = EpochFiles.ReadMyId(dataDir)
            ?? throw new ConfigException("dataDir", null, $"{Path.Combine(dataDir, EpochFiles.MyIdFile)} is missing: write this member's server id (N of its server.N line) there");
        if (ensemble.Servers.All(s => s.Id != myId))
        {
            throw new ConfigException("dataDir", null, $"myid {myId} in {dataDir} has no server.{myId} line in the config");
        }
        var listener = ClientListener.Bind("clientPort", config.ClientPortAddress, config.ClientPort, config.ClientPortListenBacklog);
        (Socket? Listener, TlsServerContext? Context) secure = default;
        DataDirs dirs;
        QuorumTls? quorumTls;
        IDisposable? quorumTlsReloader = null;
        try
        {
            // The quorum stores load first too: a bad one stops the member before it joins (docs/ensemble.md, "Quorum TLS").
            quorumTls = QuorumTlsContext.Load(config, loggerFactory.CreateLogger("ZkNet.Quorum.Tls"), time, out quorumTlsReloader);
            // TLS clients (secureClientPort, client.portUnification) are served by every member, as by a standalone
            // server: the stores load and the port binds before the member joins its ensemble.
            secure = BindSecure(config);
            // Locked for the member's life, not per role: a second server on them refuses even between elections.
            dirs = DataDirs.Prepare(config);
        }
        catch
        {
            listener.Dispose();
            secure.Listener?.Dispose();
            quorumTlsReloader?.Dispose();
            throw;
        }
        // One set of figures for the member's life: each role's pipeline binds its gauges to it.
        var metrics = new ServerMetrics();
        var server = new ZkNetServer(config, NewLookingCore(config, myId, time, loggerFactory, metrics, null), listener, loggerFactory, time)
        {
            MyId = myId, _memberMetrics = metrics, MemberDirs = dirs, _secureListener = secure.Listener, _tlsContext = secure.Context,
            QuorumTls = quorumTls, _quorumTlsReloader = quorumTlsReloader,
            QuorumSasl = QuorumSaslContext.Load(config, ensemble, QuorumPeer.IntSetting(config, "initLimit", 10), loggerFactory.CreateLogger("ZkNet.Quorum.Sasl")),
        };
        server._peer = new QuorumPeer(server, config, ensemble, myId, loggerFactory, time);
        server.Core.Quorum = server._peer.Status;
        server.Core.Start();
        try
        {
            server._peer.Start();
        }
        catch (SocketException)
        {
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
        server._acceptLoop = Task.Run(server.AcceptLoopAsync, CancellationToken.None);
        server.StartSecure();
        server.LogStarted(BuildInfo.ServerVersion, server.ConnectString, config.TickTime);
        return server;
    }

    /// <summary>A pipeline that refuses clients, for a member between roles.</summary>
    internal ZooKeeperServer CreateLookingCore() => NewLookingCore(_config, MyId, _time, _loggerFactory, MemberMetrics, _peer?.Status);

    /// <summary>The member's figures, which every role's pipeline publishes through (see <see cref="ZooKeeperServer.UseMetrics"/>).</summary>
    internal ServerMetrics MemberMetrics => _memberMetrics ?? throw new InvalidOperationException("not an ensemble member");

    private static ZooKeeperServer NewLookingCore(ServerConfig config, long myId, TimeProvider time, ILoggerFactory loggers, ServerMetrics metrics, IQuorumStatus? quorum)
    {
        var core = new ZooKeeperServer(ToOptions(config) with { ServerId = myId }, null, time, loggers.CreateLogger<ZooKeeperServer>());
        core.UseMetrics(metrics);
        core.Quorum = quorum;
        core.PrepareForEnsemble(null, 0);
        return core;
    }

    /// <summary>
    /// Puts <paramref name="next"/> (and the durable state it runs on) in place of the current pipeline: new
    /// connections go to it, the old one's connections close (their clients reconnect, here or elsewhere), and the
    /// old pipeline and its log are disposed. A member between roles passes a refusing pipeline and no state.
    /// </summary>
    internal async Task SwitchCoreAsync(ZooKeeperServer next, DurableState? durable)
    {
        await _switching.WaitAsync().ConfigureAwait(false);
        try
        {
            var old = Core;
            var oldDurable = _durable;
            next.Connections = _connections;
            next.Faulted += OnCoreFaulted;
            next.Start();
            lock (_connections)
            {
                Core = next;
                _durable = durable;
            }
            NoteCoreInstalled(old, next);
            // A connection holding its handshake for a serving pipeline is not the old pipeline's (the flag is read
            // first: a connection clears it only after taking the new pipeline).
            foreach (var cnxn in _connections.All.Where(c => !c.HoldsHandshake && c.Server == old))
            {
                cnxn.Close();
            }
            await old.DisposeAsync().ConfigureAwait(false);
            if (oldDurable is not null)
            {
                await oldDurable.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _switching.Release();
        }
    }
}
