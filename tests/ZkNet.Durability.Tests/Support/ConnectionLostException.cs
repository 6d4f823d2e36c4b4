namespace ZkNet.Durability.Tests.Support;

/// <summary>The connection dropped before a reply came: the request may or may not have been applied.</summary>
internal sealed class ConnectionLostException : Exception
{
    public ConnectionLostException()
    {
    }

    public ConnectionLostException(string message) : base(message)
    {
    }

    public ConnectionLostException(string message, Exception inner) : base(message, inner)
    {
    }
}
