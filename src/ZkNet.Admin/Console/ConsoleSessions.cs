using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace ZkNet.Admin.Console;

/// <summary>
/// The console sessions of one server, found by cookie. Idle ones are closed (their ZooKeeper sessions with them) and
/// their number is bounded, so pages left open or a script hammering the console cannot pile up sessions.
/// </summary>
internal sealed class ConsoleSessions : IAsyncDisposable
{
    /// <summary>The cookie naming the session (HttpOnly, SameSite=Strict: other sites' pages never send it).</summary>
    public const string CookieName = "zknet_console";

    /// <summary>Sessions open at once at most.</summary>
    public const int MaxSessions = 64;

    private static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<string, ConsoleSession> _sessions = new(StringComparer.Ordinal);
    private readonly string _connectString;
    private readonly Timer _reaper;

    public ConsoleSessions(string connectString)
    {
        _connectString = connectString;
        _reaper = new Timer(_ => _ = ReapAsync(), null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
    }

    /// <summary>The request's session, or a new anonymous one (with its cookie set on the response).</summary>
    /// <exception cref="ConsoleException">Too many sessions are open.</exception>
    public async Task<ConsoleSession> GetOrOpenAsync(HttpContext http)
    {
        if (http.Request.Cookies.TryGetValue(CookieName, out var id) && _sessions.TryGetValue(id, out var session))
        {
            session.Touch();
            return session;
        }
        return await OpenAsync(http, null, null).ConfigureAwait(false);
    }

    /// <summary>Replaces the request's session by one signed in as <paramref name="user"/> (null: anonymous).</summary>
    public async Task<ConsoleSession> OpenAsync(HttpContext http, string? user, string? password)
    {
        if (_sessions.Count >= MaxSessions)
        {
            throw new ConsoleException(StatusCodes.Status503ServiceUnavailable, $"the console has {MaxSessions} sessions open; try again later");
        }
        if (http.Request.Cookies.TryGetValue(CookieName, out var old) && _sessions.TryRemove(old, out var previous))
        {
            await previous.DisposeAsync().ConfigureAwait(false);
        }
        var session = await ConsoleSession.OpenAsync(_connectString, user, password, http.RequestAborted).ConfigureAwait(false);
        _sessions[session.Id] = session;
        http.Response.Cookies.Append(CookieName, session.Id, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Path = "/",
        });
        return session;
    }

    private async Task ReapAsync()
    {
        var now = Environment.TickCount64;
        foreach (var (id, session) in _sessions)
        {
            if (now - session.LastUsed > IdleTimeout.TotalMilliseconds && _sessions.TryRemove(id, out _))
            {
                await session.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _reaper.DisposeAsync().ConfigureAwait(false);
        foreach (var id in _sessions.Keys)
        {
            if (_sessions.TryRemove(id, out var session))
            {
                await session.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
