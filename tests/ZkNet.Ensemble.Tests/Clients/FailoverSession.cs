using System.Globalization;
using ZkNet.TestSupport;

namespace ZkNet.Ensemble.Tests.Clients;

/// <summary>What a real client reports once it has carried on after a member was killed.</summary>
/// <param name="SessionId">The session it uses now.</param>
/// <param name="States">The connection states it went through, as it names them (for failure messages).</param>
internal sealed record FailoverOutcome(long SessionId, string States);

/// <summary>
/// One session of a real client (<see cref="RealClient"/>) on a connect string naming several members: it creates
/// {root}/eph (ephemeral) and {root}/before, then, told to carry on (after the test has killed a member), creates the
/// ephemeral {root}/after, retrying connection loss within a bound but never across an expired session. The session
/// stays open until disposed, so its ephemerals can be read through every member.
/// </summary>
internal sealed class FailoverSession : IAsyncDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private readonly RealClient _client;
    private readonly string _root;
    private readonly LineProcess? _program;
    private readonly CClientSession? _cli;

    private FailoverSession(RealClient client, string root, LineProcess? program, CClientSession? cli, long sessionId)
    {
        _client = client;
        _root = root;
        _program = program;
        _cli = cli;
        SessionId = sessionId;
    }

    /// <summary>The session the client made at the start.</summary>
    public long SessionId { get; }

    /// <summary>What the client printed so far.</summary>
    public string Transcript => _program?.Transcript ?? _cli!.Transcript;

    public static async Task<FailoverSession> StartAsync(RealClient client, string connectString, string root)
    {
        if (client == RealClient.C)
        {
            var cli = await CClientSession.StartAsync(connectString);
            await cli.RunAsync($"create +e {root}/eph", Named($"{root}/eph"));
            await cli.RunAsync($"create {root}/before", Named($"{root}/before"));
            return new FailoverSession(client, root, null, cli, cli.SessionId);
        }
        var program = client switch
        {
            RealClient.Java => await ClientPrograms.StartJavaAsync(connectString, "failover-java", root),
            RealClient.Curator => await ClientPrograms.StartJavaAsync(connectString, "failover-curator", root),
            _ => ClientPrograms.StartKazoo(connectString, "failover", root),
        };
        try
        {
            var ready = await program.ExpectAsync(l => l.StartsWith("READY ", StringComparison.Ordinal), Bound);
            return new FailoverSession(client, root, program, null, long.Parse(ready[^1]["READY ".Length..], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
        }
        catch
        {
            await program.DisposeAsync();
            throw;
        }
    }

    /// <summary>Lets the client carry on: it creates {root}/after in its session and reports the session it uses.</summary>
    public async Task<FailoverOutcome> ContinueAsync()
    {
        if (_cli is not null)
        {
            return await ContinueCAsync(_cli);
        }
        var result = (await _program!.RunAsync("go", l => l.StartsWith("RESULT ", StringComparison.Ordinal), Bound))[^1].Split(' ');
        return new FailoverOutcome(long.Parse(result[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture), result.Length > 3 ? result[3] : "");
    }

    /// <summary>
    /// cli_mt queues a command while it reconnects, or answers it with connection loss (-4); either way it is tried again
    /// within the bound. NodeExists (-110) after a connection loss means the first attempt went through. cli_mt prints
    /// "Got a new session id" whenever the id changes and "Session expired" on expiry, so its session is the first one
    /// unless it printed either.
    /// </summary>
    private async Task<FailoverOutcome> ContinueCAsync(CClientSession cli)
    {
        var path = _root + "/after";
        var deadline = DateTime.UtcNow + Bound;
        var lost = false;
        while (true)
        {
            var reply = (await cli.RunAsync($"create +e {path}", l => l.StartsWith($"[{path}]: rc = ", StringComparison.Ordinal), Bound))[^1];
            var rc = int.Parse(reply[$"[{path}]: rc = ".Length..], CultureInfo.InvariantCulture);
            if (rc == 0 || (rc == -110 && lost))
            {
                break;
            }
            Assert.True(rc is -4 or -7 && DateTime.UtcNow < deadline, $"cli_mt: create {path} answered {rc}:\n{cli.Transcript}");
            lost = true;
            // The C client reconnects on its own; its next attempt waits a moment rather than spinning.
            await Task.Delay(200);
        }
        var transcript = cli.Transcript;
        var newSessions = transcript.Split('\n').Count(l => l.StartsWith("Got a new session id", StringComparison.Ordinal));
        var expired = transcript.Contains("Session expired", StringComparison.Ordinal);
        var states = string.Join(",", transcript.Split('\n').Where(l => l.StartsWith("Watcher SESSION_EVENT", StringComparison.Ordinal))
            .Select(l => l.Replace("Watcher SESSION_EVENT state = ", "", StringComparison.Ordinal).Trim()));
        return new FailoverOutcome(newSessions == 1 && !expired ? SessionId : -1, states);
    }

    public async ValueTask DisposeAsync()
    {
        if (_program is not null)
        {
            await _program.CloseInputAndWaitAsync(TimeSpan.FromSeconds(5));
            await _program.DisposeAsync();
        }
        if (_cli is not null)
        {
            await _cli.DisposeAsync();
        }
    }

    public override string ToString() => $"{_client} session 0x{SessionId:x}";

    private static Func<string, bool> Named(string path) => l => l.Trim() == "name = " + path;
}
