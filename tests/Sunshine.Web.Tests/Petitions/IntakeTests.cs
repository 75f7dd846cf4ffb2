using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sunshine.Domain.Directory;
using Sunshine.Domain.Petitions;

namespace Sunshine.Web.Tests.Petitions;

/// <summary>Registration from the desk and from a mailbox system, on a clock standing at 2026-09-16.</summary>
public abstract class IntakeTests(TestApp app)
{
    private async Task<HttpClient> RegistrarAsync(string unit = "小店区信访局")
    {
        var organisation = await app.OrganisationAsync(unit);
        var (user, password) = await app.CreateUserAsync(organisation.Id, false, StaffRoles.Registrar);
        return await app.SignedInClientAsync(user, password);
    }

    private static object Letter(string summary = "反映某工地拖欠农民工工资问题", string? idNumber = "11010519491231002X", string? externalId = null, Channel channel = Channel.Letter) => new
    {
        channel = channel.ToString(),
        purpose = "Request",
        issueLocalityCode = "140105000000",
        summary,
        content = "本人于2026年3月至8月在小店区某建筑工地务工，包工头以工程款未结为由，拖欠本人及另外十二名农民工工资共计十八万元，多次讨要无果，请求有关部门督促支付。",
        receivedOn = "2026-09-15",
        petitioner = new { name = "王建国", idNumber, phone = "13912345678", address = "山西省太原市小店区坞城街道某小区3号楼" },
        headCount = 1,
        externalId,
    };

    [Fact]
    public async Task A_registrar_registers_a_letter_and_gets_its_number_code_and_transfer_deadline()
    {
        using var client = await RegistrarAsync();
        var response = await client.PostAsJsonAsync("/api/petitions", Letter());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetInt64();
        Assert.Equal("XF20260916" + id.ToString("D7", System.Globalization.CultureInfo.InvariantCulture), body.GetProperty("caseNumber").GetString());
        Assert.Matches("^[A-HJ-NP-Z2-9]{8}$", body.GetProperty("queryCode").GetString());
        // Art. 22: 15 日 from registration on 2026-09-16 → 2026-10-01. It falls in the National Day holiday, and petition
        // limits do not roll forward to a working day (DOMAIN.md §1.4: off by default for petition limits).
        Assert.Equal("2026-10-01", body.GetProperty("transferDueOn").GetString());
        var explanation = string.Join("\n", body.GetProperty("dueExplanation").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("《信访工作条例》第二十二条", explanation, StringComparison.Ordinal);

        await using var db = app.NewContext();
        var petition = await db.Petitions.SingleAsync(p => p.Id == id);
        Assert.Equal(PetitionStatus.Registered, petition.Status);
        Assert.Equal(new DateOnly(2026, 9, 15), petition.ReceivedOn);
        Assert.Equal(new DateOnly(2026, 9, 16), petition.RegisteredOn);
        Assert.Equal("xinfang-2022", petition.RuleSetCode);
        Assert.DoesNotContain("13912345678", petition.PhoneProtected!, StringComparison.Ordinal);
        Assert.DoesNotContain("1949", petition.IdNumberProtected!, StringComparison.Ordinal);
        Assert.NotNull(petition.PersonKey);
        Assert.Equal("register", (await db.PetitionEvents.SingleAsync(e => e.PetitionId == id)).Action);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "petition.register" && a.EntityId == id.ToString()));
        Assert.True(await db.PetitionSearchEntries.AnyAsync(s => s.PetitionId == id && s.Tokens.Contains("工资")));

