namespace ZkNet.Protocol;

/// <summary>Result codes as ZooKeeper's KeeperException.Code numbers them.</summary>
public enum ErrorCode
{
    /// <summary>Everything is OK.</summary>
    Ok = 0,
    /// <summary>A system or server-side error.</summary>
    SystemError = -1,
    /// <summary>A runtime inconsistency was found.</summary>
    RuntimeInconsistency = -2,
    /// <summary>A data inconsistency was found.</summary>
    DataInconsistency = -3,
    /// <summary>Connection to the server has been lost.</summary>
    ConnectionLoss = -4,
    /// <summary>Error while marshalling or unmarshalling data.</summary>
    MarshallingError = -5,
    /// <summary>Operation is unimplemented.</summary>
    Unimplemented = -6,
    /// <summary>Operation timeout.</summary>
    OperationTimeout = -7,
    /// <summary>Invalid arguments.</summary>
    BadArguments = -8,
    /// <summary>No quorum of the new config is connected and up to date.</summary>
    NewConfigNoQuorum = -13,
    /// <summary>Another reconfiguration is in progress.</summary>
    ReconfigInProgress = -14,
    /// <summary>Unknown session (internal server use).</summary>
    UnknownSession = -12,
    /// <summary>API errors (codes at or below this).</summary>
    ApiError = -100,
    /// <summary>The node does not exist.</summary>
    NoNode = -101,
    /// <summary>Not authenticated.</summary>
    NoAuth = -102,
    /// <summary>Version conflict.</summary>
    BadVersion = -103,
    /// <summary>Ephemeral nodes may not have children.</summary>
    NoChildrenForEphemerals = -108,
    /// <summary>The node already exists.</summary>
    NodeExists = -110,
    /// <summary>The node has children.</summary>
    NotEmpty = -111,
    /// <summary>The session has been expired by the server.</summary>
    SessionExpired = -112,
    /// <summary>Invalid callback specified.</summary>
    InvalidCallback = -113,
    /// <summary>Invalid ACL specified.</summary>
    InvalidAcl = -114,
    /// <summary>Client authentication failed.</summary>
    AuthFailed = -115,
    /// <summary>Session moved to another server.</summary>
    SessionMoved = -118,
    /// <summary>State-changing request passed to a read-only server.</summary>
    NotReadOnly = -119,
    /// <summary>Attempt to create an ephemeral node on a local session.</summary>
    EphemeralOnLocalSession = -120,
    /// <summary>Attempt to remove a non-existing watcher.</summary>
    NoWatcher = -121,
    /// <summary>Request not completed within max allowed time.</summary>
    RequestTimeout = -122,
    /// <summary>Attempt to reconfigure while reconfiguration is disabled.</summary>
    ReconfigDisabled = -123,
    /// <summary>The session was closed because SASL authentication is required.</summary>
    SessionClosedRequireSasl = -124,
    /// <summary>Exceeded the quota set on the path.</summary>
    QuotaExceeded = -125,
    /// <summary>The operation was throttled and not executed.</summary>
    Throttled = -127,
}
