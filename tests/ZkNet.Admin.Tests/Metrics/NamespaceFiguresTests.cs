using ZkNet.Server.Metrics;

namespace ZkNet.Admin.Tests.Metrics;

/// <summary>ZooKeeper's per-namespace byte counts: which namespace, and how many bytes.</summary>
public sealed class NamespaceFiguresTests
{
    [Theory]
    [InlineData("/a", "a")]
    [InlineData("/a/b/c", "a")]
    [InlineData("/zookeeper/quota", "zookeeper")]
    [InlineData("/", null)]
    [InlineData("", null)]
    public void The_namespace_is_the_top_level_node(string path, string? expected) =>
        Assert.Equal(expected, NamespaceFigures.TopNamespace(path));

    [Fact]
    public void Reads_count_the_path_the_bytes_and_a_stat_and_writes_the_path_and_the_data()
    {
        using var metrics = new ServerMetrics();
        NamespaceFigures.RecordRead(metrics, "/w/a", 5);
        NamespaceFigures.RecordWrite(metrics, "/w/a", 5);
        NamespaceFigures.RecordRead(metrics, "/", 3);
        Assert.Equal(4 + 5 + 68, metrics.ReadsPerNamespace.Read().Single(r => r.Key == "w").Values.Sum);
        Assert.Equal(4 + 5, metrics.WritesPerNamespace.Read().Single(r => r.Key == "w").Values.Sum);
        Assert.Single(metrics.ReadsPerNamespace.Read());
        Assert.Contains(metrics.Read(), s => s.Name == "w_read_per_namespace" && s.Family == "read_per_namespace" && s.Key == "w");
    }
}
