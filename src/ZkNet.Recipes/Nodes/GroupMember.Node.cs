using ZkNet.Client;
using ZkNet.Client.Exceptions;
using ZkNet.Client.Watches;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.Recipes.Nodes;

// Keeping the member's node in place, as Curator's PersistentNode does (createNode, watchNode and their answers).
public sealed partial class GroupMember
{
    /// <summary>
    /// Curator's createNode and its answers, with the gate held: creates the node (parents as containers); if it exists,
    /// writes our payload into it whoever holds it; then watches it. A node that goes in between is created again.
    /// </summary>
    private async Task PutNodeAsync(CancellationToken cancellationToken)
    {
        while (Volatile.Read(ref _state) == 1)
        {
            try
            {
                await _client.CreateWithParentsAsync(_ourPath, _payload, Acl.OpenAclUnsafe, CreateMode.Ephemeral, CreateMode.Container,
                    cancellationToken).ConfigureAwait(false);
            }
            catch (NodeExistsException)
            {
                // Curator takes the node over without asking whose it is (a persistent one only earns a warning in its log).
                try
                {
                    await _client.SetDataAsync(_ourPath, _payload, cancellationToken: cancellationToken).ConfigureAwait(false);
                }
                catch (NoNodeException)
                {
                    continue;
                }
            }
            if (await _client.ExistsAsync(_ourPath, _watcher, cancellationToken).ConfigureAwait(false) is not null)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Puts the node back if needed, from a watch event or a reconnect. With <paramref name="createFirst"/> it creates
    /// straight away (Curator's createNode); otherwise it renews the watch and creates only if the node is missing
    /// (Curator's watchNode). A failure waits for the next event or reconnect.
    /// </summary>
    private async Task KeepNodeAsync(bool createFirst)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (Volatile.Read(ref _state) == 1
                && (createFirst || await _client.ExistsAsync(_ourPath, _watcher).ConfigureAwait(false) is null))
            {
                await PutNodeAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is KeeperException or ObjectDisposedException)
        {
            // Disconnected, expired or closed: a reconnect tries again; an ended session has no node to keep.
        }
        finally
        {
            _gate.Release();
        }
    }

    private void OnNodeEvent(WatchedEvent watchedEvent)
    {
        if (watchedEvent.IsStateChange || Volatile.Read(ref _state) != 1)
        {
            return;
        }
        // Off the client's dispatcher: putting the node back takes round trips that other watchers need not wait for.
        switch (watchedEvent.Type)
        {
            case EventType.NodeDeleted:
                _ = Task.Run(() => KeepNodeAsync(createFirst: true));
                break;
            case EventType.NodeDataChanged or EventType.NodeCreated:
                // One-shot watches: a data change (our own setData included) uses the watch up, so renew it.
                _ = Task.Run(() => KeepNodeAsync(createFirst: false));
                break;
        }
    }

    private static byte[] Copy(byte[]? payload) => payload is null ? [] : (byte[])payload.Clone();
}
