using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using Sunshine.Domain.Directory;
using Sunshine.Domain.Disclosure;

namespace Sunshine.Web.Tests.Disclosure;

/// <summary>
/// Proactive disclosure (主动公开) over HTTP, on a clock standing at 2026-09-16 10:00 in Beijing: drafting, approval,
/// publication on the outlets, timeliness (Art. 26: 20 工作日, counted by hand), withdrawal, the portal and its feed.
/// </summary>
public abstract class CatalogueTests(TestApp app)
{
    private sealed record Actors(HttpClient Officer, HttpClient Leader, HttpClient Stranger, int Organ, string Division);

    private async Task<Actors> ActorsAsync(string organ = "小店区人力资源和社会保障局")
    {
        var unit = await app.OrganisationAsync(organ);
        var other = await app.OrganisationAsync("小店区住房和城乡建设局");
        async Task<HttpClient> Client(int organisation, string role)
        {
            var (user, password) = await app.CreateUserAsync(organisation, false, role);
            return await app.SignedInClientAsync(user, password);
        }
        return new Actors(await Client(unit.Id, StaffRoles.DisclosureOfficer), await Client(unit.Id, StaffRoles.UnitLeader),
            await Client(other.Id, StaffRoles.DisclosureOfficer), unit.Id, unit.DivisionCode);
    }

    private async Task<int> ColumnAsync(string name)
    {
        await using var db = app.NewContext();
        return await db.CatalogueColumns.Where(c => c.Name == name).Select(c => c.Id).SingleAsync();
    }

