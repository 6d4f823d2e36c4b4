using System.Globalization;

namespace ZkNet.Hosting.Configuration;

/// <summary>
/// Java's number parsing, which decides what ZooKeeper accepts: <c>Integer.parseInt</c> (optional sign, then
/// decimal digits, any Unicode decimal digit counting, no blanks) for zoo.cfg's own keys, and
/// <c>Integer.decode</c> (also 0x/#-hex and 0-octal) behind <c>Integer.getInteger</c> for system-property keys.
/// </summary>
public static class JavaNumbers
{
    /// <summary>Integer.parseInt.</summary>
    public static bool TryParseInt(string text, out int value) => TryNarrow(TryParse(text, 10, allowSign: true, out var wide), wide, out value);

    /// <summary>Long.parseLong.</summary>
    public static bool TryParseLong(string text, out long value) => TryLong(TryParse(text, 10, allowSign: true, out var wide), wide, out value);

    /// <summary>Integer.decode (what Integer.getInteger uses).</summary>
    public static bool TryDecodeInt(string text, out int value) => TryNarrow(TryDecode(text, out var wide), wide, out value);

    /// <summary>Long.decode (what Long.getLong uses).</summary>
    public static bool TryDecodeLong(string text, out long value) => TryLong(TryDecode(text, out var wide), wide, out value);

    private static bool TryLong(bool ok, Int128 wide, out long value)
    {
        ok = ok && wide >= long.MinValue && wide <= long.MaxValue;
        value = ok ? (long)wide : 0;
        return ok;
    }

    private static bool TryNarrow(bool ok, Int128 wide, out int value)
    {
        ok = ok && wide >= int.MinValue && wide <= int.MaxValue;
        value = ok ? (int)wide : 0;
        return ok;
    }

    private static bool TryDecode(string text, out Int128 value)
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (text.Length > 0 && text[0] is '-' or '+')
        {
            negative = text[0] == '-';
            i = 1;
        }
        var radix = 10;
        if (string.CompareOrdinal(text, i, "0x", 0, 2) == 0 || string.CompareOrdinal(text, i, "0X", 0, 2) == 0)
        {
            radix = 16;
            i += 2;
        }
        else if (string.CompareOrdinal(text, i, "#", 0, 1) == 0)
        {
            radix = 16;
            i += 1;
        }
        else if (string.CompareOrdinal(text, i, "0", 0, 1) == 0 && text.Length > i + 1)
        {
            radix = 8;
            i += 1;
        }
        // Integer.decode refuses a second sign after the prefix.
        if (i >= text.Length || text[i] is '-' or '+' || !TryParse(text[i..], radix, allowSign: false, out var magnitude))
        {
            return false;
        }
        value = negative ? -magnitude : magnitude;
        return true;
    }

    private static bool TryParse(string text, int radix, bool allowSign, out Int128 value)
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (allowSign && text.Length > 0 && text[0] is '-' or '+')
        {
            negative = text[0] == '-';
            i = 1;
        }
        if (i >= text.Length)
        {
            return false;
        }
        for (; i < text.Length; i++)
        {
            var digit = Digit(text[i], radix);
            if (digit < 0)
            {
                return false;
            }
            value = value * radix + digit;
            if (value > (Int128)long.MaxValue + 1)
            {
                return false; // beyond any long: stop before the accumulator itself overflows
            }
        }
        // The range (int or long) is the caller's to check: a magnitude of 2^63 is fine once negated.
        value = negative ? -value : value;
        return true;
    }

    // Character.digit: Unicode decimal digits for every radix, Latin letters for radix above 10.
    private static int Digit(char c, int radix)
    {
        var digit = CharUnicodeInfo.GetDecimalDigitValue(c);
        if (digit < 0 && radix > 10)
        {
            digit = c is >= 'a' and <= 'z' ? c - 'a' + 10 : c is >= 'A' and <= 'Z' ? c - 'A' + 10 : -1;
        }
        return digit < radix ? digit : -1;
    }
}
