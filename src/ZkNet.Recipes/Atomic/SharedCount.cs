using System.Buffers.Binary;
using ZkNet.Client;
using ZkNet.Client.Exceptions;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.Recipes.Internal;

namespace ZkNet.Recipes.Atomic;

/// <summary>
/// A counter shared by every client of one path (Curator's SharedCount, same encoding: the node's data is the count
/// as 4 big-endian bytes). Changes are optimistic: a set names the version it read and fails (returns false) when
/// another client changed the count meanwhile; <see cref="AddAsync"/> retries that until it wins, so no increment is
/// ever lost.
/// </summary>
public sealed class SharedCount
{
    private readonly IZooKeeperClient _client;

    /// <summary>Creates a counter on <paramref name="path"/> starting at <paramref name="seed"/> if the node does not exist yet.</summary>
    public SharedCount(IZooKeeperClient client, string path, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        Path = ZkPaths.Validate(path, nameof(path));
        Seed = seed;
    }

    /// <summary>The counter's node.</summary>
    public string Path { get; }

    /// <summary>The value a missing node starts at.</summary>
    public int Seed { get; }

    /// <summary>The count and the version it was read at (creating the node with the seed if needed).</summary>
    public async Task<VersionedValue<int>> GetAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (await _client.TryGetDataAsync(Path, cancellationToken: cancellationToken).ConfigureAwait(false) is { } data)
            {
                return new VersionedValue<int>(data.Stat.Version, Decode(data.Data));
            }
            try
            {
                await _client.CreateWithParentsAsync(Path, Encode(Seed), Acl.OpenAclUnsafe, CreateMode.Persistent, CreateMode.Container,
                    cancellationToken).ConfigureAwait(false);
            }
            catch (NodeExistsException)
            {
                // Created meanwhile by another client: read it.
            }
        }
    }

    /// <summary>Sets the count if it is still at <paramref name="previous"/>'s version; returns whether it was set.</summary>
    public async Task<bool> TrySetAsync(VersionedValue<int> previous, int newCount, CancellationToken cancellationToken = default)
    {
        try
        {
            await _client.SetDataAsync(Path, Encode(newCount), previous.Version, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (BadVersionException)
        {
            return false;
        }
    }

    /// <summary>Sets the count whatever it was.</summary>
    public async Task SetAsync(int newCount, CancellationToken cancellationToken = default)
    {
        await GetAsync(cancellationToken).ConfigureAwait(false);
        await _client.SetDataAsync(Path, Encode(newCount), -1, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds <paramref name="delta"/>, retrying on contention until it applies; returns the new count.</summary>
    public async Task<int> AddAsync(int delta, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var current = await GetAsync(cancellationToken).ConfigureAwait(false);
            if (await TrySetAsync(current, current.Value + delta, cancellationToken).ConfigureAwait(false))
            {
                return current.Value + delta;
            }
        }
    }

    internal static byte[] Encode(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        return bytes;
    }

    internal static int Decode(byte[] data) => data.Length >= 4 ? BinaryPrimitives.ReadInt32BigEndian(data) : 0;
}
