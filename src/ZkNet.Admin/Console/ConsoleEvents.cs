using Microsoft.AspNetCore.Http;

namespace ZkNet.Admin.Console;

/// <summary>Pushes the session's tree changes to the page as server-sent events ("data: NodeDataChanged /a").</summary>
internal static class ConsoleEvents
{
    public static async Task StreamAsync(ConsoleSessions sessions, HttpContext http)
    {
        ConsoleSession session;
        try
        {
            session = await sessions.GetOrOpenAsync(http).ConfigureAwait(false);
        }
        catch (ConsoleException ex)
        {
            http.Response.StatusCode = ex.Status;
            return;
        }
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        // A first comment line makes the browser report the stream open at once.
        await http.Response.WriteAsync(": connected\n\n", http.RequestAborted).ConfigureAwait(false);
        await http.Response.Body.FlushAsync(http.RequestAborted).ConfigureAwait(false);
        try
        {
            await foreach (var change in session.Events.Reader.ReadAllAsync(http.RequestAborted).ConfigureAwait(false))
            {
                session.Touch();
                await http.Response.WriteAsync($"data: {change}\n\n", http.RequestAborted).ConfigureAwait(false);
                await http.Response.Body.FlushAsync(http.RequestAborted).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The page went away.
        }
    }
}
