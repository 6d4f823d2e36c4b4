namespace ZkNet.Protocol.Framing;

/// <summary>A packet's length prefix is negative or exceeds <c>jute.maxbuffer</c>.</summary>
public sealed class FrameTooLargeException : Exception
{
    /// <summary>Creates the exception for a refused length.</summary>
    public FrameTooLargeException(int length, int maxBuffer)
        : base($"Len error {length}: packet length must be between 0 and jute.maxbuffer ({maxBuffer})")
    {
        Length = length;
    }

    /// <summary>Creates the exception.</summary>
    public FrameTooLargeException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public FrameTooLargeException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception wrapping another.</summary>
    public FrameTooLargeException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>The refused length.</summary>
    public int Length { get; }
}
