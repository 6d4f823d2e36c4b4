using System.Text;

namespace ZkNet.Hosting.Tests.Network;

/// <summary>With the default whitelist only srvr is answered, as in ZooKeeper 3.5 and later.</summary>
public sealed class FourLetterWordWhitelistTests : IAsyncLifetime
{
    private ZkNetServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("ruok")]
    [InlineData("mntr")]
    [InlineData("stat")]
    public async Task Word_not_in_the_whitelist_gets_zookeepers_refusal(string word)
    {
        using var client = await RawClient.OpenAsync(_server.ClientEndPoint);
        await client.SendAsync(Encoding.ASCII.GetBytes(word));

        Assert.Equal($"{word} is not executed because it is not in the whitelist.\n", await client.ReadToEndAsync());
    }

    [Fact]
    public async Task Srvr_is_allowed_by_default()
    {
        using var client = await RawClient.OpenAsync(_server.ClientEndPoint);
        await client.SendAsync("srvr"u8.ToArray());

        Assert.StartsWith("Zookeeper version: ", await client.ReadToEndAsync(), StringComparison.Ordinal);
    }
}
