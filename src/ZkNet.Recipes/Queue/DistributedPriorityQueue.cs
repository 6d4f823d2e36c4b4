using System.Globalization;
using ZkNet.Client;

namespace ZkNet.Recipes.Queue;

/// <summary>
/// A <see cref="DistributedQueue"/> whose items are taken lowest priority number first, then oldest first (Curator's
/// DistributedPriorityQueue, same node names: <c>queue-</c>, then 1 for a priority of 0 or more and 0 below,
/// then the priority as 8 hex digits, then the sequence).
/// </summary>
/// <param name="client">The session to use.</param>
/// <param name="path">The queue's node.</param>
public sealed class DistributedPriorityQueue(IZooKeeperClient client, string path) : DistributedQueue(client, path)
{
    /// <summary>Adds one item with <paramref name="priority"/> (lower is taken sooner).</summary>
    public Task PutAsync(byte[] item, int priority, CancellationToken cancellationToken = default) =>
        PutCoreAsync([item], ItemName + PriorityPrefix(priority), cancellationToken);

    /// <summary>
    /// Adds several items with one <paramref name="priority"/> in one node (Curator's putMulti with a priority): they are
    /// taken together, in order.
    /// </summary>
    public Task PutMultiAsync(IReadOnlyList<byte[]> items, int priority, CancellationToken cancellationToken = default) =>
        PutCoreAsync(items, ItemName + PriorityPrefix(priority), cancellationToken);

    /// <summary>Curator's priorityToString: sign digit, then the 32 bits in 8 upper-case hex digits.</summary>
    internal static string PriorityPrefix(int priority) =>
        (priority >= 0 ? "1" : "0") + ((uint)priority).ToString("X8", CultureInfo.InvariantCulture);
}
