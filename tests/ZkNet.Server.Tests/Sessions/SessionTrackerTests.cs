using ZkNet.Server.Sessions;

namespace ZkNet.Server.Tests.Sessions;

/// <summary>Session ids, passwords and expiry, as ZooKeeper's SessionTrackerImpl produces them.</summary>
public sealed class SessionTrackerTests
{
    /// <summary>
    /// Expected passwords from java.util.Random(sessionId ^ 0xB3415C00L).nextBytes(new byte[16]) run on OpenJDK 17
    /// here; 0x0100001041fa0001 is also the session id and password a live Apache ZooKeeper 3.8 handed out.
    /// </summary>
    [Theory]
    [InlineData(0x0000000000000000L, "f22acd4a97e69d6d20a49bb638eadb38")]
    [InlineData(0x0000000000000001L, "054cc74a37327db215e702e20c73f005")]
    [InlineData(0x0100000000000001L, "054cc74a37327db215e702e20c73f005")]
    [InlineData(0x1000017f6e9a0000L, "b4d2022f31a006b0b206ebb9620ed06e")]
    [InlineData(-1L, "20f62cb5648dc2d771471c8a2486a9ee")]
    [InlineData(0x7fffffffffffffffL, "20f62cb5648dc2d771471c8a2486a9ee")]
    [InlineData(0x00000000b3415c00L, "60b420bb3851d9d47acb933dbe70399b")]
    [InlineData(0x01807f3c2e5d0003L, "667629a6721a80d08a2a8400d8783f13")]
    [InlineData(0x0100001041fa0001L, "673680a7f109255e47ddc2ef5632f5a9")]
    public void Password_is_what_java_util_Random_seeded_with_the_session_id_produces(long sessionId, string expectedHex) =>
        Assert.Equal(expectedHex, Convert.ToHexStringLower(SessionTracker.PasswordFor(sessionId)));

    [Fact]
    public void Session_ids_carry_the_server_id_in_the_top_byte_and_count_up()
    {
        var tracker = new SessionTracker(serverId: 3, tickTimeMs: 2000, nowMs: 1_700_000_000_000);

        var first = tracker.NextSessionId();
        var second = tracker.NextSessionId();

        Assert.Equal(3, first >> 56);
        Assert.Equal(first + 1, second);
        Assert.Equal(SessionTracker.InitialSessionId(3, 1_700_000_000_000), first);
    }

    [Fact]
    public void Initial_session_id_keeps_forty_bits_of_the_clock_below_the_server_id()
    {
        // ZooKeeper: ((now << 24) >>> 8) | (id << 56).
        const long now = 0x0000_018C_1234_5678;
        var expected = unchecked((long)((ulong)(now << 24) >> 8)) | (1L << 56);

        Assert.Equal(expected, SessionTracker.InitialSessionId(1, now));
        Assert.Equal(0, SessionTracker.InitialSessionId(1, now) & 0xFFFF);
    }

    [Fact]
    public void Recovered_session_moves_the_next_id_past_it()
    {
        var tracker = new SessionTracker(1, 2000, 0);
        var id = tracker.NextSessionId();

        tracker.AddSession(id + 10, 4000, 0);

        Assert.Equal(id + 11, tracker.NextSessionId());
    }

    [Fact]
    public void Session_expires_at_its_rounded_deadline_and_is_marked_closing()
    {
        var tracker = new SessionTracker(1, 2000, nowMs: 10_000);
        var session = tracker.AddSession(42, 4000, nowMs: 10_500);

        Assert.Empty(tracker.PollExpired(15_999));
        var expired = tracker.PollExpired(16_000);

        Assert.Equal([session], expired);
        Assert.True(session.IsClosing);
        Assert.False(tracker.Touch(42, 16_000));
    }

    [Fact]
    public void Touch_keeps_a_session_alive()
    {
        var tracker = new SessionTracker(1, 2000, 0);
        tracker.AddSession(42, 4000, 0);

        Assert.True(tracker.Touch(42, 3000));

        Assert.Empty(tracker.PollExpired(6000));
        Assert.Single(tracker.PollExpired(8000));
    }

    [Fact]
    public void Unknown_and_removed_sessions_cannot_be_touched()
    {
        var tracker = new SessionTracker(1, 2000, 0);
        tracker.AddSession(42, 4000, 0);
        tracker.Remove(42);

        Assert.False(tracker.Touch(42, 1000));
        Assert.False(tracker.Touch(43, 1000));
        Assert.Null(tracker.Get(42));
        Assert.Empty(tracker.PollExpired(100_000));
        Assert.Equal(0, tracker.Count);
    }
}
