using ZkNet.Client.Retry;

namespace ZkNet.Recipes.Leader;

/// <summary>Settings of a <see cref="LeaderSelector"/>.</summary>
public sealed record LeaderSelectorOptions
{
    /// <summary>This contender's id, stored in its lock node and reported by GetParticipantsAsync. Default: "".</summary>
    public string Id { get; init; } = "";

    /// <summary>Whether to queue again after each leadership ends (Curator's autoRequeue). Default: false.</summary>
    public bool AutoRequeue { get; init; }

    /// <summary>How steps that fail with a connection loss are retried; null for the recipes' default.</summary>
    public IRetryPolicy? RetryPolicy { get; init; }
}
