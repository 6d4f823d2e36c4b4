using ZkNet.TestSupport;

namespace ZkNet.Client.Tests.Infrastructure;

/// <summary>Apache ZooKeeper 3.8, default tickTime (2 s: session timeouts from 4 s to 40 s).</summary>
public sealed class ApacheServer : ServerFixture
{
    /// <inheritdoc />
    public override ServerKind Kind => ServerKind.ApacheZooKeeper;
}

/// <summary>ZkNet, default tickTime.</summary>
public sealed class ZkNetServer : ServerFixture
{
    /// <inheritdoc />
    public override ServerKind Kind => ServerKind.ZkNet;
}

/// <summary>Apache ZooKeeper 3.8 with tickTime 500 ms, so sessions can be as short as 1 s and expire quickly.</summary>
public sealed class ApacheFastServer : ServerFixture
{
    /// <inheritdoc />
    public override ServerKind Kind => ServerKind.ApacheZooKeeper;

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, string> ExtraConfig => FastTick.Config;
}

/// <summary>ZkNet with tickTime 500 ms.</summary>
public sealed class ZkNetFastServer : ServerFixture
{
    /// <inheritdoc />
    public override ServerKind Kind => ServerKind.ZkNet;

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, string> ExtraConfig => FastTick.Config;
}

internal static class FastTick
{
    public static readonly IReadOnlyDictionary<string, string> Config = new Dictionary<string, string> { ["tickTime"] = "500" };
}
