using System.Globalization;

namespace ZkNet.Persistence.Snapshots;

/// <summary>Snapshot file names (Util.makeSnapshotName, SnapStream.getStreamMode).</summary>
public static class SnapshotFileName
{
    /// <summary>The file name prefix of snapshots.</summary>
    public const string Prefix = "snapshot";

    /// <summary>snapshot.&lt;zxid in lower-case hex&gt; plus ".gz" or ".snappy" when compressed.</summary>
    public static string Make(long zxid, SnapshotCompression compression) =>
        Prefix + "." + zxid.ToString("x", CultureInfo.InvariantCulture) + compression switch
        {
            SnapshotCompression.Gzip => ".gz",
            SnapshotCompression.Snappy => ".snappy",
            _ => "",
        };

    /// <summary>
    /// Parses a snapshot file name into its zxid and compression; false for anything else, including the
    /// &lt;name&gt;.tmp files a snapshot is written to before it is renamed into place.
    /// </summary>
    public static bool TryParse(string fileName, out long zxid, out SnapshotCompression compression)
    {
        zxid = -1;
        compression = SnapshotCompression.None;
        var parts = fileName.Split('.');
        if (parts.Length is < 2 or > 3 || parts[0] != Prefix ||
            !long.TryParse(parts[1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out zxid))
        {
            zxid = -1;
            return false;
        }
        if (parts.Length == 2)
        {
            return true;
        }
        if (parts[2].Equals("gz", StringComparison.OrdinalIgnoreCase))
        {
            compression = SnapshotCompression.Gzip;
            return true;
        }
        if (parts[2].Equals("snappy", StringComparison.OrdinalIgnoreCase))
        {
            compression = SnapshotCompression.Snappy;
            return true;
        }
        zxid = -1;
        return false;
    }
}
