using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Sunshine.Domain.Directory;

namespace Sunshine.E2E.Tests;

/// <summary>The case page's attachments panel in a real browser: upload through the file picker, download, refusal, removal.</summary>
public sealed class AttachmentPanelTests(SqliteApp app, Browser browser) : IClassFixture<SqliteApp>, IClassFixture<Browser>
{
    [Fact]
    public async Task A_registrar_attaches_a_photo_downloads_it_and_takes_it_back()
    {
        var bureau = await app.OrganisationAsync("小店区信访局");
        var (user, password) = await app.CreateUserAsync(bureau.Id, true, StaffRoles.Registrar);
        using var api = await app.SignedInClientAsync(user, password);
        var registered = await api.PostAsJsonAsync("/api/petitions", new
        {
            channel = "Visit", purpose = "Request", issueLocalityCode = "140105000000",
            summary = "反映小区违建", content = "小区一楼住户私自扩建，占用公共绿地，附现场照片。", petitioner = new { name = "赵敏" },
        });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var id = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        var page = await browser.NewPageAsync(app.BaseAddress);
        await page.GotoAsync("/account/login?returnUrl=%2Fconsole");
        await Browser.SignInAsync(page, user, password);
        await page.GotoAsync($"/console/petitions/{id}");
        var panel = page.Locator("[data-testid=attachments][data-interactive=true]");
        await panel.WaitForAsync();
        await Assertions.Expect(panel.Locator("[data-testid=attachments-none]")).ToHaveTextAsync("暂无附件。");
        await Assertions.Expect(panel).ToContainTextAsync("单个文件不超过 20 MB，每件最多 10 个附件");

        var photo = TestFiles.Png(8, 8, seed: 5);
        await page.GetByLabel("上传附件").SetInputFilesAsync(new FilePayload { Name = "现场照片.png", MimeType = "image/png", Buffer = photo });
        var row = panel.Locator("[data-testid=attachments-list] tbody tr");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.Locator("td").Nth(0)).ToHaveTextAsync("现场照片.png");
        await Assertions.Expect(row.Locator("td").Nth(1)).ToHaveTextAsync("PNG");
        await Assertions.Expect(row.Locator("td").Nth(2)).ToHaveTextAsync($"{photo.Length} B");
        await Assertions.Expect(page.Locator("[data-testid=case-history] li").Last).ToContainTextAsync("添加附件");

        var download = await page.RunAndWaitForDownloadAsync(() => row.GetByRole(AriaRole.Link, new() { Name = "现场照片.png" }).ClickAsync());
        Assert.Equal("现场照片.png", download.SuggestedFilename);
        Assert.Equal(photo, await File.ReadAllBytesAsync((await download.PathAsync())!));

        // A photo renamed to .pdf is refused, in Chinese, and nothing is added.
        await page.GetByLabel("上传附件").SetInputFilesAsync(new FilePayload { Name = "照片.pdf", MimeType = "application/pdf", Buffer = TestFiles.Png(2, 2, seed: 6) });
        await Assertions.Expect(panel.Locator("[data-testid=form-errors]")).ToContainTextAsync("“照片.pdf”的内容不是 .pdf 文件，与扩展名不符。");
        await Assertions.Expect(row).ToHaveCountAsync(1);

        await row.GetByRole(AriaRole.Button, new() { Name = "删除 现场照片.png" }).ClickAsync();
        await Assertions.Expect(panel.Locator("[data-testid=attachments-none]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=case-history] li").Last).ToContainTextAsync("删除附件");
    }
}
