using ZkNet.Client;
using ZkNet.Recipes.Locks;
using ZkNet.Recipes.Tests.Infrastructure;

namespace ZkNet.Recipes.Tests.Interop;

/// <summary>
/// A Curator process (Curator 5's own InterProcessMutex, InterProcessReadWriteLock and InterProcessSemaphoreV2, from
/// Debian's jars) and this process contend for the same path on one ZkNet server. Both run the same marker-file
/// critical section, so any overlap is counted whatever either lock believes, and the shared log proves they took
/// turns.
/// </summary>
public sealed class CuratorLockInteropTests : RecipeTestBase
{
    private const int Rounds = 20;

    [Fact]
    public async Task A_Curator_InterProcessMutex_and_a_ZkNet_mutex_on_one_path_exclude_each_other()
    {
        var section = NewSection();
        var curator = await StartCuratorAsync("mutex", "/interop/mutex", section);
        var violations = await RunDotNetAsync(2, async (zk, label) =>
        {
            var mutex = new InterProcessMutex(zk, "/interop/mutex");
            for (var r = 0; r < Rounds; r++)
            {
                await using var handle = await mutex.LockAsync().Bounded();
                Assert.False(handle.LockLost.IsCancellationRequested);
                await section.RunAsync("mutex", label, r);
            }
        }, section);
        await AssertCuratorFinishedCleanAsync(curator);
        Assert.Equal(0, violations);
        AssertTookTurns(section, "mutex:curator", "mutex:dotnet", 3 * Rounds);
        Directory.Delete(section.Directory, recursive: true);
    }

    [Fact]
    public async Task A_Curator_write_lock_excludes_ZkNet_readers_and_writers_on_one_path()
    {
        var section = NewSection();
        var curator = await StartCuratorAsync("write", "/interop/rw", section);
        var violations = await RunDotNetAsync(3, async (zk, label) =>
        {
            var rw = new InterProcessReadWriteLock(zk, "/interop/rw");
            var reader = label != "dotnet0";
            var side = reader ? rw.ReadLock : rw.WriteLock;
            for (var r = 0; r < Rounds; r++)
            {
                await side.AcquireAsync().Bounded();
                await section.RunAsync(reader ? "read" : "write", label, r);
                await side.ReleaseAsync().Bounded();
            }
        }, section);
        await AssertCuratorFinishedCleanAsync(curator);
        Assert.Equal(0, violations);
        var holders = section.Holders();
        Assert.Equal(4 * Rounds, holders.Count);
        Assert.Contains("write:curator", holders);
        Assert.Contains(holders, h => h.StartsWith("read:dotnet", StringComparison.Ordinal));
        Directory.Delete(section.Directory, recursive: true);
    }

    [Fact]
    public async Task A_Curator_semaphore_and_ZkNet_semaphores_on_one_path_never_exceed_the_leases_together()
    {
        const int Max = 2;
        var section = NewSection();
        var curator = await StartCuratorAsync("semaphore", "/interop/semaphore", section, Max);
        var violations = await RunDotNetAsync(3, async (zk, label) =>
        {
            var semaphore = new InterProcessSemaphoreV2(zk, "/interop/semaphore", Max);
            for (var r = 0; r < Rounds; r++)
            {
                await using var lease = await semaphore.AcquireAsync().Bounded();
                await section.RunAsync("semaphore", label, r, Max);
            }
        }, section);
        await AssertCuratorFinishedCleanAsync(curator);
        Assert.Equal(0, violations);
        var holders = section.Holders();
        Assert.Equal(4 * Rounds, holders.Count);
        Assert.Contains("semaphore:curator", holders);
        Directory.Delete(section.Directory, recursive: true);
    }

    private static CriticalSection NewSection() => new(Directory.CreateTempSubdirectory("zknet-curator-").FullName);

    private async Task<Task<(int ExitCode, string Out, string Error)>> StartCuratorAsync(string kind, string path, CriticalSection section,
        int maxLeases = 1) =>
        await CuratorDriver.StartContendingAsync(await ConnectAsync(), Server.ConnectString, kind, path, Rounds, section.Directory,
            maxLeases: maxLeases);

    /// <summary>Runs <paramref name="clients"/> .NET contenders, each with its own session, and returns their violations.</summary>
    private async Task<int> RunDotNetAsync(int clients, Func<IZooKeeperClient, string, Task> contend, CriticalSection section)
    {
        var sessions = new List<ZooKeeperClient>();
        for (var c = 0; c < clients; c++)
        {
            sessions.Add(await ConnectAsync());
        }
        await Task.WhenAll(sessions.Select((zk, c) => Task.Run(() => contend(zk, "dotnet" + c)))).Bounded(TimeSpan.FromMinutes(2));
        return section.Violations;
    }

    private static async Task AssertCuratorFinishedCleanAsync(Task<(int ExitCode, string Out, string Error)> curator) =>
        Assert.Contains($"acquired={Rounds} violations=0", await CuratorDriver.FinishedCleanAsync(curator), StringComparison.Ordinal);

    private static void AssertTookTurns(CriticalSection section, string a, string b, int total)
    {
        var holders = section.Holders().Select(h => h.StartsWith(b, StringComparison.Ordinal) ? b : h).ToList();
        Assert.Equal(total, holders.Count);
        Assert.Contains(a, holders);
        Assert.Contains(b, holders);
        var switches = holders.Zip(holders.Skip(1)).Count(pair => pair.First != pair.Second);
        Assert.True(switches >= 2, "the two sides never alternated: " + string.Join(",", holders));
    }
}
