using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using ZkNet.Admin.Snapshots;
using ZkNet.Persistence.Database;
using Tree = ZkNet.Server.DataTree.DataTree;

namespace ZkNet.Admin.Http;

/// <summary>
/// ZooKeeper 3.9's snapshot (GET, alias snap) and restore (POST, alias rest) commands: both need an identity with
/// ALL on "/" (see <see cref="AdminAuth"/>), can be turned off (admin.snapshot.enabled, admin.restore.enabled: 503)
/// and run at most once per admin.rateLimiterIntervalInMS (429). snapshot writes a consistent snapshot of the
/// committed state in ZooKeeper's file format and streams it (?streaming=false answers the headers only); restore
/// reads such a file from the request body and replaces the tree and sessions with it.
/// </summary>
internal static class SnapshotRoutes
{
    /// <summary>The primary names, listed by the command page as ZooKeeper 3.9 lists them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["restore", "snapshot"];

    /// <summary>How long a restore waits for the txns in flight to be applied before giving up (503).</summary>
    private static readonly TimeSpan QuietWait = TimeSpan.FromSeconds(10);

    public static void Map(WebApplication app, AdminContext context, AdminServerOptions options, string root)
    {
        var snapshotLimiter = new RateLimiter(TimeSpan.FromMilliseconds(options.RateLimiterIntervalMs), TimeProvider.System);
        var restoreLimiter = new RateLimiter(TimeSpan.FromMilliseconds(options.RateLimiterIntervalMs), TimeProvider.System);
        foreach (var name in new[] { "snapshot", "snap" })
        {
            app.MapGet($"{root}/{name}", (Delegate)((HttpContext http) => SnapshotAsync(http, context, options, snapshotLimiter)));
            app.MapMethods($"{root}/{name}", ["POST", "PUT", "DELETE", "PATCH"], () => NotAllowed("snapshot", "GET"));
        }
        foreach (var name in new[] { "restore", "rest" })
        {
            app.MapPost($"{root}/{name}", (Delegate)((HttpContext http) => RestoreAsync(http, context, options, restoreLimiter)));
            app.MapMethods($"{root}/{name}", ["GET", "PUT", "DELETE", "PATCH"], () => NotAllowed("restore", "POST"));
        }
    }

    private static async Task<IResult> SnapshotAsync(HttpContext http, AdminContext context, AdminServerOptions options, RateLimiter limiter)
    {
        if (await CheckAsync(http, context, "snapshot", options.SnapshotEnabled, limiter).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }
        // Java's Boolean.parseBoolean: "true" in any case is true, anything else false; absent means stream.
        var streaming = !http.Request.Query.TryGetValue("streaming", out var value)
            || string.Equals(value.ToString(), "true", StringComparison.OrdinalIgnoreCase);
        var path = Path.Combine(Path.GetTempPath(), $"zknet-admin-snapshot-{Guid.NewGuid():N}");
        try
        {
            // Fuzzy, as ZooKeeper's: written while requests go on (a large tree no longer stalls them), its zxid the
            // last applied when it began and its digest trailer the tree's when its walk ended.
            var zxid = await context.Core.WriteSnapshotWhileServingAsync(new SnapshotFileStore(path), http.RequestAborted)
                .ConfigureAwait(false);
            var size = new FileInfo(path).Length;
            http.Response.Headers["last_zxid"] = "0x" + zxid.ToString("x", CultureInfo.InvariantCulture);
            http.Response.Headers["snapshot_size"] = size.ToString(CultureInfo.InvariantCulture);
            if (!streaming)
            {
                File.Delete(path);
                return Json("snapshot", StatusCodes.Status200OK, null);
            }
            var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024,
                FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            return Results.Stream(file, "application/octet-stream");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            File.Delete(path);
            return Json("snapshot", StatusCodes.Status500InternalServerError, $"the snapshot could not be written: {ex.Message}");
        }
        catch (OperationCanceledException)
        {
            // The client went away while the tree was being walked (it takes a while now that requests go on
            // meanwhile): nobody will read the half-written file.
            File.Delete(path);
            throw;
        }
    }

