using ZkNet.Protocol;

namespace ZkNet.Server.Watches;

/// <summary>
/// Something that receives watch notifications: in practice a client connection, which stages the event in its
/// output so that it leaves before any later reply on that connection.
/// </summary>
public interface IWatcher
{
    /// <summary>Delivers one event for <paramref name="path"/> (called on the request processor thread).</summary>
    void Process(EventType type, string path, long zxid);

    /// <summary>The session the watcher belongs to (for wchc and the watch dumps).</summary>
    long SessionId { get; }
}
