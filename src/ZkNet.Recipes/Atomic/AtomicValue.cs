namespace ZkNet.Recipes.Atomic;

/// <summary>The outcome of an atomic operation (Curator's AtomicValue).</summary>
/// <typeparam name="T">The value's type.</typeparam>
/// <param name="Succeeded">Whether the change was applied; false when contention outlasted the retry policy or a compare failed.</param>
/// <param name="PreValue">The value before the operation.</param>
/// <param name="PostValue">The value after it (equal to <paramref name="PreValue"/> when it did not succeed).</param>
public readonly record struct AtomicValue<T>(bool Succeeded, T PreValue, T PostValue);