        // The case page data is masked.
        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/petitions/{id}");
        Assert.Equal("139****5678", detail.GetProperty("phone").GetString());
        Assert.Equal("王**", detail.GetProperty("petitioner").GetString());
    }

    [Fact]
    public async Task Bad_registrations_are_explained_and_nothing_is_written()
    {
        using var client = await RegistrarAsync();
        await using var before = app.NewContext();
        var count = await before.Petitions.CountAsync();

        var badId = await client.PostAsJsonAsync("/api/petitions", Letter(idNumber: "110105194912310021"));
        Assert.Equal(HttpStatusCode.BadRequest, badId.StatusCode);
        var errors = (await badId.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.StartsWith("身份证号码不正确", errors.GetProperty("petitioner.idNumber")[0].GetString(), StringComparison.Ordinal);

        var noPlace = await client.PostAsJsonAsync("/api/petitions", new { channel = "Letter", purpose = "Request", issueLocalityCode = "149999000000", summary = "x", content = "y", petitioner = new { name = "李四" } });
        Assert.Equal(HttpStatusCode.BadRequest, noPlace.StatusCode);
        Assert.Equal("行政区划代码 149999000000 不存在。", (await noPlace.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("issueLocalityCode")[0].GetString());

        var empty = await client.PostAsJsonAsync("/api/petitions", new { channel = "Letter", purpose = "Request" });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var emptyErrors = (await empty.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(emptyErrors.TryGetProperty("summary", out _));
        Assert.True(emptyErrors.TryGetProperty("petitioner.name", out _));

        await using var after = app.NewContext();
        Assert.Equal(count, await after.Petitions.CountAsync());
    }

    [Fact]
    public async Task The_case_list_searches_Chinese_text_and_exports_what_it_found()
    {
        using var client = await RegistrarAsync("万柏林区信访局");
        var wages = await (await client.PostAsJsonAsync("/api/petitions", Letter(summary: "万柏林区某工地拖欠农民工工资"))).Content.ReadFromJsonAsync<JsonElement>();
        var noise = new
        {
            channel = "Letter", purpose = "Suggestion", issueLocalityCode = "140109000000", summary = "建议增设公交站点",
            content = "建议在小区门口增设公交站点，方便老人出行。", petitioner = new { name = "郑好" },
        };
        var bus = await (await client.PostAsJsonAsync("/api/petitions", noise)).Content.ReadFromJsonAsync<JsonElement>();

        var found = await client.GetFromJsonAsync<JsonElement>("/api/petitions?q=" + Uri.EscapeDataString("农民工"));
        var ids = found.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToList();
        Assert.Contains(wages.GetProperty("id").GetInt64(), ids);
        Assert.DoesNotContain(bus.GetProperty("id").GetInt64(), ids);
        var suggestions = await client.GetFromJsonAsync<JsonElement>("/api/petitions?purpose=Suggestion&q=" + Uri.EscapeDataString("公交"));
        Assert.Equal(bus.GetProperty("id").GetInt64(), suggestions.GetProperty("items")[0].GetProperty("id").GetInt64());

        using var export = await client.GetAsync("/api/petitions/export.xlsx?q=" + Uri.EscapeDataString("公交"));
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var sheet = MiniExcelLibs.MiniExcel.Query(await export.Content.ReadAsStreamAsync(), useHeaderRow: true, excelType: MiniExcelLibs.ExcelType.XLSX)
            .Cast<IDictionary<string, object>>().ToList();
        var row = Assert.Single(sheet);
        Assert.Equal(bus.GetProperty("caseNumber").GetString(), row["信访件编号"]);
        Assert.Equal("郑*", row["信访人"]);
        Assert.Equal("意见建议", row["信访目的"]);
    }

    [Fact]
    public async Task Only_registrars_register()
    {
        var organisation = await app.OrganisationAsync("小店区信访局");
        var (user, password) = await app.CreateUserAsync(organisation.Id, false, StaffRoles.HandlingOfficer);
        using var client = await app.SignedInClientAsync(user, password);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/petitions", Letter())).StatusCode);
    }

    [Fact]
    public async Task A_mailbox_batch_sent_twice_creates_each_message_once()
    {
        var bureau = await app.OrganisationAsync("山西省信访局");
        using var mailbox = await app.TokenClientAsync(bureau.Id, Channel.GovernorMailbox, "省长信箱");

        var externalId = "SZXX" + Guid.NewGuid().ToString("N")[..10];
        var first = await mailbox.PostAsJsonAsync("/api/integration/petitions", Letter(externalId: externalId, channel: Channel.GovernorMailbox));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var again = await mailbox.PostAsJsonAsync("/api/integration/petitions", Letter(externalId: externalId, channel: Channel.GovernorMailbox));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var a = await first.Content.ReadFromJsonAsync<JsonElement>();
        var b = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(a.GetProperty("caseNumber").GetString(), b.GetProperty("caseNumber").GetString());
        Assert.True(b.GetProperty("alreadyRegistered").GetBoolean());

        var wrongChannel = await mailbox.PostAsJsonAsync("/api/integration/petitions", Letter(externalId: externalId + "x", channel: Channel.PremierMailbox));
        Assert.Equal(HttpStatusCode.BadRequest, wrongChannel.StatusCode);

        await using var db = app.NewContext();
        var rows = await db.Petitions.Where(p => p.ExternalId == externalId).ToListAsync();
        Assert.Single(rows);
        Assert.Equal(bureau.Id, rows[0].RegisteringOrganisationId);
        Assert.Equal(Channel.GovernorMailbox, rows[0].Channel);
    }

    [Fact]
    public async Task The_same_person_writing_again_about_the_same_matter_is_offered_as_a_repeat()
    {
        using var client = await RegistrarAsync("迎泽区信访局");
        var first = await (await client.PostAsJsonAsync("/api/petitions", Letter(summary: "反映工地拖欠农民工工资十八万元"))).Content.ReadFromJsonAsync<JsonElement>();
        var second = await (await client.PostAsJsonAsync("/api/petitions", Letter(summary: "再次反映工地拖欠农民工工资十八万元"))).Content.ReadFromJsonAsync<JsonElement>();
        var hints = second.GetProperty("possibleRepeats").EnumerateArray().ToList();
        Assert.Contains(hints, h => h.GetProperty("petitionId").GetInt64() == first.GetProperty("id").GetInt64() && h.GetProperty("reason").GetString() == "person+content");
    }
}

[Collection("sqlite")]
public sealed class SqliteIntakeTests(SqliteClockApp app) : IntakeTests(app), IClassFixture<SqliteClockApp>;

[Collection("postgres")]
public sealed class PostgresIntakeTests(PostgresClockApp app) : IntakeTests(app), IClassFixture<PostgresClockApp>;
