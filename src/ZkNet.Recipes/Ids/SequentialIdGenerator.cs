using System.Globalization;
using ZkNet.Client;
using ZkNet.Client.Exceptions;
using ZkNet.Client.Multi;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.Recipes.Internal;

namespace ZkNet.Recipes.Ids;

/// <summary>
/// Unique IDs that increase in the order the server hands them out, across every client: each ID is the sequence
/// number ZooKeeper gives a sequential node created under <see cref="Path"/> (and deleted at once). A batch creates
/// many nodes in one multi (one round trip) and deletes them in another. The server's sequence counter is a signed
/// 32-bit number per parent, so a path yields at most 2^31 IDs.
/// </summary>
public sealed class SequentialIdGenerator
{
    private const string NodeName = "id-";

    private readonly IZooKeeperClient _client;

    /// <summary>Creates a generator drawing IDs from <paramref name="path"/> (created as a container when missing).</summary>
    public SequentialIdGenerator(IZooKeeperClient client, string path)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        Path = ZkPaths.Validate(path, nameof(path));
    }

    /// <summary>The parent whose sequence counter gives the IDs.</summary>
    public string Path { get; }

    /// <summary>The next ID.</summary>
    public async Task<long> NextAsync(CancellationToken cancellationToken = default) =>
        (await NextBatchAsync(1, cancellationToken).ConfigureAwait(false))[0];

    /// <summary><paramref name="count"/> IDs, increasing, from one round trip (plus one to clean up).</summary>
    public async Task<IReadOnlyList<long>> NextBatchAsync(int count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var prefix = ZkPaths.MakePath(Path, NodeName);
        var creates = Enumerable.Range(0, count).Select(_ => (Op)Op.Create(prefix, null, Acl.OpenAclUnsafe, CreateMode.EphemeralSequential)).ToList();
        IReadOnlyList<OpResult> results;
        try
        {
            results = await _client.MultiAsync(creates, cancellationToken).ConfigureAwait(false);
        }
        catch (NoNodeException)
        {
            await _client.EnsureParentsAsync(prefix, Acl.OpenAclUnsafe, CreateMode.Container, cancellationToken).ConfigureAwait(false);
            results = await _client.MultiAsync(creates, cancellationToken).ConfigureAwait(false);
        }
        var paths = results.Cast<CreateOpResult>().Select(r => r.Path).ToList();
        // The nodes were only there to draw numbers; they are ephemeral, so a failed cleanup goes with the session.
        _ = _client.MultiAsync(paths.Select(p => (Op)Op.Delete(p)), CancellationToken.None)
            .ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return paths.Select(p => long.Parse(p.AsSpan(p.Length - 10), CultureInfo.InvariantCulture)).ToList();
    }
}
