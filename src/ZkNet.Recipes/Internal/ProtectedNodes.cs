using ZkNet.Client;
using ZkNet.Client.Exceptions;
using ZkNet.Client.Retry;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.Recipes.Internal;

/// <summary>
/// Curator's protected sequential create (CreateBuilder.withProtection): the node is named
/// <c>_c_&lt;uuid&gt;-&lt;name&gt;&lt;sequence&gt;</c>, so that after a connection loss during the create the client can
/// find out whether the server made it (a child starting with <c>_c_&lt;uuid&gt;-</c>) instead of leaving an orphan
/// that would block a lock forever. Missing parents are created as containers, as creatingParentContainersIfNeeded.
/// </summary>
internal static class ProtectedNodes
{
    /// <summary>Curator's ProtectedUtils.PROTECTED_PREFIX.</summary>
    public const string Prefix = "_c_";

    /// <summary>Whether a child name carries a protection prefix.</summary>
    public static bool IsProtected(string name) => name.StartsWith(Prefix, StringComparison.Ordinal) && name.Length > Prefix.Length + 36
        && name[Prefix.Length + 36] == '-';

    /// <summary>Creates <c>parent/_c_&lt;uuid&gt;-name</c> with <paramref name="mode"/> and returns its path and Stat.</summary>
    public static async Task<CreateResult> CreateAsync(IZooKeeperClient client, IRetryPolicy retry, string parent, string name,
        byte[]? data, CreateMode mode, CancellationToken cancellationToken)
    {
        // Java's UUID.toString(): lowercase hex with dashes, the same text as Guid's "D" format.
        var protectedPrefix = Prefix + Guid.NewGuid().ToString("D") + "-";
        var path = ZkPaths.MakePath(parent, protectedPrefix + name);
        var searchAfterLoss = false;
        return await RetryLoop.RunAsync(retry, async token =>
        {
            if (searchAfterLoss && await FindAsync(client, parent, protectedPrefix, token).ConfigureAwait(false) is { } found)
            {
                return found;
            }
            searchAfterLoss = true;
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await client.CreateWithStatAsync(path, data, Acl.OpenAclUnsafe, mode, cancellationToken: token).ConfigureAwait(false);
                }
                catch (NoNodeException) when (attempt < 10)
                {
                    await client.EnsureParentsAsync(path, Acl.OpenAclUnsafe, CreateMode.Container, token).ConfigureAwait(false);
                }
            }
        }, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static async Task<CreateResult?> FindAsync(IZooKeeperClient client, string parent, string protectedPrefix, CancellationToken token)
    {
        IReadOnlyList<string> children;
        try
        {
            children = await client.GetChildrenAsync(parent, cancellationToken: token).ConfigureAwait(false);
        }
        catch (NoNodeException)
        {
            return null;
        }
        foreach (var child in children)
        {
            if (child.StartsWith(protectedPrefix, StringComparison.Ordinal))
            {
                var path = ZkPaths.MakePath(parent, child);
                if (await client.ExistsAsync(path, cancellationToken: token).ConfigureAwait(false) is { } stat)
                {
                    return new CreateResult(path, stat);
                }
            }
        }
        return null;
    }
}
