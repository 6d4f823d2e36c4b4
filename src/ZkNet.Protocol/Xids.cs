namespace ZkNet.Protocol;

/// <summary>The reserved xids that mark packets which are not replies to an ordinary request.</summary>
public static class Xids
{
    /// <summary>A watch notification.</summary>
    public const int Notification = -1;
    /// <summary>A ping and its reply.</summary>
    public const int Ping = -2;
    /// <summary>An addAuth packet and its reply.</summary>
    public const int Auth = -4;
    /// <summary>The setWatches/setWatches2 sent after a reconnect.</summary>
    public const int SetWatches = -8;
}
