using ZkNet.Protocol;
using ZkNet.Server.Watches;

namespace ZkNet.Server.Tests.Watches;

/// <summary>A watcher that records what it was told.</summary>
internal sealed class RecordingWatcher(long sessionId = 1) : IWatcher
{
    public List<(EventType Type, string Path)> Events { get; } = [];

    public long SessionId { get; } = sessionId;

    public void Process(EventType type, string path, long zxid) => Events.Add((type, path));
}