    private static async Task<IResult> RestoreAsync(HttpContext http, AdminContext context, AdminServerOptions options, RateLimiter limiter)
    {
        if (await CheckAsync(http, context, "restore", options.RestoreEnabled, limiter).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.RestoreMaxBytes;
        }
        if (http.Request.ContentLength > options.RestoreMaxBytes)
        {
            return TooLarge(options);
        }
        var path = Path.Combine(Path.GetTempPath(), $"zknet-admin-restore-{Guid.NewGuid():N}");
        try
        {
            // The body goes to a file first: Kestrel reads asynchronously, the snapshot reader synchronously.
            var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024,
                FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            await using (file.ConfigureAwait(false))
            {
                try
                {
                    await http.Request.Body.CopyToAsync(file, http.RequestAborted).ConfigureAwait(false);
                }
                catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
                {
                    return TooLarge(options);
                }
                if (file.Length == 0)
                {
                    return Json("restore", StatusCodes.Status400BadRequest, "restore needs a snapshot in the request body");
                }
                file.Position = 0;
                (Tree Tree, Dictionary<long, int> Sessions) state;
                try
                {
                    state = ZkDatabase.ReadSnapshotStream(file, context.Core.Options.ExtendedTypesEnabled, "the request body");
                }
                catch (IOException ex)
                {
                    // SnapshotCorruptException included: a damaged or foreign body is the client's error.
                    return Json("restore", StatusCodes.Status400BadRequest, $"the request body is not a ZooKeeper snapshot: {ex.Message}");
                }
                return await ApplyAsync(context, state.Tree, state.Sessions, http.RequestAborted).ConfigureAwait(false);
            }
        }
        catch (IOException ex) when (!http.RequestAborted.IsCancellationRequested)
        {
            return Json("restore", StatusCodes.Status500InternalServerError, $"the snapshot could not be stored for reading: {ex.Message}");
        }
    }

    /// <summary>Swaps the state in on the processor thread once no txn is in flight.</summary>
    private static async Task<IResult> ApplyAsync(AdminContext context, Tree tree, Dictionary<long, int> sessions, CancellationToken cancellationToken)
    {
        var deadline = TimeProvider.System.GetTimestamp();
        while (true)
        {
            long? zxid;
            try
            {
                zxid = await context.Core.InspectAsync(() => context.Core.RestoreState(tree, sessions), cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidOperationException ex)
            {
                return Json("restore", StatusCodes.Status500InternalServerError, ex.Message);
            }
            if (zxid is { } restored)
            {
                var answer = new JsonObject { ["last_zxid"] = restored };
                return Json("restore", StatusCodes.Status200OK, null, answer);
            }
            if (TimeProvider.System.GetElapsedTime(deadline) > QuietWait)
            {
                return Json("restore", StatusCodes.Status503ServiceUnavailable,
                    $"writes kept the server busy for {QuietWait.TotalSeconds} s: no quiet moment to restore in");
            }
            // Txns were in flight: they are applied within an fsync, so try again shortly.
            await Task.Delay(TimeSpan.FromMilliseconds(5), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Authentication and authorization (401/403), then the feature flag (503) and the rate limit (429).</summary>
    private static async Task<IResult?> CheckAsync(HttpContext http, AdminContext context, string command, bool enabled, RateLimiter limiter)
    {
        var (ids, refused) = AdminAuth.Authenticate(http, context);
        refused ??= await context.Core.InspectAsync(() => AdminAuth.Authorize(context, ids!), http.RequestAborted).ConfigureAwait(false);
        if (refused is not null)
        {
            return Json(command, refused.StatusCode, refused.Error);
        }
        if (!enabled)
        {
            return Json(command, StatusCodes.Status503ServiceUnavailable, $"the {command} command is disabled (admin.{command}.enabled=false)");
        }
        return limiter.Allow()
            ? null
            : Json(command, StatusCodes.Status429TooManyRequests, $"{command} runs at most once per admin.rateLimiterIntervalInMS; try again later");
    }

    private static IResult TooLarge(AdminServerOptions options) => Json("restore", StatusCodes.Status413PayloadTooLarge,
        $"the snapshot is larger than admin.restore.maxBytes ({options.RestoreMaxBytes} bytes)");

    private static IResult NotAllowed(string command, string method) =>
        Json(command, StatusCodes.Status405MethodNotAllowed, $"{command} is served on {method} only");

    /// <summary>ZooKeeper's command answer: the command's keys, "command" and "error", with the status it sets.</summary>
    private static IResult Json(string command, int status, string? error, JsonObject? answer = null)
    {
        answer ??= [];
        answer["command"] = command;
        answer["error"] = error;
        return Results.Text(answer.ToJsonString(), "application/json", Encoding.UTF8, status);
    }
}
