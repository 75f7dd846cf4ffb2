using Microsoft.Playwright;

namespace Sunshine.E2E.Tests;

/// <summary>
/// Debian's Chromium driven by Playwright. The browser is never downloaded: the machine's /usr/bin/chromium is used,
/// with the flags that keep it off the network.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private IPlaywright? _playwright;

    public IBrowser Chromium { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium package (./test.sh does).");
        _playwright = await Playwright.CreateAsync();
        Chromium = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Chromium is not null) await Chromium.DisposeAsync();
        _playwright?.Dispose();
    }

    /// <summary>Fills the real login form on <paramref name="page"/> and waits for the dashboard.</summary>
    public static async Task SignInAsync(IPage page, string user, string password)
    {
        await page.GetByLabel("用户名").FillAsync(user);
        await page.GetByLabel("密码").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.Locator("[data-testid=dashboard-ready]").WaitForAsync();
    }

    public async Task<IPage> NewPageAsync(Uri baseAddress, string locale = "zh-CN")
    {
        var context = await Chromium.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString(), Locale = locale });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }
}
