using ZkNet.Server.Auth;

namespace ZkNet.Server.Tests.Auth;

/// <summary>The ip scheme: an address or a CIDR block matched against the client's address.</summary>
public sealed class IpAuthenticationProviderTests
{
    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1", true)]
    [InlineData("127.0.0.2", "127.0.0.1", false)]
    [InlineData("10.1.2.3", "10.0.0.0/8", true)]
    [InlineData("11.0.0.1", "10.0.0.0/8", false)]
    [InlineData("192.168.1.127", "192.168.1.0/25", true)]
    [InlineData("192.168.1.128", "192.168.1.0/25", false)]
    [InlineData("172.31.255.255", "172.16.0.0/12", true)]
    [InlineData("172.32.0.0", "172.16.0.0/12", false)]
    [InlineData("172.15.255.255", "172.16.0.0/12", false)]
    [InlineData("8.8.8.8", "1.2.3.4/0", true)]
    [InlineData("10.0.0.1", "10.0.0.0/32", false)]
    [InlineData("10.0.0.1", "10.0.0.0/31", true)]
    [InlineData("10.0.0.2", "10.0.0.0/31", false)]
    [InlineData("::ffff:10.1.2.3", "10.0.0.0/8", true)]
    public void Client_address_matches_when_the_masked_bits_agree(string client, string acl, bool matches) =>
        Assert.Equal(matches, IpAuthenticationProvider.Matches(client, acl));

    [Theory]
    [InlineData("10.0.0/8")]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0.0/-1")]
    [InlineData("10.0.0.0/x")]
    [InlineData("not-an-address")]
    public void Malformed_acl_id_matches_nothing(string acl) =>
        Assert.False(IpAuthenticationProvider.Matches("10.0.0.1", acl));

    [Fact]
    public void Ipv4_client_never_matches_an_ipv6_block() =>
        Assert.False(IpAuthenticationProvider.Matches("10.0.0.1", "::/0"));

    [Theory]
    [InlineData("10.0.0.0/8", true)]
    [InlineData("1.2.3.4", true)]
    [InlineData("127.0.0.1/0", true)]
    [InlineData("127.0.0.1/32", true)]
    [InlineData("1.2.3", false)]
    [InlineData("1.2.3.256", false)]
    [InlineData("127.0.0.1/", false)]
    [InlineData("127.0.0.1/ 8", false)]
    [InlineData("10.0.0.0/33", false)]
    [InlineData("abc", false)]
    [InlineData("", false)]
    public void Acl_id_validity_follows_zookeeper(string id, bool valid) =>
        Assert.Equal(valid, IpAuthenticationProvider.IsValid(id));

    [Fact]
    public void Ipv6_blocks_are_accepted_and_matched_as_newer_zookeeper_releases_do()
    {
        Assert.True(IpAuthenticationProvider.IsValid("::1/128"));
        Assert.True(IpAuthenticationProvider.Matches("2001:db8::5", "2001:db8::/32"));
        Assert.False(IpAuthenticationProvider.Matches("2001:db9::5", "2001:db8::/32"));
    }
}
