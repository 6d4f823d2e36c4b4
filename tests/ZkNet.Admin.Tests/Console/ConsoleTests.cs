using System.Text;
using Microsoft.Playwright;
using ZkNet.Client;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.Server.Auth;

namespace ZkNet.Admin.Tests.Console;

/// <summary>The web console in headless chromium: browse, edit, conflicts, ACLs, live updates, export and import.</summary>
public sealed class ConsoleTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    private ZooKeeperClient Other => fixture.Other;

    [Fact]
    public async Task Browsing_opens_nodes_lazily_and_shows_data_as_JSON_with_stat_and_acl()
    {
        await Other.CreateAsync("/browse", null, Acl.OpenAclUnsafe);
        await Other.CreateAsync("/browse/config", Encoding.UTF8.GetBytes("{\"a\":1,\"b\":[2,3]}"), Acl.OpenAclUnsafe);
        var page = await fixture.OpenAsync();
        await Expect(page.Locator("li[data-path='/browse/config']")).ToHaveCountAsync(0);
        await page.Locator("li[data-path='/browse'] > .toggle").ClickAsync();
        await page.Locator("li[data-path='/browse/config'] > .name").ClickAsync();
        await Expect(page.Locator("#node-path")).ToHaveTextAsync("/browse/config");
        await Expect(page.Locator("#view-mode")).ToHaveValueAsync("json");
        Assert.Equal("{\n  \"a\": 1,\n  \"b\": [\n    2,\n    3\n  ]\n}", await page.Locator("#data").InputValueAsync());
        await Expect(page.Locator("#stat")).ToContainTextAsync("dataLength");
        await Expect(page.Locator("#acl")).ToContainTextAsync("world:anyone");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleFixture.ScreenshotFolder, "browse.png"), FullPage = true });
        await page.Locator("#view-mode").SelectOptionAsync("hex");
        Assert.StartsWith("7b 22 61", await page.Locator("#data").InputValueAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_edit_and_recursive_delete_go_through_to_the_tree()
    {
        await Other.CreateAsync("/edit", null, Acl.OpenAclUnsafe);
        var page = await fixture.OpenAsync();
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await ShowAsync(page, "/edit");
        await page.Locator("#child-name").FillAsync("child");
        await page.Locator("#child-data").FillAsync("first");
        await page.Locator("#create").ClickAsync();
        await Expect(page.Locator("#message")).ToHaveTextAsync("created /edit/child");
        Assert.Equal("first", Encoding.UTF8.GetString((await Other.GetDataAsync("/edit/child")).Data));
        await ShowAsync(page, "/edit/child");
        await page.Locator("#data").FillAsync("second");
        await page.Locator("#save").ClickAsync();
        await Expect(page.Locator("#message")).ToHaveTextAsync("saved /edit/child");
        Assert.Equal("second", Encoding.UTF8.GetString((await Other.GetDataAsync("/edit/child")).Data));
        await ShowAsync(page, "/edit");
        await page.Locator("#delete-recursive").ClickAsync();
        await Expect(page.Locator("#message")).ToHaveTextAsync("deleted /edit");
        Assert.Null(await Other.ExistsAsync("/edit"));
    }

    [Fact]
    public async Task An_edit_racing_another_clients_change_is_refused_and_the_change_is_kept()
    {
        await Other.CreateAsync("/race", Encoding.UTF8.GetBytes("v0"), Acl.OpenAclUnsafe);
        var page = await fixture.OpenAsync();
        await ShowAsync(page, "/race");
        await page.Locator("#data").FillAsync("mine");
        await Other.SetDataAsync("/race", Encoding.UTF8.GetBytes("theirs"));
        await Expect(page.Locator("#live")).ToContainTextAsync("changed by another client");
        await page.Locator("#save").ClickAsync();
        await Expect(page.Locator("#message")).ToContainTextAsync("was changed by someone else");
        Assert.Equal("theirs", Encoding.UTF8.GetString((await Other.GetDataAsync("/race")).Data));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleFixture.ScreenshotFolder, "conflict.png") });
    }

    [Fact]
    public async Task A_change_by_another_client_shows_up_live()
    {
        await Other.CreateAsync("/live", Encoding.UTF8.GetBytes("before"), Acl.OpenAclUnsafe);
        var page = await fixture.OpenAsync();
        await ShowAsync(page, "/live");
        await Other.SetDataAsync("/live", Encoding.UTF8.GetBytes("after"));
        await Expect(page.Locator("#data")).ToHaveValueAsync("after");
        await Expect(page.Locator("#live")).ToHaveTextAsync("updated live by another client");
        await Other.CreateAsync("/live/new", null, Acl.OpenAclUnsafe);
        await page.Locator("li[data-path='/live'] > .toggle").ClickAsync();
        await Expect(page.Locator("li[data-path='/live/new']")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task A_signed_in_identity_without_rights_is_refused_and_the_owner_is_not()
    {
        var alice = new Acl(Perms.All, new Id("digest", DigestAuthenticationProvider.GenerateDigest("alice:secret")));
        await Other.CreateAsync("/secret", Encoding.UTF8.GetBytes("hidden"), [alice]);
        var page = await fixture.OpenAsync();
        await SignInAsync(page, "bob", "guess");
        await ShowAsync(page, "/secret", expectShown: false);
        await Expect(page.Locator("#message")).ToContainTextAsync("NoAuth");
        await SignInAsync(page, "alice", "secret");
        await ShowAsync(page, "/secret");
        await Expect(page.Locator("#data")).ToHaveValueAsync("hidden");
    }

    [Fact]
    public async Task An_exported_subtree_imports_elsewhere_unchanged()
    {
        await Other.CreateAsync("/exp", Encoding.UTF8.GetBytes("root"), Acl.OpenAclUnsafe);
        await Other.CreateAsync("/exp/x", [0, 1, 2, 255], Acl.OpenAclUnsafe);
        await Other.CreateAsync("/exp/x/y", Encoding.UTF8.GetBytes("leaf"), Acl.OpenAclUnsafe);
        var page = await fixture.OpenAsync();
        await ShowAsync(page, "/exp");
        await page.Locator("#export").ClickAsync();
        await Expect(page.Locator("#message")).ToContainTextAsync("exported /exp");
        await page.Locator("#import-path").FillAsync("/exp-copy");
        await page.Locator("#import").ClickAsync();
        await Expect(page.Locator("#message")).ToHaveTextAsync("imported 3 nodes at /exp-copy");
        Assert.Equal("root", Encoding.UTF8.GetString((await Other.GetDataAsync("/exp-copy")).Data));
        Assert.Equal([0, 1, 2, 255], (await Other.GetDataAsync("/exp-copy/x")).Data);
        Assert.Equal("leaf", Encoding.UTF8.GetString((await Other.GetDataAsync("/exp-copy/x/y")).Data));
    }

    [Fact]
    public async Task The_server_page_shows_the_monitor_figures()
    {
        var page = await fixture.OpenAsync();
        await page.Locator("#tab-server").ClickAsync();
        await Expect(page.Locator("#server-figures")).ToContainTextAsync("standalone");
        await Expect(page.Locator("#server-figures")).ToContainTextAsync("znode_count");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleFixture.ScreenshotFolder, "server.png"), FullPage = true });
    }

    private static async Task ShowAsync(IPage page, string path, bool expectShown = true)
    {
        // Open every ancestor, then click the node itself.
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 1; i < parts.Length; i++)
        {
            var ancestor = "/" + string.Join('/', parts[..i]);
            var toggle = page.Locator($"li[data-path='{ancestor}'] > .toggle");
            if (await toggle.TextContentAsync() == "+")
            {
                await toggle.ClickAsync();
            }
        }
        await page.Locator($"li[data-path='{path}'] > .name").ClickAsync();
        if (expectShown)
        {
            await Expect(page.Locator("#node-path")).ToHaveTextAsync(path);
        }
    }

    private static async Task SignInAsync(IPage page, string user, string password)
    {
        await page.Locator("#user").FillAsync(user);
        await page.Locator("#password").FillAsync(password);
        await page.Locator("#signin").ClickAsync();
        await Expect(page.Locator("#identity")).ToHaveTextAsync(user);
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
