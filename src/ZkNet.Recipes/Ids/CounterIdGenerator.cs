using ZkNet.Client;
using ZkNet.Recipes.Atomic;

namespace ZkNet.Recipes.Ids;

/// <summary>
/// Unique 64-bit IDs from a shared counter (a <see cref="DistributedAtomicLong"/> at <see cref="Path"/>), taken in
/// blocks: one atomic add of <see cref="BlockSize"/> reserves that many IDs, which this generator then hands out
/// locally with no round trip. IDs are unique across every generator of the path and increase within one
/// generator; across generators they increase per block, not per ID. IDs of a block not used before the process
/// ends are skipped, never reused.
/// </summary>
public sealed class CounterIdGenerator : IDisposable
{
    private readonly DistributedAtomicLong _counter;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _next;
    private long _end;

    /// <summary>Creates a generator reserving <paramref name="blockSize"/> IDs at a time from the counter at <paramref name="path"/>.</summary>
    public CounterIdGenerator(IZooKeeperClient client, string path, int blockSize = 100)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 1);
        _counter = new DistributedAtomicLong(client, path, new Client.Retry.RetryUntilElapsed(TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(1)));
        Path = path;
        BlockSize = blockSize;
    }

    /// <summary>The counter's node.</summary>
    public string Path { get; }

    /// <summary>How many IDs one reservation takes.</summary>
    public int BlockSize { get; }

    /// <summary>Releases the local gate; IDs reserved and not handed out are skipped.</summary>
    public void Dispose() => _gate.Dispose();

    /// <summary>The next ID (the first is 1).</summary>
    public async Task<long> NextAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_next >= _end)
            {
                var reserved = await _counter.AddAsync(BlockSize, cancellationToken).ConfigureAwait(false);
                if (!reserved.Succeeded)
                {
                    throw new TimeoutException("could not reserve a block of IDs at " + Path + " under contention");
                }
                _next = reserved.PreValue + 1;
                _end = reserved.PostValue + 1;
            }
            return _next++;
        }
        finally
        {
            _gate.Release();
        }
    }
}
