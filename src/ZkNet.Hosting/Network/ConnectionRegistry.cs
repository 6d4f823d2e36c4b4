using System.Collections.Concurrent;
using System.Net;
using ZkNet.Server;
using ZkNet.Server.Pipeline;

namespace ZkNet.Hosting.Network;

/// <summary>The open connections, with a count per client address for maxClientCnxns.</summary>
internal sealed class ConnectionRegistry : IConnectionRegistry
{
    private readonly ConcurrentDictionary<SocketServerCnxn, byte> _connections = new();
    private readonly Dictionary<IPAddress, int> _perAddress = [];
    private readonly Lock _lock = new();

    /// <summary>Registers a connection unless its address already has <paramref name="maxPerAddress"/> (0 = unlimited).</summary>
    public bool TryAdd(SocketServerCnxn cnxn, int maxPerAddress)
    {
        var address = cnxn.Remote.Address;
        lock (_lock)
        {
            var count = _perAddress.GetValueOrDefault(address);
            if (maxPerAddress > 0 && count >= maxPerAddress)
            {
                return false;
            }
            _perAddress[address] = count + 1;
        }
        _connections[cnxn] = 0;
        return true;
    }

    public void Remove(SocketServerCnxn cnxn)
    {
        if (!_connections.TryRemove(cnxn, out _))
        {
            return;
        }
        lock (_lock)
        {
            var address = cnxn.Remote.Address;
            var count = _perAddress.GetValueOrDefault(address) - 1;
            if (count <= 0)
            {
                _perAddress.Remove(address);
            }
            else
            {
                _perAddress[address] = count;
            }
        }
    }

    public IReadOnlyList<ServerCnxn> Snapshot() => [.. _connections.Keys];

    public IReadOnlyList<SocketServerCnxn> All => [.. _connections.Keys];
}
