namespace ZkNet.Persistence.Snapshots;

/// <summary>
/// The stream format of snappy-java's SnappyOutputStream, which ZooKeeper uses for .snappy snapshots: an 8-byte
/// magic (0x82 "SNAPPY" 0), two big-endian ints (format version 1, minimum compatible version 1), then blocks,
/// each a big-endian int length followed by that many bytes of raw Snappy-compressed data.
/// </summary>
internal static class XerialSnappyFormat
{
    public static ReadOnlySpan<byte> Magic => [0x82, (byte)'S', (byte)'N', (byte)'A', (byte)'P', (byte)'P', (byte)'Y', 0];

    public const int HeaderSize = 16;

    public const int Version = 1;

    public const int MinimumCompatibleVersion = 1;

    /// <summary>Uncompressed bytes per block (snappy-java's default block size).</summary>
    public const int BlockSize = 32 * 1024;
}
