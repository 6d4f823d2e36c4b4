using ZkNet.Hosting.Configuration;

namespace ZkNet.Hosting.Tests.Configuration;

/// <summary>Integer.parseInt and Integer.decode, the two ways ZooKeeper reads numbers from zoo.cfg.</summary>
public sealed class JavaNumbersTests
{
    [Theory]
    [InlineData("2000", 2000)]
    [InlineData("+2000", 2000)]
    [InlineData("-1", -1)]
    [InlineData("02000", 2000)]
    [InlineData("\uff12\uff10\uff10\uff10", 2000)] // fullwidth digits are Unicode decimal digits
    [InlineData("2147483647", int.MaxValue)]
    [InlineData("-2147483648", int.MinValue)]
    public void ParseInt_accepts_what_Integer_parseInt_accepts(string text, int expected)
    {
        Assert.True(JavaNumbers.TryParseInt(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("+")]
    [InlineData("-")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("0x10")]
    [InlineData("1e3")]
    [InlineData("1_000")]
    [InlineData("2147483648")]
    [InlineData("99999999999999999999999999")]
    [InlineData("2000.5")]
    public void ParseInt_refuses_what_Integer_parseInt_refuses(string text)
    {
        Assert.False(JavaNumbers.TryParseInt(text, out _));
    }

    [Theory]
    [InlineData("0x10", 16)]
    [InlineData("0X1f", 31)]
    [InlineData("#ff", 255)]
    [InlineData("010", 8)]
    [InlineData("-0x10", -16)]
    [InlineData("+7", 7)]
    [InlineData("0", 0)]
    [InlineData("-0x80000000", int.MinValue)]
    public void Decode_reads_hex_and_octal_as_Integer_decode(string text, int expected)
    {
        Assert.True(JavaNumbers.TryDecodeInt(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("08")]
    [InlineData("0x")]
    [InlineData("0x-1")]
    [InlineData("--1")]
    [InlineData("0x80000000")]
    [InlineData("")]
    public void Decode_refuses_what_Integer_decode_refuses(string text)
    {
        Assert.False(JavaNumbers.TryDecodeInt(text, out _));
    }

    [Fact]
    public void Long_forms_cover_the_long_range()
    {
        Assert.True(JavaNumbers.TryParseLong("9223372036854775807", out var max));
        Assert.Equal(long.MaxValue, max);
        Assert.False(JavaNumbers.TryParseLong("9223372036854775808", out _));
        Assert.True(JavaNumbers.TryDecodeLong("0x7fffffffffffffff", out var hex));
        Assert.Equal(long.MaxValue, hex);
        Assert.True(JavaNumbers.TryDecodeLong("-9223372036854775808", out var min));
        Assert.Equal(long.MinValue, min);
    }
}
