using ZkNet.LoadGen.Measurement;

namespace ZkNet.LoadGen.Tests;

public class ProcessSamplerTests
{
    [Fact]
    public void Cpu_time_is_read_after_a_command_name_holding_spaces_and_parentheses()
    {
        // Fields as proc(5) numbers them: 14 utime = 250 ticks, 15 stime = 50 ticks.
        const string stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 30 0 100 0 0";
        Assert.Equal(3.0, ProcessSampler.ParseCpuSeconds(stat), 6);
    }

    [Fact]
    public void Resident_memory_lines_are_read_in_kilobytes()
    {
        var status = new[] { "Name:\tjava", "VmHWM:\t  204800 kB", "VmRSS:\t  102400 kB", "Threads:\t40" };
        Assert.Equal(102_400, ProcessSampler.ParseKb(status, "VmRSS:"));
        Assert.Equal(204_800, ProcessSampler.ParseKb(status, "VmHWM:"));
        Assert.Equal(0, ProcessSampler.ParseKb(status, "VmSwap:"));
    }

    [Fact]
    public void Sampling_this_process_sees_its_own_memory_and_cpu()
    {
        var sample = ProcessSampler.TrySample(Environment.ProcessId);
        Assert.NotNull(sample);
        Assert.True(sample.Value.RssBytes > 10 * 1024 * 1024, "a running .NET test host holds more than 10 MiB");
        Assert.True(sample.Value.PeakRssBytes >= sample.Value.RssBytes);
        Assert.True(sample.Value.CpuSeconds > 0);
    }

    [Fact]
    public void Sampling_a_process_that_does_not_exist_gives_nothing()
    {
        Assert.Null(ProcessSampler.TrySample(int.MaxValue));
    }
}
