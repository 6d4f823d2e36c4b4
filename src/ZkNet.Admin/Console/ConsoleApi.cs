using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ZkNet.Admin.Commands;
using ZkNet.Client.Exceptions;
using ZkNet.Protocol;

namespace ZkNet.Admin.Console;

/// <summary>
/// The web console at / of the admin server: the page and its JSON API under /console/api. Reads are GET; writes
/// are POST with a JSON body and the session's CSRF token in X-ZkNet-Csrf (a cross-site form can send neither), and
/// the session cookie is SameSite=Strict.
/// </summary>
internal static class ConsoleApi
{
    /// <summary>The header a write must carry.</summary>
    public const string CsrfHeader = "X-ZkNet-Csrf";

    private delegate Task<JsonNode?> Operation(ConsoleSession session, JsonObject body, HttpContext http);

    public static void Map(WebApplication app, AdminContext context, ConsoleSessions sessions)
    {
        app.MapGet("/", () => Asset("index.html", "text/html; charset=utf-8"));
        app.MapGet("/console/{file}", (string file) => file switch
        {
            "app.js" => Asset(file, "text/javascript; charset=utf-8"),
            "app.css" => Asset(file, "text/css; charset=utf-8"),
            _ => Results.NotFound(),
        });
        Get(app, sessions, "session", (s, _, _) => Task.FromResult<JsonNode?>(SessionJson(s)));
        Post(app, sessions, "signin", async (_, body, http) =>
        {
            var user = (string?)body["user"];
            if (string.IsNullOrEmpty(user) || user.Contains(':', StringComparison.Ordinal))
            {
                throw new ConsoleException("user is required and may not contain ':'");
            }
            return SessionJson(await sessions.OpenAsync(http, user, (string?)body["password"] ?? "").ConfigureAwait(false));
        });
        Post(app, sessions, "signout", async (_, _, http) => SessionJson(await sessions.OpenAsync(http, null, null).ConfigureAwait(false)));
        Get(app, sessions, "children", (s, _, http) => ConsoleTree.ChildrenAsync(s, PathOf(http)));
        Get(app, sessions, "node", (s, _, http) => ConsoleTree.NodeAsync(s, PathOf(http)));
        Post(app, sessions, "create", (s, body, _) => ConsoleTree.CreateAsync(s, body));
        Post(app, sessions, "set", (s, body, _) => ConsoleTree.SetAsync(s, body));
        Post(app, sessions, "delete", (s, body, _) => ConsoleTree.DeleteAsync(s, body));
        Post(app, sessions, "acl", (s, body, _) => ConsoleTree.SetAclAsync(s, body));
        Get(app, sessions, "export", (s, _, http) => ConsoleTransfer.ExportAsync(s, PathOf(http)));
        Post(app, sessions, "import", (s, body, _) => ConsoleTransfer.ImportAsync(s, body));
        Get(app, sessions, "search", (s, _, http) => ConsoleTransfer.SearchAsync(s, http.Request.Query["q"].ToString(), PathOf(http)));
        Get(app, sessions, "server", async (_, _, http) =>
            await AdminCommands.RunAsync(context, "monitor", new Dictionary<string, string>(), http.RequestAborted).ConfigureAwait(false));
        app.MapGet("/console/api/events", (HttpContext http) => ConsoleEvents.StreamAsync(sessions, http));
    }

    private static JsonObject SessionJson(ConsoleSession s) => new() { ["identity"] = s.Identity, ["csrf"] = s.CsrfToken };

    private static string PathOf(HttpContext http) => http.Request.Query["path"] is { Count: > 0 } p ? p.ToString() : "/";

    private static void Get(WebApplication app, ConsoleSessions sessions, string name, Operation op) =>
        app.MapGet("/console/api/" + name, (Delegate)((HttpContext http) => RunAsync(http, sessions, write: false, op)));

    private static void Post(WebApplication app, ConsoleSessions sessions, string name, Operation op) =>
        app.MapPost("/console/api/" + name, (Delegate)((HttpContext http) => RunAsync(http, sessions, write: true, op)));

    private static async Task<IResult> RunAsync(HttpContext http, ConsoleSessions sessions, bool write, Operation op)
    {
        try
        {
            var session = await sessions.GetOrOpenAsync(http).ConfigureAwait(false);
            var body = new JsonObject();
            if (write)
            {
                if (http.Request.Headers[CsrfHeader] != session.CsrfToken)
                {
                    throw new ConsoleException(StatusCodes.Status403Forbidden, $"missing or stale {CsrfHeader} header: reload the page");
                }
                if (!http.Request.HasJsonContentType())
                {
                    throw new ConsoleException(StatusCodes.Status415UnsupportedMediaType, "the body must be application/json");
                }
                body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted).ConfigureAwait(false) as JsonObject
                    ?? throw new ConsoleException("the body must be a JSON object");
            }
            return Results.Json(await op(session, body, http).ConfigureAwait(false));
        }
        catch (ConsoleException ex)
        {
            return Error(ex.Status, ex.Message, null);
        }
        catch (JsonException ex)
        {
            return Error(StatusCodes.Status400BadRequest, "malformed JSON: " + ex.Message, null);
        }
        catch (KeeperException ex)
        {
            return Error(StatusOf(ex.Code), ex.Message, ex.Code.ToString());
        }
        catch (ArgumentException ex)
        {
            // The client refuses a malformed path before sending it.
            return Error(StatusCodes.Status400BadRequest, ex.Message, ErrorCode.BadArguments.ToString());
        }
    }

    private static int StatusOf(ErrorCode code) => code switch
    {
        ErrorCode.NoNode => StatusCodes.Status404NotFound,
        ErrorCode.NoAuth or ErrorCode.AuthFailed => StatusCodes.Status403Forbidden,
        ErrorCode.BadVersion or ErrorCode.NodeExists or ErrorCode.NotEmpty => StatusCodes.Status409Conflict,
        ErrorCode.BadArguments or ErrorCode.InvalidAcl or ErrorCode.NoChildrenForEphemerals => StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status503ServiceUnavailable,
    };

    private static IResult Error(int status, string message, string? code) =>
        Results.Json(new JsonObject { ["error"] = message, ["code"] = code }, statusCode: status);

    private static IResult Asset(string name, string contentType)
    {
        var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("console/" + name);
        return stream is null ? Results.NotFound() : Results.Stream(stream, contentType);
    }
}
