namespace ZkNet.Ensemble.Tests.Faults;

/// <summary>What a lock contender reports: it entered or is about to leave its hold, or its session was lost.</summary>
internal enum HoldEventKind
{
    Enter,
    Exit,
    Lost,
}

/// <summary>
/// One report of a lock contender: <paramref name="Holder"/> names the contender (one hold at a time),
/// <paramref name="Session"/> the session it held (or lost) the lock with, <paramref name="Time"/> nanoseconds of
/// CLOCK_MONOTONIC, the clock every contender process on the machine reads.
/// </summary>
internal readonly record struct HoldEvent(HoldEventKind Kind, string Holder, long Session, long Time);
