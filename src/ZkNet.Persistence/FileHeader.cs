using System.Buffers.Binary;

namespace ZkNet.Persistence;

/// <summary>
/// The 16-byte header of every txn log and snapshot file (zookeeper.jute, module server.persistence): a magic
/// number ("ZKLG" for logs, "ZKSN" for snapshots, as big-endian ints), the format version (2) and the database id.
/// </summary>
/// <param name="Magic">The magic number.</param>
/// <param name="Version">The file format version.</param>
/// <param name="DbId">The database id: 0 in the logs ZooKeeper 3.8 writes, -1 in its snapshots.</param>
public readonly record struct FileHeader(int Magic, int Version, long DbId)
{
    /// <summary>Serialized size in bytes.</summary>
    public const int Size = 16;

    /// <summary>"ZKLG" read as a big-endian int.</summary>
    public const int TxnLogMagic = 0x5A4B4C47;

    /// <summary>"ZKSN" read as a big-endian int.</summary>
    public const int SnapshotMagic = 0x5A4B534E;

    /// <summary>The only format version ZooKeeper has written since 3.0 (the folder name version-2).</summary>
    public const int CurrentVersion = 2;

    /// <summary>The header FileTxnLog writes (dbid 0 unless told otherwise).</summary>
    public static FileHeader ForTxnLog(long dbId = 0) => new(TxnLogMagic, CurrentVersion, dbId);

    /// <summary>The header FileSnap writes (its dbId constant is -1).</summary>
    public static FileHeader ForSnapshot() => new(SnapshotMagic, CurrentVersion, -1);

    /// <summary>Writes the header into the first 16 bytes of <paramref name="destination"/>.</summary>
    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteInt32BigEndian(destination, Magic);
        BinaryPrimitives.WriteInt32BigEndian(destination[4..], Version);
        BinaryPrimitives.WriteInt64BigEndian(destination[8..], DbId);
    }

    /// <summary>Reads a header from the first 16 bytes of <paramref name="source"/>.</summary>
    public static FileHeader Read(ReadOnlySpan<byte> source) => new(
        BinaryPrimitives.ReadInt32BigEndian(source),
        BinaryPrimitives.ReadInt32BigEndian(source[4..]),
        BinaryPrimitives.ReadInt64BigEndian(source[8..]));
}
