namespace ZkNet.LoadGen.Wire;

/// <summary>Receives each complete frame (without its length prefix) that a session reads.</summary>
internal interface IFrameHandler
{
    void OnFrame(ReadOnlySpan<byte> frame);
}
