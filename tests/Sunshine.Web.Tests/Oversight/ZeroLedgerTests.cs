using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Sunshine.Data.Entities;
using Sunshine.Domain.Directory;
using Sunshine.Domain.Petitions;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Tests.Oversight;

/// <summary>
/// The zero-petition ledger (DOMAIN.md §1.7) on a clock standing at 2026-09-16: criteria judged on hand-built petitions
/// and disputes, roll-ups whose totals are the units listed, scope by township, parties encrypted and masked, the export.
/// Each test works in its own county, so the tests share the app without touching each other's numbers.
/// </summary>
public abstract class ZeroLedgerTests(TestApp app)
{
    private async Task<HttpClient> ClientAsync(string organisation, bool subordinates, params string[] roles) =>
        await ClientAsync(await app.OrganisationAsync(organisation), subordinates, roles);

    private async Task<HttpClient> ClientAsync(Organisation org, bool subordinates, params string[] roles)
    {
        var (user, password) = await app.CreateUserAsync(org.Id, subordinates, roles);
        return await app.SignedInClientAsync(user, password);
    }

    private async Task PetitionAsync(string locality, DateOnly received, string registeredBy, bool collective = false, bool beijing = false, bool repeat = false) =>
        await PetitionAsync(locality, received, await app.OrganisationAsync(registeredBy), collective, beijing, repeat);

