using System.Diagnostics;
using System.Globalization;
using ZkNet.Client;
using ZkNet.Recipes.Atomic;
using ZkNet.Recipes.Ids;
using ZkNet.Recipes.Locks;

// ZkNet.Recipes throughput against a running server (bench/recipes.sh runs it beside Curator's CuratorBench.java):
//   RecipeBench HOST:PORT [CLIENTS] [SECONDS]
// mutex: CLIENTS sessions contend for one InterProcessMutex, counting acquire+release pairs;
// atomic: CLIENTS sessions increment one DistributedAtomicLong; ids-seq: one SequentialIdGenerator drawing batches
// of 100; ids-counter: CLIENTS CounterIdGenerators reserving blocks of 1000.
var server = args.Length > 0 ? args[0] : "127.0.0.1:2181";
var clients = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 4;
var seconds = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 5;
var sessions = new List<ZooKeeperClient>();
for (var i = 0; i < clients; i++)
{
    sessions.Add(await ZooKeeperClient.ConnectAsync(new ZooKeeperClientOptions { ConnectString = server }));
}
var run = Guid.NewGuid().ToString("N")[..8];

Report("mutex", "acquire+release/s", await MeasureAsync(sessions, async (zk, stop) =>
{
    var mutex = new InterProcessMutex(zk, $"/bench-{run}/mutex");
    long count = 0;
    while (!stop.IsCancellationRequested)
    {
        await using (await mutex.LockAsync(CancellationToken.None))
        {
            count++;
        }
    }
    return count;
}));
Report("atomic", "increments/s", await MeasureAsync(sessions, async (zk, stop) =>
{
    var value = new DistributedAtomicLong(zk, $"/bench-{run}/atomic", new ZkNet.Client.Retry.RetryNTimes(1000, TimeSpan.Zero));
    long count = 0;
    while (!stop.IsCancellationRequested)
    {
        count += (await value.IncrementAsync(CancellationToken.None)).Succeeded ? 1 : 0;
    }
    return count;
}));
Report("ids-seq", "ids/s (1 client)", await MeasureAsync(sessions.Take(1).ToList(), async (zk, stop) =>
{
    var generator = new SequentialIdGenerator(zk, $"/bench-{run}/seq");
    long count = 0;
    while (!stop.IsCancellationRequested)
    {
        count += (await generator.NextBatchAsync(100, CancellationToken.None)).Count;
    }
    return count;
}));
Report("ids-counter", "ids/s", await MeasureAsync(sessions, async (zk, stop) =>
{
    using var generator = new CounterIdGenerator(zk, $"/bench-{run}/counter", blockSize: 1000);
    long count = 0;
    while (!stop.IsCancellationRequested)
    {
        await generator.NextAsync(CancellationToken.None);
        count++;
    }
    return count;
}));
foreach (var session in sessions)
{
    await session.DisposeAsync();
}
return 0;

async Task<double> MeasureAsync(List<ZooKeeperClient> zks, Func<ZooKeeperClient, CancellationToken, Task<long>> work)
{
    using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
    var clock = Stopwatch.StartNew();
    var counts = await Task.WhenAll(zks.Select(zk => Task.Run(() => work(zk, stop.Token))));
    return counts.Sum() / clock.Elapsed.TotalSeconds;
}

void Report(string name, string unit, double rate) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"zknet-recipes {name,-12} {rate,12:F0} {(unit.Contains('(', StringComparison.Ordinal) ? unit : $"{unit} ({clients} clients)")}"));
