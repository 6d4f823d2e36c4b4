using ZkNet.Client.Watches;
using ZkNet.Protocol;

namespace ZkNet.Client.Internal;

/// <summary>
/// A watcher to add to the client's tables once the server has answered the call that set it. It is added on the
/// socket reader before the next packet is read, so no notification can overtake it.
/// </summary>
internal sealed class WatchRegistration(WatchManager manager, WatchKind kind, string clientPath, IWatcher watcher, bool isExists = false)
    : IReplyHook
{
    /// <summary>Adds the watcher if the reply's error code means the server set a watch.</summary>
    public ErrorCode OnReply(ErrorCode error)
    {
        if (isExists)
        {
            // exists leaves a data watch on a node that exists and an exist watch on one that does not.
            if (error == ErrorCode.Ok)
            {
                manager.Add(WatchKind.Data, clientPath, watcher);
            }
            else if (error == ErrorCode.NoNode)
            {
                manager.Add(WatchKind.Exist, clientPath, watcher);
            }
            return error;
        }
        if (error == ErrorCode.Ok)
        {
            manager.Add(kind, clientPath, watcher);
        }
        return error;
    }
}
