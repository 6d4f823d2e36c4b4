namespace ZkNet.Client.Watches;

/// <summary>
/// Receives watch notifications and connection state changes. Every callback of a client runs on one dispatcher,
/// one at a time and in the order the events happened, never on the socket reader: a slow callback delays later
/// events but never replies. An exception thrown by a callback is logged and otherwise ignored.
/// </summary>
public interface IWatcher
{
    /// <summary>Handles one event. The dispatcher awaits the returned task before delivering the next event.</summary>
    ValueTask ProcessAsync(WatchedEvent watchedEvent);
}
