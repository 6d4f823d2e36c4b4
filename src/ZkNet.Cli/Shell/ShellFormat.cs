using System.Globalization;
using System.Text;
using ZkNet.Client.Watches;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.Cli.Shell;

/// <summary>Text forms that zkCli prints and that runbooks parse: Stat, ACLs, lists, watch events.</summary>
internal static class ShellFormat
{
    public static string Stat(Stat stat)
    {
        var text = new StringBuilder();
        text.Append("cZxid = 0x").Append(Hex(stat.Czxid)).Append('\n');
        text.Append("ctime = ").Append(JavaDate(stat.Ctime)).Append('\n');
        text.Append("mZxid = 0x").Append(Hex(stat.Mzxid)).Append('\n');
        text.Append("mtime = ").Append(JavaDate(stat.Mtime)).Append('\n');
        text.Append("pZxid = 0x").Append(Hex(stat.Pzxid)).Append('\n');
        text.Append("cversion = ").Append(stat.Cversion).Append('\n');
        text.Append("dataVersion = ").Append(stat.Version).Append('\n');
        text.Append("aclVersion = ").Append(stat.Aversion).Append('\n');
        text.Append("ephemeralOwner = 0x").Append(Hex(stat.EphemeralOwner)).Append('\n');
        text.Append("dataLength = ").Append(stat.DataLength).Append('\n');
        text.Append("numChildren = ").Append(stat.NumChildren);
        return text.ToString();
    }

    /// <summary>Java's Long.toHexString: lower case, no leading zeros, two's complement for negatives.</summary>
    public static string Hex(long value) => value.ToString("x", CultureInfo.InvariantCulture);

    /// <summary>
    /// Java's Date.toString ("EEE MMM dd HH:mm:ss zzz yyyy") in the local time zone, which is what zkCli prints
    /// for ctime and mtime.
    /// </summary>
    public static string JavaDate(long epochMillis)
    {
        var utc = DateTimeOffset.FromUnixTimeMilliseconds(epochMillis);
        var zone = TimeZoneInfo.Local;
        var local = TimeZoneInfo.ConvertTime(utc, zone);
        var name = ZoneAbbreviation(zone, local);
        return local.ToString("ddd MMM dd HH:mm:ss", CultureInfo.InvariantCulture) + " " + name + " " +
            local.ToString("yyyy", CultureInfo.InvariantCulture);
    }

    private static string ZoneAbbreviation(TimeZoneInfo zone, DateTimeOffset local)
    {
        if (zone.BaseUtcOffset == TimeSpan.Zero && !zone.SupportsDaylightSavingTime)
        {
            return "UTC";
        }
        // .NET has no zone abbreviations (CET, PDT); Java falls back to this form for zones it cannot name.
        var offset = local.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        return string.Create(CultureInfo.InvariantCulture, $"GMT{sign}{Math.Abs(offset.Hours):00}:{Math.Abs(offset.Minutes):00}");
    }

    /// <summary>An ACL as zkCli prints it: "'world,'anyone" then ": cdrwa" for each entry.</summary>
    public static string Acl(IReadOnlyList<Acl> acl)
    {
        var text = new StringBuilder();
        foreach (var entry in acl)
        {
            if (text.Length > 0)
            {
                text.Append('\n');
            }
            text.Append('\'').Append(entry.Id.Scheme).Append(",'").Append(entry.Id.Identity).Append('\n');
            text.Append(": ").Append(PermString(entry.Perms));
        }
        return text.ToString();
    }

    /// <summary>Permission letters in zkCli's order: c, d, r, w, a.</summary>
    public static string PermString(int perms)
    {
        var text = new StringBuilder(5);
        if ((perms & Perms.Create) != 0)
        {
            text.Append('c');
        }
        if ((perms & Perms.Delete) != 0)
        {
            text.Append('d');
        }
        if ((perms & Perms.Read) != 0)
        {
            text.Append('r');
        }
        if ((perms & Perms.Write) != 0)
        {
            text.Append('w');
        }
        if ((perms & Perms.Admin) != 0)
        {
            text.Append('a');
        }
        return text.ToString();
    }

    /// <summary>Java's List.toString: "[a, b]".</summary>
    public static string List(IEnumerable<string> items) => "[" + string.Join(", ", items) + "]";

    /// <summary>A watch event as zkCli's watcher prints it.</summary>
    public static string Event(WatchedEvent watchedEvent) =>
        $"\nWATCHER::\n\nWatchedEvent state:{watchedEvent.State} type:{watchedEvent.Type} path:{watchedEvent.Path ?? "null"}";
}
