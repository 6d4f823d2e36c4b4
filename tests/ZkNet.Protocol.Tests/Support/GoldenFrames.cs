namespace ZkNet.Protocol.Tests.Support;

/// <summary>The packets of the captured client session (golden/NNN-DIR-NAME.hex).</summary>
internal static class GoldenFrames
{
    private static readonly Lazy<IReadOnlyList<GoldenFrame>> Frames = new(() =>
        GoldenFiles.Read("golden").Select(f => new GoldenFrame(f.Number, f.Name, f.Name[4..7] == "c2s", f.Bytes)).ToList());

    /// <summary>Every captured frame, in session order.</summary>
    public static IReadOnlyList<GoldenFrame> All => Frames.Value;

    /// <summary>The frame with the given session position.</summary>
    public static GoldenFrame Get(int number) => All[number - 1];

    /// <summary>Frame numbers as xunit theory data.</summary>
    public static TheoryData<int> Numbers() => new(All.Select(f => f.Number));
}
