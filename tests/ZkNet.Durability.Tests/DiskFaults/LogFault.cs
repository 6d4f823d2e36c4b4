namespace ZkNet.Durability.Tests.DiskFaults;

/// <summary>How an armed <see cref="FailingTxnLog"/> fails.</summary>
public enum LogFault
{
    /// <summary>The write fails: nothing of the batch reaches the file.</summary>
    WriteFails,
    /// <summary>The batch is written but its fsync reports an error (EIO): the bytes may or may not be on disk.</summary>
    FsyncFails,
    /// <summary>The log throws something other than an I/O error (a bug): still nothing may be acknowledged.</summary>
    Unexpected,
}
