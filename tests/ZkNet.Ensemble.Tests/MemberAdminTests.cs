using System.Globalization;
using ZkNet.TestSupport;

namespace ZkNet.Ensemble.Tests;

/// <summary>
/// A member's AdminServer answers for the role it serves in now: the member runs a new server for each role, and
/// the commands read the current one, not the one that was running when the AdminServer started.
/// </summary>
public sealed class MemberAdminTests : IAsyncLifetime
{
    private static readonly int AdminPort = FreePort.Next();

    private readonly EnsembleHarness _ensemble = new(3, extraConfig: id => id == 1
        ? $"admin.enableServer=true\nadmin.serverAddress=127.0.0.1\nadmin.serverPort={AdminPort.ToString(CultureInfo.InvariantCulture)}\n"
        : "");

    public async Task InitializeAsync() => await _ensemble.StartAllAsync();

    public async Task DisposeAsync() => await _ensemble.DisposeAsync();

    [Fact]
    public async Task The_admin_srvr_command_reports_the_members_current_role()
    {
        var leader = await _ensemble.WaitForQuorumAsync();
        var expected = leader == 1 ? "leader" : "follower";
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        var body = await http.GetStringAsync(new Uri($"http://127.0.0.1:{AdminPort}/commands/srvr"));

        Assert.Contains("\"server_state\"", body, StringComparison.Ordinal);
        Assert.Contains($"\"{expected}\"", body, StringComparison.Ordinal);
    }
}
