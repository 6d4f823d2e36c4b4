using BenchmarkDotNet.Attributes;
using ZkNet.Client;
using ZkNet.Hosting;
using ZkNet.Hosting.Configuration;
using ZkNet.Protocol.Records;

namespace ZkNet.Benchmarks;

/// <summary>
/// One request at a time from ZkNet.Client to an in-process ZkNet over loopback: the round trip plus the
/// client's own cost per operation, and what the client allocates for it (the server's allocations are in the
/// same process, so Allocated is an upper bound for the client).
/// </summary>
[MemoryDiagnoser]
public class ClientBenchmarks
{
    private const string Path = "/bench-client";
    private readonly byte[] _value = new byte[100];
    private ZkNetServer? _server;
    private ZooKeeperClient? _client;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _server = await ZkNetServer.StartAsync(new ServerConfig { ClientPort = 0, ClientPortAddress = "127.0.0.1", InMemory = true });
        _client = await ZooKeeperClient.ConnectAsync(new ZooKeeperClientOptions { ConnectString = _server.ConnectString });
        await _client.CreateAsync(Path, _value, Acl.OpenAclUnsafe);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _client!.CloseAsync();
        await _server!.DisposeAsync();
    }

    [Benchmark]
    public Task<DataResult> GetData() => _client!.GetDataAsync(Path);

    [Benchmark]
    public Task<Stat> SetData() => _client!.SetDataAsync(Path, _value);

    [Benchmark]
    public Task<Stat?> Exists() => _client!.ExistsAsync(Path);
}
