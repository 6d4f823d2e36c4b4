using ZkNet.Client.Multi;
using ZkNet.Protocol;

namespace ZkNet.Client.Exceptions;

/// <summary>
/// A ZooKeeper operation failed with an error code (ZooKeeper's KeeperException). Common codes have their own
/// subclass (<see cref="NoNodeException"/>, <see cref="ConnectionLossException"/>...); the rest use this class.
/// </summary>
public class KeeperException : Exception
{
    /// <summary>Creates an exception for <see cref="ErrorCode.SystemError"/>.</summary>
    public KeeperException() : this(ErrorCode.SystemError, null)
    {
    }

    /// <summary>Creates an exception for <see cref="ErrorCode.SystemError"/> with a message.</summary>
    public KeeperException(string message) : base(message)
    {
        Code = ErrorCode.SystemError;
    }

    /// <summary>Creates an exception for <see cref="ErrorCode.SystemError"/> wrapping another.</summary>
    public KeeperException(string message, Exception innerException) : base(message, innerException)
    {
        Code = ErrorCode.SystemError;
    }

    /// <summary>Creates an exception for <paramref name="code"/> on <paramref name="path"/> (null when no path applies).</summary>
    public KeeperException(ErrorCode code, string? path) : base(Describe(code, path))
    {
        Code = code;
        Path = path;
    }

    /// <summary>Creates an exception for <paramref name="code"/> with a message of its own.</summary>
    protected KeeperException(ErrorCode code, string? path, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
        Path = path;
    }

    /// <summary>The ZooKeeper error code.</summary>
    public ErrorCode Code { get; }

    /// <summary>The path the failed operation named (as the caller gave it), or null.</summary>
    public string? Path { get; }

    /// <summary>
    /// For a failed multi: the result of every operation in order. The operation that failed carries the error,
    /// the ones before it <see cref="ErrorCode.Ok"/> and the ones after it <see cref="ErrorCode.RuntimeInconsistency"/>,
    /// as ZooKeeper reports them. Null for any other operation.
    /// </summary>
    public IReadOnlyList<OpResult>? Results { get; internal set; }

    /// <summary>Creates the exception subclass that matches <paramref name="code"/>.</summary>
    /// <param name="code">A ZooKeeper error code other than <see cref="ErrorCode.Ok"/>.</param>
    /// <param name="path">The path the operation named, if any.</param>
    public static KeeperException Create(ErrorCode code, string? path = null) => code switch
    {
        ErrorCode.ConnectionLoss => new ConnectionLossException(path),
        ErrorCode.SessionExpired => new SessionExpiredException(path),
        ErrorCode.NoNode => new NoNodeException(path),
        ErrorCode.NodeExists => new NodeExistsException(path),
        ErrorCode.BadVersion => new BadVersionException(path),
        ErrorCode.NotEmpty => new NotEmptyException(path),
        ErrorCode.NoAuth => new NoAuthException(path),
        ErrorCode.NoChildrenForEphemerals => new NoChildrenForEphemeralsException(path),
        ErrorCode.InvalidAcl => new InvalidAclException(path),
        ErrorCode.AuthFailed => new AuthFailedException(path),
        ErrorCode.BadArguments => new BadArgumentsException(path),
        ErrorCode.OperationTimeout => new OperationTimeoutException(path),
        ErrorCode.SessionMoved => new SessionMovedException(path),
        ErrorCode.NotReadOnly => new NotReadOnlyException(path),
        ErrorCode.Unimplemented => new UnimplementedException(path),
        ErrorCode.NoWatcher => new NoWatcherException(path),
        ErrorCode.MarshallingError => new MarshallingErrorException(path),
        ErrorCode.RuntimeInconsistency => new RuntimeInconsistencyException(path),
        _ => new KeeperException(code, path),
    };

    /// <summary>The text ZooKeeper uses for each code, with the path appended.</summary>
    internal static string Describe(ErrorCode code, string? path)
    {
        var text = code switch
        {
            ErrorCode.Ok => "ok",
            ErrorCode.SystemError => "SystemError",
            ErrorCode.RuntimeInconsistency => "RuntimeInconsistency",
            ErrorCode.DataInconsistency => "DataInconsistency",
            ErrorCode.ConnectionLoss => "ConnectionLoss",
            ErrorCode.MarshallingError => "MarshallingError",
            ErrorCode.Unimplemented => "Unimplemented",
            ErrorCode.OperationTimeout => "OperationTimeout",
            ErrorCode.BadArguments => "BadArguments",
            ErrorCode.NoNode => "NoNode",
            ErrorCode.NoAuth => "NoAuth",
            ErrorCode.BadVersion => "BadVersion",
            ErrorCode.NoChildrenForEphemerals => "NoChildrenForEphemerals",
            ErrorCode.NodeExists => "NodeExists",
            ErrorCode.NotEmpty => "Directory not empty",
            ErrorCode.SessionExpired => "Session expired",
            ErrorCode.InvalidAcl => "InvalidACL",
            ErrorCode.AuthFailed => "AuthFailed",
            ErrorCode.SessionMoved => "Session moved",
            ErrorCode.NotReadOnly => "Not a read-only call",
            ErrorCode.NoWatcher => "No such watcher",
            ErrorCode.EphemeralOnLocalSession => "Ephemeral node on local session",
            ErrorCode.ReconfigDisabled => "Reconfig is disabled",
            ErrorCode.SessionClosedRequireSasl => "Session closed because client failed to authenticate",
            ErrorCode.QuotaExceeded => "Quota has exceeded",
            ErrorCode.Throttled => "Op throttled due to high load",
            _ => code.ToString(),
        };
        return path is null ? $"KeeperErrorCode = {text}" : $"KeeperErrorCode = {text} for {path}";
    }
}
