namespace ZkNet.Persistence.Snapshots;

/// <summary>A snapshot is truncated, fails its checksum seal, or does not decode.</summary>
public sealed class SnapshotCorruptException : IOException
{
    /// <summary>Creates the exception.</summary>
    public SnapshotCorruptException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public SnapshotCorruptException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public SnapshotCorruptException()
    {
    }
}
