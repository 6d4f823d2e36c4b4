using ZkNet.Client.Exceptions;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.Client;

/// <summary>Operations built from several requests: create with parents, recursive delete.</summary>
public static class ZooKeeperClientExtensions
{
    /// <summary>How often a create or delete races with another client (a parent reaped, a child added) before giving up.</summary>
    private const int RaceAttempts = 10;

    /// <summary>
    /// Creates a node, first creating every missing ancestor with no data, <paramref name="acl"/> and
    /// <paramref name="parentMode"/> (Curator's creatingParentsIfNeeded; with <see cref="CreateMode.Container"/>,
    /// creatingParentContainersIfNeeded). Ancestors that other clients create meanwhile are fine. Returns the actual
    /// path, as <see cref="IZooKeeperClient.CreateAsync"/>.
    /// </summary>
    /// <exception cref="NodeExistsException">The node itself exists.</exception>
    public static async Task<string> CreateWithParentsAsync(this IZooKeeperClient client, string path, byte[]? data,
        IReadOnlyList<Acl> acl, CreateMode mode = CreateMode.Persistent, CreateMode parentMode = CreateMode.Persistent,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await client.CreateAsync(path, data, acl, mode, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (NoNodeException) when (attempt < RaceAttempts)
            {
                // A container parent may be reaped between making it and creating under it: go round again.
                await EnsureParentsAsync(client, path, acl, parentMode, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Creates every missing ancestor of <paramref name="path"/> (not the node itself).</summary>
    public static async Task EnsureParentsAsync(this IZooKeeperClient client, string path, IReadOnlyList<Acl> acl,
        CreateMode parentMode = CreateMode.Persistent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(path);
        for (var slash = path.IndexOf('/', 1); slash > 0; slash = path.IndexOf('/', slash + 1))
        {
            var ancestor = path[..slash];
            if (await client.ExistsAsync(ancestor, cancellationToken: cancellationToken).ConfigureAwait(false) is not null)
            {
                continue;
            }
            try
            {
                await client.CreateAsync(ancestor, null, acl, parentMode, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (NodeExistsException)
            {
                // Another client made it first: just as good.
            }
        }
    }

    /// <summary>
    /// Deletes a node and everything below it, children first (Curator's deletingChildrenIfNeeded). Nodes already
    /// gone are fine; a child created meanwhile is deleted too, within a few rounds. Returns false when the node did
    /// not exist.
    /// </summary>
    /// <exception cref="NotEmptyException">Other clients kept adding children faster than they could be deleted.</exception>
    /// <exception cref="ArgumentException">The path is the root.</exception>
    public static async Task<bool> DeleteRecursiveAsync(this IZooKeeperClient client, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (path == "/")
        {
            throw new ArgumentException("the root cannot be deleted", nameof(path));
        }
        for (var attempt = 1; ; attempt++)
        {
            IReadOnlyList<string> children;
            try
            {
                children = await client.GetChildrenAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (NoNodeException)
            {
                return false;
            }
            foreach (var child in children)
            {
                await client.DeleteRecursiveAsync(path + "/" + child, cancellationToken).ConfigureAwait(false);
            }
            try
            {
                return await client.TryDeleteAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (NotEmptyException) when (attempt < RaceAttempts)
            {
                // A child appeared after the listing: list again.
            }
        }
    }
}
