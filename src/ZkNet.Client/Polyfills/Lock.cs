#if !NET9_0_OR_GREATER
namespace System.Threading;

/// <summary>
/// The net8.0 build's stand-in for .NET 9's System.Threading.Lock: the compiler turns <c>lock (x)</c> on a value of
/// this type into <see cref="EnterScope"/> and a dispose, which here take and release a plain monitor.
/// </summary>
internal sealed class Lock
{
    private readonly object _monitor = new();

    /// <summary>Enters the lock; disposing the scope leaves it.</summary>
    public Scope EnterScope()
    {
        Monitor.Enter(_monitor);
        return new Scope(_monitor);
    }

    /// <summary>A held lock, released by <see cref="Dispose"/>.</summary>
    public readonly ref struct Scope(object monitor)
    {
        /// <summary>Leaves the lock.</summary>
        public void Dispose() => Monitor.Exit(monitor);
    }
}
#endif
