namespace ZkNet.Persistence.TxnLog;

/// <summary>The preallocation rule of ZooKeeper's FilePadding.calculateFileSizeWithPadding.</summary>
public static class FilePadding
{
    /// <summary>How close to the end of the preallocated space a write may come before the file is extended.</summary>
    public const int Margin = 4096;

    /// <summary>
    /// The size a log file should have before writing up to <paramref name="position"/>, given its current size:
    /// unchanged while more than 4 KiB remain; otherwise one more <paramref name="preAllocSize"/>, or, when the
    /// writes already went past the end, the next multiple of it above the position.
    /// </summary>
    public static long CalculateFileSizeWithPadding(long position, long fileSize, long preAllocSize)
    {
        if (preAllocSize > 0 && position + Margin >= fileSize)
        {
            if (position > fileSize)
            {
                fileSize = position + preAllocSize;
                fileSize -= fileSize % preAllocSize;
            }
            else
            {
                fileSize += preAllocSize;
            }
        }
        return fileSize;
    }
}