    private async Task PetitionAsync(string locality, DateOnly received, Organisation org, bool collective = false, bool beijing = false, bool repeat = false)
    {
        await using var db = app.NewContext();
        db.Petitions.Add(new Petition
        {
            CaseNumber = "ZL" + Guid.NewGuid().ToString("N")[..20],
            QueryCodeHash = RandomNumberGenerator.GetBytes(32),
            Channel = Channel.Visit,
            Purpose = Purpose.Request,
            IssueLocalityCode = locality,
            PetitionerName = "赵立新",
            Summary = "反映拆迁补偿问题",
            Content = "反映拆迁补偿标准过低，请求重新核定。",
            IsCollective = collective,
            HeadCount = collective ? 12 : 1,
            IsBeijingVisit = beijing,
            IsRepeat = repeat,
            ReceivedOn = received,
            RegisteredOn = received,
            RegisteredAt = received.ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc),
            RegisteringOrganisationId = org.Id,
            Status = PetitionStatus.Registered,
            RuleSetCode = "xinfang-2022",
        });
        await db.SaveChangesAsync();
    }

    private static async Task<JsonElement> SendAsync(HttpClient client, HttpMethod method, string url, object? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{method} {url}: expected {expected}, got {response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private static object Screening(string division, string status = "Resolving", string? closedOn = null, string foundOn = "2026-09-02", string parties = "张三丰、李四") => new
    {
        divisionCode = division, matter = "宅基地界址纠纷", parties, responsiblePerson = "司法所王所长", measures = "组织双方现场勘界并调解",
        status, foundOn, closedOn,
    };

    private static Dictionary<string, JsonElement> RowsByCode(JsonElement rollup) =>
        rollup.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("code").GetString()!);

    [Fact]
    public async Task Criteria_are_judged_per_township_and_month_and_the_roll_ups_add_up_to_the_units_listed()
    {
        // 杏花岭区: 巨轮街道 had a petition handled at the street in August and one registered by the district bureau in
        // September (it left the township); 三桥街道 a collective visit at the street and a dispute handed up in September;
        // every other street nothing at all — months with no data meet the criteria.
        const string julun = "140107001000", sanqiao = "140107002000";
        await PetitionAsync(julun, new DateOnly(2026, 8, 20), "巨轮街道办事处");
        await PetitionAsync(julun, new DateOnly(2026, 9, 3), "杏花岭区信访局", repeat: true);
        await PetitionAsync(sanqiao, new DateOnly(2026, 9, 10), "三桥街道办事处", collective: true);
        // A petition about the district as a whole (no township digits) belongs to no street.
        await PetitionAsync("140107000000", new DateOnly(2026, 9, 4), "杏花岭区信访局", beijing: true);
        var street = await ClientAsync("三桥街道办事处", false, StaffRoles.Registrar);
        await SendAsync(street, HttpMethod.Post, "/api/oversight/ledger/screenings", Screening(sanqiao, "HandedUp", "2026-09-12", "2026-09-01"), HttpStatusCode.Created);
        await SendAsync(street, HttpMethod.Post, "/api/oversight/ledger/screenings", Screening(sanqiao, "Resolving", null, "2026-07-01"), HttpStatusCode.Created);

        var county = await ClientAsync("杏花岭区信访局", true, StaffRoles.BureauLeader);
        await using var db = app.NewContext();
        var streets = await db.Divisions.Where(d => d.ParentCode == "140107000000" && d.Level == DivisionLevel.Township).CountAsync();
        Assert.True(streets > 2);

        var september = await SendAsync(county, HttpMethod.Get, "/api/oversight/ledger/rollup?division=140107000000&year=2026&month=9", null, HttpStatusCode.OK);
        var rows = RowsByCode(september);
        Assert.Equal(streets, rows.Count);
        Assert.Equal(streets, september.GetProperty("units").GetInt32());
        Assert.Equal(rows.Values.Count(r => r.GetProperty("metMonth").GetInt32() == 1), september.GetProperty("metMonth").GetInt32());
        Assert.Equal(streets - 2, september.GetProperty("metMonth").GetInt32());
        // Year to September: both failed September, the rest met every month.
        Assert.Equal(streets - 2, september.GetProperty("metYear").GetInt32());
        Assert.Equal(["ReachedCounty"], rows[julun].GetProperty("failures").EnumerateArray().Select(f => f.GetString()!).ToArray());
        Assert.Equal(["Collective", "DisputeHandedUp"], rows[sanqiao].GetProperty("failures").EnumerateArray().Select(f => f.GetString()!).ToArray());
        var facts = rows[sanqiao].GetProperty("facts");
        Assert.Equal((1, 0, 1, 2, 1, 1), (facts.GetProperty("petitions").GetInt32(), facts.GetProperty("reachedCounty").GetInt32(), facts.GetProperty("collective").GetInt32(),
            facts.GetProperty("screenings").GetInt32(), facts.GetProperty("inHand").GetInt32(), facts.GetProperty("handedUp").GetInt32()));
        // The district-wide Beijing visit is in no street's row.
        Assert.Equal(0, september.GetProperty("facts").GetProperty("escalated").GetInt32());
        Assert.Equal(2, september.GetProperty("facts").GetProperty("petitions").GetInt32());

        // August: 巨轮's petition stayed at the street; 三桥's July dispute is still in hand. Every street met it.
        var august = await SendAsync(county, HttpMethod.Get, "/api/oversight/ledger/rollup?division=140107000000&year=2026&month=8", null, HttpStatusCode.OK);
        Assert.Equal((streets, streets), (august.GetProperty("units").GetInt32(), august.GetProperty("metMonth").GetInt32()));

        // The city's roll-up: one row per district; 杏花岭区's row holds the same numbers, and the totals are the rows' sums.
        var city = await ClientAsync("太原市信访局", true, StaffRoles.BureauLeader);
        var taiyuan = await SendAsync(city, HttpMethod.Get, "/api/oversight/ledger/rollup?division=140100000000&year=2026&month=9", null, HttpStatusCode.OK);
        var districts = RowsByCode(taiyuan);
        var xinghualing = districts["140107000000"];
        Assert.Equal((streets, streets - 2, streets - 2), (xinghualing.GetProperty("units").GetInt32(), xinghualing.GetProperty("metMonth").GetInt32(), xinghualing.GetProperty("metYear").GetInt32()));
        Assert.Equal(districts.Values.Sum(r => r.GetProperty("units").GetInt32()), taiyuan.GetProperty("units").GetInt32());
        Assert.Equal(districts.Values.Sum(r => r.GetProperty("metMonth").GetInt32()), taiyuan.GetProperty("metMonth").GetInt32());
        Assert.Equal(await db.Divisions.CountAsync(d => d.Code.StartsWith("1401") && d.Level == DivisionLevel.Township), taiyuan.GetProperty("units").GetInt32());
        Assert.Equal(["太原市"], taiyuan.GetProperty("path").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToArray());

        // Drill down from the unit to its cases: the one that left the street is listed and flagged.
        var unit = await SendAsync(county, HttpMethod.Get, $"/api/oversight/ledger/units/{julun}?year=2026&month=9", null, HttpStatusCode.OK);
        Assert.False(unit.GetProperty("verdict").GetProperty("met").GetBoolean());
        var cases = unit.GetProperty("cases").EnumerateArray().ToList();
        Assert.Single(cases);
        Assert.True(cases[0].GetProperty("reachedCounty").GetBoolean());
        Assert.True(cases[0].GetProperty("isRepeat").GetBoolean());
        Assert.Equal(0, unit.GetProperty("hiddenCases").GetInt32());
        var year = unit.GetProperty("yearVerdict");
        Assert.Equal((false, 9, 8), (year.GetProperty("met").GetBoolean(), year.GetProperty("monthsCounted").GetInt32(), year.GetProperty("monthsMet").GetInt32()));
        Assert.Equal([9], year.GetProperty("failedMonths").EnumerateArray().Select(m => m.GetInt32()).ToArray());
        Assert.Equal(9, unit.GetProperty("months").GetArrayLength());
    }

    [Fact]
    public async Task A_street_keeps_its_own_ledger_and_the_district_bureau_sees_its_streets_but_no_other_district()
    {
        const string wucheng = "140105001000", yingpan = "140105002000";
        var officer = await ClientAsync("坞城街道办事处", false, StaffRoles.HandlingOfficer);
        var mine = await SendAsync(officer, HttpMethod.Post, "/api/oversight/ledger/screenings", Screening(wucheng), HttpStatusCode.Created);
        var id = mine.GetProperty("id").GetInt64();
        var refused = await SendAsync(officer, HttpMethod.Post, "/api/oversight/ledger/screenings", Screening(yingpan), HttpStatusCode.BadRequest);
        Assert.Equal("该基层单位不存在或不在您的管辖范围内。", refused.GetProperty("errors").GetProperty("divisionCode")[0].GetString());

        var neighbour = await ClientAsync("营盘街道办事处", false, StaffRoles.HandlingOfficer);
        await SendAsync(neighbour, HttpMethod.Get, $"/api/oversight/ledger/screenings/{id}", null, HttpStatusCode.NotFound);
        await SendAsync(neighbour, HttpMethod.Put, $"/api/oversight/ledger/screenings/{id}", Screening(wucheng), HttpStatusCode.NotFound);
        await SendAsync(neighbour, HttpMethod.Delete, $"/api/oversight/ledger/screenings/{id}", null, HttpStatusCode.NotFound);
        await SendAsync(neighbour, HttpMethod.Get, $"/api/oversight/ledger/units/{wucheng}?year=2026&month=9", null, HttpStatusCode.NotFound);
        // The street's roll-up of its district lists the street alone.
        var own = await SendAsync(neighbour, HttpMethod.Get, "/api/oversight/ledger/rollup?division=140105000000&year=2026&month=9", null, HttpStatusCode.OK);
        Assert.Equal([yingpan], RowsByCode(own).Keys.ToArray());

        var district = await ClientAsync("小店区信访局", true, StaffRoles.Supervisor);
        var ledger = await SendAsync(district, HttpMethod.Get, $"/api/oversight/ledger/units/{wucheng}?year=2026&month=9", null, HttpStatusCode.OK);
        Assert.Contains(ledger.GetProperty("screenings").EnumerateArray(), s => s.GetProperty("id").GetInt64() == id);
        var all = await SendAsync(district, HttpMethod.Get, "/api/oversight/ledger/rollup?division=140105000000&year=2026&month=9", null, HttpStatusCode.OK);
        Assert.Contains(wucheng, RowsByCode(all).Keys);
        Assert.Contains(yingpan, RowsByCode(all).Keys);
        // The bureau may record for its streets too, and change the entry.
        var changed = await SendAsync(district, HttpMethod.Put, $"/api/oversight/ledger/screenings/{id}", Screening(wucheng, "Resolved", "2026-09-15", parties: ""), HttpStatusCode.OK);
        Assert.Equal(("Resolved", "2026-09-15", "张**、李*"), (changed.GetProperty("status").GetString(), changed.GetProperty("closedOn").GetString(), changed.GetProperty("parties").GetString()));

        var other = await ClientAsync("迎泽区信访局", true, StaffRoles.BureauLeader);
        await SendAsync(other, HttpMethod.Get, $"/api/oversight/ledger/units/{wucheng}?year=2026&month=9", null, HttpStatusCode.NotFound);
        await SendAsync(other, HttpMethod.Get, $"/api/oversight/ledger/screenings/{id}", null, HttpStatusCode.NotFound);
        var forbidden = await SendAsync(other, HttpMethod.Get, "/api/oversight/ledger/rollup?division=140105000000&year=2026&month=9", null, HttpStatusCode.Forbidden);
        Assert.Equal("该区划不存在或不在您的管辖范围内。", forbidden.GetProperty("title").GetString());
        // A department of the district acts for itself only: no street is in its scope.
        var department = await ClientAsync("小店区教育局", true, StaffRoles.HandlingOfficer);
        await SendAsync(department, HttpMethod.Post, "/api/oversight/ledger/screenings", Screening(wucheng), HttpStatusCode.BadRequest);
        // A disclosure officer of the street reads but may not record.
        var reader = await ClientAsync("坞城街道办事处", false, StaffRoles.DisclosureOfficer);
        await SendAsync(reader, HttpMethod.Post, "/api/oversight/ledger/screenings", Screening(wucheng), HttpStatusCode.Forbidden);

        await SendAsync(officer, HttpMethod.Delete, $"/api/oversight/ledger/screenings/{id}", null, HttpStatusCode.NoContent);
        await using var db = app.NewContext();
        Assert.False(await db.DisputeScreenings.AnyAsync(s => s.Id == id));
        var actions = await db.AuditEntries.Where(a => a.EntityType == nameof(DisputeScreening) && a.EntityId == id.ToString()).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync();
        Assert.Equal(["ledger.screening-create", "ledger.screening-update", "ledger.screening-delete"], actions);
    }

    [Fact]
    public async Task Parties_are_encrypted_at_rest_and_masked_and_bad_input_is_explained_in_Chinese()
    {
        const string town = "140108001000";
        var officer = await ClientAsync(await TownshipGovernmentAsync(town), false, StaffRoles.Registrar);
        var created = await SendAsync(officer, HttpMethod.Post, "/api/oversight/ledger/screenings", Screening(town, parties: "欧阳娜娜，王五"), HttpStatusCode.Created);
        Assert.Equal("欧***、王*", created.GetProperty("parties").GetString());
        await using (var db = app.NewContext())
        {
            var stored = await db.DisputeScreenings.SingleAsync(s => s.Id == created.GetProperty("id").GetInt64());
            Assert.DoesNotContain("欧阳", stored.PartiesProtected, StringComparison.Ordinal);
            Assert.Equal("欧阳娜娜，王五", app.Services.GetRequiredService<PersonalData>().Unprotect(stored.PartiesProtected));
            Assert.Equal((town, town), (stored.DivisionCode, stored.TownshipCode));
        }

        var bad = await SendAsync(officer, HttpMethod.Post, "/api/oversight/ledger/screenings", new
        {
            divisionCode = town, matter = "", parties = "张三", responsiblePerson = "李主任", measures = "调解", status = "Resolved", foundOn = "2026-09-10",
        }, HttpStatusCode.BadRequest);
        var errors = bad.GetProperty("errors");
        Assert.Equal("已化解或未化解·上交的纠纷须填写办结日期。", errors.GetProperty("closedOn")[0].GetString());
        Assert.True(errors.TryGetProperty("matter", out _));
        var dates = await SendAsync(officer, HttpMethod.Post, "/api/oversight/ledger/screenings", Screening(town, "Resolved", "2026-09-01", "2026-09-05"), HttpStatusCode.BadRequest);
        Assert.Equal("办结日期不能早于排查日期。", dates.GetProperty("errors").GetProperty("closedOn")[0].GetString());
        var future = await SendAsync(officer, HttpMethod.Post, "/api/oversight/ledger/screenings", Screening(town, foundOn: "2026-09-17"), HttpStatusCode.BadRequest);
        Assert.Equal("日期不能晚于今天。", future.GetProperty("errors").GetProperty("foundOn")[0].GetString());
        var open = await SendAsync(officer, HttpMethod.Post, "/api/oversight/ledger/screenings", Screening(town, "Screening", "2026-09-10"), HttpStatusCode.BadRequest);
        Assert.True(open.GetProperty("errors").TryGetProperty("closedOn", out _));
        var month = await SendAsync(officer, HttpMethod.Get, $"/api/oversight/ledger/units/{town}?year=2026&month=13", null, HttpStatusCode.BadRequest);
        Assert.Equal("月份应在 1 至 12 之间。", month.GetProperty("errors").GetProperty("month")[0].GetString());
        await using var check = app.NewContext();
        Assert.Equal(1, await check.DisputeScreenings.CountAsync(s => s.TownshipCode == town));
    }

    [Fact]
    public async Task An_administrator_adds_a_village_whose_ledger_rolls_up_into_its_township()
    {
        const string town = "140109001000", village = "140109001001";
        var admin = await ClientAsync("山西省信访局", true, StaffRoles.Administrator);
        var bad = await SendAsync(admin, HttpMethod.Post, "/api/oversight/ledger/villages", new { code = town, name = "某村" }, HttpStatusCode.BadRequest);
        Assert.Equal("村（社区）代码应为 12 位、村级的区划代码。", bad.GetProperty("errors").GetProperty("code")[0].GetString());
        await SendAsync(admin, HttpMethod.Post, "/api/oversight/ledger/villages", new { code = village, name = "东岗社区" }, HttpStatusCode.Created);
        await SendAsync(admin, HttpMethod.Post, "/api/oversight/ledger/villages", new { code = village, name = "东岗社区" }, HttpStatusCode.BadRequest);
        var officer = await ClientAsync(await TownshipGovernmentAsync(town), false, StaffRoles.HandlingOfficer);
        await SendAsync(officer, HttpMethod.Post, "/api/oversight/ledger/villages", new { code = "140109001002", name = "西岗社区" }, HttpStatusCode.Forbidden);
        await SendAsync(officer, HttpMethod.Post, "/api/oversight/ledger/screenings", Screening(village, "HandedUp", "2026-09-14"), HttpStatusCode.Created);
        await PetitionAsync(village, new DateOnly(2026, 9, 8), await TownshipGovernmentAsync(town));

        var township = await SendAsync(officer, HttpMethod.Get, $"/api/oversight/ledger/units/{town}?year=2026&month=9", null, HttpStatusCode.OK);
        var villages = township.GetProperty("villages").EnumerateArray().ToList();
        Assert.Equal(village, Assert.Single(villages).GetProperty("code").GetString());
        Assert.Equal(0, villages[0].GetProperty("metMonth").GetInt32());
        // The township's own facts cover its villages: the village's dispute handed up fails the township as well.
        Assert.Equal(["DisputeHandedUp"], township.GetProperty("verdict").GetProperty("failures").EnumerateArray().Select(f => f.GetString()!).ToArray());
        Assert.Equal(1, township.GetProperty("facts").GetProperty("petitions").GetInt32());
        var villageLedger = await SendAsync(officer, HttpMethod.Get, $"/api/oversight/ledger/units/{village}?year=2026&month=9", null, HttpStatusCode.OK);
        Assert.Equal("东岗社区", villageLedger.GetProperty("name").GetString());
        Assert.Single(villageLedger.GetProperty("cases").EnumerateArray());
        // A township's roll-up lists its villages.
        var rollup = await SendAsync(officer, HttpMethod.Get, $"/api/oversight/ledger/rollup?division={town}&year=2026&month=9", null, HttpStatusCode.OK);
        Assert.Equal((1, 0), (rollup.GetProperty("units").GetInt32(), rollup.GetProperty("metMonth").GetInt32()));
    }

    [Fact]
    public async Task The_export_is_a_workbook_with_the_roll_up_and_the_disputes_masked()
    {
        const string town = "140110001000";
        var officer = await ClientAsync(await TownshipGovernmentAsync(town), false, StaffRoles.HandlingOfficer);
        await SendAsync(officer, HttpMethod.Post, "/api/oversight/ledger/screenings", Screening(town, parties: "司马光"), HttpStatusCode.Created);
        var county = await ClientAsync("晋源区信访局", true, StaffRoles.BureauLeader);
        var rollup = await SendAsync(county, HttpMethod.Get, "/api/oversight/ledger/rollup?division=140110000000&year=2026&month=9", null, HttpStatusCode.OK);
        var response = await county.GetAsync("/api/oversight/ledger/export?division=140110000000&year=2026&month=9");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(["汇总", "排查化解"], MiniExcel.GetSheetNames(new MemoryStream(bytes)).ToArray());
        var summary = MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: true, sheetName: "汇总", excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(rollup.GetProperty("rows").GetArrayLength() + 1, summary.Count);
        var total = summary[^1];
        Assert.Equal("合计", total["单位"]);
        Assert.Equal(rollup.GetProperty("units").GetInt32(), Convert.ToInt32(total["单位数"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(summary.Count - 1, Convert.ToInt32(total["单位数"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1, Convert.ToInt32(total["排查纠纷"], System.Globalization.CultureInfo.InvariantCulture));
        var disputes = MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: true, sheetName: "排查化解", excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().ToList();
        var row = Assert.Single(disputes);
        Assert.Equal(("司**", "化解中", "2026-09-02"), (row["当事人"], row["状态"], row["排查日期"]));
    }

    private async Task<Organisation> TownshipGovernmentAsync(string code)
    {
        await using var db = app.NewContext();
        return await db.Organisations.AsNoTracking().SingleAsync(o => o.DivisionCode == code && o.Kind == OrganisationKind.Government);
    }
}

[Collection("sqlite")]
public sealed class SqliteZeroLedgerTests(SqliteClockApp app) : ZeroLedgerTests(app), IClassFixture<SqliteClockApp>;

[Collection("postgres")]
public sealed class PostgresZeroLedgerTests(PostgresClockApp app) : ZeroLedgerTests(app), IClassFixture<PostgresClockApp>;
