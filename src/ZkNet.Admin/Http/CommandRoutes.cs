using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ZkNet.Admin.Commands;

namespace ZkNet.Admin.Http;

/// <summary>The command URLs: the list at admin.commandURL and each command below it, GET only, as ZooKeeper's.</summary>
internal static class CommandRoutes
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>How long a command may wait for the request processor before the answer says so.</summary>
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(10);

    public static void Map(WebApplication app, AdminContext context, AdminServerOptions options)
    {
        var root = "/" + options.CommandUrl.Trim('/');
        // Literal routes win over {name}: snapshot and restore have their own methods, statuses and bodies.
        SnapshotRoutes.Map(app, context, options, root);
        app.MapGet(root, () => Results.Content(List(root), "text/html; charset=utf-8"));
        app.MapGet(root + "/{name}", (string name, HttpContext http) => RunAsync(context, name, http));
        // ZooKeeper's servlet answers only GET; say so plainly for the rest.
        app.MapMethods(root + "/{name}", ["POST", "PUT", "DELETE", "PATCH"], () =>
            Results.Problem($"HTTP method not supported by this URL", statusCode: (int)HttpStatusCode.MethodNotAllowed));
    }

    private static async Task<IResult> RunAsync(AdminContext context, string name, HttpContext http)
    {
        var query = http.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        timeout.CancelAfter(CommandTimeout);
        try
        {
            var answer = await AdminCommands.RunAsync(context, name, query, timeout.Token).ConfigureAwait(false);
            return Results.Text(answer.ToJsonString(Indented), "application/json", Encoding.UTF8);
        }
        catch (OperationCanceledException) when (!http.RequestAborted.IsCancellationRequested)
        {
            return Results.Problem($"{name}: the server did not answer within {CommandTimeout.TotalSeconds} s (stopping or overloaded)",
                statusCode: (int)HttpStatusCode.ServiceUnavailable);
        }
    }

    private static string List(string root)
    {
        var sb = new StringBuilder();
        // ZooKeeper 3.9 lists snapshot and restore among the rest, in name order.
        foreach (var name in AdminCommands.All.Select(c => c.Name).Concat(SnapshotRoutes.Names).Order(StringComparer.Ordinal))
        {
            sb.Append("<a href=\"").Append(root).Append('/').Append(name).Append("\">").Append(name).Append("</a>\n<br/>\n");
        }
        return sb.ToString();
    }
}
