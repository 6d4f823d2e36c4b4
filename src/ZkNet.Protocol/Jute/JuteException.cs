namespace ZkNet.Protocol.Jute;

/// <summary>Raised when bytes do not decode as the expected Jute record (truncated, negative lengths, garbage).</summary>
public sealed class JuteException : Exception
{
    /// <summary>Creates the exception with a message describing what was malformed.</summary>
    public JuteException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public JuteException()
    {
    }

    /// <summary>Creates the exception wrapping another.</summary>
    public JuteException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
