using ZkNet.Client.Internal;

namespace ZkNet.Client.Tests.Unit;

public sealed class ConnectStringTests
{
    [Fact]
    public void Hosts_ports_and_chroot_are_parsed()
    {
        var parsed = ConnectString.Parse("zk1:2181, zk2 ,[::1]:2182,10.0.0.1:3000/app/one");
        Assert.Equal([("zk1", 2181), ("zk2", 2181), ("::1", 2182), ("10.0.0.1", 3000)], parsed.Hosts);
        Assert.Equal("/app/one", parsed.Chroot);
    }

    [Theory]
    [InlineData("zk1:2181")]
    [InlineData("zk1:2181/")]
    public void No_chroot_or_a_bare_slash_means_none(string text)
    {
        Assert.Null(ConnectString.Parse(text).Chroot);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/app")]
    [InlineData("zk1:notaport")]
    [InlineData("zk1:70000")]
    [InlineData("zk1:2181/app/")]
    [InlineData("[::1:2181")]
    public void Malformed_connect_strings_are_refused(string text)
    {
        Assert.ThrowsAny<ArgumentException>(() => ConnectString.Parse(text));
    }

    [Fact]
    public void Client_constructor_checks_the_connect_string()
    {
        Assert.ThrowsAny<ArgumentException>(() => new ZooKeeperClient(new ZooKeeperClientOptions { ConnectString = "host:bad" }));
    }
}
