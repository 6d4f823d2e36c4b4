using System.Globalization;
using System.Text;
using ZkNet.Server.FourLetterWords;

namespace ZkNet.Server.Pipeline;

public sealed partial class ZooKeeperServer
{
    /// <summary>
    /// Answers a four-letter word on the processor thread, so that counts are consistent with the requests around
    /// it, and closes the connection after the answer, as ZooKeeper does.
    /// </summary>
    private void ProcessFourLetterWord(Request request)
    {
        var cnxn = request.Cnxn!;
        Attach(cnxn);
        var word = request.Word!;
        var text = FourLetterWordNames.IsAllowed(word, Options.FourLetterWordWhitelist)
            ? Answer(word)
            : $"{word} is not executed because it is not in the whitelist.\n";
        cnxn.StageRaw(Encoding.UTF8.GetBytes(text));
        cnxn.StageClose();
    }

    /// <summary>The role as srvr and mntr name it.</summary>
    public string ModeName => Role switch
    {
        ServerRole.Leading => "leader",
        ServerRole.Following => "follower",
        ServerRole.Observing => "observer",
        ServerRole.Looking => "looking",
        ServerRole.ReadOnly => "read-only",
        _ => "standalone",
    };

    private string Answer(string word)
    {
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        switch (word)
        {
            case "ruok":
                return "imok";
            case "srvr" or "stat" or "mntr" or "cons" or "wchs" or "wchc" or "wchp" or "dump" or "crst" or "srst" when !_serving:
                // ZooKeeper's answer from a member that is electing or synchronising.
                return "This ZooKeeper instance is not currently serving requests\n";
            case "srvr":
                AppendServerSummary(sb, withClients: false);
                break;
            case "stat":
                AppendServerSummary(sb, withClients: true);
                break;
            case "conf":
                foreach (var (key, value) in Options.ConfLines)
                {
                    sb.Append(key).Append('=').Append(value).Append('\n');
                }
                break;
            case "cons":
                foreach (var cnxn in Connections?.Snapshot() ?? [])
                {
                    AppendConnection(sb, cnxn, full: true);
                }
                sb.Append('\n');
                break;
            case "crst":
                foreach (var cnxn in Connections?.Snapshot() ?? [])
                {
                    cnxn.Stats.Reset();
                }
                return "Connection stats reset.\n";
            case "srst":
                Stats.Reset();
                return "Server stats reset.\n";
            case "envi":
                AppendEnvironment(sb);
                break;
            case "mntr":
                AppendMonitoring(sb);
                break;
            case "wchs":
                sb.Append(inv, $"{Tree.DataWatches.WatcherCount} connections watching {Tree.DataWatches.PathCount} paths\n");
                sb.Append(inv, $"Total watches:{Tree.DataWatches.Count}\n");
                break;
            case "wchc":
                foreach (var (watcher, paths) in Tree.DataWatches.ByWatcher())
                {
                    sb.Append(inv, $"0x{watcher.SessionId:x}\n");
                    foreach (var path in paths)
                    {
                        sb.Append('\t').Append(path).Append('\n');
                    }
                }
                sb.Append('\n');
                break;
            case "wchp":
                foreach (var (path, watchers) in Tree.DataWatches.ByPath())
                {
                    sb.Append(path).Append('\n');
                    foreach (var watcher in watchers)
                    {
                        sb.Append(inv, $"\t0x{watcher.SessionId:x}\n");
                    }
                }
                sb.Append('\n');
                break;
            case "dirs":
                sb.Append(inv, $"datadir_size: {Options.DataDirSize?.Invoke() ?? 0}\n");
                sb.Append(inv, $"logdir_size: {Options.DataLogDirSize?.Invoke() ?? 0}\n");
                break;
            case "isro":
                // ZooKeeper's answer: "null" from a member that is not serving at all.
                return !_serving ? "null" : IsReadOnly ? "ro" : "rw";
            case "dump":
                AppendDump(sb);
                break;
            case "gtmk":
                return "0";
            default:
                return "";
        }
        return sb.ToString();
    }

    /// <summary>
    /// ZooKeeper's node map holds the root twice (as "" and "/") and srvr/mntr print the map's size, so a fresh
    /// server reports 5; monitoring compares these numbers across servers.
    /// </summary>
    private int ReportedNodeCount => Tree.NodeCount + 1;

