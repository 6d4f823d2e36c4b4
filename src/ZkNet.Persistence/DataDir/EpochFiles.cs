using System.Globalization;

namespace ZkNet.Persistence.DataDir;

/// <summary>
/// The small files a quorum peer keeps: myid in the data directory (the server id, written by the operator), and
/// acceptedEpoch and currentEpoch in the snapshot directory (dataDir/version-2), which QuorumPeer writes
/// atomically as a decimal number with no newline.
/// </summary>
public static class EpochFiles
{
    /// <summary>The server id file, in dataDir.</summary>
    public const string MyIdFile = "myid";

    /// <summary>The epoch this peer has accepted from a NEWLEADER proposal, in the snapshot directory.</summary>
    public const string AcceptedEpochFile = "acceptedEpoch";

    /// <summary>The epoch of the last leader this peer synced with, in the snapshot directory.</summary>
    public const string CurrentEpochFile = "currentEpoch";

    /// <summary>The id in dataDir/myid, or null when the file does not exist. Surrounding whitespace is ignored.</summary>
    public static long? ReadMyId(string dataDir) => ReadLong(Path.Combine(dataDir, MyIdFile));

    /// <summary>Writes dataDir/myid atomically.</summary>
    public static void WriteMyId(string dataDir, long id) => WriteLong(Path.Combine(dataDir, MyIdFile), id);

    /// <summary>The accepted epoch, or null when the file does not exist yet.</summary>
    public static long? ReadAcceptedEpoch(string snapDir) => ReadLong(Path.Combine(snapDir, AcceptedEpochFile));

    /// <summary>Writes the accepted epoch atomically.</summary>
    public static void WriteAcceptedEpoch(string snapDir, long epoch) => WriteLong(Path.Combine(snapDir, AcceptedEpochFile), epoch);

    /// <summary>The current epoch, or null when the file does not exist yet.</summary>
    public static long? ReadCurrentEpoch(string snapDir) => ReadLong(Path.Combine(snapDir, CurrentEpochFile));

    /// <summary>Writes the current epoch atomically.</summary>
    public static void WriteCurrentEpoch(string snapDir, long epoch) => WriteLong(Path.Combine(snapDir, CurrentEpochFile), epoch);

    private static long? ReadLong(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        // ZooKeeper reads the first line and parses it; an unparsable value is an error, not a missing file.
        var text = File.ReadAllText(path).Trim();
        var firstLine = text.Split('\n')[0].Trim();
        return long.TryParse(firstLine, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new IOException($"found '{firstLine}' in {path}, expected a number");
    }

    private static void WriteLong(string path, long value) =>
        AtomicFile.WriteAllText(path, value.ToString(CultureInfo.InvariantCulture));
}
