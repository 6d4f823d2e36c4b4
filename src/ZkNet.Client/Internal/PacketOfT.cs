using ZkNet.Client.Exceptions;
using ZkNet.Protocol;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;

namespace ZkNet.Client.Internal;

/// <summary>A request whose reply becomes a <typeparamref name="T"/>.</summary>
internal sealed class Packet<T> : Packet
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ReplyParser<T>? _parser;
    private CancellationTokenRegistration _cancellation;

    /// <summary>Creates a packet; a null parser means the reply has no record and the result is default.</summary>
    public Packet(OpCode opCode, IJuteRecord? request, string? clientPath, ReplyParser<T>? parser)
        : base(opCode, request, clientPath)
    {
        _parser = parser;
    }

    /// <summary>An error code answered with default(T) instead of an exception (NoNode for the "try" forms).</summary>
    public ErrorCode ToleratedError { get; init; } = ErrorCode.Ok;

    /// <summary>The caller's task.</summary>
    public Task<T> Task => _completion.Task;

    /// <inheritdoc />
    public override bool IsCompleted => _completion.Task.IsCompleted;

    /// <summary>Cancels the caller's task when <paramref name="cancellationToken"/> fires. A packet already sent
    /// cannot be taken back: its reply is then read and dropped.</summary>
    public void RegisterCancellation(CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled)
        {
            _cancellation = cancellationToken.UnsafeRegister(
                static (state, token) => ((Packet<T>)state!)._completion.TrySetCanceled(token), this);
        }
    }

    /// <inheritdoc />
    public override void Complete(in ReplyHeader header, ref JuteReader body, Chroot chroot)
    {
        var error = (ErrorCode)header.Err;
        // A caller who cancelled no longer expects callbacks: skip the hook, and the server-side watch fires into nothing.
        if (Hook is not null && !_completion.Task.IsCanceled)
        {
            error = Hook.OnReply(error);
        }
        if (error == ErrorCode.Ok)
        {
            T result;
            try
            {
                result = _parser is null ? default! : _parser(ref body, chroot);
            }
            catch (JuteException e)
            {
                Fail(new MarshallingErrorException($"reply to {OpCode} for {ClientPath} did not decode: {e.Message}", e));
                return;
            }
            _completion.TrySetResult(result);
        }
        else if (error == ToleratedError)
        {
            _completion.TrySetResult(default!);
        }
        else
        {
            _completion.TrySetException(KeeperException.Create(error, ClientPath));
        }
        _cancellation.Dispose();
    }

    /// <inheritdoc />
    public override void Fail(Exception exception)
    {
        _completion.TrySetException(exception);
        _cancellation.Dispose();
    }
}