    private void AppendServerSummary(StringBuilder sb, bool withClients)
    {
        var inv = CultureInfo.InvariantCulture;
        sb.Append("Zookeeper version: ").Append(FourLetterWordNames.Version).Append('\n');
        if (IsReadOnly)
        {
            sb.Append("READ-ONLY mode; serving only read-only clients\n");
        }
        var connections = Connections?.Snapshot() ?? [];
        if (withClients)
        {
            sb.Append("Clients:\n");
            foreach (var cnxn in connections)
            {
                AppendConnection(sb, cnxn, full: false);
            }
            sb.Append('\n');
        }
        var min = Stats.LatencyCount == 0 ? 0 : Stats.MinLatency;
        var avg = Stats.LatencyCount == 0 ? 0.0 : (double)Stats.TotalLatency / Stats.LatencyCount;
        // Java prints the rounded average with Double.toString: "0.0", "3.5", "3.3901".
        sb.Append(inv, $"Latency min/avg/max: {min}/{avg:0.0###}/{Stats.MaxLatency}\n");
        sb.Append(inv, $"Received: {Interlocked.Read(ref Stats.PacketsReceived)}\n");
        sb.Append(inv, $"Sent: {Interlocked.Read(ref Stats.PacketsSent)}\n");
        sb.Append(inv, $"Connections: {connections.Count}\n");
        sb.Append(inv, $"Outstanding: {Math.Max(0, Interlocked.Read(ref Stats.Outstanding))}\n");
        sb.Append(inv, $"Zxid: 0x{Tree.LastProcessedZxid:x}\n");
        sb.Append("Mode: ").Append(ServerState).Append('\n');
        sb.Append(inv, $"Node count: {ReportedNodeCount}\n");
        if (LeaderFigures is { } leader)
        {
            sb.Append(inv, $"Proposal sizes last/min/max: {leader.LastProposalSize}/{leader.MinProposalSize}/{leader.MaxProposalSize}\n");
        }
    }

    private static void AppendConnection(StringBuilder sb, ServerCnxn cnxn, bool full)
    {
        var inv = CultureInfo.InvariantCulture;
        var s = cnxn.Stats;
        sb.Append(inv, $" /{cnxn.Remote.Address}:{cnxn.Remote.Port}[{(cnxn.SessionId != 0 ? 1 : 0)}](queued={s.Outstanding},recved={s.PacketsReceived},sent={s.PacketsSent}");
        if (full && cnxn.SessionId != 0)
        {
            var avg = s.Count == 0 ? 0 : s.TotalLatency / s.Count;
            var min = s.Count == 0 ? 0 : s.MinLatency;
            sb.Append(inv, $",sid=0x{cnxn.SessionId:x},lop={s.LastOp},est={cnxn.Established.ToUnixTimeMilliseconds()},to={cnxn.SessionTimeout}");
            sb.Append(inv, $",lcxid=0x{s.LastCxid:x},lzxid=0x{s.LastZxid:x},lresp={s.LastResponseTime},llat={s.LastLatency},minlat={min},avglat={avg},maxlat={s.MaxLatency}");
        }
        sb.Append(")\n");
    }

    private static void AppendEnvironment(StringBuilder sb)
    {
        sb.Append("Environment:\n");
        sb.Append("zookeeper.version=").Append(FourLetterWordNames.Version).Append('\n');
        sb.Append("host.name=").Append(Environment.MachineName).Append('\n');
        sb.Append("dotnet.version=").Append(Environment.Version).Append('\n');
        sb.Append("os.name=").Append(System.Runtime.InteropServices.RuntimeInformation.OSDescription).Append('\n');
        sb.Append("os.arch=").Append(System.Runtime.InteropServices.RuntimeInformation.OSArchitecture).Append('\n');
        sb.Append("user.name=").Append(Environment.UserName).Append('\n');
        sb.Append("user.dir=").Append(Environment.CurrentDirectory).Append('\n');
        ProcessMemory.AppendEnvironmentLines(sb);
    }

    private static void AppendSessions(StringBuilder sb, string title, List<Sessions.Session> sessions)
    {
        var inv = CultureInfo.InvariantCulture;
        sb.Append(inv, $"{title}({sessions.Count}):\n");
        foreach (var session in sessions)
        {
            sb.Append(inv, $"0x{session.Id:x}\t{session.TimeoutMs}ms\n");
        }
    }

    private void AppendDump(StringBuilder sb)
    {
        var inv = CultureInfo.InvariantCulture;
        sb.Append("SessionTracker dump:\n");
        if (LocalSessionsActive)
        {
            // ZooKeeper's upgradeable trackers print their local sessions first, under "Local ".
            AppendSessions(sb, "Local Sessions", Sessions.Sessions.Where(s => s.IsLocal).ToList());
        }
        AppendSessions(sb, "Global Sessions", Sessions.Sessions.Where(s => !s.IsLocal).ToList());
        sb.Append("ephemeral nodes dump:\n");
        var owners = Tree.EphemeralOwners.ToList();
        sb.Append(inv, $"Sessions with Ephemerals ({owners.Count}):\n");
        foreach (var owner in owners)
        {
            sb.Append(inv, $"0x{owner:x}:\n");
            foreach (var path in Tree.GetEphemerals(owner).Order(StringComparer.Ordinal))
            {
                sb.Append('\t').Append(path).Append('\n');
            }
        }
        sb.Append("Connections dump:\n");
        foreach (var cnxn in Connections?.Snapshot() ?? [])
        {
            sb.Append(inv, $"\tip: /{cnxn.Remote} sessionId: 0x{cnxn.SessionId:x}\n");
        }
    }
}
