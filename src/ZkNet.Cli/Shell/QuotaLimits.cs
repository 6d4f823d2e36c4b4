using System.Globalization;
using System.Text.RegularExpressions;

namespace ZkNet.Cli.Shell;

/// <summary>
/// The text of a zookeeper_limits node. zkCli 3.8 writes it as
/// "count=5,bytes=-1=;byteHardLimit=-1;countHardLimit=-1" (the stray '=' is its own), and reads back any
/// "name=number" pairs, so this does the same.
/// </summary>
internal sealed partial class QuotaLimits
{
    public long Count { get; set; } = -1;

    public long Bytes { get; set; } = -1;

    public long CountHardLimit { get; set; } = -1;

    public long ByteHardLimit { get; set; } = -1;

    public static QuotaLimits Parse(string text)
    {
        var limits = new QuotaLimits();
        foreach (Match pair in Pair().Matches(text))
        {
            var value = long.Parse(pair.Groups[2].Value, CultureInfo.InvariantCulture);
            switch (pair.Groups[1].Value)
            {
                case "count": limits.Count = value; break;
                case "bytes": limits.Bytes = value; break;
                case "countHardLimit": limits.CountHardLimit = value; break;
                case "byteHardLimit": limits.ByteHardLimit = value; break;
            }
        }
        return limits;
    }

    /// <summary>Sets or clears (-1) the limit that zkCli's option letter names: n, b, N or B.</summary>
    public void Set(char option, long value)
    {
        switch (option)
        {
            case 'n': Count = value; break;
            case 'b': Bytes = value; break;
            case 'N': CountHardLimit = value; break;
            case 'B': ByteHardLimit = value; break;
        }
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"count={Count},bytes={Bytes}=;byteHardLimit={ByteHardLimit};countHardLimit={CountHardLimit}");

    [GeneratedRegex(@"([A-Za-z]+)=(-?\d+)")]
    private static partial Regex Pair();
}
