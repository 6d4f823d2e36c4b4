namespace ZkNet.Interop.Tests.Infrastructure;

/// <summary>Top-level znode paths no other test uses, so tests sharing a server never see each other's nodes.</summary>
public static class UniquePath
{
    /// <summary>"/prefix-xxxxxxxx".</summary>
    public static string For(string prefix) => "/" + prefix + "-" + Guid.NewGuid().ToString("N")[..8];
}
