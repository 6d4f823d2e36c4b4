using ZkNet.Client.Internal;
using ZkNet.Protocol;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;

namespace ZkNet.Client;

public sealed partial class ZooKeeperClient
{
    /// <summary>
    /// Adds credentials to the session's connection (ZooKeeper's addAuthInfo), e.g. scheme "digest" with
    /// "user:password". They are kept and sent again after every reconnect. Completes when the server has accepted
    /// them; if it refuses them (unknown scheme, bad credentials) the client is finished: the task fails with
    /// <see cref="Exceptions.AuthFailedException"/>, watchers receive <see cref="KeeperState.AuthFailed"/>, and
    /// every later request fails the same way.
    /// </summary>
    public Task AddAuthAsync(string scheme, byte[] auth, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(scheme);
        ArgumentNullException.ThrowIfNull(auth);
        var credential = new AuthCredential(scheme, auth.ToArray());
        lock (_auth)
        {
            if (!_auth.Contains(credential))
            {
                _auth.Add(credential);
            }
        }
        return SubmitAsync(AuthPacketFor(credential), cancellationToken);
    }

    /// <summary>Returns the identities the server associates with this connection (ZooKeeper's whoAmI).</summary>
    public Task<IReadOnlyList<ClientInfo>> WhoAmIAsync(CancellationToken cancellationToken = default)
    {
        var packet = new Packet<IReadOnlyList<ClientInfo>>(OpCode.WhoAmI, null, null,
            static (ref JuteReader body, Chroot _) => ClientInfo.ReadVector(ref body));
        return SubmitAsync(packet, cancellationToken);
    }
}
