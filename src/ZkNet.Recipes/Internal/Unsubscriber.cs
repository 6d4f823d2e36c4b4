namespace ZkNet.Recipes.Internal;

/// <summary>The handle a listener registration returns: disposing it runs the removal once.</summary>
/// <param name="remove">Takes the listener out.</param>
internal sealed class Unsubscriber(Action remove) : IDisposable
{
    private Action? _remove = remove;

    public void Dispose() => Interlocked.Exchange(ref _remove, null)?.Invoke();
}
