using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using ZkNet.Client;
using ZkNet.Ensemble.Tests.Faults;
using ZkNet.Protocol.Records;
using ZkNet.TestSupport;

namespace ZkNet.Ensemble.Tests;

/// <summary>
/// An ensemble of real server processes on loopback, each member a ZkNet (`zknet server`) or an Apache ZooKeeper 3.8
/// (QuorumPeerMain) process with its own zoo.cfg and myid: members can be killed (SIGKILL), paused (SIGSTOP),
/// resumed and started again on their data. Everything started is stopped by process id on dispose.
/// </summary>
internal sealed class ProcessEnsemble : IAsyncDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "zknet-processes-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly ServerKind[] _kinds;
    private readonly Dictionary<long, int> _clientPorts = [];
    private readonly Dictionary<long, ServerProcess> _running = [];
    private readonly Dictionary<string, string> _shared;
    private readonly Dictionary<long, string> _gone = [];
    private readonly Dictionary<long, (int Quorum, int Election)> _peerPorts = [];
    private readonly Dictionary<long, Dictionary<string, string>> _memberSettings = [];
    private readonly Dictionary<long, Dictionary<string, string>> _memberSystemProperties = [];

    /// <summary>Member i+1 runs <paramref name="kinds"/>[i].</summary>
    public ProcessEnsemble(params ServerKind[] kinds)
    {
        _kinds = [.. kinds];
        _shared = new Dictionary<string, string>
        {
            // A tick of one second: a loaded CI machine must not make a healthy leader miss syncLimit.
            ["tickTime"] = "1000",
            ["initLimit"] = "10",
            ["syncLimit"] = "5",
        };
        for (var id = 1L; id <= kinds.Length; id++)
        {
            _clientPorts[id] = FreePort.Next();
            _peerPorts[id] = (FreePort.Next(), FreePort.Next());
            _shared[$"server.{id}"] = $"127.0.0.1:{_peerPorts[id].Quorum}:{_peerPorts[id].Election}";
            var data = Path.Combine(MemberDir(id), "data");
            Directory.CreateDirectory(data);
            File.WriteAllText(Path.Combine(data, "myid"), id.ToString(CultureInfo.InvariantCulture) + "\n");
        }
    }

    /// <summary>
    /// An ensemble whose members reach each other only through a <see cref="FaultNetwork"/>: each member's zoo.cfg keeps
    /// its own server line (the addresses it binds) and names the proxies for the others.
    /// </summary>
    public static ProcessEnsemble WithFaultNetwork(params ServerKind[] kinds)
    {
        var ensemble = new ProcessEnsemble(kinds);
        ensemble.Network = new FaultNetwork(ensemble._peerPorts,
            ensemble._peerPorts.Values.SelectMany(p => new[] { p.Quorum, p.Election }).Concat(ensemble._clientPorts.Values).ToHashSet());
        return ensemble;
    }

    /// <summary>The links between members, when the ensemble was made with <see cref="WithFaultNetwork"/>.</summary>
    public FaultNetwork? Network { get; private set; }

    public IEnumerable<long> Ids => _clientPorts.Keys;

    /// <summary>Jars added to Apache ZooKeeper members' class path (the netty jars its quorum TLS needs).</summary>
    public IReadOnlyList<string>? ExtraClassPath { get; init; }

    /// <summary>
    /// zoo.cfg keys member <paramref name="id"/> gets on top of the shared ones from its next start (settings that
    /// differ per member, as while an ensemble is rolled to quorum TLS).
    /// </summary>
    public IDictionary<string, string> SettingsOf(long id) =>
        _memberSettings.TryGetValue(id, out var settings) ? settings : _memberSettings[id] = [];

    public IEnumerable<long> Running => _running.Keys;

    public ServerKind KindOf(long id) => _kinds[id - 1];

    public string ConnectString => string.Join(",", _clientPorts.Values.Select(p => "127.0.0.1:" + p.ToString(CultureInfo.InvariantCulture)));

    public string ConnectStringOf(long id) => "127.0.0.1:" + _clientPorts[id].ToString(CultureInfo.InvariantCulture);

    public string OutputOf(long id) => _running.TryGetValue(id, out var process) ? process.Output : "";

    public async Task StartAsync(long id)
    {
        _running[id] = await ServerProcess.StartAsync(KindOf(id), new ServerStartOptions
        {
            Directory = MemberDir(id),
            Port = _clientPorts[id],
            Config = WithMemberSettings(id, Network is null ? _shared : ConfigThroughProxies(id)),
            QuorumMember = true,
            ExtraClassPath = ExtraClassPath,
            WaitUntilServing = false,
            SystemProperties = WithMemberSettings(id, SystemProperties, _memberSystemProperties),
        });
    }

    /// <summary>Member <paramref name="id"/>'s dataDir.</summary>
    public string DataDirOf(long id) => Path.Combine(MemberDir(id), "data");

    /// <summary>The zxid srvr reports for member <paramref name="id"/>, or null while it does not serve.</summary>
    public async Task<long?> ZxidAsync(long id)
    {
        try
        {
            var srvr = await _running[id].FourLetterWordAsync("srvr", TimeSpan.FromSeconds(3));
            var line = srvr.Split('\n').FirstOrDefault(l => l.StartsWith("Zxid: 0x", StringComparison.Ordinal));
            return line is null ? null : long.Parse(line["Zxid: 0x".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>
    /// Stops every running member once all report one zxid, unchanged over two polls (no txn in flight), the leader
    /// first so that nothing new is proposed while the others go; then compares what their data directories recover
    /// to with <c>zknet snapshot compare</c> and asserts it finds them identical.
    /// </summary>
    public async Task StopAndAssertIdenticalOnDiskAsync(long leader)
    {
        var members = _running.Keys.ToList();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        long? settled = null;
        while (true)
        {
            var zxids = new List<long?>();
            foreach (var id in members)
            {
                zxids.Add(await ZxidAsync(id));
            }
            var agreed = zxids.Distinct().Count() == 1 ? zxids[0] : null;
            if (agreed is not null && agreed == settled)
            {
                break;
            }
            settled = agreed;
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the members' zxids did not settle: {string.Join(", ", zxids)}\n{Report()}");
            }
            // Zxids of other processes, polled over 4lw: there is no event to wait on across processes.
            await Task.Delay(300);
        }
        await SignalAsync(leader, "STOP");
        foreach (var id in members)
        {
            await KillAsync(id);
        }
        var (code, output, error) = await ExternalProcess.RunAsync("dotnet",
            [RepositoryPaths.ZkNetDll, "snapshot", "compare", .. members.Select(DataDirOf)], TimeSpan.FromSeconds(120));
        Assert.True(code == 0, $"zknet snapshot compare found the members' data directories different ({code}):\n{output}\n{error}");
        Assert.Contains("identical to the first", output, StringComparison.Ordinal);
    }

    /// <summary>
    /// Creates <paramref name="prefix"/>N through each member N (its kind as the data), then reads every one of them
    /// back through every member after a sync: each member's writes reached every other, whatever their kinds.
    /// </summary>
    public async Task AssertWritesThroughEachReachEveryAsync(string prefix)
    {
        foreach (var id in Ids)
        {
            await using var writer = await ConnectAsync(ConnectStringOf(id));
            await writer.CreateAsync($"{prefix}{id}", Encoding.UTF8.GetBytes(KindOf(id).ToString()), Acl.OpenAclUnsafe);
        }
        foreach (var id in Ids)
        {
            await using var reader = await ConnectAsync(ConnectStringOf(id));
            await reader.SyncAsync("/");
            foreach (var writer in Ids)
            {
                var data = await reader.ExistsAsync($"{prefix}{writer}") is null ? null : (await reader.GetDataAsync($"{prefix}{writer}")).Data;
                Assert.True(data is not null, $"{prefix}{writer} ({KindOf(writer)}) missing on member {id} ({KindOf(id)})\n{Report()}");
                Assert.Equal(KindOf(writer).ToString(), Encoding.UTF8.GetString(data));
            }
        }
    }

    /// <summary>Sets a zoo.cfg key of every member started after.</summary>
    public void Configure(string key, string value) => _shared[key] = value;

    /// <summary>Settings Apache ZooKeeper reads only as Java system properties (-D), given to every member started after.</summary>
    public Dictionary<string, string> SystemProperties { get; } = [];

    /// <summary>System properties (see <see cref="SystemProperties"/>) member <paramref name="id"/> gets on top of the shared ones from its next start.</summary>
    public IDictionary<string, string> SystemPropertiesOf(long id) =>
        _memberSystemProperties.TryGetValue(id, out var properties) ? properties : _memberSystemProperties[id] = [];

    private Dictionary<string, string> WithMemberSettings(long id, Dictionary<string, string> config, Dictionary<long, Dictionary<string, string>>? perMember = null)
    {
        if (!(perMember ?? _memberSettings).TryGetValue(id, out var settings))
        {
            return config;
        }
        var merged = new Dictionary<string, string>(config);
        foreach (var (key, value) in settings)
        {
            merged[key] = value;
        }
        return merged;
    }

    private Dictionary<string, string> ConfigThroughProxies(long id)
    {
        var config = new Dictionary<string, string>(_shared);
        foreach (var other in Ids.Where(other => other != id))
        {
            config[$"server.{other}"] = Network!.AddressOf(id, other);
        }
        return config;
    }

    public async Task StartAllAsync()
    {
        foreach (var id in Ids)
        {
            await StartAsync(id);
        }
    }

    /// <summary>SIGKILL: the member dies without flushing or closing anything.</summary>
    public async Task KillAsync(long id)
    {
        if (_running.Remove(id, out var process))
        {
            await process.KillAsync();
            _gone[id] = process.Output;
            await process.DisposeAsync();
        }
    }

    /// <summary>
    /// SIGTERM, as an operator stops a server (a Java member runs its shutdown hooks, ZkNet closes its log and sockets);
    /// a member still running 30 s later is killed.
    /// </summary>
    public async Task StopAsync(long id)
    {
        if (_running.Remove(id, out var process))
        {
            await process.StopAsync(TimeSpan.FromSeconds(30));
            _gone[id] = process.Output;
            await process.DisposeAsync();
        }
    }

    /// <summary>
    /// Member <paramref name="id"/>, stopped, runs as <paramref name="kind"/> from its next start, on the same dataDir
    /// (snapshots, logs, myid and epoch files), zoo.cfg and ports: one step of a rolling migration.
    /// </summary>
    public void Replace(long id, ServerKind kind)
    {
        if (_running.ContainsKey(id))
        {
            throw new InvalidOperationException($"member {id} is running; stop it before changing what runs it");
        }
        _kinds[id - 1] = kind;
    }

    /// <summary>SIGSTOP or SIGCONT: the member freezes (a long GC pause, a stalled VM) or carries on.</summary>
    public async Task SignalAsync(long id, string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, _running[id].ProcessId.ToString(CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>A four-letter word's answer from member <paramref name="id"/>.</summary>
    public Task<string> FourLetterWordAsync(long id, string word) => _running[id].FourLetterWordAsync(word, TimeSpan.FromSeconds(10));

    /// <summary>The member's mode as srvr reports it ("leader", "follower", ...), or null while it does not serve.</summary>
    public async Task<string?> ModeAsync(long id)
    {
        try
        {
            var srvr = await _running[id].FourLetterWordAsync("srvr", TimeSpan.FromSeconds(3));
            var line = srvr.Split('\n').FirstOrDefault(l => l.StartsWith("Mode: ", StringComparison.Ordinal));
            return line?["Mode: ".Length..].Trim();
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>
    /// The running member that holds the connection of session <paramref name="sessionId"/>, from each member's
    /// <c>cons</c> (which lists every connection's sid); waits (bounded) while no member lists it, as while the client
    /// reconnects.
    /// </summary>
    public async Task<long> MemberHostingAsync(long sessionId, TimeSpan? timeout = null)
    {
        var sid = string.Create(CultureInfo.InvariantCulture, $"sid=0x{sessionId:x},");
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < deadline)
        {
            foreach (var (id, process) in _running)
            {
                try
                {
                    if ((await process.FourLetterWordAsync("cons", TimeSpan.FromSeconds(3))).Contains(sid, StringComparison.Ordinal))
                    {
                        return id;
                    }
                }
                catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
                {
                    // A member that does not answer (paused, electing) hosts nobody for this purpose.
                }
            }
            // Connections of other processes, polled over 4lw: there is no event to wait on across processes.
            await Task.Delay(100);
        }
        throw new TimeoutException($"no member lists session 0x{sessionId:x} in cons:\n{Report()}");
    }

    /// <summary>
    /// Waits (bounded) until the members in <paramref name="members"/> (default: all running) serve with exactly one
    /// leader among them; returns its id. Members that are paused are left out by the caller.
    /// </summary>
    public async Task<long> WaitForQuorumAsync(IReadOnlyCollection<long>? members = null, TimeSpan? timeout = null)
    {
        members ??= [.. _running.Keys];
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        var modes = new Dictionary<long, string?>();
        while (DateTime.UtcNow < deadline)
        {
            foreach (var id in members)
            {
                modes[id] = await ModeAsync(id);
            }
            var leaders = modes.Where(m => m.Value == "leader").Select(m => m.Key).ToList();
            if (leaders.Count == 1 && modes.Values.All(m => m is "leader" or "follower" or "observer"))
            {
                return leaders[0];
            }
            // Modes of several processes, polled over 4lw: there is no event to wait on across processes.
            await Task.Delay(200);
        }
        var report = string.Join("\n", members.Select(id => $"--- member {id} ({KindOf(id)}): {modes.GetValueOrDefault(id) ?? "not serving"}\n{Tail(Quiet(OutputOf(id)))}"));
        throw new TimeoutException("the ensemble did not settle on one leader:\n" + report);
    }

    /// <summary>Every running member's recent output (four-letter-word chatter left out), for failure messages.</summary>
    public string Report() =>
        string.Join("\n", _running.Keys.Select(id => $"--- member {id} ({KindOf(id)})\n{Tail(Quiet(OutputOf(id)))}")
            .Concat(_gone.Select(g => $"--- member {g.Key} ({KindOf(g.Key)}), killed\n{Tail(Quiet(g.Value))}")));

    private static string Quiet(string output) =>
        string.Join("\n", output.Split('\n').Where(l => !l.Contains("Processing srvr command", StringComparison.Ordinal)));


    public static async Task<ZooKeeperClient> ConnectAsync(string connectString, TimeSpan? connectTimeout = null) =>
        await ZooKeeperClient.ConnectAsync(new ZooKeeperClientOptions
        {
            ConnectString = connectString,
            SessionTimeout = TimeSpan.FromSeconds(20),
            ConnectTimeout = connectTimeout ?? TimeSpan.FromSeconds(60),
        });

    public async ValueTask DisposeAsync()
    {
        foreach (var id in _running.Keys.ToList())
        {
            await KillAsync(id);
        }
        // ZKNET_ENSEMBLE_LOGS=folder keeps every member's whole output there, to study a run that passed too.
        if (Environment.GetEnvironmentVariable("ZKNET_ENSEMBLE_LOGS") is { Length: > 0 } logs)
        {
            Directory.CreateDirectory(logs);
            foreach (var (id, output) in _gone)
            {
                await File.WriteAllTextAsync(Path.Combine(logs, $"{Path.GetFileName(_root)}-member{id}.log"), output);
            }
        }
        if (Network is not null)
        {
            await Network.DisposeAsync();
        }
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private string MemberDir(long id) => Path.Combine(_root, "member" + id.ToString(CultureInfo.InvariantCulture));

    private static string Tail(string output) => output.Length <= 4000 ? output : output[^4000..];
}
