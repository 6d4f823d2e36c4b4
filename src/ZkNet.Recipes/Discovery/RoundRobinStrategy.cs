namespace ZkNet.Recipes.Discovery;

/// <summary>Each call takes the next instance in turn (Curator's RoundRobinStrategy).</summary>
/// <typeparam name="T">The payload's type.</typeparam>
public sealed class RoundRobinStrategy<T> : IProviderStrategy<T>
{
    private int _index = -1;

    /// <inheritdoc />
    public ServiceInstance<T>? GetInstance(IReadOnlyList<ServiceInstance<T>> instances)
    {
        ArgumentNullException.ThrowIfNull(instances);
        return instances.Count == 0 ? null : instances[(int)((uint)Interlocked.Increment(ref _index) % (uint)instances.Count)];
    }
}
