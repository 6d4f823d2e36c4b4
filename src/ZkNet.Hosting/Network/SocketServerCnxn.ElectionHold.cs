namespace ZkNet.Hosting.Network;

/// <summary>
/// A handshake that arrives while the member elects waits for a serving pipeline instead of being refused (see
/// ZkNetServer.ElectionHold.cs); four-letter words are answered at once by whatever pipeline is in place.
/// </summary>
internal sealed partial class SocketServerCnxn
{
    private volatile bool _holdsHandshake;

    /// <summary>True while the connection waits for a serving pipeline to take its handshake.</summary>
    internal bool HoldsHandshake => _holdsHandshake;

    /// <summary>Moves the connection, before its handshake, to the pipeline the member serves with (or refuses with).</summary>
    private async ValueTask HoldHandshakeWhileElectingAsync()
    {
        if (_server.IsServing || _limits.HandshakeCore is not { } coreForHandshake)
        {
            return;
        }
        _holdsHandshake = true;
        try
        {
            // The pipeline is written before the flag is cleared: a core switch that sees the flag clear sees it.
            _server = await coreForHandshake().ConfigureAwait(false);
        }
        finally
        {
            _holdsHandshake = false;
        }
    }
}
