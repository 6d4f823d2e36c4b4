using System.Security.Cryptography;
using System.Text;

namespace ZkNet.TestSupport;

/// <summary>
/// Compiles a folder of Java sources with javac at test time, once per distinct source text: the classes are cached
/// under the temp folder by a hash of the sources, and a compile goes to a private folder that is then renamed into
/// place, so concurrent test runs never see half-written classes.
/// </summary>
public static class JavaSources
{
    /// <summary>Returns the folder of classes compiled from every .java file in <paramref name="sourceDirectory"/>.</summary>
    /// <param name="sourceDirectory">The sources.</param>
    /// <param name="classPath">The jars they compile against.</param>
    /// <param name="markerClass">A class whose .class file proves a complete compile (e.g. the main class).</param>
    /// <param name="cacheName">The folder under the temp folder that holds the cached compiles.</param>
    /// <exception cref="InvalidOperationException">javac failed (its output is in the message).</exception>
    public static async Task<string> CompileAsync(string sourceDirectory, string classPath, string markerClass, string cacheName)
    {
        var sources = Directory.GetFiles(sourceDirectory, "*.java").Order(StringComparer.Ordinal).ToArray();
        var text = new StringBuilder();
        foreach (var source in sources)
        {
            text.Append(Path.GetFileName(source)).Append('\n').Append(await File.ReadAllTextAsync(source));
        }
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
        var target = Path.Combine(Path.GetTempPath(), cacheName, key);
        var marker = Path.Combine(target, markerClass + ".class");
        if (File.Exists(marker))
        {
            return target;
        }
        var scratch = target + ".tmp-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N")[..8];
        Directory.CreateDirectory(scratch);
        var (exitCode, output, error) = await ExternalProcess.RunAsync("javac",
            ["-nowarn", "-encoding", "UTF-8", "-d", scratch, "-cp", classPath, .. sources], TimeSpan.FromSeconds(120));
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"javac failed ({exitCode}):\n{output}\n{error}");
        }
        try
        {
            Directory.Move(scratch, target);
        }
        catch (IOException) when (File.Exists(marker))
        {
            // Another test run compiled the same sources first.
            Directory.Delete(scratch, recursive: true);
        }
        return target;
    }
}
