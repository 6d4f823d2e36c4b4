using System.Buffers.Binary;
using ZkNet.Quorum.Auth;
using ZkNet.TestSupport;

namespace ZkNet.Quorum.Tests.Auth;

/// <summary>
/// The two sides of quorum SASL over a loopback connection: DIGEST-MD5 with the right and the wrong password, each
/// side's requireSasl setting, a peer that sends no auth, and garbled, oversized or stalled exchanges. Every case is
/// bounded: a side that would wait forever fails the test by its timeout.
/// </summary>
public sealed class QuorumSaslHandshakeTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    private static QuorumSasl Member(LineLog log, string password = "secret", bool learnerRequire = true, bool serverRequire = true,
        TimeSpan? timeout = null, string user = "peer") => new()
    {
        LearnerRequireSasl = learnerRequire,
        ServerRequireSasl = serverRequire,
        ServerUsers = new Dictionary<string, string> { ["peer"] = "secret", ["zkquorum/other.example@EXAMPLE"] = "secret" },
        AuthorizedHosts = new HashSet<string> { "127.0.0.1" },
        LearnerUser = user,
        LearnerPassword = password,
        Timeout = timeout ?? TimeSpan.FromSeconds(10),
        Logger = log,
    };

    [Fact]
    public async Task The_right_password_authenticates_and_the_connection_carries_on_behind_the_exchange()
    {
        await using var pair = await SocketPair.OpenAsync();
        var (serverLog, learnerLog) = (new LineLog(), new LineLog());

        var accepting = SaslQuorumAuthServer.AuthenticateAsync(Member(serverLog), pair.Accepted, "learner 1", CancellationToken.None);
        var ok = await SaslQuorumAuthLearner.AuthenticateAsync(Member(learnerLog), pair.Connecting, "server 2", CancellationToken.None).WaitAsync(Bound);
        var stream = await accepting.WaitAsync(Bound);

        Assert.True(ok, string.Join("\n", learnerLog.Lines));
        Assert.Same(pair.Accepted, stream);
        Assert.Contains(serverLog.Lines, l => l == "Information: Quorum SASL: learner 1 authenticated as peer");
        Assert.Contains(learnerLog.Lines, l => l == "Information: Quorum SASL: authenticated to server 2 as peer");
        // What the learner sends next is the protocol's, read by the accepting side right after the exchange.
        await pair.Connecting.WriteAsync("FOLLOWERINFO"u8.ToArray());
        var next = new byte[12];
        await stream!.ReadExactlyAsync(next).AsTask().WaitAsync(Bound);
        Assert.Equal("FOLLOWERINFO"u8.ToArray(), next);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_and_both_sides_close_under_serverRequireSasl()
    {
        await using var pair = await SocketPair.OpenAsync();
        var (serverLog, learnerLog) = (new LineLog(), new LineLog());

        var accepting = SaslQuorumAuthServer.AuthenticateAsync(Member(serverLog), pair.Accepted, "learner 3", CancellationToken.None);
        var ok = await SaslQuorumAuthLearner.AuthenticateAsync(Member(learnerLog, password: "wrong"), pair.Connecting, "server 1", CancellationToken.None).WaitAsync(Bound);

        Assert.False(ok);
        Assert.Null(await accepting.WaitAsync(Bound));
        Assert.Contains(serverLog.Lines, l => l.StartsWith("Error: Quorum SASL: learner 3 failed to authenticate", StringComparison.Ordinal));
        Assert.Contains(learnerLog.Lines, l => l.StartsWith("Error: ", StringComparison.Ordinal) && l.Contains("refused our credentials (status ERROR)", StringComparison.Ordinal));
        // The accepting side closed its end.
        Assert.Equal(0, await pair.Connecting.ReadAsync(new byte[1]).AsTask().WaitAsync(Bound));
    }

    [Fact]
    public async Task Without_serverRequireSasl_a_failed_learner_is_answered_ERROR_and_its_connection_kept()
    {
        await using var pair = await SocketPair.OpenAsync();
        var serverLog = new LineLog();

        var accepting = SaslQuorumAuthServer.AuthenticateAsync(Member(serverLog, serverRequire: false), pair.Accepted, "learner 3", CancellationToken.None);
        var ok = await SaslQuorumAuthLearner.AuthenticateAsync(Member(new LineLog(), password: "wrong"), pair.Connecting, "server 1", CancellationToken.None).WaitAsync(Bound);

        Assert.False(ok);
        Assert.Same(pair.Accepted, await accepting.WaitAsync(Bound));
        Assert.Contains(serverLog.Lines, l => l.StartsWith("Warning: ", StringComparison.Ordinal) && l.Contains("keeping its connection as quorum.auth.serverRequireSasl=false", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_learnerRequireSasl_the_learner_sends_nothing_and_a_server_not_requiring_it_gets_those_bytes_back()
    {
        await using var pair = await SocketPair.OpenAsync();

        Assert.True(await SaslQuorumAuthLearner.AuthenticateAsync(Member(new LineLog(), learnerRequire: false, serverRequire: false), pair.Connecting, "server 1", CancellationToken.None));
        var followerInfo = Convert.FromHexString("0000000B" + "0000000100000000" + "00000004" + "CAFEBABE");
        await pair.Connecting.WriteAsync(followerInfo);
        var stream = await SaslQuorumAuthServer.AuthenticateAsync(Member(new LineLog(), learnerRequire: false, serverRequire: false), pair.Accepted, "learner 1", CancellationToken.None).WaitAsync(Bound);

        Assert.NotNull(stream);
        var read = new byte[followerInfo.Length];
        await stream.ReadExactlyAsync(read).AsTask().WaitAsync(Bound);
        Assert.Equal(followerInfo, read);
    }

    [Fact]
    public async Task Under_serverRequireSasl_a_peer_that_does_not_authenticate_is_closed_with_a_line_saying_why()
    {
        await using var pair = await SocketPair.OpenAsync();
        var serverLog = new LineLog();
        await pair.Connecting.WriteAsync(Convert.FromHexString("0000000B" + "0000000100000000"));

        Assert.Null(await SaslQuorumAuthServer.AuthenticateAsync(Member(serverLog), pair.Accepted, "learner 1", CancellationToken.None).WaitAsync(Bound));
        Assert.Contains(serverLog.Lines, l => l.Contains("it does not authenticate and quorum.auth.serverRequireSasl=true here", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_peer_that_hangs_up_before_saying_anything_is_let_through_only_without_serverRequireSasl()
    {
        // The smaller sid of an election connection without SASL hangs up right after its initial message.
        await using (var pair = await SocketPair.OpenAsync())
        {
            pair.Connecting.Socket.Shutdown(System.Net.Sockets.SocketShutdown.Send);
            Assert.Same(pair.Accepted, await SaslQuorumAuthServer.AuthenticateAsync(Member(new LineLog(), serverRequire: false), pair.Accepted, "server 1", CancellationToken.None).WaitAsync(Bound));
        }
        await using (var pair = await SocketPair.OpenAsync())
        {
            pair.Connecting.Socket.Shutdown(System.Net.Sockets.SocketShutdown.Send);
            Assert.Null(await SaslQuorumAuthServer.AuthenticateAsync(Member(new LineLog()), pair.Accepted, "server 1", CancellationToken.None).WaitAsync(Bound));
        }
    }

    [Theory]
    [InlineData("00000000" + "7FFFFFF0", "out of range")] // a token of 2 GB
    [InlineData("00000000" + "00000010" + "0102", "no answer within")] // a token that never arrives
    public async Task A_garbled_or_stalled_first_packet_closes_the_connection_even_without_serverRequireSasl(string afterMagic, string reason)
    {
        await using var pair = await SocketPair.OpenAsync();
        var serverLog = new LineLog();
        await pair.Connecting.WriteAsync(Convert.FromHexString("5F2435013501EDCC" + afterMagic));

        var stream = await SaslQuorumAuthServer.AuthenticateAsync(Member(serverLog, serverRequire: false, timeout: TimeSpan.FromMilliseconds(500)),
            pair.Accepted, "learner 1", CancellationToken.None).WaitAsync(Bound);

        Assert.Null(stream);
        Assert.Contains(serverLog.Lines, l => l.Contains("malformed or stalled", StringComparison.Ordinal) && l.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_garbled_DIGEST_MD5_response_is_answered_ERROR_and_refused()
    {
        await using var pair = await SocketPair.OpenAsync();
        var serverLog = new LineLog();
        var accepting = SaslQuorumAuthServer.AuthenticateAsync(Member(serverLog), pair.Accepted, "learner 1", CancellationToken.None);

        await new QuorumAuthPacket(QuorumAuthStatus.InProgress, []).WriteAsync(pair.Connecting, CancellationToken.None);
        var challenge = await QuorumAuthPacket.ReadAsync(pair.Connecting, CancellationToken.None).WaitAsync(Bound);
        Assert.Equal(QuorumAuthStatus.InProgress, challenge.Status);
        Assert.Contains("realm=\"zk-quorum-sasl-md5\"", System.Text.Encoding.UTF8.GetString(challenge.Token!), StringComparison.Ordinal);
        await new QuorumAuthPacket(QuorumAuthStatus.InProgress, "username=\"peer\",nonce=\"unterminated"u8.ToArray()).WriteAsync(pair.Connecting, CancellationToken.None);
        var answer = await QuorumAuthPacket.ReadAsync(pair.Connecting, CancellationToken.None).WaitAsync(Bound);

        Assert.Equal(QuorumAuthStatus.Error, answer.Status);
        Assert.Null(await accepting.WaitAsync(Bound));
        Assert.Contains(serverLog.Lines, l => l.StartsWith("Error: ", StringComparison.Ordinal) && l.Contains("unterminated", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_user_named_like_a_principal_is_authorized_only_from_a_host_of_the_server_lines()
    {
        await using var pair = await SocketPair.OpenAsync();
        var serverLog = new LineLog();

        var accepting = SaslQuorumAuthServer.AuthenticateAsync(Member(serverLog), pair.Accepted, "learner 1", CancellationToken.None);
        var ok = await SaslQuorumAuthLearner.AuthenticateAsync(Member(new LineLog(), user: "zkquorum/other.example@EXAMPLE"), pair.Connecting, "server 2", CancellationToken.None).WaitAsync(Bound);

        Assert.False(ok);
        Assert.Null(await accepting.WaitAsync(Bound));
        Assert.Contains(serverLog.Lines, l => l.Contains("other.example is not the host of any server line", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(7)] // a status ZooKeeper does not define
    [InlineData(-1)] // ERROR
    public async Task A_learner_answered_with_an_unknown_or_error_status_fails(int status)
    {
        await using var pair = await SocketPair.OpenAsync();
        var learnerLog = new LineLog();
        var learning = SaslQuorumAuthLearner.AuthenticateAsync(Member(learnerLog), pair.Connecting, "server 2", CancellationToken.None);

        await QuorumAuthPacket.ReadAsync(pair.Accepted, CancellationToken.None).WaitAsync(Bound);
        await new QuorumAuthPacket((QuorumAuthStatus)status, []).WriteAsync(pair.Accepted, CancellationToken.None);

        Assert.False(await learning.WaitAsync(Bound));
        Assert.Contains(learnerLog.Lines, l => l.StartsWith("Error: Quorum SASL: authentication to server 2 failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_learner_facing_a_member_that_sends_garbage_or_nothing_gives_up_within_its_timeout()
    {
        await using (var pair = await SocketPair.OpenAsync())
        {
            var learnerLog = new LineLog();
            var learning = SaslQuorumAuthLearner.AuthenticateAsync(Member(learnerLog), pair.Connecting, "server 2", CancellationToken.None);
            var junk = new byte[16];
            BinaryPrimitives.WriteInt32BigEndian(junk, 32); // a notification's length, as a member without SASL might send
            await pair.Accepted.WriteAsync(junk);
            Assert.False(await learning.WaitAsync(Bound));
            Assert.Contains(learnerLog.Lines, l => l.Contains("not a quorum auth packet", StringComparison.Ordinal));
        }
        await using (var pair = await SocketPair.OpenAsync())
        {
            var learnerLog = new LineLog();
            Assert.False(await SaslQuorumAuthLearner.AuthenticateAsync(Member(learnerLog, timeout: TimeSpan.FromMilliseconds(300)), pair.Connecting, "server 2", CancellationToken.None).WaitAsync(Bound));
            Assert.Contains(learnerLog.Lines, l => l.Contains("no answer within", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Without_quorum_SASL_neither_side_reads_or_writes_anything()
    {
        await using var pair = await SocketPair.OpenAsync();

        Assert.True(await SaslQuorumAuthLearner.AuthenticateAsync(null, pair.Connecting, "server 2", CancellationToken.None));
        Assert.Same(pair.Accepted, await SaslQuorumAuthServer.AuthenticateAsync(null, pair.Accepted, "learner 1", CancellationToken.None));
        Assert.Equal(0, pair.Accepted.Socket.Available);
        Assert.Equal(0, pair.Connecting.Socket.Available);
    }
}
