namespace ZkNet.Persistence.TxnLog;

/// <summary>
/// A txn log is damaged where a crash cannot explain it: a bad record with valid records after it, a bad record in
/// a log that is not the last, a bad file header, or a record whose checksum matches but which does not decode.
/// Recovery must stop: committed txns may be lost.
/// </summary>
public sealed class TxnLogCorruptException : IOException
{
    /// <summary>Creates the exception for <paramref name="file"/> at <paramref name="offset"/>.</summary>
    public TxnLogCorruptException(string file, long offset, string reason, Exception? inner = null)
        : base($"txn log {file} is corrupt at offset {offset}: {reason}", inner)
    {
        File = file;
        Offset = offset;
        Reason = reason;
    }

    /// <summary>Creates the exception.</summary>
    public TxnLogCorruptException() : this("?", -1, "unknown")
    {
    }

    /// <summary>Creates the exception.</summary>
    public TxnLogCorruptException(string message) : this("?", -1, message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public TxnLogCorruptException(string message, Exception innerException) : this("?", -1, message, innerException)
    {
    }

    /// <summary>The damaged file.</summary>
    public string File { get; }

    /// <summary>Offset of the damaged record or header.</summary>
    public long Offset { get; }

    /// <summary>What is wrong.</summary>
    public string Reason { get; }
}
