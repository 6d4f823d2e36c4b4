namespace ZkNet.Server.Auth.Sasl;

/// <summary>A SASL exchange that failed: bad credentials, an unknown user, or a malformed token.</summary>
public sealed class SaslException : Exception
{
    /// <summary>Creates the exception with the reason.</summary>
    public SaslException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public SaslException()
    {
    }

    /// <summary>Creates the exception wrapping another.</summary>
    public SaslException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
