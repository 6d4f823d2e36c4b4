namespace ZkNet.Recipes.Discovery;

/// <summary>Picks one instance among the live ones (Curator's ProviderStrategy).</summary>
/// <typeparam name="T">The payload's type.</typeparam>
public interface IProviderStrategy<T>
{
    /// <summary>One of <paramref name="instances"/>, or null when there is none.</summary>
    ServiceInstance<T>? GetInstance(IReadOnlyList<ServiceInstance<T>> instances);
}
