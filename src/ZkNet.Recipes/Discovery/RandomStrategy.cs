namespace ZkNet.Recipes.Discovery;

/// <summary>Each call takes an instance at random (Curator's RandomStrategy).</summary>
/// <typeparam name="T">The payload's type.</typeparam>
/// <param name="random">The source of choices; null for a shared one.</param>
public sealed class RandomStrategy<T>(Random? random = null) : IProviderStrategy<T>
{
    private readonly Random _random = random ?? Random.Shared;

    /// <inheritdoc />
    public ServiceInstance<T>? GetInstance(IReadOnlyList<ServiceInstance<T>> instances)
    {
        ArgumentNullException.ThrowIfNull(instances);
        if (instances.Count == 0)
        {
            return null;
        }
        lock (_random)
        {
            return instances[_random.Next(instances.Count)];
        }
    }
}
