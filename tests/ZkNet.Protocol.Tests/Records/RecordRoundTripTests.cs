using System.Collections;
using System.Reflection;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Tests.Support;

namespace ZkNet.Protocol.Tests.Records;

/// <summary>Every record type encodes and decodes back to the same fields and the same bytes.</summary>
public sealed class RecordRoundTripTests
{
    private static readonly MethodInfo RoundTripMethod =
        typeof(RecordRoundTripTests).GetMethod(nameof(RoundTrip), BindingFlags.NonPublic | BindingFlags.Static)!;

    public static TheoryData<int> TypicalIndexes => new(Enumerable.Range(0, RecordSamples.Typical.Count));

    public static TheoryData<int> EdgeIndexes => new(Enumerable.Range(0, RecordSamples.Edges.Count));

    [Theory]
    [MemberData(nameof(TypicalIndexes))]
    public void Record_with_distinct_field_values_round_trips(int index) => RoundTripAny(RecordSamples.Typical[index]);

    [Theory]
    [MemberData(nameof(EdgeIndexes))]
    public void Record_with_null_empty_and_extreme_values_round_trips(int index) => RoundTripAny(RecordSamples.Edges[index]);

    [Fact]
    public void Samples_cover_every_record_type_in_the_protocol_assembly()
    {
        var recordTypes = typeof(IJuteRecord).Assembly.GetTypes()
            .Where(t => t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IJuteRecord<>)))
            .Select(t => t.Name).ToHashSet();
        var sampled = RecordSamples.Typical.Select(r => r.GetType().Name).ToHashSet();
        Assert.Empty(recordTypes.Except(sampled));
        Assert.True(recordTypes.Count >= 60, $"only {recordTypes.Count} record types found");
    }

    private static void RoundTripAny(IJuteRecord record) =>
        RoundTripMethod.MakeGenericMethod(record.GetType()).Invoke(null, [record]);

    private static void RoundTrip<T>(T record)
        where T : IJuteRecord<T>
    {
        var bytes = JuteCodec.Encode(record);
        var decoded = JuteCodec.Decode<T>(bytes);
        AssertSameFields(record, decoded, typeof(T).Name);
        Assert.Equal(bytes, JuteCodec.Encode(decoded));
    }

    private static void AssertSameFields(object? expected, object? actual, string path)
    {
        if (expected is null || actual is null)
        {
            Assert.True(expected is null && actual is null, $"{path}: expected {expected ?? "null"}, got {actual ?? "null"}");
            return;
        }
        var type = expected.GetType();
        if (expected is string || type.IsPrimitive || type.IsEnum)
        {
            Assert.True(Equals(expected, actual), $"{path}: expected {expected}, got {actual}");
            return;
        }
        if (expected is IEnumerable expectedItems && actual is IEnumerable actualItems)
        {
            var left = expectedItems.Cast<object?>().ToList();
            var right = actualItems.Cast<object?>().ToList();
            Assert.True(left.Count == right.Count, $"{path}: {left.Count} items expected, got {right.Count}");
            for (var i = 0; i < left.Count; i++)
            {
                AssertSameFields(left[i], right[i], $"{path}[{i}]");
            }
            return;
        }
        Assert.Equal(type, actual.GetType());
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            AssertSameFields(property.GetValue(expected), property.GetValue(actual), $"{path}.{property.Name}");
        }
    }
}
