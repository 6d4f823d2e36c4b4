using System.Buffers.Binary;
using ZkNet.Client;
using ZkNet.Client.Exceptions;
using ZkNet.Client.Retry;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.Recipes.Internal;
using ZkNet.Recipes.Locks;

namespace ZkNet.Recipes.Atomic;

/// <summary>
/// A 64-bit value changed atomically by every client of one path (Curator's DistributedAtomicLong, same encoding:
/// 8 big-endian bytes; a missing node reads as 0). Each change reads the value with its version and writes it back
/// with that version, retrying under the contention policy when another client won; if that policy gives up and a
/// promotion lock path was given, the change is retried once more while holding an <see cref="InterProcessMutex"/>
/// there (Curator's PromotedToLock). A result that did not succeed says so; it is never silently lost.
/// </summary>
public sealed class DistributedAtomicLong
{
    private readonly IZooKeeperClient _client;
    private readonly IRetryPolicy _contention;
    private readonly InterProcessMutex? _promotion;

    /// <summary>Creates the value on <paramref name="path"/>.</summary>
    /// <param name="client">The session to use.</param>
    /// <param name="path">The value's node.</param>
    /// <param name="contentionPolicy">How often to retry when another client changed the value first; null for up to
    /// 29 retries with jittered pauses from 1 ms to 50 ms.</param>
    /// <param name="promotionLockPath">Where to take a mutex when optimistic retries give up; null not to.</param>
    public DistributedAtomicLong(IZooKeeperClient client, string path, IRetryPolicy? contentionPolicy = null, string? promotionLockPath = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        Path = ZkPaths.Validate(path, nameof(path));
        _contention = contentionPolicy ?? new ExponentialBackoffRetry(TimeSpan.FromMilliseconds(1), 29, TimeSpan.FromMilliseconds(50));
        _promotion = promotionLockPath is null ? null : new InterProcessMutex(client, promotionLockPath);
    }

    /// <summary>The value's node.</summary>
    public string Path { get; }

    /// <summary>The current value (0 when the node does not exist).</summary>
    public async Task<long> GetAsync(CancellationToken cancellationToken = default) =>
        (await ReadAsync(cancellationToken).ConfigureAwait(false)).Value;

    /// <summary>Adds one.</summary>
    public Task<AtomicValue<long>> IncrementAsync(CancellationToken cancellationToken = default) => AddAsync(1, cancellationToken);

    /// <summary>Subtracts one.</summary>
    public Task<AtomicValue<long>> DecrementAsync(CancellationToken cancellationToken = default) => AddAsync(-1, cancellationToken);

    /// <summary>Adds <paramref name="delta"/>.</summary>
    public Task<AtomicValue<long>> AddAsync(long delta, CancellationToken cancellationToken = default) =>
        ChangeAsync(current => current + delta, cancellationToken);

    /// <summary>Sets <paramref name="newValue"/> whatever the value was.</summary>
    public Task<AtomicValue<long>> TrySetAsync(long newValue, CancellationToken cancellationToken = default) =>
        ChangeAsync(_ => newValue, cancellationToken);

    /// <summary>Sets <paramref name="newValue"/> only if the value is <paramref name="expected"/>.</summary>
    public async Task<AtomicValue<long>> CompareAndSetAsync(long expected, long newValue, CancellationToken cancellationToken = default)
    {
        var result = await ChangeAsync(current => current == expected ? newValue : null, cancellationToken).ConfigureAwait(false);
        return result;
    }

    private async Task<AtomicValue<long>> ChangeAsync(Func<long, long?> change, CancellationToken cancellationToken)
    {
        var started = DateTime.UtcNow;
        for (var retry = 0; ; retry++)
        {
            if (await TryOnceAsync(change, cancellationToken).ConfigureAwait(false) is { } done)
            {
                return done;
            }
            if (_contention.NextDelay(retry, DateTime.UtcNow - started) is not { } delay)
            {
                break;
            }
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
        if (_promotion is null)
        {
            var current = await GetAsync(cancellationToken).ConfigureAwait(false);
            return new AtomicValue<long>(false, current, current);
        }
        await using var held = await _promotion.LockAsync(cancellationToken).ConfigureAwait(false);
        // Under the lock only clients that bypass it can still race; try a bounded number of times.
        for (var attempt = 0; attempt < 10; attempt++)
        {
            if (await TryOnceAsync(change, cancellationToken).ConfigureAwait(false) is { } done)
            {
                return done;
            }
        }
        var last = await GetAsync(cancellationToken).ConfigureAwait(false);
        return new AtomicValue<long>(false, last, last);
    }

    /// <summary>One optimistic attempt: the result, or null when another client changed the value first.</summary>
    private async Task<AtomicValue<long>?> TryOnceAsync(Func<long, long?> change, CancellationToken cancellationToken)
    {
        var (version, current) = await ReadAsync(cancellationToken).ConfigureAwait(false);
        if (change(current) is not { } next)
        {
            return new AtomicValue<long>(false, current, current);
        }
        try
        {
            if (version < 0)
            {
                await _client.CreateWithParentsAsync(Path, Encode(next), Acl.OpenAclUnsafe, CreateMode.Persistent, CreateMode.Container,
                    cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _client.SetDataAsync(Path, Encode(next), version, cancellationToken).ConfigureAwait(false);
            }
            return new AtomicValue<long>(true, current, next);
        }
        catch (Exception e) when (e is BadVersionException or NodeExistsException or NoNodeException)
        {
            return null;
        }
    }

    private async Task<VersionedValue<long>> ReadAsync(CancellationToken cancellationToken) =>
        await _client.TryGetDataAsync(Path, cancellationToken: cancellationToken).ConfigureAwait(false) is { } data
            ? new VersionedValue<long>(data.Stat.Version, data.Data.Length >= 8 ? BinaryPrimitives.ReadInt64BigEndian(data.Data) : 0)
            : new VersionedValue<long>(-1, 0);

    private static byte[] Encode(long value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, value);
        return bytes;
    }
}
