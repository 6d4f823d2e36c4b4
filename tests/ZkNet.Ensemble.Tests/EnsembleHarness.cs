using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using ZkNet.Client;
using ZkNet.Hosting;
using ZkNet.Hosting.Configuration;
using ZkNet.Server.Pipeline;
using ZkNet.TestSupport;

namespace ZkNet.Ensemble.Tests;

/// <summary>
/// A ZkNet ensemble in this process: each member a real <see cref="ZkNetServer"/> started from its own zoo.cfg text
/// (server.N lines, a dataDir with its myid), on loopback ports, exactly as `zknet server` starts one. Members can
/// be stopped and started again on the same data directory.
/// </summary>
internal sealed class EnsembleHarness : IAsyncDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "zknet-ensemble-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly Dictionary<long, int> _clientPorts = [];
    private readonly Dictionary<long, (int Quorum, int Election)> _peerPorts = [];
    private readonly Dictionary<long, ZkNetServer> _running = [];
    private readonly string _serverLines;
    private readonly HashSet<long> _observers = [];
    private readonly Func<long, string> _extraConfig;
    private readonly Dictionary<(long From, long To), int> _quorumRoutes = [];

    /// <summary>
    /// Lays out <paramref name="members"/> voting members (ids 1..n), then <paramref name="observers"/> observers,
    /// with tickTime <paramref name="tickTime"/>.
    /// </summary>
    public EnsembleHarness(int members, int tickTime = 200, int observers = 0, Func<long, string>? extraConfig = null)
    {
        _extraConfig = extraConfig ?? (_ => "");
        TickTime = tickTime;
        var lines = new StringBuilder();
        for (var id = 1L; id <= members + observers; id++)
        {
            _clientPorts[id] = FreePort.Next();
            var observer = id > members ? ":observer" : "";
            if (id > members)
            {
                _observers.Add(id);
            }
            _peerPorts[id] = (FreePort.Next(), FreePort.Next());
            lines.Append(CultureInfo.InvariantCulture, $"server.{id}=127.0.0.1:{_peerPorts[id].Quorum}:{_peerPorts[id].Election}{observer}\n");
            Directory.CreateDirectory(DataDir(id));
            File.WriteAllText(Path.Combine(DataDir(id), "myid"), id.ToString(CultureInfo.InvariantCulture) + "\n");
        }
        _serverLines = lines.ToString();
    }

    public int TickTime { get; }

    public IEnumerable<long> Ids => _clientPorts.Keys;

    public string DataDir(long id) => Path.Combine(_root, "member" + id.ToString(CultureInfo.InvariantCulture));

    /// <summary>host:port of every member, for a client that may move between them.</summary>
    public string ConnectString => string.Join(",", _clientPorts.Values.Select(p => "127.0.0.1:" + p.ToString(CultureInfo.InvariantCulture)));

    public string ConnectStringOf(long id) => "127.0.0.1:" + _clientPorts[id].ToString(CultureInfo.InvariantCulture);

    public ZkNetServer Member(long id) => _running[id];

    public int QuorumPort(long id) => _peerPorts[id].Quorum;

    public int ElectionPort(long id) => _peerPorts[id].Election;

    /// <summary>
    /// From its next start, member <paramref name="from"/> reaches member <paramref name="to"/>'s quorum port at
    /// <paramref name="port"/> on loopback (a proxy in front of the real one); the election port stays direct.
    /// </summary>
    public void RouteQuorum(long from, long to, int port) => _quorumRoutes[(from, to)] = port;

    /// <summary>
    /// Starts member <paramref name="id"/>; <paramref name="settings"/> (zoo.cfg lines) are added for this start only
    /// (settings that change between restarts, as while an ensemble is rolled to quorum TLS), and
    /// <paramref name="logs"/> takes its log.
    /// </summary>
    public async Task StartAsync(long id, string settings = "", ILoggerFactory? logs = null)
    {
        var config = ZooCfgParser.Parse(
            $"tickTime={TickTime}\ninitLimit=10\nsyncLimit=5\ndataDir={DataDir(id)}\nclientPort={_clientPorts[id]}\nclientPortAddress=127.0.0.1\nadmin.enableServer=false\n" +
            (_observers.Contains(id) ? "peerType=observer\n" : "") + _extraConfig(id) + settings + ServerLinesOf(id),
            _root);
        _running[id] = await ZkNetServer.StartAsync(config, logs);
    }

    private string ServerLinesOf(long id)
    {
        var lines = _serverLines;
        foreach (var ((from, to), port) in _quorumRoutes.Where(r => r.Key.From == id))
        {
            lines = lines.Replace($"server.{to}=127.0.0.1:{_peerPorts[to].Quorum}:", $"server.{to}=127.0.0.1:{port}:", StringComparison.Ordinal);
        }
        return lines;
    }

    public async Task StartAllAsync()
    {
        foreach (var id in Ids)
        {
            await StartAsync(id);
        }
    }

    public async Task StopAsync(long id)
    {
        if (_running.Remove(id, out var server))
        {
            await server.DisposeAsync();
        }
    }

    /// <summary>
    /// Waits (bounded) until the running members agree: exactly one leads, every other running member serves as
    /// its follower or observer. Returns the leader's id. With <paramref name="members"/>, only those are waited for
    /// (the others may be left out of the quorum).
    /// </summary>
    public async Task<long> WaitForQuorumAsync(TimeSpan? timeout = null, IReadOnlyCollection<long>? members = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var watched = _running.Where(m => members is null || members.Contains(m.Key)).ToList();
            var leaders = watched.Where(m => m.Value.Core is { Role: ServerRole.Leading, IsServing: true }).Select(m => m.Key).ToList();
            var followers = watched.Count(m => m.Value.Core is { Role: ServerRole.Following or ServerRole.Observing, IsServing: true }
                && leaders.Count == 1 && m.Value.LeaderId == leaders[0]);
            if (leaders.Count == 1 && followers == watched.Count - 1)
            {
                return leaders[0];
            }
            if (DateTime.UtcNow > deadline)
            {
                var states = string.Join(", ", _running.Select(m => $"{m.Key}: {m.Value.Core.ModeName} serving={m.Value.Core.IsServing} leader={m.Value.LeaderId}"));
                throw new TimeoutException("the ensemble did not settle on one leader: " + states);
            }
            // A condition over several members' state, polled: no single event says "the ensemble agrees".
            await Task.Delay(20);
        }
    }

    public static async Task<ZooKeeperClient> ConnectAsync(string connectString, TimeSpan? sessionTimeout = null) =>
        await ZooKeeperClient.ConnectAsync(new ZooKeeperClientOptions
        {
            ConnectString = connectString,
            SessionTimeout = sessionTimeout ?? TimeSpan.FromSeconds(10),
            ConnectTimeout = TimeSpan.FromSeconds(30),
        });

    public async ValueTask DisposeAsync()
    {
        foreach (var id in _running.Keys.ToList())
        {
            await StopAsync(id);
        }
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Figures a test reads from a member.</summary>
internal static class MemberFigures
{
    /// <summary>How many learners the member, as leader, synchronised by SNAP (mntr's snap_count).</summary>
    public static long MemberSnapCount(this ZkNetServer member) => member.Core.Metrics.Counter("snap_count").Value;
}
