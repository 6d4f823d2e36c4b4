using ZkNet.Protocol;

namespace ZkNet.Client.Multi;

/// <summary>
/// An operation that failed (its error code) or, in a failed transaction, one that was not applied:
/// <see cref="ErrorCode.Ok"/> before the failing operation, <see cref="ErrorCode.RuntimeInconsistency"/> after it.
/// </summary>
/// <param name="Error">The error code.</param>
public sealed record ErrorOpResult(ErrorCode Error) : OpResult;
