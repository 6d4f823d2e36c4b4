using ZkNet.Client;
using ZkNet.Client.Exceptions;
using ZkNet.Client.Watches;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.Recipes.Internal;

namespace ZkNet.Recipes.Queue;

/// <summary>
/// A FIFO queue of byte items shared by every client of one path (Curator's DistributedQueue, same nodes and data):
/// each put is a persistent-sequential node <c>{path}/queue-&lt;sequence&gt;</c> holding one or more items in Curator's
/// item format; a taker reads the lowest node and deletes it, and only the client whose delete succeeds gets its
/// items, so each item is delivered once. Items are removed before they are processed (Curator's default mode): an
/// item taken by a process that then dies is lost.
/// </summary>
public class DistributedQueue
{
    /// <summary>Curator's item node name.</summary>
    public const string ItemName = "queue-";

    private readonly IZooKeeperClient _client;
    // Items of a multi-item node taken but not handed out yet; takers in this process race like any others.
    private readonly System.Collections.Concurrent.ConcurrentQueue<byte[]> _taken = new();

    /// <summary>Creates a queue on <paramref name="path"/> (created as a container when first used).</summary>
    public DistributedQueue(IZooKeeperClient client, string path)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        QueuePath = ZkPaths.Validate(path, nameof(path));
    }

    /// <summary>The queue's node.</summary>
    public string QueuePath { get; }

    /// <summary>Adds one item.</summary>
    public Task PutAsync(byte[] item, CancellationToken cancellationToken = default) => PutMultiAsync([item], cancellationToken);

    /// <summary>Adds several items in one node (Curator's putMulti): they are taken together, in order.</summary>
    public Task PutMultiAsync(IReadOnlyList<byte[]> items, CancellationToken cancellationToken = default) =>
        PutCoreAsync(items, ItemName, cancellationToken);

    /// <summary>Takes the oldest item, or null when the queue is empty.</summary>
    public Task<byte[]?> TryTakeAsync(CancellationToken cancellationToken = default) => TakeCoreAsync(null, cancellationToken);

    /// <summary>Takes the oldest item, waiting for one to be put (or until cancelled).</summary>
    public async Task<byte[]> TakeAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var watcher = new TaskWatcher();
            if (await TakeCoreAsync(watcher, cancellationToken).ConfigureAwait(false) is { } item)
            {
                return item;
            }
            await watcher.Triggered.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Puts a node named <paramref name="name"/> plus the server's sequence.</summary>
    protected async Task PutCoreAsync(IReadOnlyList<byte[]> items, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        await _client.CreateWithParentsAsync(ZkPaths.MakePath(QueuePath, name), QueueItemFormat.Encode(items), Acl.OpenAclUnsafe,
            CreateMode.PersistentSequential, CreateMode.Container, cancellationToken).ConfigureAwait(false);
    }

    private async Task<byte[]?> TakeCoreAsync(IWatcher? watcher, CancellationToken cancellationToken)
    {
        if (_taken.TryDequeue(out var buffered))
        {
            return buffered;
        }
        IReadOnlyList<string> children;
        try
        {
            children = await _client.GetChildrenAsync(QueuePath, watcher, cancellationToken).ConfigureAwait(false);
        }
        catch (NoNodeException)
        {
            // A watch for the queue's creation; if a putter created it since the read above, the exists watch would
            // only fire on its data changing or its deletion, so read its children (and set the child watch) now.
            if (watcher is not null && await _client.ExistsAsync(QueuePath, watcher, cancellationToken).ConfigureAwait(false) is not null)
            {
                return await TakeCoreAsync(watcher, cancellationToken).ConfigureAwait(false);
            }
            return null;
        }
        // Names sort in queue order: the sequence, behind a priority prefix for the priority queue.
        foreach (var child in children.Where(c => c.StartsWith(ItemName, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var path = ZkPaths.MakePath(QueuePath, child);
            var data = await _client.TryGetDataAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (data is null || !await _client.TryDeleteAsync(path, data.Stat.Version, cancellationToken).ConfigureAwait(false))
            {
                continue; // Another taker got it first.
            }
            foreach (var item in QueueItemFormat.Decode(data.Data))
            {
                _taken.Enqueue(item);
            }
            if (_taken.TryDequeue(out var first))
            {
                return first;
            }
        }
        return null;
    }
}
