namespace ZkNet.Recipes.Leader;

/// <summary>One contender of a leader election (Curator's Participant).</summary>
/// <param name="Id">The contender's id (the data of its node).</param>
/// <param name="IsLeader">Whether it leads now.</param>
public sealed record Participant(string Id, bool IsLeader);
