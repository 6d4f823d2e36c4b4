using ZkNet.Quorum.Configuration;
using ZkNet.Quorum.Election;
using ZkNet.Quorum.Transport;

namespace ZkNet.Quorum.Tests.Transport;

/// <summary>A ZkNet member running only the election, over real loopback sockets.</summary>
internal sealed class ElectionMember : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public ElectionMember(long sid, QuorumMaj config)
    {
        var peers = config.Members.Values.Where(s => s.Id != sid).ToDictionary(s => s.Id, s => s.ElectionAddress);
        Transport = new QuorumCnxManager(sid, config.Members[sid].ElectionAddress, peers, TimeSpan.FromSeconds(2));
        Transport.Start();
        Driver = new ElectionDriver(new FastLeaderElection(sid, config), Transport);
        _loop = Task.Run(() => Driver.RunAsync(_stop.Token));
    }

    public QuorumCnxManager Transport { get; }

    public ElectionDriver Driver { get; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        await Transport.DisposeAsync();
        _stop.Dispose();
    }
}
