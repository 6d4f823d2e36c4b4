using ZkNet.Client;
using ZkNet.Client.Exceptions;

namespace ZkNet.Cli.Shell;

internal sealed partial class ZkShell
{
    private static readonly TimeSpan CompletionTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The children of <paramref name="path"/> for Tab completion, or null without a session, for a path that does
    /// not exist or cannot be read, or when the server does not answer within 2 s. The terminal's key reading is
    /// synchronous (Console.ReadKey), so completion waits here, bounded, on the thread that reads the keys.
    /// </summary>
    public IReadOnlyList<string>? ChildrenForCompletion(string path)
    {
        if (_client is not { State: ClientState.Connected or ClientState.ConnectedReadOnly } client)
        {
            return null;
        }
        try
        {
            return client.GetChildrenAsync(path).WaitAsync(CompletionTimeout).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is KeeperException or TimeoutException or ArgumentException)
        {
            return null;
        }
    }
}
