namespace ZkNet.Testing;

/// <summary>The temporary data folders that testing servers and clusters make and delete.</summary>
internal static class TemporaryFolder
{
    /// <summary>A new, unique path under the system's temp folder (not created).</summary>
    public static string NewPath(string prefix) => Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N"));

    /// <summary>Deletes <paramref name="path"/> and everything in it, if it can.</summary>
    public static void TryDelete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open (an antivirus, a slow close) must not fail the test; the folder is in temp.
        }
    }
}
