using System.Globalization;
using System.Text;
using ZkNet.Protocol.Records;
using ZkNet.Server.DataTree;

namespace ZkNet.Cli.Output;

/// <summary>How the file tools spell zxids, session ids, times, data and ACLs, in readable and JSON output alike.</summary>
internal static class ZnodeText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>0x followed by lower-case hex, as ZooKeeper's tools print zxids and session ids. Ids are strings
    /// in JSON too: session ids exceed the 2^53 that JSON numbers hold exactly in most readers.</summary>
    public static string Hex(long value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    /// <summary>A time in ms since the epoch as UTC with milliseconds (2026-11-21 23:15:40.226 UTC).</summary>
    public static string Time(long epochMillis) =>
        epochMillis is < -62_135_596_800_000 or > 253_402_300_799_999
            ? epochMillis.ToString(CultureInfo.InvariantCulture) + " ms"
            : DateTimeOffset.FromUnixTimeMilliseconds(epochMillis).ToString("yyyy-MM-dd HH:mm:ss.fff 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>The same time in ISO 8601 (for log lines, where it leads).</summary>
    public static string IsoTime(long epochMillis) =>
        epochMillis is < -62_135_596_800_000 or > 253_402_300_799_999
            ? epochMillis.ToString(CultureInfo.InvariantCulture)
            : DateTimeOffset.FromUnixTimeMilliseconds(epochMillis).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The data as text when it is UTF-8 without control characters other than tab and newline; else null.</summary>
    public static string? AsText(byte[]? data)
    {
        if (data is null)
        {
            return null;
        }
        string text;
        try
        {
            text = StrictUtf8.GetString(data);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
        foreach (var c in text)
        {
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
            {
                return null;
            }
        }
        return text;
    }

    /// <summary>Readable data: null, a quoted string with \" \\ \n \t \r escaped, or base64:... for binary.</summary>
    public static string Data(byte[]? data)
    {
        if (data is null)
        {
            return "null";
        }
        var text = AsText(data);
        if (text is null)
        {
            return "base64:" + Convert.ToBase64String(data);
        }
        var sb = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                _ => c.ToString(),
            });
        }
        return sb.Append('"').ToString();
    }

    /// <summary>Permissions as zkCli spells them: c(reate) d(elete) r(ead) w(rite) a(dmin).</summary>
    public static string Perms(int perms)
    {
        var sb = new StringBuilder(5);
        if ((perms & ZkNet.Protocol.Perms.Create) != 0)
        {
            sb.Append('c');
        }
        if ((perms & ZkNet.Protocol.Perms.Delete) != 0)
        {
            sb.Append('d');
        }
        if ((perms & ZkNet.Protocol.Perms.Read) != 0)
        {
            sb.Append('r');
        }
        if ((perms & ZkNet.Protocol.Perms.Write) != 0)
        {
            sb.Append('w');
        }
        if ((perms & ZkNet.Protocol.Perms.Admin) != 0)
        {
            sb.Append('a');
        }
        return sb.ToString();
    }

    /// <summary>An ACL list as scheme:id:perms entries, the syntax zkCli's setAcl takes.</summary>
    public static string Acl(IReadOnlyList<Acl>? acl) =>
        acl is null ? "null" : "[" + string.Join(", ", acl.Select(a => $"{a.Id.Scheme}:{a.Id.Identity}:{Perms(a.Perms)}")) + "]";

    /// <summary>An ephemeralOwner value, with what it encodes when it is not a session id.</summary>
    public static string Owner(long owner) => EphemeralOwnerCodec.TypeOf(owner, extendedTypesEnabled: true) switch
    {
        EphemeralType.Container => Hex(owner) + " (container)",
        EphemeralType.Ttl => Hex(owner) + $" (ttl {EphemeralOwnerCodec.TtlOf(owner)} ms)",
        _ => Hex(owner),
    };
}
