namespace ZkNet.Protocol;

/// <summary>Operation codes as ZooKeeper's ZooDefs.OpCode numbers them.</summary>
public enum OpCode
{
    /// <summary>A watch notification (server to client).</summary>
    Notification = 0,
    /// <summary>create (returns the path).</summary>
    Create = 1,
    /// <summary>delete.</summary>
    Delete = 2,
    /// <summary>exists.</summary>
    Exists = 3,
    /// <summary>getData.</summary>
    GetData = 4,
    /// <summary>setData.</summary>
    SetData = 5,
    /// <summary>getACL.</summary>
    GetAcl = 6,
    /// <summary>setACL.</summary>
    SetAcl = 7,
    /// <summary>getChildren.</summary>
    GetChildren = 8,
    /// <summary>sync.</summary>
    Sync = 9,
    /// <summary>ping (heartbeat).</summary>
    Ping = 11,
    /// <summary>getChildren2 (children and Stat).</summary>
    GetChildren2 = 12,
    /// <summary>check version (multi only).</summary>
    Check = 13,
    /// <summary>multi (transaction).</summary>
    Multi = 14,
    /// <summary>create2 (returns path and Stat).</summary>
    Create2 = 15,
    /// <summary>reconfig.</summary>
    Reconfig = 16,
    /// <summary>checkWatches.</summary>
    CheckWatches = 17,
    /// <summary>removeWatches.</summary>
    RemoveWatches = 18,
    /// <summary>createContainer.</summary>
    CreateContainer = 19,
    /// <summary>deleteContainer (server internal, container reaping).</summary>
    DeleteContainer = 20,
    /// <summary>createTTL.</summary>
    CreateTtl = 21,
    /// <summary>multiRead (read-only multi).</summary>
    MultiRead = 22,
    /// <summary>addAuth.</summary>
    Auth = 100,
    /// <summary>setWatches.</summary>
    SetWatches = 101,
    /// <summary>SASL token exchange.</summary>
    Sasl = 102,
    /// <summary>getEphemerals.</summary>
    GetEphemerals = 103,
    /// <summary>getAllChildrenNumber.</summary>
    GetAllChildrenNumber = 104,
    /// <summary>setWatches2 (with persistent watches).</summary>
    SetWatches2 = 105,
    /// <summary>addWatch (persistent / recursive).</summary>
    AddWatch = 106,
    /// <summary>whoAmI.</summary>
    WhoAmI = 107,
    /// <summary>createSession (a txn; also how the connect handshake is logged).</summary>
    CreateSession = -10,
    /// <summary>closeSession.</summary>
    CloseSession = -11,
    /// <summary>An error result (multi results and error txns).</summary>
    Error = -1,
}
