using System.Security.Cryptography;
using System.Threading.Channels;
using ZkNet.Client;
using ZkNet.Protocol;

namespace ZkNet.Admin.Console;

/// <summary>
/// One browser's console session: a ZooKeeper session of its own (anonymous, or with the digest identity the user
/// signed in with), so every tree operation is checked against the ACLs exactly as for any client; a CSRF token the
/// page must echo on writes; and the tree's changes, from a persistent recursive watch on /, queued for the page.
/// </summary>
internal sealed class ConsoleSession : IAsyncDisposable
{
    /// <summary>Changes kept for a page that is not listening; older ones are dropped (the page reloads on reconnect).</summary>
    private const int EventBacklog = 256;

    private readonly CancellationTokenSource _closing = new();
    private readonly Task _watchLoop;
    private long _lastUsedTicks;

    private ConsoleSession(ZooKeeperClient client, string? identity)
    {
        Client = client;
        Identity = identity;
        Touch();
        _watchLoop = Task.Run(WatchLoopAsync);
    }

    /// <summary>The cookie value naming this session.</summary>
    public string Id { get; } = RandomToken();

    /// <summary>What writes must carry in the X-ZkNet-Csrf header.</summary>
    public string CsrfToken { get; } = RandomToken();

    /// <summary>The digest user signed in, or null (anonymous, as zkCli before addauth).</summary>
    public string? Identity { get; }

    /// <summary>The ZooKeeper session every operation of this page goes through.</summary>
    public ZooKeeperClient Client { get; }

    /// <summary>Tree changes: "type path" lines for the page's event stream.</summary>
    public Channel<string> Events { get; } = Channel.CreateBounded<string>(new BoundedChannelOptions(EventBacklog)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
    });

    /// <summary>When the page last asked anything (Environment.TickCount64).</summary>
    public long LastUsed => Interlocked.Read(ref _lastUsedTicks);

    /// <summary>Opens a session on <paramref name="connectString"/>, signed in as <paramref name="user"/> when given.</summary>
    public static async Task<ConsoleSession> OpenAsync(string connectString, string? user, string? password, CancellationToken cancellationToken)
    {
        var options = new ZooKeeperClientOptions
        {
            ConnectString = connectString,
            SessionTimeout = TimeSpan.FromSeconds(30),
            Auth = user is null ? [] : [new AuthCredential("digest", System.Text.Encoding.UTF8.GetBytes($"{user}:{password}"))],
        };
        var client = await ZooKeeperClient.ConnectAsync(options, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new ConsoleSession(client, user);
    }

    /// <summary>Marks the session used now.</summary>
    public void Touch() => Interlocked.Exchange(ref _lastUsedTicks, Environment.TickCount64);

    private async Task WatchLoopAsync()
    {
        try
        {
            // The server drops events for nodes this identity may not read, so the page learns nothing it could
            // not read itself.
            await foreach (var e in Client.WatchAsync("/", AddWatchMode.PersistentRecursive, _closing.Token).ConfigureAwait(false))
            {
                if (e.Path is not null)
                {
                    Events.Writer.TryWrite($"{e.Type} {e.Path}");
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ZkNet.Client.Exceptions.KeeperException)
        {
            // Closing, or the session ended: the page sees its next request fail and signs in again.
        }
    }

    private static string RandomToken() => Convert.ToHexString(RandomNumberGenerator.GetBytes(24));

    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync().ConfigureAwait(false);
        Events.Writer.TryComplete();
        await Client.DisposeAsync().ConfigureAwait(false);
        await _watchLoop.ConfigureAwait(false);
        _closing.Dispose();
    }
}
