using System.Diagnostics;
using Xunit.Abstractions;

namespace ZkNet.Ensemble.Tests.Faults;

/// <summary>
/// A <see cref="Workload"/> running against an ensemble with a <see cref="FaultNetwork"/> while a test injects faults: a
/// creator and a register client pinned to each member (they cannot fail over, so they see what that member does),
/// and one of each on the whole connect string. Ends with the checks every fault test makes.
/// </summary>
internal sealed class FaultRun : IAsyncDisposable
{
    /// <summary>The bound on every wait for the ensemble to do something.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    // A safety bound on the history; at their pace (some twenty a second each) the clients stay below it in a test.
    private const int RegisterOpsPerClient = 300;

    private readonly ProcessEnsemble _ensemble;
    private readonly ITestOutputHelper _output;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _clients = [];

    private FaultRun(ProcessEnsemble ensemble, ITestOutputHelper output)
    {
        _ensemble = ensemble;
        _output = output;
    }

    public Workload Workload { get; } = new();

    /// <summary>Writes a line to the test's output with the time since the clients started (phase timings).</summary>
    public void Log(string message) => _output.WriteLine($"{_clock.Elapsed.TotalSeconds,6:F1}s {message}");

    public static async Task<FaultRun> StartAsync(ProcessEnsemble ensemble, ITestOutputHelper output)
    {
        var network = ensemble.Network ?? throw new InvalidOperationException("the ensemble has no fault network");
        var ids = ensemble.Ids.ToList();
        foreach (var a in ids)
        {
            foreach (var b in ids.Where(b => b > a))
            {
                Assert.True(network.AcceptedBetween(a, b) > 0, $"members {a} and {b} formed the ensemble without passing through their proxies");
            }
        }
        await Workload.PrepareAsync(ensemble.ConnectString);
        var run = new FaultRun(ensemble, output);
        foreach (var id in ids)
        {
            run._clients.Add(run.Workload.RunCreatorAsync("creator" + id, ensemble.ConnectStringOf(id), run._stop.Token));
            run._clients.Add(run.Workload.RunRegisterClientAsync((int)id, ensemble.ConnectStringOf(id), RegisterOpsPerClient, run._stop.Token));
        }
        run._clients.Add(run.Workload.RunCreatorAsync("creatorAll", ensemble.ConnectString, run._stop.Token));
        run._clients.Add(run.Workload.RunRegisterClientAsync(0, ensemble.ConnectString, RegisterOpsPerClient, run._stop.Token));
        return run;
    }

    /// <summary>
    /// Waits (bounded) until <paramref name="count"/> more writes are acknowledged and half as many more register
    /// operations complete (so the register history crosses every phase of the fault).
    /// </summary>
    public async Task AcknowledgesMoreAsync(int count, string by)
    {
        var target = Workload.Acked.Count + count;
        var registerTarget = Workload.RegisterCompleted.Count + count / 2;
        try
        {
            await Task.WhenAll(Workload.Acked.Reached(target), Workload.RegisterCompleted.Reached(registerTarget)).WaitAsync(Bound);
            Log($"{count} more writes acknowledged by {by}");
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{by}: only {Workload.Acked.Count} of {target} writes acknowledged and {Workload.RegisterCompleted.Count} " +
                $"of {registerTarget} register operations completed within {Bound} " +
                $"({_ensemble.Network!.Describe()}; errors {Workload.ErrorSummary()}):\n{_ensemble.Report()}");
        }
    }

    /// <summary>Waits (bounded) until member <paramref name="id"/> stops serving clients (srvr says it does not serve).</summary>
    public async Task StopsServingAsync(long id)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (await _ensemble.ModeAsync(id) is { } mode)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"member {id} still serves as {mode} after {Bound} ({_ensemble.Network!.Describe()}):\n{_ensemble.Report()}");
            }
            // Modes of another process, polled over 4lw: there is no event to wait on across processes.
            await Task.Delay(200);
        }
        Log($"member {id} stopped serving");
    }

    /// <summary>
    /// Heals the network and waits (bounded) for the whole ensemble to serve again under <paramref name="leader"/>, with
    /// <paramref name="rejoined"/> (the members the fault had cut off) following it, and for more writes through every
    /// member; then <see cref="StopAndVerifyAsync"/>.
    /// </summary>
    public async Task HealAndVerifyAsync(long leader, IEnumerable<long> rejoined)
    {
        _ensemble.Network!.HealAll();
        Log("healed");
        Assert.Equal(leader, await _ensemble.WaitForQuorumAsync(timeout: Bound));
        foreach (var id in rejoined)
        {
            Assert.Equal("follower", await _ensemble.ModeAsync(id));
        }
        Log("ensemble whole again");
        await AcknowledgesMoreAsync(30, "every member after healing");
        await StopAndVerifyAsync();
    }

    /// <summary>
    /// Stops the clients, then checks that every acknowledged write is on every member, that the members hold identical
    /// trees, and that the register history is linearizable (and long enough to mean something).
    /// </summary>
    public async Task StopAndVerifyAsync()
    {
        await StopClientsAsync();
        Log($"clients stopped: {Workload.Acked.Count} writes acknowledged, {Workload.History.Count} register operations; errors {Workload.ErrorSummary()}");
        await _ensemble.WaitForQuorumAsync(timeout: Bound);
        foreach (var id in _ensemble.Running)
        {
            await ProcessFailoverTests.AssertHoldsAsync(_ensemble, id, Workload.Acked);
        }
        Log("every acknowledged write on every member");
        await Trees.AssertIdenticalAsync(_ensemble, _ensemble.Running);
        Log("trees identical");

        var history = Workload.History;
        var writes = history.Count(o => o.IsWrite && o.Completed is not null);
        var reads = history.Count(o => !o.IsWrite);
        Assert.True(writes >= 20 && reads >= 20, $"too short a register history to check: {writes} acknowledged writes, {reads} reads");
        var checking = Stopwatch.StartNew();
        var verdict = RegisterChecker.Check(history, Workload.Initial);
        Assert.True(verdict is null, $"{verdict}\n{_ensemble.Report()}");
        Log($"register history of {history.Count} operations ({writes} acknowledged writes) linearizable, checked in {checking.ElapsedMilliseconds} ms");
        await _ensemble.StopAndAssertIdenticalOnDiskAsync(await _ensemble.WaitForQuorumAsync(timeout: Bound));
        Log("data directories recover to identical states (zknet snapshot compare)");
    }

    private async Task StopClientsAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
            await Task.WhenAll(_clients).WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopClientsAsync();
        }
        catch (TimeoutException)
        {
            // Already failing: the test's own failure says more.
        }
        _stop.Dispose();
    }
}
