namespace ZkNet.Recipes.Tests.Infrastructure;

/// <summary>
/// What a holder does while it believes it holds a lock or lease, the same as the Curator driver's
/// CriticalSection.java: marker files created with CreateNew in a shared folder make any overlap visible whatever
/// the lock itself says, and a log line records who held it, to prove the two sides really took turns.
/// </summary>
public sealed class CriticalSection(string directory)
{
    private readonly Lock _logGate = new();
    private int _violations;

    /// <summary>Every violation this process's sections saw so far.</summary>
    public int Violations => Volatile.Read(ref _violations);

    /// <summary>The shared folder.</summary>
    public string Directory { get; } = directory;

    /// <summary>Runs one critical section of <paramref name="kind"/> (mutex, write, read, semaphore); returns the violations seen.</summary>
    public async Task<int> RunAsync(string kind, string label, int id, int maxLeases = 1)
    {
        var exclusive = kind is "mutex" or "write";
        var marker = Path.Combine(Directory, exclusive ? "writer" : (kind == "read" ? "reader-" : "lease-") + label + "-" + id);
        try
        {
            await using (new FileStream(marker, FileMode.CreateNew))
            {
            }
        }
        catch (IOException)
        {
            Interlocked.Increment(ref _violations);
            return 1;
        }
        var violations = 0;
        var names = System.IO.Directory.GetFiles(Directory).Select(Path.GetFileName).ToList();
        violations += exclusive ? names.Count(n => n!.StartsWith("reader-", StringComparison.Ordinal)) : 0;
        violations += kind == "read" && names.Contains("writer") ? 1 : 0;
        violations += kind == "semaphore" && names.Count(n => n!.StartsWith("lease-", StringComparison.Ordinal)) > maxLeases ? 1 : 0;
        lock (_logGate)
        {
            File.AppendAllText(Path.Combine(Directory, "log"), kind + ":" + label + "\n");
        }
        // A short hold, so that contenders really pile up behind the holder.
        await Task.Delay(3);
        File.Delete(marker);
        Interlocked.Add(ref _violations, violations);
        return violations;
    }

    /// <summary>Who held, in order, from the log.</summary>
    public IReadOnlyList<string> Holders() =>
        File.Exists(Path.Combine(Directory, "log")) ? File.ReadAllLines(Path.Combine(Directory, "log")) : [];
}
