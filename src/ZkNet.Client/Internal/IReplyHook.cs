using ZkNet.Protocol;

namespace ZkNet.Client.Internal;

/// <summary>
/// Work done on the socket reader when a reply arrives, before the caller's task completes and before any later
/// packet is read: watch registration and removal, which must not be overtaken by notifications.
/// </summary>
internal interface IReplyHook
{
    /// <summary>Acts on the reply's error code and returns the code the caller should see.</summary>
    ErrorCode OnReply(ErrorCode error);
}
