using System.Text;
using ZkNet.Persistence.Checksums;
using ZkNet.Server.Checksums;

namespace ZkNet.Persistence.Tests.Checksums;

public sealed class ChecksumTests
{
    [Fact]
    public void Adler32_matches_the_published_value_for_Wikipedia() =>
        Assert.Equal(0x11E60398, Adler32.Compute("Wikipedia"u8));

    [Fact]
    public void Adler32_of_nothing_is_one_as_Java_reports_it() => Assert.Equal(1, default(Adler32).Value);

    [Fact]
    public void Adler32_fed_in_pieces_equals_one_pass_and_a_byte_by_byte_reference_over_long_input()
    {
        var data = new byte[200_000];
        new Random(7).NextBytes(data);
        long a = 1, b = 0;
        foreach (var value in data)
        {
            a = (a + value) % 65521;
            b = (b + a) % 65521;
        }
        var pieces = default(Adler32);
        pieces.Update(data.AsSpan(0, 3));
        pieces.Update(data.AsSpan(3, 10_000));
        pieces.Update(data.AsSpan(10_003));
        Assert.Equal((b << 16) | a, Adler32.Compute(data));
        Assert.Equal((b << 16) | a, pieces.Value);
    }

    [Fact]
    public void Crc32_matches_the_standard_check_value() =>
        Assert.Equal(0xCBF43926, Crc32.Compute(Encoding.ASCII.GetBytes("123456789")));
}
