using Microsoft.Playwright;
using ZkNet.Admin.Tests.Support;
using ZkNet.Client;
using ZkNet.Hosting;

namespace ZkNet.Admin.Tests.Console;

/// <summary>
/// One server with its console, one headless Debian chromium driven by Playwright, and a second ZooKeeper client
/// that changes the tree behind the page's back.
/// </summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    /// <summary>Debian's chromium package (scripts/test.sh installs it).</summary>
    public const string Chromium = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public ZkNetServer Server { get; private set; } = null!;

    public ZooKeeperClient Other { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl => $"http://127.0.0.1:{Server.AdminEndPoint!.Port}/";

    /// <summary>Where the tests leave their screenshots.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(ScreenshotFolder);
        Server = await InProcessServer.StartAsync();
        Other = await ZooKeeperClient.ConnectAsync(new ZooKeeperClientOptions { ConnectString = Server.ConnectString });
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            // Running as root in a container: chromium's sandbox needs namespaces it does not get here.
            Args = ["--no-sandbox"],
            Timeout = 60_000,
        });
    }

    /// <summary>A fresh page (own cookies, so its own console session) with the console loaded.</summary>
    public async Task<IPage> OpenAsync()
    {
        var context = await Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        await page.GotoAsync(BaseUrl);
        await page.Locator("li[data-path='/'] > .name.selected").WaitForAsync();
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        if (Other is not null)
        {
            await Other.DisposeAsync();
        }
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}
