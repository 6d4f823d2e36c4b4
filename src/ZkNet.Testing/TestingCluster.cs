using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using ZkNet.Client;
using ZkNet.Hosting;
using ZkNet.Hosting.Configuration;
using ZkNet.Server.Pipeline;

namespace ZkNet.Testing;

/// <summary>
/// A real ZkNet ensemble running inside the test process, like Curator's TestingCluster:
/// <c>await using var cluster = await TestingCluster.StartAsync();</c> starts three members on free loopback ports and
/// returns once they have elected a leader; clients connect to <see cref="ConnectString"/>. Each member is started
/// through ZkNet.Hosting from its own zoo.cfg text (server.N lines, a data folder with its myid), exactly as
/// <c>zknet server</c> starts one, so a test can stop, kill and restart members and watch its clients fail over.
/// </summary>
public sealed class TestingCluster : IAsyncDisposable
{
    private readonly TestingClusterOptions _options;
    private readonly ILoggerFactory? _loggerFactory;
    private readonly string _root;
    private readonly bool _ownsDirectory;
    private readonly SortedDictionary<long, int> _clientPorts = [];
    private readonly Dictionary<long, ZkNetServer> _running = [];
    private readonly string _serverLines;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _disposed;

    private TestingCluster(TestingClusterOptions options, ILoggerFactory? loggerFactory)
    {
        if (options.Members < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Members, "a cluster has at least one member");
        }
        _options = options;
        _loggerFactory = loggerFactory;
        _ownsDirectory = options.DataDirectory is null;
        _root = options.DataDirectory ?? TemporaryFolder.NewPath("zknet-cluster-");
        // Three ports a member: clients, quorum (followers to the leader), leader election.
        var ports = LoopbackPorts.Reserve(3 * options.Members);
        var lines = new StringBuilder();
        for (var id = 1L; id <= options.Members; id++)
        {
            var at = 3 * (int)(id - 1);
            _clientPorts[id] = ports[at];
            lines.Append(CultureInfo.InvariantCulture, $"server.{id}=127.0.0.1:{ports[at + 1]}:{ports[at + 2]}\n");
            Directory.CreateDirectory(DataDirectoryOf(id));
            File.WriteAllText(Path.Combine(DataDirectoryOf(id), "myid"), id.ToString(CultureInfo.InvariantCulture) + "\n");
        }
        _serverLines = lines.ToString();
    }

    /// <summary>host:port of every member, for a client that moves between them as members stop and start.</summary>
    public string ConnectString => string.Join(",", _clientPorts.Values.Select(p => "127.0.0.1:" + p.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The member ids, 1..N.</summary>
    public IReadOnlyList<long> Ids => [.. _clientPorts.Keys];

    /// <summary>Every member as it is now.</summary>
    public IReadOnlyList<TestingClusterMember> Members => [.. _clientPorts.Keys.Select(Member)];

    /// <summary>The id of the member leading now (and serving), or null while there is none.</summary>
    public long? LeaderId => Members.FirstOrDefault(m => m is { Role: MemberRole.Leading, Serving: true })?.Id;

    /// <summary>Starts a cluster and returns once its members have elected a leader and all serve clients.</summary>
    /// <param name="options">Settings, or null for the defaults (three members, tickTime 200, temporary folders).</param>
    /// <param name="loggerFactory">Where the members log, or null for nowhere.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="TimeoutException">No leader within <see cref="TestingClusterOptions.QuorumTimeout"/>.</exception>
    public static async Task<TestingCluster> StartAsync(TestingClusterOptions? options = null, ILoggerFactory? loggerFactory = null,
        CancellationToken cancellationToken = default)
    {
        var cluster = new TestingCluster(options ?? new TestingClusterOptions(), loggerFactory);
        try
        {
            foreach (var id in cluster.Ids)
            {
                await cluster.RestartAsync(id, cancellationToken).ConfigureAwait(false);
            }
            await cluster.WaitForQuorumAsync(null, cancellationToken).ConfigureAwait(false);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>One member as it is now.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No member has that id.</exception>
    public TestingClusterMember Member(long id)
    {
        if (!_clientPorts.TryGetValue(id, out var port))
        {
            throw new ArgumentOutOfRangeException(nameof(id), id, "no member has this id");
        }
        ZkNetServer? server;
        lock (_running)
        {
            server = _running.GetValueOrDefault(id);
        }
        var core = server?.Core;
        var role = core is null ? MemberRole.Stopped : core.Role switch
        {
            ServerRole.Leading => MemberRole.Leading,
            ServerRole.Following => MemberRole.Following,
            ServerRole.Observing => MemberRole.Observing,
            _ => MemberRole.Looking,
        };
        return new TestingClusterMember(id, port, DataDirectoryOf(id), role, core?.IsServing ?? false);
    }

    /// <summary>Where member <paramref name="id"/> keeps its data.</summary>
    public string DataDirectoryOf(long id) => Path.Combine(_root, "member" + id.ToString(CultureInfo.InvariantCulture));

    /// <summary>Connects a new client to the whole cluster (10 s session unless <paramref name="configure"/> changes it); the caller disposes it.</summary>
    /// <param name="configure">Adjusts the options (session timeout, a single member's connect string...) before connecting.</param>
    /// <param name="cancellationToken">Cancels the wait for the session.</param>
    public Task<ZooKeeperClient> ConnectAsync(Func<ZooKeeperClientOptions, ZooKeeperClientOptions>? configure = null,
        CancellationToken cancellationToken = default)
    {
        var options = new ZooKeeperClientOptions { ConnectString = ConnectString, SessionTimeout = TimeSpan.FromSeconds(10) };
        return ZooKeeperClient.ConnectAsync(configure?.Invoke(options) ?? options, _loggerFactory, cancellationToken);
    }

    /// <summary>
    /// Waits until the running members agree: exactly one leads and serves, every other running member follows it and
    /// serves. Returns the leader's id. With a majority stopped this cannot happen, and the wait times out.
    /// </summary>
    /// <param name="timeout">How long to wait; null for <see cref="TestingClusterOptions.QuorumTimeout"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="TimeoutException">The members did not agree in time (the message tells each one's state).</exception>
    public async Task<long> WaitForQuorumAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + (timeout ?? _options.QuorumTimeout);
        while (true)
        {
            List<(long Id, ZkNetServer Server)> running;
            lock (_running)
            {
                running = [.. _running.Select(m => (m.Key, m.Value))];
            }
            var leaders = running.Where(m => m.Server.Core is { Role: ServerRole.Leading, IsServing: true }).Select(m => m.Id).ToList();
            if (leaders.Count == 1 && running.All(m => m.Id == leaders[0]
                || (m.Server.Core is { Role: ServerRole.Following or ServerRole.Observing, IsServing: true } && m.Server.LeaderId == leaders[0])))
            {
                return leaders[0];
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the cluster did not settle on one leader: " + string.Join(", ",
                    Members.Select(m => $"{m.Id}: {m.Role}{(m.Serving ? " serving" : "")}")));
            }
            // A condition over several members' state, polled: no single event says "the ensemble agrees".
            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Stops member <paramref name="id"/>, keeping its data: its client connections drop (their clients move to
    /// another member and keep their sessions) and its peers see it go; a leader's stop starts an election among the
    /// rest. Stopping a stopped member does nothing.
    /// </summary>
    public async Task StopAsync(long id)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await StopCoreAsync(id).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Curator's killServer: takes member <paramref name="id"/> away as a crash would. In one process there is no
    /// process to kill, and <see cref="StopAsync"/> already looks like a crash from outside (sockets close with no
    /// goodbye to clients or peers; sessions are not closed), so this is <see cref="StopAsync"/> under Curator's name.
    /// For a real kill -9 run members as processes.
    /// </summary>
    public Task KillAsync(long id) => StopAsync(id);

    /// <summary>
    /// Starts member <paramref name="id"/> again on its ports and data (stopping it first if it runs). It returns once
    /// the member runs; it rejoins the ensemble (as a follower when a leader is in place) on its own:
    /// <see cref="WaitForQuorumAsync"/> waits for that.
    /// </summary>
    public async Task RestartAsync(long id, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            await StopCoreAsync(id).ConfigureAwait(false);
            var server = await ZkNetServer.StartAsync(ConfigOf(id), _loggerFactory, cancellationToken).ConfigureAwait(false);
            lock (_running)
            {
                _running[id] = server;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops every member and deletes the temporary data folder (a folder given in the options is kept).</summary>
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            foreach (var id in Ids)
            {
                await StopCoreAsync(id).ConfigureAwait(false);
            }
            if (_ownsDirectory)
            {
                TemporaryFolder.TryDelete(_root);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task StopCoreAsync(long id)
    {
        _ = Member(id);
        ZkNetServer? server;
        lock (_running)
        {
            _running.Remove(id, out server);
        }
        if (server is not null)
        {
            await server.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The member's zoo.cfg, as an operator would write it for `zknet server`.</summary>
    private ServerConfig ConfigOf(long id) => ZooCfgParser.Parse(
        string.Create(CultureInfo.InvariantCulture,
            $"tickTime={_options.TickTime}\ninitLimit=10\nsyncLimit=5\nmaxSessionTimeout={_options.MaxSessionTimeout}\n" +
            $"dataDir={DataDirectoryOf(id)}\nclientPort={_clientPorts[id]}\nclientPortAddress=127.0.0.1\nmaxClientCnxns=0\n" +
            $"forceSync={(_options.ForceSync ? "yes" : "no")}\nextendedTypesEnabled={(_options.ExtendedTypesEnabled ? "true" : "false")}\n" +
            $"znode.container.checkIntervalMs={_options.ContainerCheckIntervalMs}\nadmin.enableServer=false\n4lw.commands.whitelist=*\n") +
        // One member is an ensemble of one (it elects itself), not a standalone server, as ZooKeeper runs it.
        (_options.Members == 1 ? "standaloneEnabled=false\n" : "") +
        _serverLines,
        _root);
}
