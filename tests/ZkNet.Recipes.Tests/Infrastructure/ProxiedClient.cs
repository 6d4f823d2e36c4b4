using ZkNet.Client;
using ZkNet.Client.Watches;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.Recipes.Tests.Infrastructure;

/// <summary>
/// A client that reaches the server through a <see cref="CuttableProxy"/>, so a test can take its connection away
/// (<see cref="Proxy"/>.Cut) or, by keeping it away until the server expires the session, the session itself
/// (<see cref="ExpireAsync"/>), while other clients keep using the server directly.
/// </summary>
public sealed class ProxiedClient(ZooKeeperClient client, CuttableProxy proxy) : IAsyncDisposable
{
    /// <summary>The client whose link can be cut.</summary>
    public ZooKeeperClient Client { get; } = client;

    /// <summary>Its proxy.</summary>
    public CuttableProxy Proxy { get; } = proxy;

    /// <summary>
    /// Expires the client's session on the server: marks the session with an ephemeral node, cuts the link, waits
    /// (watching through <paramref name="probe"/>, a direct client) until the server deletes the marker as it closes the
    /// expired session, which removes every ephemeral node of the session in the same transaction, then lets the link
    /// through again, so that the client hears Expired when it reconnects.
    /// </summary>
    public async Task ExpireAsync(IZooKeeperClient probe)
    {
        var marker = await Client.CreateAsync("/session-marker-", null, Acl.OpenAclUnsafe, CreateMode.EphemeralSequential).Bounded();
        var gone = new TaskWatcher();
        Assert.NotNull(await probe.ExistsAsync(marker, gone).Bounded());
        Proxy.Cut();
        Assert.Equal(EventType.NodeDeleted, (await gone.Triggered.Bounded()).Type);
        Proxy.Restore();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync().AsTask().Bounded();
        await Proxy.DisposeAsync();
    }
}
