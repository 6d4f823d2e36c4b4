using System.Net.Sockets;
using System.Text;

namespace ZkNet.LoadGen.Wire;

/// <summary>Sends a four-letter word (srvr, mntr...) and returns the answer; the server closes after answering.</summary>
internal static class FourLetterWord
{
    public static async Task<string> SendAsync(int port, string word, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port, timeout.Token).ConfigureAwait(false);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(word), timeout.Token).ConfigureAwait(false);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync(timeout.Token).ConfigureAwait(false);
    }

    /// <summary>The "Node count: N" of srvr, or -1 when the answer has none.</summary>
    public static async Task<long> NodeCountAsync(int port, CancellationToken ct)
    {
        foreach (var line in (await SendAsync(port, "srvr", ct).ConfigureAwait(false)).Split('\n'))
        {
            if (line.StartsWith("Node count:", StringComparison.Ordinal) &&
                long.TryParse(line["Node count:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture, out var count))
            {
                return count;
            }
        }
        return -1;
    }
}
