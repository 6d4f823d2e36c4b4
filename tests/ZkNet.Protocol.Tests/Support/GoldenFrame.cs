namespace ZkNet.Protocol.Tests.Support;

/// <summary>One packet captured from the real Java client talking to Apache ZooKeeper 3.8 (golden/NNN-DIR-NAME.hex).</summary>
/// <param name="Number">Its position in the captured session, from 1.</param>
/// <param name="Name">The file name without extension.</param>
/// <param name="FromClient">True for client to server.</param>
/// <param name="Bytes">The whole packet, length prefix included.</param>
internal sealed record GoldenFrame(int Number, string Name, bool FromClient, byte[] Bytes)
{
    /// <summary>The packet without its 4-byte length prefix.</summary>
    public ReadOnlySpan<byte> Body => Bytes.AsSpan(4);

    public override string ToString() => Name;
}
