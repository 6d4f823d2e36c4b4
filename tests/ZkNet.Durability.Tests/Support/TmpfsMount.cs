using System.Diagnostics;

namespace ZkNet.Durability.Tests.Support;

/// <summary>
/// A small tmpfs mounted over a folder, to fill a disk for real. Needs root (mount); <see cref="IsAvailable"/> tells
/// whether this machine allows it, and tests that need one are skipped otherwise (see <see cref="TmpfsFactAttribute"/>).
/// </summary>
internal sealed class TmpfsMount : IDisposable
{
    private static readonly Lazy<bool> Available = new(Probe);

    private TmpfsMount(string path) => Path = path;

    public static bool IsAvailable => Available.Value;

    public string Path { get; }

    public static TmpfsMount Mount(string path, int sizeKb)
    {
        Directory.CreateDirectory(path);
        Run("mount", "-t", "tmpfs", "-o", $"size={sizeKb}k", "tmpfs", path);
        return new TmpfsMount(path);
    }

    /// <summary>Grows the file system in place (the disk was "fixed").</summary>
    public void Resize(int sizeKb) => Run("mount", "-o", $"remount,size={sizeKb}k", Path);

    public void Dispose()
    {
        if (!TryRun("umount", Path))
        {
            // Something still holds a file open: detach now, the kernel frees it when the last user goes.
            TryRun("umount", "-l", Path);
        }
    }

    private static bool Probe()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            return false;
        }
        var probe = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "zknet-tmpfs-probe-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(probe);
        try
        {
            if (!TryRun("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", probe))
            {
                return false;
            }
            return TryRun("umount", probe);
        }
        finally
        {
            Directory.Delete(probe);
        }
    }

    private static void Run(params string[] args)
    {
        if (!TryRun(args))
        {
            throw new InvalidOperationException("failed: " + string.Join(" ", args));
        }
    }

    private static bool TryRun(params string[] args)
    {
        var start = new ProcessStartInfo(args[0]) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in args.Skip(1))
        {
            start.ArgumentList.Add(arg);
        }
        try
        {
            using var process = Process.Start(start)!;
            process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            return process.WaitForExit(10_000) && process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}

