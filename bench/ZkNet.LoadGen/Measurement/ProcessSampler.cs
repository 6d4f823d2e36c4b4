using System.Globalization;

namespace ZkNet.LoadGen.Measurement;

/// <summary>Reads a process's CPU time (/proc/PID/stat) and resident memory (/proc/PID/status) on Linux.</summary>
internal static class ProcessSampler
{
    // utime and stime are in clock ticks of USER_HZ, which Linux fixes at 100 for user space on x86 and ARM
    // (sysconf(_SC_CLK_TCK)); it is not the kernel's internal HZ.
    private const double ClockTicksPerSecond = 100.0;

    /// <summary>Samples <paramref name="pid"/>; null when /proc has no such process (or this is not Linux).</summary>
    public static ProcessSample? TrySample(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var status = File.ReadAllLines($"/proc/{pid}/status");
            return new ProcessSample(ParseCpuSeconds(stat), ParseKb(status, "VmRSS:") * 1024, ParseKb(status, "VmHWM:") * 1024);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    /// <summary>utime + stime in seconds from the text of /proc/PID/stat.</summary>
    internal static double ParseCpuSeconds(string stat)
    {
        // The command name (field 2) is in parentheses and may hold spaces or ')': fields are counted after the
        // last ')'. Field 3 (state) is then index 0, so utime (field 14) is index 11 and stime (15) index 12.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var utime = long.Parse(fields[11], CultureInfo.InvariantCulture);
        var stime = long.Parse(fields[12], CultureInfo.InvariantCulture);
        return (utime + stime) / ClockTicksPerSecond;
    }

    /// <summary>The value in kB of a "Name:   1234 kB" line of /proc/PID/status (0 when absent).</summary>
    internal static long ParseKb(IEnumerable<string> status, string name)
    {
        foreach (var line in status)
        {
            if (line.StartsWith(name, StringComparison.Ordinal))
            {
                var number = line[name.Length..].Trim().Split(' ')[0];
                return long.Parse(number, CultureInfo.InvariantCulture);
            }
        }
        return 0;
    }
}
