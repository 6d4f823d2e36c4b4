using ZkNet.Protocol;

namespace ZkNet.Client.Watches;

/// <summary>
/// A watch notification or a connection state change (ZooKeeper's WatchedEvent). Node events have a
/// <see cref="Type"/> other than <see cref="EventType.None"/> and a <see cref="Path"/>; state changes have type
/// None, a null path, and the new <see cref="State"/>.
/// </summary>
/// <param name="Type">What happened to the node, or <see cref="EventType.None"/> for a state change.</param>
/// <param name="State">The connection state when the event was produced.</param>
/// <param name="Path">The node's path relative to the chroot, or null for a state change.</param>
/// <param name="Zxid">The zxid of the change behind a node event (ZooKeeper 3.9 reports it; older servers send -1);
/// -1 for a state change.</param>
public sealed record WatchedEvent(EventType Type, KeeperState State, string? Path, long Zxid = -1)
{
    /// <summary>Whether this is a connection state change rather than a node event.</summary>
    public bool IsStateChange => Type == EventType.None;
}
