using System.Reflection;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Tests.Records;
using ZkNet.Protocol.Tests.Support;

namespace ZkNet.Protocol.Tests.Jute;

/// <summary>
/// Seeded garbage and mutated real packets: decoding may succeed or raise JuteException, and nothing else
/// (no IndexOutOfRange, ArgumentOutOfRange, OutOfMemory or overflow), so one bad packet only closes its connection.
/// </summary>
public sealed class JuteFuzzTests
{
    private const int Seed = 20_250_101;

    private static readonly MethodInfo DecodeMethod =
        typeof(JuteFuzzTests).GetMethod(nameof(Decode), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static void Decode<T>(byte[] bytes)
        where T : IJuteRecord<T> => JuteCodec.DecodePrefix<T>(bytes);

    private static Exception? DecodeAs(Type type, byte[] bytes)
    {
        try
        {
            DecodeMethod.MakeGenericMethod(type).Invoke(null, [bytes]);
            return null;
        }
        catch (TargetInvocationException e)
        {
            return e.InnerException;
        }
    }

    [Fact]
    public void Random_bytes_decode_or_raise_JuteException_for_every_record_type()
    {
        var random = new Random(Seed);
        var types = RecordSamples.Typical.Select(r => r.GetType()).Distinct().ToList();
        foreach (var type in types)
        {
            for (var i = 0; i < 300; i++)
            {
                var bytes = new byte[random.Next(0, 96)];
                random.NextBytes(bytes);
                // Small lengths make decoders go deep instead of failing at the first length prefix.
                for (var j = 0; j + 4 <= bytes.Length; j += 4)
                {
                    if (random.Next(3) == 0)
                    {
                        bytes[j] = bytes[j + 1] = bytes[j + 2] = 0;
                        bytes[j + 3] %= 12;
                    }
                }
                var error = DecodeAs(type, bytes);
                Assert.True(error is null or JuteException, $"seed {Seed}, {type.Name}, {Convert.ToHexString(bytes)}: {error}");
            }
        }
    }

    [Fact]
    public void Mutated_golden_packets_decode_or_raise_JuteException()
    {
        var random = new Random(Seed);
        foreach (var frame in GoldenFrames.All)
        {
            for (var i = 0; i < 200; i++)
            {
                var body = frame.Body.ToArray();
                var flips = random.Next(1, 4);
                for (var f = 0; f < flips && body.Length > 0; f++)
                {
                    body[random.Next(body.Length)] = (byte)random.Next(256);
                }
                var error = Record.Exception(() => GoldenSession.Decode(frame, body, out _));
                Assert.True(error is null or JuteException, $"seed {Seed}, {frame}, {Convert.ToHexString(body)}: {error}");
            }
        }
    }
}
