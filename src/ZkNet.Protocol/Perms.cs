namespace ZkNet.Protocol;

/// <summary>ACL permission bits as ZooKeeper's ZooDefs.Perms numbers them.</summary>
public static class Perms
{
    /// <summary>getData, getChildren.</summary>
    public const int Read = 1;
    /// <summary>setData.</summary>
    public const int Write = 2;
    /// <summary>create children.</summary>
    public const int Create = 4;
    /// <summary>delete children.</summary>
    public const int Delete = 8;
    /// <summary>setACL.</summary>
    public const int Admin = 16;
    /// <summary>Every permission.</summary>
    public const int All = Read | Write | Create | Delete | Admin;
}
