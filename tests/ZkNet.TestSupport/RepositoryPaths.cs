namespace ZkNet.TestSupport;

/// <summary>Locates the repository and the built zknet executable from a test's output folder.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder holding ZkNet.slnx.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration the tests were built with (Debug or Release).</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Release" : "Debug";

    /// <summary>zknet.dll as built for the same configuration as the tests.</summary>
    public static string ZkNetDll => Path.Combine(Root, "src", "ZkNet.Cli", "bin", Configuration, "net10.0", "zknet.dll");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ZkNet.slnx")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("ZkNet.slnx not found above " + AppContext.BaseDirectory);
    }
}