    private async Task<long> DraftAsync(HttpClient officer, string title, string formedOn = "2026-09-16", string column = "工作要闻",
        string body = "<p>正文内容。</p>")
    {
        var response = await officer.PostAsJsonAsync("/api/disclosure/items", new
        {
            columnId = await ColumnAsync(column), title, body, formedOn, documentNumber = "晋人社发〔2026〕3号", subject = "劳动就业",
        });
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.Created, json.ToString());
        return json.GetProperty("id").GetInt64();
    }

    private static async Task<JsonElement> ActAsync(HttpClient client, long id, string action, object body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.PostAsJsonAsync($"/api/disclosure/items/{id}/actions/{action}", body);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(expected == response.StatusCode, $"{action}: expected {expected}, got {response.StatusCode}: {json}");
        return json;
    }

    private async Task<long> PublishedAsync(Actors a, string title, object[] outlets, string formedOn = "2026-09-16", string body = "<p>正文内容。</p>")
    {
        var id = await DraftAsync(a.Officer, title, formedOn, body: body);
        await ActAsync(a.Officer, id, "Submit", new { });
        await ActAsync(a.Leader, id, "Approve", new { outlets });
        return id;
    }

    [Fact]
    public async Task Formed_before_National_Day_2025_is_due_on_30_October_and_a_day_later_is_late()
    {
        var a = await ActorsAsync();
        // Formed Fri 2025-09-26: 20 工作日 across 国庆节、中秋节 (10/1–10/8) with make-up days 9/28 and 10/11 → 2025-10-30.
        var onTime = await DraftAsync(a.Officer, "按时公开的通知", "2025-09-26");
        var late = await DraftAsync(a.Officer, "逾期公开的通知", "2025-09-26");
        var detail = await a.Officer.GetFromJsonAsync<JsonElement>($"/api/disclosure/items/{onTime}");
        Assert.Equal("2025-10-30", detail.GetProperty("dueOn").GetString());
        Assert.Contains(detail.GetProperty("dueExplanation").EnumerateArray(), l => l.GetString()!.Contains("第二十六条", StringComparison.Ordinal));

        foreach (var (id, on) in new[] { (onTime, "2025-10-30"), (late, "2025-10-31") })
        {
            await ActAsync(a.Officer, id, "Submit", new { });
            await ActAsync(a.Leader, id, "Approve", new { outlets = new[] { new { outlet = "Website", publishedOn = on } } });
        }
        Assert.False((await a.Officer.GetFromJsonAsync<JsonElement>($"/api/disclosure/items/{onTime}")).GetProperty("isLate").GetBoolean());
        Assert.True((await a.Officer.GetFromJsonAsync<JsonElement>($"/api/disclosure/items/{late}")).GetProperty("isLate").GetBoolean());

        var lateList = await a.Officer.GetFromJsonAsync<JsonElement>("/api/disclosure/items?late=true");
        var ids = lateList.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToList();
        Assert.Contains(late, ids);
        Assert.DoesNotContain(onTime, ids);
        // A draft formed today is due 2026-10-20 (20 工作日 across 中秋节 9/25–27 and 国庆节 10/1–7) and not late yet.
        var fresh = await DraftAsync(a.Officer, "今天成文的信息");
        Assert.Equal("2026-10-20", (await a.Officer.GetFromJsonAsync<JsonElement>($"/api/disclosure/items/{fresh}")).GetProperty("dueOn").GetString());
        var notLate = await a.Officer.GetFromJsonAsync<JsonElement>("/api/disclosure/items?late=false");
        Assert.Contains(notLate.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetInt64() == fresh);
        Assert.DoesNotContain(notLate.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetInt64() == late);
    }

    [Fact]
    public async Task Approval_publishes_on_each_outlet_with_one_record_and_withdrawing_keeps_the_records()
    {
        var a = await ActorsAsync();
        var id = await DraftAsync(a.Officer, "关于开展根治欠薪专项行动的通知", "2026-09-14");

        // Nobody publishes unapproved: the officer cannot approve, the leader cannot approve a draft.
        await ActAsync(a.Leader, id, "Approve", new { outlets = new[] { new { outlet = "Website" } } }, HttpStatusCode.Conflict);
        await ActAsync(a.Officer, id, "Submit", new { });
        var forbidden = await ActAsync(a.Officer, id, "Approve", new { outlets = new[] { new { outlet = "Website" } } }, HttpStatusCode.Forbidden);
        Assert.Equal("disclosure.role", forbidden.GetProperty("code").GetString());
        // Submitted items are frozen.
        var frozen = await a.Officer.PutAsJsonAsync($"/api/disclosure/items/{id}", new { columnId = await ColumnAsync("公告"), title = "改", body = "<p>改</p>", formedOn = "2026-09-16" });
        Assert.Equal(HttpStatusCode.Conflict, frozen.StatusCode);

        // WeChat and 政务头条 need their category.
        var noCategory = await ActAsync(a.Leader, id, "Approve", new { outlets = new object[] { new { outlet = "Website" }, new { outlet = "WeChat" } } }, HttpStatusCode.BadRequest);
        Assert.Equal("微信公众号和政务头条须选择分类：经验交流、政策宣传、工作动态。", noCategory.GetProperty("errors").GetProperty("outlets[1]")[0].GetString());

        var approved = await ActAsync(a.Leader, id, "Approve", new
        {
            outlets = new object[] { new { outlet = "Website" }, new { outlet = "WeChat", category = "工作动态" }, new { outlet = "Toutiao", category = "经验交流", publishedOn = "2026-09-15" } },
        });
        // Index number: {organ code}/{year}-{sequence:00000}, the organ code being its division code and id.
        var index = approved.GetProperty("indexNumber").GetString()!;
        Assert.Matches($"^{a.Division}-{a.Organ:D4}/2026-\\d{{5}}$", index);
        Assert.Equal("2026-09-15", approved.GetProperty("publishedOn").GetString()); // the first publication, on 政务头条

        await using (var db = app.NewContext())
        {
            var records = await db.Publications.Where(p => p.DisclosureItemId == id).OrderBy(p => p.Outlet).ToListAsync();
            Assert.Equal(3, records.Count);
            Assert.Equal(["微信公众号|工作动态|工作动态|2026-09-16", "政务头条|经验交流|经验交流|2026-09-15", "网站|工作要闻||2026-09-16"],
                records.Select(r => $"{r.Outlet}|{r.Column}|{r.OutletCategory}|{r.PublishedOn:yyyy-MM-dd}").Order(StringComparer.Ordinal).ToList());
            Assert.All(records, r => Assert.Equal(index, r.IndexNumber));
            Assert.All(records, r => Assert.Equal(a.Organ, r.OrganisationId));
        }

        // One record per outlet: the website again is refused.
        var twice = await ActAsync(a.Leader, id, "Publish", new { outlets = new[] { new { outlet = "Website" } } }, HttpStatusCode.BadRequest);
        Assert.Equal("本条信息已在“网站”发布，不能重复记录。", twice.GetProperty("errors").GetProperty("outlets[0]")[0].GetString());

        var path = "/portal/disclosure/items/" + index;
        Assert.Equal(HttpStatusCode.OK, (await app.NewClient().GetAsync(path)).StatusCode);

        var noReason = await ActAsync(a.Leader, id, "Withdraw", new { }, HttpStatusCode.BadRequest);
        Assert.True(noReason.GetProperty("errors").TryGetProperty("reason", out _));
        await ActAsync(a.Leader, id, "Withdraw", new { reason = "内容需要更正" });

        await using (var db = app.NewContext())
        {
            Assert.Equal(3, await db.Publications.CountAsync(p => p.DisclosureItemId == id));
            var item = await db.DisclosureItems.SingleAsync(i => i.Id == id);
            Assert.Equal(DisclosureItemStatus.Withdrawn, item.Status);
            Assert.Equal(new DateOnly(2026, 9, 16), item.WithdrawnOn);
            var steps = (await db.AuditEntries.Where(e => e.EntityType == "DisclosureItem" && e.EntityId == id.ToString()).OrderBy(e => e.Id).ToListAsync())
                .Select(e => $"{e.Action}|{!string.IsNullOrEmpty(e.UserName) && e.UserId is not null}|{e.Reason}").ToList();
            Assert.Equal(["disclosure.item-create|True|", "disclosure.item-submit|True|", "disclosure.item-approve|True|", "disclosure.item-withdraw|True|内容需要更正"], steps);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await app.NewClient().GetAsync(path)).StatusCode);
        var history = (await a.Leader.GetFromJsonAsync<JsonElement>($"/api/disclosure/items/{id}")).GetProperty("history");
        Assert.Equal(4, history.GetArrayLength());
    }

    [Fact]
    public async Task Bad_input_is_answered_with_problem_details_in_Chinese_and_nothing_is_saved()
    {
        var a = await ActorsAsync();
        await using var before = app.NewContext();
        var count = await before.DisclosureItems.CountAsync();
        var response = await a.Officer.PostAsJsonAsync("/api/disclosure/items", new { columnId = 99999, title = "", body = "<p> </p><script>x</script>", formedOn = "2026-09-31" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("提交的内容有误", problem.GetProperty("title").GetString());
        var errors = problem.GetProperty("errors");
        Assert.Equal("请填写标题。", errors.GetProperty("title")[0].GetString());
        Assert.Equal("请选择有效的栏目。", errors.GetProperty("columnId")[0].GetString());
        Assert.Equal("成文日期应为 yyyy-MM-dd 格式的日期。", errors.GetProperty("formedOn")[0].GetString());
        Assert.Equal("请填写正文。", errors.GetProperty("body")[0].GetString());
        var future = await a.Officer.PostAsJsonAsync("/api/disclosure/items", new { columnId = await ColumnAsync("公告"), title = "标题", body = "<p>正文</p>", formedOn = "2026-09-17" });
        Assert.Equal("成文日期不能晚于今天，也不能早于 2000 年。", (await future.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("formedOn")[0].GetString());
        // A leader does not draft.
        var leader = await a.Leader.PostAsJsonAsync("/api/disclosure/items", new { columnId = await ColumnAsync("公告"), title = "标题", body = "<p>正文</p>", formedOn = "2026-09-16" });
        Assert.Equal(HttpStatusCode.Forbidden, leader.StatusCode);
        await using var after = app.NewContext();
        Assert.Equal(count, await after.DisclosureItems.CountAsync());
    }

    [Fact]
    public async Task The_body_is_sanitised_and_the_export_is_clean_html_with_absolute_images()
    {
        var a = await ActorsAsync();
        var id = await PublishedAsync(a, "含图片的工作动态", [new { outlet = "Website" }],
            body: "<p style=\"text-align:center;color:red\" class=\"x\" onclick=\"steal()\">居中<img src=\"/portal/disclosure/attachments/1\" onerror=\"alert(1)\" alt=\"现场\"></p>"
                + "<script>alert('x')</script><a href=\"javascript:alert(1)\">链接</a><iframe src=\"https://evil.example\"></iframe>");
        await using (var db = app.NewContext())
        {
            var body = (await db.DisclosureItems.SingleAsync(i => i.Id == id)).Body;
            Assert.DoesNotContain("script", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("onerror", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("onclick", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("javascript:", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("iframe", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("color", body, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("text-align: center", body, StringComparison.Ordinal); // kept for the portal
        }
        var export = await a.Officer.GetAsync($"/api/disclosure/items/{id}/export.html");
        Assert.Equal("text/html", export.Content.Headers.ContentType!.MediaType);
        var html = await export.Content.ReadAsStringAsync();
        Assert.DoesNotContain("style=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("class=", html, StringComparison.Ordinal);
        Assert.Contains($"src=\"{app.BaseAddress.ToString().TrimEnd('/')}/portal/disclosure/attachments/1\"", html, StringComparison.Ordinal);
        Assert.Contains("<dt>索引号</dt>", html, StringComparison.Ordinal);
        Assert.Contains("<h1>含图片的工作动态</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<title>含图片的工作动态</title>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Another_organs_staff_neither_see_nor_touch_the_item()
    {
        var a = await ActorsAsync();
        var id = await DraftAsync(a.Officer, "本单位草稿");
        Assert.Equal(HttpStatusCode.NotFound, (await a.Stranger.GetAsync($"/api/disclosure/items/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await a.Stranger.PostAsJsonAsync($"/api/disclosure/items/{id}/actions/Submit", new { })).StatusCode);
        var list = await a.Stranger.GetFromJsonAsync<JsonElement>("/api/disclosure/items");
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetInt64() == id);
        var mine = await a.Officer.GetFromJsonAsync<JsonElement>("/api/disclosure/items?status=Draft");
        Assert.Contains(mine.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetInt64() == id);
    }

    [Fact]
    public async Task The_portal_lists_published_items_and_the_feed_is_valid_atom()
    {
        var a = await ActorsAsync();
        var published = await PublishedAsync(a, "省信访局召开推进会", [new { outlet = "Website" }]);
        var draft = await DraftAsync(a.Officer, "尚未审批的草稿");
        var wechatOnly = await PublishedAsync(a, "仅在公众号发布", [new { outlet = "WeChat", category = "工作动态" }]);

        var client = app.NewClient();
        var catalogue = await client.GetStringAsync($"/portal/disclosure?column={await ColumnAsync("工作要闻")}");
        Assert.Contains("省信访局召开推进会", catalogue, StringComparison.Ordinal);
        Assert.DoesNotContain("尚未审批的草稿", catalogue, StringComparison.Ordinal);
        Assert.Contains("法规制度", catalogue, StringComparison.Ordinal); // the seeded tree

        var feed = await client.GetAsync("/portal/disclosure/feed.atom");
        Assert.Equal("application/atom+xml", feed.Content.Headers.ContentType!.MediaType);
        var xml = new XmlDocument();
        xml.LoadXml(await feed.Content.ReadAsStringAsync());
        var ns = new XmlNamespaceManager(xml.NameTable);
        ns.AddNamespace("a", "http://www.w3.org/2005/Atom");
        Assert.Equal("feed", xml.DocumentElement!.LocalName);
        Assert.Equal("http://www.w3.org/2005/Atom", xml.DocumentElement.NamespaceURI);
        // RFC 4287 §4.1.1: a feed has exactly one id, title and updated, and an author unless every entry has one.
        Assert.Single(xml.SelectNodes("/a:feed/a:id", ns)!.Cast<XmlNode>());
        Assert.Single(xml.SelectNodes("/a:feed/a:updated", ns)!.Cast<XmlNode>());
        var entries = xml.SelectNodes("/a:feed/a:entry", ns)!.Cast<XmlElement>().ToList();
        var entry = Assert.Single(entries, e => e.SelectSingleNode("a:title", ns)!.InnerText == "省信访局召开推进会");
        Assert.NotNull(entry.SelectSingleNode("a:id", ns));
        Assert.True(DateTimeOffset.TryParse(entry.SelectSingleNode("a:updated", ns)!.InnerText, out var updated));
        Assert.Equal(new DateTimeOffset(2026, 9, 16, 0, 0, 0, TimeSpan.FromHours(8)), updated);
        var href = ((XmlElement)entry.SelectSingleNode("a:link[@rel='alternate']", ns)!).GetAttribute("href");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(href))).StatusCode);
        Assert.DoesNotContain(entries, e => e.SelectSingleNode("a:title", ns)!.InnerText is "尚未审批的草稿" or "仅在公众号发布");

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/portal/disclosure/items/{draft}")).StatusCode);
        // The portal is the website: a post made only on the WeChat account is not on it.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/portal/disclosure/items/{wechatOnly}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/portal/disclosure/items/{published}")).StatusCode);
    }

    [Fact]
    public async Task Attachments_are_kept_encrypted_and_public_only_once_published()
    {
        var a = await ActorsAsync();
        var id = await DraftAsync(a.Officer, "附件测试");
        var png = TestFiles.Png(3, 3, seed: 11);
        using (var form = new MultipartFormDataContent())
        {
            form.Add(new ByteArrayContent(png), "files", "现场照片.png");
            var upload = await a.Officer.PostAsync($"/api/disclosure/items/{id}/attachments", form);
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        }
        using (var bad = new MultipartFormDataContent())
        {
            bad.Add(new ByteArrayContent(png), "files", "伪装.pdf");
            var refused = await a.Officer.PostAsync($"/api/disclosure/items/{id}/attachments", bad);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }
        long attachmentId;
        await using (var db = app.NewContext())
            attachmentId = (await db.DisclosureAttachments.SingleAsync(x => x.DisclosureItemId == id)).Id;
        var publicPath = $"/portal/disclosure/attachments/{attachmentId}";
        Assert.Equal(HttpStatusCode.NotFound, (await app.NewClient().GetAsync(publicPath)).StatusCode);

        await ActAsync(a.Officer, id, "Submit", new { });
        await ActAsync(a.Leader, id, "Approve", new { outlets = new[] { new { outlet = "Website" } } });
        Assert.Equal(png, await app.NewClient().GetByteArrayAsync(publicPath));
        // Stored encrypted: the PNG's bytes appear in no file of the store.
        var files = Directory.EnumerateFiles(Path.Combine(app.Database.Folder, "attachments"), "*", SearchOption.AllDirectories);
        Assert.DoesNotContain(files, f => File.ReadAllBytes(f).AsSpan().IndexOf(png.AsSpan(0, 16)) >= 0);
        // Once published, the files are part of what was approved.
        Assert.Equal(HttpStatusCode.Conflict, (await a.Officer.DeleteAsync($"/api/disclosure/items/{id}/attachments/{attachmentId}")).StatusCode);
    }

    [Fact]
    public async Task Columns_form_a_tree_administrators_edit_without_loops()
    {
        var bureau = await app.OrganisationAsync("小店区信访局");
        var (user, password) = await app.CreateUserAsync(bureau.Id, true, StaffRoles.Administrator);
        var admin = await app.SignedInClientAsync(user, password);
        var tree = await admin.GetFromJsonAsync<JsonElement>("/api/disclosure/columns");
        var statutory = tree.EnumerateArray().Single(c => c.GetProperty("name").GetString() == "法定主动公开内容");
        var catalogue = tree.EnumerateArray().Single(c => c.GetProperty("name").GetString() == "信息公开目录");
        Assert.Equal(statutory.GetProperty("id").GetInt32(), catalogue.GetProperty("parentId").GetInt32());
        Assert.Equal(1, catalogue.GetProperty("depth").GetInt32());
        Assert.Equal(["年度报告", "法定主动公开内容", "信息公开目录", "法规制度", "焦点新闻", "预算决算", "工作要闻", "公告", "政策解读", "省长信箱留言"],
            tree.EnumerateArray().Select(c => c.GetProperty("name").GetString()).Take(10).ToList());

        var created = await admin.PostAsJsonAsync("/api/disclosure/columns", new { name = "人事信息", parentId = catalogue.GetProperty("id").GetInt32(), sortOrder = 3 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var loop = await admin.PutAsJsonAsync($"/api/disclosure/columns/{statutory.GetProperty("id").GetInt32()}",
            new { name = "法定主动公开内容", parentId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32() });
        Assert.Equal(HttpStatusCode.BadRequest, loop.StatusCode);
        Assert.Equal("栏目不能移到自身或其下级栏目之下。", (await loop.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("parentId")[0].GetString());
        var a = await ActorsAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await a.Officer.PostAsJsonAsync("/api/disclosure/columns", new { name = "越权栏目" })).StatusCode);
    }
}

[Collection("sqlite")]
public sealed class SqliteCatalogueTests(SqliteClockApp app) : CatalogueTests(app), IClassFixture<SqliteClockApp>;

[Collection("postgres")]
public sealed class PostgresCatalogueTests(PostgresClockApp app) : CatalogueTests(app), IClassFixture<PostgresClockApp>;
