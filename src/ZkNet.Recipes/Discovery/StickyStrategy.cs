namespace ZkNet.Recipes.Discovery;

/// <summary>
/// Keeps returning the same instance while it is live, asking <paramref name="fallback"/> for a new one when it goes
/// (Curator's StickyStrategy).
/// </summary>
/// <typeparam name="T">The payload's type.</typeparam>
/// <param name="fallback">Picks the next instance to stick to.</param>
public sealed class StickyStrategy<T>(IProviderStrategy<T> fallback) : IProviderStrategy<T>
{
    private readonly IProviderStrategy<T> _fallback = fallback ?? throw new ArgumentNullException(nameof(fallback));
    private ServiceInstance<T>? _current;

    /// <inheritdoc />
    public ServiceInstance<T>? GetInstance(IReadOnlyList<ServiceInstance<T>> instances)
    {
        ArgumentNullException.ThrowIfNull(instances);
        var current = Volatile.Read(ref _current);
        if (current is not null && instances.Any(i => i.Id == current.Id))
        {
            return current;
        }
        var next = _fallback.GetInstance(instances);
        Volatile.Write(ref _current, next);
        return next;
    }
}
