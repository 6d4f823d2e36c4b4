using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ZkNet.Admin.Tests.Support;
using ZkNet.Hosting;

namespace ZkNet.Admin.Tests.Console;

/// <summary>The console's API without a browser: cross-site protection and bad input get clear refusals.</summary>
public sealed class ConsoleApiTests : IAsyncLifetime
{
    private ZkNetServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _server = await InProcessServer.StartAsync();
        _http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{_server.AdminEndPoint!.Port}/"),
            Timeout = TimeSpan.FromSeconds(20),
        };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_write_without_the_csrf_token_is_refused_and_changes_nothing()
    {
        await SessionAsync();
        using var response = await PostAsync("create", "{\"path\":\"/forged\"}", csrf: null);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("X-ZkNet-Csrf", (string?)(await JsonAsync(response))["error"], StringComparison.Ordinal);
        using var read = await _http.GetAsync(new Uri("console/api/node?path=/forged", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    [Fact]
    public async Task The_session_cookie_is_http_only_and_same_site_strict()
    {
        using var response = await _http.GetAsync(new Uri("console/api/session", UriKind.Relative));
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("{\"path\":\"/x\",\"data\":\"%%%\",\"encoding\":\"base64\"}", "data is not valid base64")]
    [InlineData("{\"path\":\"/x\",\"encoding\":\"rot13\"}", "unknown encoding 'rot13'")]
    [InlineData("{\"path\":\"/x\",\"mode\":\"forever\"}", "unknown mode 'forever'")]
    [InlineData("{\"data\":\"x\"}", "path is required")]
    [InlineData("{\"path\":\"/x\",\"acl\":[{\"perms\":\"rwz\",\"scheme\":\"world\",\"id\":\"anyone\"}]}", "bad ACL entry")]
    [InlineData("{\"path\":\"no-slash\"}", "no-slash")]
    [InlineData("{not json", "malformed JSON")]
    public async Task Bad_input_gets_a_400_that_says_why(string body, string reason)
    {
        var csrf = await SessionAsync();
        using var response = await PostAsync("create", body, csrf);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, (string?)(await JsonAsync(response))["error"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_and_the_console_keeps_serving()
    {
        var csrf = await SessionAsync();
        var huge = "{\"path\":\"/big\",\"data\":\"" + new string('x', (int)ZkNet.Admin.AdminServer.MaxBodyBytes + 10) + "\"}";
        try
        {
            using var response = await PostAsync("create", huge, csrf);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        }
        catch (HttpRequestException ex) when (ex.InnerException is IOException)
        {
            // The server answered 413 and closed while the client was still sending the rest of the body (a loaded
            // machine lets the answer overtake the upload): the client sees the connection break instead.
        }
        using var after = await _http.GetAsync(new Uri("console/api/children?path=/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.DoesNotContain("\"big\"", await after.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_post_is_refused_for_its_content_type()
    {
        var csrf = await SessionAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("console/api/create", UriKind.Relative))
        {
            Content = new StringContent("path=/x", Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Add("X-ZkNet-Csrf", csrf);
        using var response = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    private async Task<string> SessionAsync()
    {
        using var response = await _http.GetAsync(new Uri("console/api/session", UriKind.Relative));
        return (string)(await JsonAsync(response))["csrf"]!;
    }

    private async Task<HttpResponseMessage> PostAsync(string name, string body, string? csrf)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("console/api/" + name, UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (csrf is not null)
        {
            request.Headers.Add("X-ZkNet-Csrf", csrf);
        }
        return await _http.SendAsync(request);
    }

    private static async Task<JsonObject> JsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
}
