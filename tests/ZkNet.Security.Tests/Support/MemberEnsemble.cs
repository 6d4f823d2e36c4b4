using System.Globalization;
using System.Text;
using ZkNet.Client;
using ZkNet.Hosting;
using ZkNet.Hosting.Configuration;
using ZkNet.Server.Pipeline;
using ZkNet.TestSupport;

namespace ZkNet.Security.Tests.Support;

/// <summary>
/// ZkNet ensemble members in this process on loopback, each with its own zoo.cfg additions (TLS settings differ per
/// member while an ensemble is rolled) and its own captured log; a member can be stopped and started again on its
/// data with other settings. Every member still running is stopped on dispose and the folders removed.
/// </summary>
public sealed class MemberEnsemble : IAsyncDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "zknet-members-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly Dictionary<int, (int Client, int Quorum, int Election)> _ports = [];
    private readonly Dictionary<int, ZkNetServer> _running = [];
    private readonly Dictionary<int, LineLog> _logs = [];

    public MemberEnsemble(int size)
    {
        for (var id = 1; id <= size; id++)
        {
            _ports[id] = (FreePort.Next(), FreePort.Next(), FreePort.Next());
            var dir = DataDir(id);
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "myid"), id.ToString(CultureInfo.InvariantCulture) + "\n");
        }
    }

    public IEnumerable<int> Ids => _ports.Keys;

    public ZkNetServer this[int id] => _running[id];

    public int ClientPort(int id) => _ports[id].Client;

    public int QuorumPort(int id) => _ports[id].Quorum;

    public int ElectionPort(int id) => _ports[id].Election;

    /// <summary>The member's log since its last start.</summary>
    public LineLog LogOf(int id) => _logs[id];

    /// <summary>Starts member <paramref name="id"/> with <paramref name="settings"/> (zoo.cfg lines) added to the shared ones.</summary>
    public async Task StartAsync(int id, string settings = "")
    {
        var servers = new StringBuilder();
        foreach (var (other, ports) in _ports)
        {
            servers.Append(CultureInfo.InvariantCulture, $"server.{other}=127.0.0.1:{ports.Quorum}:{ports.Election}\n");
        }
        var log = _logs[id] = new LineLog();
        _running[id] = await ZkNetServer.StartAsync(ZooCfgParser.Parse(
            $"tickTime=200\ninitLimit=10\nsyncLimit=5\ndataDir={DataDir(id)}\nclientPort={_ports[id].Client}\nclientPortAddress=127.0.0.1\n" +
            $"admin.enableServer=false\n{servers}{settings}", _root), log);
    }

    public async Task StopAsync(int id)
    {
        if (_running.Remove(id, out var member))
        {
            await member.DisposeAsync();
        }
    }

    public async Task RestartAsync(int id, string settings)
    {
        await StopAsync(id);
        await StartAsync(id, settings);
    }

    /// <summary>Waits (bounded) until <paramref name="members"/> all serve, exactly one of them leading; returns the leader.</summary>
    public async Task<int> WaitForServingAsync(IReadOnlyCollection<int> members, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (!members.All(m => _running[m].Core.IsServing) || members.Count(m => _running[m].Core.Role == ServerRole.Leading) != 1)
        {
            Assert.True(DateTime.UtcNow < deadline, "the members did not settle: " +
                string.Join(", ", members.Select(m => $"{m}={_running[m].Core.ModeName}")) + "\n" +
                string.Join("\n", members.Select(m => $"--- member {m}\n" + string.Join("\n", _logs[m].Lines.TakeLast(15)))));
            // A condition over several members' state, polled: no single event says "the ensemble agrees".
            await Task.Delay(20);
        }
        return members.Single(m => _running[m].Core.Role == ServerRole.Leading);
    }

    public Task<ZooKeeperClient> ConnectAsync(int id) => Clients.ConnectAsync(_ports[id].Client, null);

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

    private string DataDir(int id) => Path.Combine(_root, "member" + id.ToString(CultureInfo.InvariantCulture));
}
