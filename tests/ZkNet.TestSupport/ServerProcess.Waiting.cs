using System.Net.Sockets;
using System.Text;

namespace ZkNet.TestSupport;

public sealed partial class ServerProcess
{
    /// <summary>Whether the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Waits (bounded) for the process to exit by itself and returns its exit code, with all its output read.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{Kind} did not exit within {timeout}:\n{Output}");
        }
        return _process.ExitCode;
    }

    /// <summary>Sends a four-letter word and returns the whole answer (the server closes after answering).</summary>
    public async Task<string> FourLetterWordAsync(string word, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", Port, cts.Token).ConfigureAwait(false);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(word), cts.Token).ConfigureAwait(false);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync(cts.Token).ConfigureAwait(false);
    }

    private async Task WaitUntilServingAsync(TimeSpan timeout, bool srvr)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Kind} exited with {_process.ExitCode} during startup:\n{Output}");
            }
            try
            {
                var answer = await FourLetterWordAsync(srvr ? "srvr" : "ruok", TimeSpan.FromSeconds(2)).ConfigureAwait(false);
                if (srvr ? answer.Contains("Zxid:", StringComparison.Ordinal) : answer == "imok")
                {
                    return;
                }
            }
            catch (SocketException)
            {
            }
            catch (IOException)
            {
            }
            catch (OperationCanceledException)
            {
            }
            await Task.Delay(100).ConfigureAwait(false);
        }
        throw new TimeoutException($"{Kind} did not start serving on port {Port} within {timeout}:\n{Output}");
    }
}
