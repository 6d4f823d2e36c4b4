using System.Diagnostics;
using System.Text;
using ZkNet.Client;
using ZkNet.Client.Exceptions;
using ZkNet.Client.Multi;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.Ensemble.Tests.Faults;

/// <summary>
/// Clients that keep working through faults until told to stop: creators add sequential znodes under /acked and
/// record each acknowledged one; register clients write unique values to /reg and read it, recording a history for
/// <see cref="RegisterChecker"/>. Every failure is counted per client and survived (a lost session gets a new client),
/// and every operation is bounded in time.
/// </summary>
internal sealed class Workload
{
    public const string Register = "/reg";
    public const string Initial = "init";

    private static readonly TimeSpan OperationTimeout = TimeSpan.FromSeconds(15);

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<RegisterOp> _history = [];
    private readonly Dictionary<string, int> _errors = [];

    public AcknowledgedWrites Acked { get; } = new();

    /// <summary>Register operations that completed (a write acknowledged or a read checked), counted to pace a test.</summary>
    public AcknowledgedWrites RegisterCompleted { get; } = new();

    public IReadOnlyList<RegisterOp> History
    {
        get
        {
            lock (_history)
            {
                return [.. _history];
            }
        }
    }

    /// <summary>Failed operations of the client called <paramref name="name"/> so far.</summary>
    public int ErrorsOf(string name)
    {
        lock (_errors)
        {
            return _errors.GetValueOrDefault(name);
        }
    }

    public string ErrorSummary()
    {
        lock (_errors)
        {
            return string.Join(", ", _errors.Select(e => $"{e.Key}: {e.Value}"));
        }
    }

    /// <summary>Creates /acked and /reg (holding <see cref="Initial"/>) before any client starts.</summary>
    public static async Task PrepareAsync(string connectString)
    {
        await using var client = await ProcessEnsemble.ConnectAsync(connectString);
        await client.CreateAsync("/acked", null, Acl.OpenAclUnsafe);
        await client.CreateAsync(Register, Encoding.UTF8.GetBytes(Initial), Acl.OpenAclUnsafe);
    }

    /// <summary>
    /// Creates /acked/{name}-NNNNNNNNNN znodes one after another until <paramref name="stop"/>, paced (some hundred a
    /// second in all) so the trees compared at the end stay a few thousand znodes.
    /// </summary>
    public Task RunCreatorAsync(string name, string connectString, CancellationToken stop) =>
        RunAsync(name, connectString, async (client, token) =>
        {
            await Task.Delay(5, token);
            Acked.Add(await client.CreateAsync($"/acked/{name}-", null, Acl.OpenAclUnsafe, CreateMode.PersistentSequential, cancellationToken: token));
            return true;
        }, stop);

    /// <summary>
    /// Writes and reads /reg at random (seeded by <paramref name="client"/>), paced so a test's history stays a few hundred
    /// operations, at most <paramref name="maxOps"/>. A read is a getData followed by a multi that checks the version read:
    /// the multi is a write, ordered by the leader and committed by a quorum, so the value read was the register's
    /// value at that commit and the read is linearizable by ZooKeeper's guarantees (a plain getData on a follower may
    /// lawfully be stale). A read whose check fails (a write came between) tells nothing and is not recorded.
    /// </summary>
    public Task RunRegisterClientAsync(int client, string connectString, int maxOps, CancellationToken stop)
    {
        var random = new Random(client);
        var written = 0;
        var done = 0;
        return RunAsync("reg" + client, connectString, async (zk, token) =>
        {
            if (done++ >= maxOps)
            {
                return false;
            }
            // Pacing a workload, not waiting for an event.
            await Task.Delay(random.Next(30, 70), token);
            var invoked = Now;
            if (random.Next(2) == 0)
            {
                var value = $"c{client}-{written++}";
                // Recorded before the call: if it fails, the write's outcome is unknown and stays recorded as such.
                var index = Record(new RegisterOp(client, true, value, invoked, null));
                await zk.SetDataAsync(Register, Encoding.UTF8.GetBytes(value), -1, token);
                Complete(index, Now);
                RegisterCompleted.Add(value);
                return true;
            }
            var read = await zk.GetDataAsync(Register, cancellationToken: token);
            try
            {
                await zk.MultiAsync([Op.Check(Register, read.Stat.Version)], token);
            }
            catch (BadVersionException)
            {
                return true;
            }
            var op = Record(new RegisterOp(client, false, Encoding.UTF8.GetString(read.Data), invoked, Now));
            RegisterCompleted.Add("read " + op);
            return true;
        }, stop);
    }

    private long Now => _clock.ElapsedTicks * 1_000_000 / Stopwatch.Frequency;

    private int Record(RegisterOp op)
    {
        lock (_history)
        {
            _history.Add(op);
            return _history.Count - 1;
        }
    }

    private void Complete(int index, long completed)
    {
        lock (_history)
        {
            _history[index] = _history[index] with { Completed = completed };
        }
    }

    private async Task RunAsync(string name, string connectString, Func<ZooKeeperClient, CancellationToken, Task<bool>> operation, CancellationToken stop)
    {
        ZooKeeperClient? client = null;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    client ??= await ProcessEnsemble.ConnectAsync(connectString, TimeSpan.FromSeconds(10)).WaitAsync(stop);
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
                    timeout.CancelAfter(OperationTimeout);
                    if (!await operation(client, timeout.Token))
                    {
                        break;
                    }
                }
                catch (Exception ex) when (ex is KeeperException or OperationCanceledException or TimeoutException or IOException
                    or System.Net.Sockets.SocketException or ObjectDisposedException or InvalidOperationException)
                {
                    if (stop.IsCancellationRequested)
                    {
                        break;
                    }
                    lock (_errors)
                    {
                        _errors[name] = _errors.GetValueOrDefault(name) + 1;
                    }
                    if (ex is SessionExpiredException && client is not null)
                    {
                        await client.DisposeAsync();
                        client = null;
                    }
                    // Back off a little: a member that does not serve refuses at once.
                    await Task.Delay(200, CancellationToken.None);
                }
            }
        }
        finally
        {
            if (client is not null)
            {
                using var closing = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                try
                {
                    await client.CloseAsync(closing.Token);
                }
                catch (Exception ex) when (ex is KeeperException or OperationCanceledException or IOException or ObjectDisposedException)
                {
                }
            }
        }
    }
}
