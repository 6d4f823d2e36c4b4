using ZkNet.Client.Internal;

namespace ZkNet.Client.Tests.Unit;

public sealed class PathTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/a")]
    [InlineData("/a/b.c/..d/...")]
    [InlineData("/zookeeper/quota")]
    [InlineData("/ünïcödé")]
    public void Valid_paths_pass(string path)
    {
        PathValidation.Validate(path);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("/a/")]
    [InlineData("//a")]
    [InlineData("/a/./b")]
    [InlineData("/a/..")]
    [InlineData("/.")]
    [InlineData("/a\0b")]
    [InlineData("/a\u0007")]
    [InlineData("/a\u0085")]
    [InlineData("/a\uf000")]
    [InlineData("/a\ufff5")]
    public void Invalid_paths_are_refused(string path)
    {
        Assert.Throws<ArgumentException>(() => PathValidation.Validate(path));
    }

    [Fact]
    public void A_sequential_create_may_end_with_a_slash()
    {
        PathValidation.Validate("/a/", isSequential: true);
        Assert.Throws<ArgumentException>(() => PathValidation.Validate("/a//", isSequential: true));
    }

    [Fact]
    public void Chroot_maps_paths_both_ways_and_keeps_to_its_subtree()
    {
        var chroot = new Chroot("/app");
        Assert.Equal("/app", chroot.ToServer("/"));
        Assert.Equal("/app/x", chroot.ToServer("/x"));
        Assert.Equal("/", chroot.ToClient("/app"));
        Assert.Equal("/x/y", chroot.ToClient("/app/x/y"));
        Assert.True(chroot.Contains("/app/x"));
        Assert.False(chroot.Contains("/apple"));
        Assert.Equal("/apple", chroot.ToClient("/apple"));
        var none = new Chroot(null);
        Assert.Equal("/x", none.ToServer("/x"));
        Assert.Equal("/x", none.ToClient("/x"));
    }
}
