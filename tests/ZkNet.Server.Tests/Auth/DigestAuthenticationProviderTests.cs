using ZkNet.Server.Auth;

namespace ZkNet.Server.Tests.Auth;

/// <summary>The digest scheme, checked against ZooKeeper's own DigestAuthenticationProvider main.</summary>
public sealed class DigestAuthenticationProviderTests
{
    /// <summary>
    /// Expected values printed here by
    /// <c>java -cp /usr/share/java/zookeeper.jar org.apache.zookeeper.server.auth.DigestAuthenticationProvider user:password ...</c>.
    /// </summary>
    [Theory]
    [InlineData("user:password", "user:tpUq/4Pn5A64fVZyQ0gOJ8ZWqkY=")]
    [InlineData("alice:s3cret", "alice:uLxpHc/uhT86OXPoSjJTp1M8CJY=")]
    [InlineData("super:test", "super:D/InIHSb7yEEbrWz8b9l71RjZJU=")]
    [InlineData("bob:pä:ss", "bob:8g3rg7/0/o2K98v4XeOcyPGTd58=")]
    public void Digest_matches_zookeepers(string idPassword, string expected) =>
        Assert.Equal(expected, DigestAuthenticationProvider.GenerateDigest(idPassword));

    [Fact]
    public void Credentials_without_a_colon_are_digested_whole_as_zookeeper_does()
    {
        // Apache ZooKeeper accepts addAuth("digest", "nocolon") and names the client "nocolon:<sha1 of nocolon>".
        Assert.Equal("nocolon:Ra+cHr2ZoHvBjtNArFGNGlVie4g=", DigestAuthenticationProvider.GenerateDigest("nocolon"));
    }

    [Theory]
    [InlineData("u:hash", true)]
    [InlineData(":hash", true)]
    [InlineData("u:hash:", true)]
    [InlineData("nocolon", false)]
    [InlineData("a:b:c", false)]
    [InlineData("a:", false)]
    [InlineData(":", false)]
    [InlineData("::b", false)]
    [InlineData("", false)]
    public void Acl_id_must_split_into_user_and_digest_as_java_string_split_does(string id, bool valid) =>
        Assert.Equal(valid, DigestAuthenticationProvider.IsValid(id));

    [Theory]
    [InlineData("user:hash", "user")]
    [InlineData("user", "user")]
    public void User_name_is_the_part_before_the_colon(string id, string user) =>
        Assert.Equal(user, DigestAuthenticationProvider.UserName(id));
}
