using System.Globalization;

namespace ZkNet.Protocol.Tests.Support;

/// <summary>Loads the golden frames copied next to the test assembly.</summary>
internal static class GoldenFrames
{
    private static readonly Lazy<IReadOnlyList<GoldenFrame>> Frames = new(Load);

    /// <summary>Every captured frame, in session order.</summary>
    public static IReadOnlyList<GoldenFrame> All => Frames.Value;

    /// <summary>The frame with the given session position.</summary>
    public static GoldenFrame Get(int number) => All[number - 1];

    /// <summary>Frame numbers as xunit theory data.</summary>
    public static TheoryData<int> Numbers()
    {
        var data = new TheoryData<int>();
        foreach (var frame in All)
        {
            data.Add(frame.Number);
        }
        return data;
    }

    private static List<GoldenFrame> Load()
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "golden");
        var frames = new List<GoldenFrame>();
        foreach (var path in Directory.GetFiles(directory, "*.hex").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            var number = int.Parse(name[..3], CultureInfo.InvariantCulture);
            var hex = string.Concat(File.ReadLines(path).Where(l => !l.StartsWith('#')).Select(l => l.Trim()));
            frames.Add(new GoldenFrame(number, name, name[4..7] == "c2s", Convert.FromHexString(hex)));
        }
        for (var i = 0; i < frames.Count; i++)
        {
            if (frames[i].Number != i + 1)
            {
                throw new InvalidOperationException($"golden frames are not numbered 1..n: {frames[i].Name}");
            }
        }
        return frames;
    }
}
