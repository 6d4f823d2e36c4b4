using System.Globalization;
using System.Text;

namespace ZkNet.Server.DataTree;

/// <summary>
/// The text of a zookeeper_limits or zookeeper_stats node, as ZooKeeper's StatsTrack reads and writes it:
/// "key=long" pairs split by runs of ',' or ';'; a missing key reads as -1. Written as "count=C,bytes=B" and, when
/// other keys are present, a stray '=' and ";key=value" for each of them in ordinal order
/// ("count=-1,bytes=-1=;byteHardLimit=-1;countHardLimit=5"), which keeps 3.4 parsers reading count and bytes.
/// </summary>
public sealed class StatsTrack
{
    /// <summary>The soft node-count limit, or the node count of a stats node.</summary>
    public const string CountKey = "count";
    /// <summary>The soft byte limit, or the byte count of a stats node.</summary>
    public const string BytesKey = "bytes";
    /// <summary>The hard node-count limit.</summary>
    public const string CountHardLimitKey = "countHardLimit";
    /// <summary>The hard byte limit.</summary>
    public const string ByteHardLimitKey = "byteHardLimit";

    private readonly Dictionary<string, long> _values = new(StringComparer.Ordinal);

    /// <summary>Reads a node's data (null or empty: no keys).</summary>
    public static StatsTrack Parse(byte[]? data)
    {
        var track = new StatsTrack();
        if (data is null || data.Length == 0)
        {
            return track;
        }
        foreach (var pair in Encoding.UTF8.GetString(data).Split([',', ';'], StringSplitOptions.RemoveEmptyEntries))
        {
            // ZooKeeper splits on '=' and drops trailing empty parts: "bytes=5=" is bytes 5, "count==" has no
            // value (-1). A pair it cannot read (no '=' at all, not a number) throws there and stops the server;
            // here it is skipped, which reads as the key being absent.
            var parts = pair.Split('=');
            var length = parts.Length;
            while (length > 0 && parts[length - 1].Length == 0)
            {
                length--;
            }
            if (length < 2)
            {
                continue;
            }
            if (parts[1].Length == 0)
            {
                track._values[parts[0]] = -1;
            }
            else if (long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                track._values[parts[0]] = value;
            }
        }
        return track;
    }

    /// <summary>count (-1 when absent).</summary>
    public long Count
    {
        get => Get(CountKey);
        set => _values[CountKey] = value;
    }

    /// <summary>bytes (-1 when absent).</summary>
    public long Bytes
    {
        get => Get(BytesKey);
        set => _values[BytesKey] = value;
    }

    /// <summary>countHardLimit (-1 when absent).</summary>
    public long CountHardLimit => Get(CountHardLimitKey);

    /// <summary>byteHardLimit (-1 when absent).</summary>
    public long ByteHardLimit => Get(ByteHardLimitKey);

    /// <summary>The value of <paramref name="key"/>, or -1.</summary>
    public long Get(string key) => _values.TryGetValue(key, out var value) ? value : -1;

    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"count={Count},bytes={Bytes}");
        var first = true;
        foreach (var key in _values.Keys.Where(k => k is not (CountKey or BytesKey)).Order(StringComparer.Ordinal))
        {
            if (first)
            {
                text.Append('=');
                first = false;
            }
            text.Append(CultureInfo.InvariantCulture, $";{key}={_values[key]}");
        }
        return text.ToString();
    }

    /// <summary>The UTF-8 bytes of <see cref="ToString"/>, as stored in the node.</summary>
    public byte[] ToBytes() => Encoding.UTF8.GetBytes(ToString());
}
