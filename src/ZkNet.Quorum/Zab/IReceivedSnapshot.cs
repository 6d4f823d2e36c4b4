namespace ZkNet.Quorum.Zab;

/// <summary>
/// A leader's snapshot as a learner's database read it off the stream after SNAP (<see cref="IZabDatabase.ReadSnapshot"/>):
/// a state built apart from the one in use, which <see cref="IZabDatabase.LoadSnapshot"/> then puts in its place.
/// </summary>
public interface IReceivedSnapshot
{
    /// <summary>How many nodes the snapshot holds (for the log).</summary>
    long NodeCount { get; }
}
