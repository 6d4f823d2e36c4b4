using System.Buffers.Binary;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;
using ZkNet.Protocol.Tests.Support;

namespace ZkNet.Protocol.Tests.Jute;

/// <summary>Lengths and counts a hostile or broken peer might send: refused with JuteException before any allocation.</summary>
public sealed class JuteReaderHostileInputTests
{
    private static byte[] Int(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        return bytes;
    }

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    // Allocation of the current thread while decoding; a refused 2 GB length must not cost more than bookkeeping.
    private static long AllocatedBy(Action action)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Theory]
    [InlineData(-2)]
    [InlineData(int.MinValue)]
    public void String_and_buffer_lengths_below_minus_one_are_refused(int length)
    {
        var bytes = Concat(Int(length), new byte[8]);
        Assert.Throws<JuteException>(() => new JuteReader(bytes).ReadString());
        Assert.Throws<JuteException>(() => new JuteReader(bytes).ReadBuffer());
    }

    [Fact]
    public void Minus_one_length_reads_as_null()
    {
        Assert.Null(new JuteReader(Int(-1)).ReadString());
        Assert.Null(new JuteReader(Int(-1)).ReadBuffer());
        Assert.Null(new JuteReader(Int(-1)).ReadStringVector());
    }

    [Fact]
    public void Huge_string_and_buffer_lengths_are_refused_before_allocating()
    {
        var bytes = Concat(Int(int.MaxValue), new byte[16]);
        long allocated = 0;
        allocated += AllocatedBy(() => Assert.Throws<JuteException>(() => new JuteReader(bytes).ReadString()));
        allocated += AllocatedBy(() => Assert.Throws<JuteException>(() => new JuteReader(bytes).ReadBuffer()));
        Assert.True(allocated < 100_000, $"{allocated} bytes allocated");
    }

    [Fact]
    public void Huge_vector_count_is_refused_before_allocating_for_every_vector_kind()
    {
        var bytes = Concat(Int(int.MaxValue), new byte[64]);
        var allocated = AllocatedBy(() =>
        {
            Assert.Throws<JuteException>(() => new JuteReader(bytes).ReadStringVector());
            Assert.Throws<JuteException>(() => JuteCodec.DecodePrefix<GetChildrenResponse>(bytes));
            Assert.Throws<JuteException>(() => JuteCodec.DecodePrefix<WhoAmIResponse>(bytes));
            Assert.Throws<JuteException>(() => JuteCodec.DecodePrefix<MultiTxn>(bytes));
            Assert.Throws<JuteException>(() =>
            {
                var reader = new JuteReader(bytes);
                return Acl.ReadVector(ref reader);
            });
        });
        Assert.True(allocated < 200_000, $"{allocated} bytes allocated");
    }

    [Fact]
    public void Vector_count_larger_than_the_bytes_left_is_refused_even_when_small()
    {
        // Three entries announced, bytes for one.
        var bytes = Concat(Int(3), Int(1), "a"u8.ToArray());
        Assert.Throws<JuteException>(() => JuteCodec.DecodePrefix<GetChildrenResponse>(bytes));
    }

    [Fact]
    public void Vector_count_below_minus_one_is_refused()
    {
        Assert.Throws<JuteException>(() => new JuteReader(Concat(Int(-2), new byte[8])).ReadStringVector());
    }

    [Fact]
    public void Null_vectors_and_null_strings_in_non_nullable_fields_read_as_empty()
    {
        var response = JuteCodec.Decode<GetChildrenResponse>(Int(-1));
        Assert.Empty(response.Children);
        var acl = JuteCodec.Decode<GetAclResponse>(Concat(Int(-1), new byte[68]));
        Assert.Empty(acl.Acl);
        Assert.Equal("", JuteCodec.Decode<SyncRequest>(Int(-1)).Path);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(7)]
    public void Reading_past_the_end_raises_JuteException(int available)
    {
        var bytes = new byte[available];
        Assert.Throws<JuteException>(() => new JuteReader(bytes).ReadLong());
        if (available < 4)
        {
            Assert.Throws<JuteException>(() => new JuteReader(bytes).ReadInt());
        }
        if (available == 0)
        {
            Assert.Throws<JuteException>(() => new JuteReader(bytes).ReadBool());
        }
    }
}
