namespace ZkNet.Server.Tests;

/// <summary>ZooKeeper's PathUtils.validatePath rules, case by case.</summary>
public sealed class PathUtilsTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/a")]
    [InlineData("/a/b/c")]
    [InlineData("/zookeeper/quota")]
    [InlineData("/a/.b")]
    [InlineData("/a/b.")]
    [InlineData("/a/..b")]
    [InlineData("/a/b..")]
    [InlineData("/...")]
    [InlineData("/a b")]
    [InlineData("/ä/日本")]
    [InlineData("/\u00a0")]
    [InlineData("/\ufeff")]
    [InlineData("/\uffef")]
    public void Valid_paths_are_accepted(string path) => Assert.Null(PathUtils.Validate(path));

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("a/b")]
    [InlineData("/a/")]
    [InlineData("//")]
    [InlineData("/a//b")]
    [InlineData("/.")]
    [InlineData("/..")]
    [InlineData("/a/.")]
    [InlineData("/a/..")]
    [InlineData("/a/./b")]
    [InlineData("/a/../b")]
    [InlineData("/a\0b")]
    [InlineData("/\0")]
    [InlineData("/a\u0001")]
    [InlineData("/a\u001f")]
    [InlineData("/a\u007f")]
    [InlineData("/a\u009f")]
    [InlineData("/a\ud800")]
    [InlineData("/a\ue000")]
    [InlineData("/a\uf8ff")]
    [InlineData("/a\ufff0")]
    [InlineData("/a\uffff")]
    public void Invalid_paths_are_refused(string path) => Assert.NotNull(PathUtils.Validate(path));

    [Fact]
    public void Null_path_is_refused() => Assert.NotNull(PathUtils.Validate(null));

    [Fact]
    public void Characters_just_outside_the_forbidden_ranges_are_allowed()
    {
        Assert.Null(PathUtils.Validate("/a\u0020"));
        Assert.Null(PathUtils.Validate("/a\u007e"));
        Assert.Null(PathUtils.Validate("/a\u00a0"));
        Assert.Null(PathUtils.Validate("/a\ud7ff"));
        Assert.Null(PathUtils.Validate("/a\uf900"));
        Assert.Null(PathUtils.Validate("/a\uffef"));
    }

    [Fact]
    public void Characters_outside_the_basic_plane_are_refused_because_their_surrogates_are()
    {
        // ZooKeeper checks UTF-16 code units, so every supplementary character (an emoji here) is invalid.
        Assert.NotNull(PathUtils.Validate("/smile\U0001F600"));
    }

    [Fact]
    public void Reason_names_the_rule_and_the_offset()
    {
        Assert.Equal("Path length must be > 0", PathUtils.Validate(""));
        Assert.Equal("Path must start with / character", PathUtils.Validate("a"));
        Assert.Equal("Path must not end with / character", PathUtils.Validate("/a/"));
        Assert.Contains("empty node name", PathUtils.Validate("/a//b"), StringComparison.Ordinal);
        Assert.Contains("relative paths not allowed", PathUtils.Validate("/a/../b"), StringComparison.Ordinal);
        Assert.Contains("null character", PathUtils.Validate("/a\0"), StringComparison.Ordinal);
        Assert.Contains("invalid character @2", PathUtils.Validate("/a\u0001"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/queue/")]
    [InlineData("/queue/item-")]
    [InlineData("/")]
    [InlineData("/a/.")]
    public void Sequential_prefix_is_validated_with_its_suffix(string prefix) =>
        Assert.Null(PathUtils.Validate(prefix, isSequential: true));

    [Theory]
    [InlineData("queue")]
    [InlineData("/a//")]
    [InlineData("/a\0")]
    [InlineData("")]
    public void Sequential_prefix_that_no_suffix_can_fix_is_refused(string prefix) =>
        Assert.NotNull(PathUtils.Validate(prefix, isSequential: true));

    [Fact]
    public void Trailing_slash_is_only_allowed_for_a_sequential_create() =>
        Assert.NotNull(PathUtils.Validate("/queue/", isSequential: false));

    [Theory]
    [InlineData("/a", "/", "a")]
    [InlineData("/a/b", "/a", "b")]
    [InlineData("/a/b/c", "/a/b", "c")]
    public void Parent_and_name_split_at_the_last_slash(string path, string parent, string name)
    {
        Assert.Equal(parent, PathUtils.Parent(path));
        Assert.Equal(name, PathUtils.Name(path));
        Assert.Equal(path, PathUtils.Child(parent, name));
    }

    [Theory]
    [InlineData("/", true)]
    [InlineData("/zookeeper", true)]
    [InlineData("/zookeeper/quota", true)]
    [InlineData("/zookeeper/config", true)]
    [InlineData("/zookeeper/other", false)]
    [InlineData("/a", false)]
    public void Special_paths_are_zookeepers_own_nodes(string path, bool special) =>
        Assert.Equal(special, PathUtils.IsSpecialPath(path));
}
