using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sunshine.Data.Entities;
using Sunshine.Domain.Directory;
using Sunshine.Domain.Petitions;

namespace Sunshine.Web.Tests.Oversight;

/// <summary>
/// 信访考核 and 红灯预警 over HTTP on a clock standing at Wed 2026-09-16, on hand-built cases of 小店区: the bureau
/// (小店区信访局) registers and transfers, 人社局 (P1–P11) and 住建局 (P15–P17) handle. Every due date below is counted
/// by hand: the petition limits are calendar days (15 日 transfer, 15 日 receipt, 60 日 handling, 30 日 evaluation window),
/// the day of the event not counted.
/// </summary>
public abstract class AssessmentTests(TestApp app)
{
    private static readonly SemaphoreSlim Seeding = new(1, 1);
    private Units? _units;

    private sealed record Units(int Bureau, int Labour, int Housing, int District, int CityGovernment);

    private static DateOnly D(string iso) => DateOnly.Parse(iso, CultureInfo.InvariantCulture);

    /// <summary>The cases, written once per database.</summary>
    private async Task<Units> SeedAsync()
    {
        if (_units is not null) return _units;
        await Seeding.WaitAsync();
        try
        {
            var bureau = await app.OrganisationAsync("小店区信访局");
            var labour = await app.OrganisationAsync("小店区人力资源和社会保障局");
            var housing = await app.OrganisationAsync("小店区住房和城乡建设局");
            var district = await app.OrganisationAsync("小店区人民政府");
            var city = await app.OrganisationAsync("太原市人民政府");
            var units = new Units(bureau.Id, labour.Id, housing.Id, district.Id, city.Id);
            await using var db = app.NewContext();
            if (await db.Petitions.AnyAsync(p => p.CaseNumber.StartsWith("AS-")))
                return _units = units;

            var n = 0;
            void Add(string received, int? unit, PetitionStatus status, string? sent = null, string? accepted = null, string? opinion = null,
                string? concluded = null, SatisfactionEvaluation? evaluation = null, Channel channel = Channel.Letter, bool repeat = false, string? due = null,
                (int To, string Sent, string? Objected)? earlier = null)
            {
                n++;
                var acceptedOn = accepted is null ? (DateOnly?)null : D(accepted);
                var petition = new Petition
                {
                    CaseNumber = "AS-" + n.ToString("D3", CultureInfo.InvariantCulture),
                    QueryCodeHash = RandomNumberGenerator.GetBytes(32),
                    Channel = channel,
                    Purpose = Purpose.Request,
                    IssueLocalityCode = "140105000000",
                    PetitionerName = "张" + n,
                    Summary = "考核测试事项" + n,
                    Content = "考核测试事项内容",
                    ReceivedOn = D(received),
                    RegisteredOn = D(received),
                    RegisteredAt = D(received).ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc),
                    RegisteringOrganisationId = bureau.Id,
                    ResponsibleOrganisationId = unit,
                    Status = status,
                    RuleSetCode = "xinfang-2022",
                    TransferredOn = sent is null ? null : D(sent),
                    AcceptedOn = acceptedOn,
                    // 60 日 from acceptance (Art. 34).
                    HandlingDueOn = acceptedOn?.AddDays(60),
                    OpinionIssuedOn = opinion is null ? null : D(opinion),
                    ConcludedOn = concluded is null ? null : D(concluded),
                    UnitEvaluation = evaluation,
                    IsRepeat = repeat,
                    DueOn = due is null ? null : D(due),
                };
                db.Petitions.Add(petition);
                db.SaveChanges();
                if (earlier is { } first)
                {
                    // A hop before the one to the unit: objected (answered), or sent on by its receiver (not answered).
                    db.PetitionHops.Add(new PetitionHop
                    {
                        PetitionId = petition.Id, FromOrganisationId = bureau.Id, ToOrganisationId = first.To, SentOn = D(first.Sent), DueOn = D(first.Sent).AddDays(15),
                        AnsweredOn = first.Objected is null ? null : D(first.Objected), Outcome = first.Objected is null ? null : "objected",
                    });
                    db.SaveChanges();
                }
                if (sent is not null)
                    db.PetitionHops.Add(new PetitionHop
                    {
                        PetitionId = petition.Id, FromOrganisationId = earlier is { Objected: null } ? earlier.Value.To : bureau.Id, ToOrganisationId = unit!.Value,
                        SentOn = D(sent), DueOn = D(sent).AddDays(15), AnsweredOn = acceptedOn, Outcome = acceptedOn is null ? null : "accepted",
                    });
            }

            var L = labour.Id;
            // P1: sent 3/10 (due 3/17 ✓), accepted 3/20 (due 3/25 ✓), handling due 5/19, opinion 5/10 ✓, 满意.
            Add("2026-03-02", L, PetitionStatus.OpinionIssued, "2026-03-10", "2026-03-20", "2026-05-10", evaluation: SatisfactionEvaluation.Satisfied, channel: Channel.Online);
            // P2: sent 3/20 (due 3/17 ✗), accepted 4/10 (due 4/4 ✗), handling due 6/9, opinion 6/20 ✗, concluded 7/25, 不满意.
            Add("2026-03-02", L, PetitionStatus.Concluded, "2026-03-20", "2026-04-10", "2026-06-20", "2026-07-25", SatisfactionEvaluation.Dissatisfied);
            // P3: repeat; sent 8/5, accepted 8/10 (due 8/20 ✓), handling due 10/9: unanswered within the limit; green.
            Add("2026-08-01", L, PetitionStatus.Accepted, "2026-08-05", "2026-08-10", channel: Channel.Visit, repeat: true, due: "2026-10-09");
            // P4: first sent to 住建局 on 5/1, which objected on 5/2 (due 5/16 ✓: a receiving step of 住建局's); then to
            // 人社局, accepted 5/5, handling due 7/4: overdue unanswered; red.
            Add("2026-05-01", L, PetitionStatus.Accepted, "2026-05-03", "2026-05-05", channel: Channel.WeChat, due: "2026-07-04",
                earlier: (housing.Id, "2026-05-01", "2026-05-02"));
            // P5: first sent to 小店区人民政府 on 6/1, which sent it on to 人社局 on 6/2 (its decision, due 6/16 ✓); opinion
            // 7/1 (due 8/2 ✓), not evaluated: window 7/1 + 30 = 7/31 has passed → overdue unevaluated.
            Add("2026-06-01", L, PetitionStatus.OpinionIssued, "2026-06-02", "2026-06-03", "2026-07-01", channel: Channel.Phone,
                earlier: (district.Id, "2026-06-01", null));
            // P6: sent 9/11, acceptance due 9/26, not yet decided (not counted); 10 days left: green.
            Add("2026-09-10", L, PetitionStatus.Transferred, "2026-09-11", due: "2026-09-26");
            // P7: sent 8/21, acceptance due 9/5 passed undecided → unit late; red.
            Add("2026-08-20", L, PetitionStatus.Transferred, "2026-08-21", due: "2026-09-05");
            // P8: accepted 7/20 (due 7/31 ✓), handling due 9/18: 2 days left, yellow; unanswered.
            Add("2026-07-15", L, PetitionStatus.Accepted, "2026-07-16", "2026-07-20", due: "2026-09-18");
            // P9: opinion 5/1 (due 6/2 ✓), 基本满意.
            Add("2026-04-01", L, PetitionStatus.OpinionIssued, "2026-04-02", "2026-04-03", "2026-05-01", evaluation: SatisfactionEvaluation.FairlySatisfied, channel: Channel.Online);
            // P10: received in 2025, outside the 2026 period.
            Add("2025-12-31", L, PetitionStatus.OpinionIssued, "2026-01-02", "2026-01-05", "2026-02-01", evaluation: SatisfactionEvaluation.Satisfied);
            // P11: withdrawn after acceptance: an item, but no acceptance or handling figure.
            Add("2026-02-01", L, PetitionStatus.Withdrawn, "2026-02-02", "2026-02-03", concluded: "2026-02-20");
            // P12: registered 8/20, transfer due 9/4 passed undecided → bureau late; red, at the bureau.
            Add("2026-08-20", null, PetitionStatus.Registered, due: "2026-09-04");
            // P13: registered 9/10, transfer due 9/25: not counted yet; green, at the bureau.
            Add("2026-09-10", null, PetitionStatus.Registered, due: "2026-09-25");
            // P14: the bureau routes it to a legal procedure itself on 7/10 (due 7/16 ✓).
            Add("2026-07-01", null, PetitionStatus.RoutedToLegalChannel, concluded: "2026-07-10");
            var H = housing.Id;
            // P15, P16: 住建局, on time, 满意; P17: sent 9/2, acceptance due 9/17: 1 day left, yellow.
            Add("2026-04-01", H, PetitionStatus.OpinionIssued, "2026-04-02", "2026-04-03", "2026-05-01", evaluation: SatisfactionEvaluation.Satisfied);
            Add("2026-04-01", H, PetitionStatus.OpinionIssued, "2026-04-02", "2026-04-03", "2026-05-02", evaluation: SatisfactionEvaluation.Satisfied);
            Add("2026-09-01", H, PetitionStatus.Transferred, "2026-09-02", due: "2026-09-17");
            await db.SaveChangesAsync();
            return _units = units;
        }
        finally
        {
            Seeding.Release();
        }
    }

    private async Task<HttpClient> LeaderAsync(string unit = "小店区信访局", string role = StaffRoles.BureauLeader)
    {
        var organisation = await app.OrganisationAsync(unit);
        var (user, password) = await app.CreateUserAsync(organisation.Id, true, role);
        return await app.SignedInClientAsync(user, password);
    }

    private static async Task<JsonElement> GetAsync(HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{url}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private static JsonElement Row(JsonElement table, int unit) =>
        table.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("organisationId").GetInt32() == unit);

    private static int Count(JsonElement row, string name) => row.GetProperty("counts").GetProperty(name).GetInt32();

    private static decimal? Rate(JsonElement row, string metric) =>
        row.GetProperty("rates").GetProperty(metric) is { ValueKind: JsonValueKind.Number } v ? v.GetDecimal() : null;

    [Fact]
    public async Task The_table_counts_each_set_by_hand_and_computes_the_rates_and_the_score()
    {
        var units = await SeedAsync();
        using var leader = await LeaderAsync();
        var table = await GetAsync(leader, "/api/oversight/assessment?period=2026");
        Assert.Equal("2026-01-01", table.GetProperty("from").GetString());
        Assert.Equal("2026-12-31", table.GetProperty("to").GetString());

        var labour = Row(table, units.Labour);
        Assert.Equal(10, Count(labour, "items"));          // P1–P9, P11 (P10 is 2025)
        Assert.Equal(6, Count(labour, "unitTimely"));      // P1, P3, P4, P5, P8, P9
        Assert.Equal(2, Count(labour, "unitLate"));        // P2 (accepted late), P7 (undecided past 9/5)
        Assert.Equal(3, Count(labour, "onTime"));          // P1, P5, P9
        Assert.Equal(1, Count(labour, "late"));            // P2
        Assert.Equal(2, Count(labour, "unanswered"));      // P3, P8
        Assert.Equal(1, Count(labour, "overdueUnanswered")); // P4
        Assert.Equal(1, Count(labour, "satisfied"));
        Assert.Equal(1, Count(labour, "fairlySatisfied"));
        Assert.Equal(1, Count(labour, "dissatisfied"));
        Assert.Equal(1, Count(labour, "overdueUnevaluated")); // P5
        Assert.Equal(1, Count(labour, "repeat"));          // P3
        Assert.Equal(4, Count(labour, "online"));          // P1 网上, P4 微信, P5 电话, P9 网上
        Assert.Equal(0, Count(labour, "bureauTimely") + Count(labour, "bureauLate"));
        // Days from acceptance to answer: P1 51, P2 71, P5 28, P9 28 = 178 over 4 → 44.5.
        Assert.Equal(178, labour.GetProperty("counts").GetProperty("handlingDays").GetInt64());
        Assert.Equal(44.5m, labour.GetProperty("averageHandlingDays").GetDecimal());
        Assert.Equal(0.75m, Rate(labour, "UnitTimely"));
        Assert.Equal(3m / 7, Rate(labour, "OnTime"));
        Assert.Equal(0.75m, Rate(labour, "Participation"));
        Assert.Equal(2m / 3, Rate(labour, "Satisfaction"));
        Assert.Equal(0.1m, Rate(labour, "Repeat"));
        Assert.Equal(0.4m, Rate(labour, "Online"));
        Assert.Null(Rate(labour, "BureauTimely"));
        Assert.Equal("Red", labour.GetProperty("colours").GetProperty("OnTime").GetString());
        Assert.Equal("None", labour.GetProperty("colours").GetProperty("BureauTimely").GetString());
        // Default weights: unit 15·0.75 + on time 30·3/7 + participation 10·0.75 + satisfaction 25·2/3 + repeat 10·0.9,
        // over 90 = 57.2738/90 → 63.64.
        Assert.Equal(63.64m, labour.GetProperty("score").GetDecimal());
        Assert.Equal(1, labour.GetProperty("rank").GetInt32());
        Assert.False(labour.GetProperty("tooFew").GetBoolean());

        // The bureau: first-time items it registered in 2026. Late: P2 (sent 3/20 > 3/17) and P12 (undecided past 9/4);
        // timely: P1, P4–P9 but P3 (a repeat), P11, P14, P15–P17 = 12; P13 is within its limit. 12/14 → yellow.
        var bureau = Row(table, units.Bureau);
        Assert.Equal(12, Count(bureau, "bureauTimely"));
        Assert.Equal(2, Count(bureau, "bureauLate"));
        Assert.Equal("Yellow", bureau.GetProperty("colours").GetProperty("BureauTimely").GetString());
        Assert.True(bureau.GetProperty("tooFew").GetBoolean());

        // 住建局: three items, fewer than the 10 of Oversight:Assessment:MinItems — shown, not ranked.
        var housing = Row(table, units.Housing);
        Assert.Equal(3, Count(housing, "items"));
        Assert.True(housing.GetProperty("tooFew").GetBoolean());
        Assert.Equal(JsonValueKind.Null, housing.GetProperty("rank").ValueKind);
        Assert.Equal(1m, Rate(housing, "OnTime"));
        Assert.Equal(1m, Rate(housing, "Participation")); // P15, P16 evaluated; P17 has no reply yet
        // 及时受理 by the unit that held each receiving step (the hops): P15, P16 and P4's objection on 5/2 — not P4's
        // handling, which is 人社局's; P17 is within its limit.
        Assert.Equal(3, Count(housing, "unitTimely"));
        Assert.Equal(0, Count(housing, "unitLate"));
        // 小店区人民政府 held P5 for one day and sent it on: a timely step of its own, though it handles nothing.
        var district = Row(table, units.District);
        Assert.Equal(1, Count(district, "unitTimely"));
        Assert.Equal(0, Count(district, "items"));
        Assert.True(district.GetProperty("tooFew").GetBoolean());

        // The periods: March holds P1 and P2; 2025 only P10.
        var march = await GetAsync(leader, "/api/oversight/assessment?period=2026-03");
        Assert.Equal(2, Count(Row(march, units.Labour), "items"));
        var quarter = await GetAsync(leader, "/api/oversight/assessment?period=2026-Q3&level=county");
        Assert.Equal(4, Count(Row(quarter, units.Labour), "items")); // P3, P6, P7, P8
        var lastYear = await GetAsync(leader, "/api/oversight/assessment?period=2025");
        Assert.Equal(1, Count(Row(lastYear, units.Labour), "items"));
    }

    [Fact]
    public async Task Every_number_lists_exactly_the_cases_it_counts()
    {
        var units = await SeedAsync();
        using var leader = await LeaderAsync();
        foreach (var period in new[] { "2026", "2026-03", "2026-Q3" })
        {
            var table = await GetAsync(leader, "/api/oversight/assessment?period=" + period);
            foreach (var row in table.GetProperty("rows").EnumerateArray())
            {
                var unit = row.GetProperty("organisationId").GetInt32();
                var c = row.GetProperty("counts");
                var expected = new Dictionary<string, int>
                {
                    ["items"] = c.GetProperty("items").GetInt32(),
                    ["bureau-timely"] = c.GetProperty("bureauTimely").GetInt32(),
                    ["bureau-late"] = c.GetProperty("bureauLate").GetInt32(),
                    ["bureau-assessed"] = c.GetProperty("bureauTimely").GetInt32() + c.GetProperty("bureauLate").GetInt32(),
                    ["unit-timely"] = c.GetProperty("unitTimely").GetInt32(),
                    ["unit-late"] = c.GetProperty("unitLate").GetInt32(),
                    ["on-time"] = c.GetProperty("onTime").GetInt32(),
                    ["late"] = c.GetProperty("late").GetInt32(),
                    ["unanswered"] = c.GetProperty("unanswered").GetInt32(),
                    ["overdue-unanswered"] = c.GetProperty("overdueUnanswered").GetInt32(),
                    ["with-limit"] = c.GetProperty("onTime").GetInt32() + c.GetProperty("late").GetInt32() + c.GetProperty("unanswered").GetInt32() + c.GetProperty("overdueUnanswered").GetInt32(),
                    ["evaluated"] = c.GetProperty("evaluated").GetInt32(),
                    ["overdue-unevaluated"] = c.GetProperty("overdueUnevaluated").GetInt32(),
                    ["satisfied-or-fairly"] = c.GetProperty("satisfied").GetInt32() + c.GetProperty("fairlySatisfied").GetInt32(),
                    ["repeat"] = c.GetProperty("repeat").GetInt32(),
                    ["online"] = c.GetProperty("online").GetInt32(),
                    ["answered"] = c.GetProperty("answered").GetInt32(),
                    ["resolved-first-time"] = c.GetProperty("resolvedFirstTime").GetInt32(),
                };
                foreach (var (set, count) in expected)
                {
                    var list = await GetAsync(leader, $"/api/petitions?assessment={set}&unit={unit}&period={period}");
                    Assert.True(count == list.GetProperty("count").GetInt32(), $"{period} unit {unit} {set}: table {count}, list {list.GetProperty("count")}");
                    Assert.Equal(count, list.GetProperty("items").GetArrayLength());
                }
            }
        }
        // Spot check by case number: 人社局's overdue unanswered item is P4.
        var overdue = await GetAsync(leader, $"/api/petitions?assessment=overdue-unanswered&unit={units.Labour}&period=2026");
        Assert.Equal("AS-004", overdue.GetProperty("items")[0].GetProperty("caseNumber").GetString());
    }

    [Fact]
    public async Task Bad_input_gets_problem_details_and_other_roles_are_refused()
    {
        await SeedAsync();
        using var leader = await LeaderAsync();
        var period = await GetAsync(leader, "/api/oversight/assessment?period=2026-13", HttpStatusCode.BadRequest);
        Assert.Contains("2026-Q3", period.GetProperty("errors").GetProperty("period")[0].GetString(), StringComparison.Ordinal);
        var level = await GetAsync(leader, "/api/oversight/assessment?period=2026&level=galaxy", HttpStatusCode.BadRequest);
        Assert.True(level.GetProperty("errors").TryGetProperty("level", out _));
        var set = await GetAsync(leader, "/api/petitions?assessment=everything&unit=1&period=2026", HttpStatusCode.BadRequest);
        Assert.True(set.GetProperty("errors").TryGetProperty("assessment", out _));
        var noUnit = await GetAsync(leader, "/api/petitions?assessment=late&period=2026", HttpStatusCode.BadRequest);
        Assert.True(noUnit.GetProperty("errors").TryGetProperty("unit", out _));

        using var officer = await LeaderAsync("小店区人力资源和社会保障局", StaffRoles.HandlingOfficer);
        await GetAsync(officer, "/api/oversight/assessment?period=2026", HttpStatusCode.Forbidden);
        await GetAsync(officer, "/api/oversight/red-light", HttpStatusCode.Forbidden);
        using var supervisor = await LeaderAsync("小店区信访局", StaffRoles.Supervisor);
        await GetAsync(supervisor, "/api/oversight/assessment?period=2026");
    }

    [Fact]
    public async Task The_export_is_a_workbook_with_the_table()
    {
        var units = await SeedAsync();
        using var leader = await LeaderAsync();
        var response = await leader.GetAsync("/api/oversight/assessment/export.xlsx?period=2026");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        await using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        var labour = rows.Single(r => (string?)r["单位"] == "小店区人力资源和社会保障局");
        Assert.Equal(1d, Convert.ToDouble(labour["排名"], CultureInfo.InvariantCulture));
        Assert.Equal(10d, Convert.ToDouble(labour["信访事项数"], CultureInfo.InvariantCulture));
        Assert.Equal(63.64, Convert.ToDouble(labour["综合得分"], CultureInfo.InvariantCulture), 2);
        Assert.Equal(0.4286, Convert.ToDouble(labour["按期办结率"], CultureInfo.InvariantCulture), 4);
        Assert.Equal(44.5, Convert.ToDouble(labour["平均办理天数"], CultureInfo.InvariantCulture), 1);
        var housing = rows.Single(r => (string?)r["单位"] == "小店区住房和城乡建设局");
        Assert.Equal("事项不足10件，不参与排名", housing["备注"]);
        Assert.Null(housing["排名"]);
        Assert.Null(rows.Single(r => (string?)r["单位"] == "小店区信访局")["按期办结率"]); // none, not 0
        Assert.Equal(4, rows.Count); // bureau, 人社局, 住建局, and 小店区人民政府 for its one receiving step
        _ = units;
    }

    [Fact]
    public async Task Accepting_a_case_keeps_its_handling_due_date_for_the_assessment()
    {
        await SeedAsync();
        // A province department, outside 太原市, so the other tests' counts stay as they are.
        await using var db = app.NewContext();
        var bureau = await app.OrganisationAsync("山西省信访局");
        var province = await db.Organisations.SingleAsync(o => o.Id == bureau.ParentId);
        var department = await db.Organisations.Where(o => o.ParentId == province.Id && o.Kind == OrganisationKind.Department).OrderBy(o => o.Id).FirstAsync();
        var petition = new Petition
        {
            CaseNumber = "AS-PROV", QueryCodeHash = RandomNumberGenerator.GetBytes(32), Channel = Channel.Letter, Purpose = Purpose.Request,
            IssueLocalityCode = "140000000000", PetitionerName = "王五", Summary = "省级部门事项", Content = "省级部门事项内容",
            ReceivedOn = D("2026-09-01"), RegisteredOn = D("2026-09-01"), RegisteredAt = new DateTime(2026, 9, 1, 2, 0, 0, DateTimeKind.Utc),
            RegisteringOrganisationId = bureau.Id, ResponsibleOrganisationId = department.Id, Status = PetitionStatus.Transferred,
            RuleSetCode = "xinfang-2022", TransferredOn = D("2026-09-02"), DueOn = D("2026-09-17"),
        };
        db.Petitions.Add(petition);
        await db.SaveChangesAsync();
        db.PetitionHops.Add(new PetitionHop { PetitionId = petition.Id, FromOrganisationId = bureau.Id, ToOrganisationId = department.Id, SentOn = D("2026-09-02"), DueOn = D("2026-09-09") });
        await db.SaveChangesAsync();

        var (officer, password) = await app.CreateUserAsync(department.Id, false, StaffRoles.HandlingOfficer);
        using var client = await app.SignedInClientAsync(officer, password);
        var response = await client.PostAsJsonAsync($"/api/petitions/{petition.Id}/actions/Accept", new { on = "2026-09-10" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var check = app.NewContext();
        // Accepted Thu 9/10: 60 日 (Art. 34) → 9/10 + 30 = 10/10, + 30 = 11/9.
        Assert.Equal(D("2026-11-09"), (await check.Petitions.SingleAsync(p => p.Id == petition.Id)).HandlingDueOn);

        using var leader = await LeaderAsync("山西省信访局");
        var row = Row(await GetAsync(leader, "/api/oversight/assessment?period=2026-09&level=province"), department.Id);
        Assert.Equal(1, Count(row, "unanswered"));   // within its limit on 9/16
        Assert.Equal(1, Count(row, "unitTimely"));   // accepted 9/10, due 9/17
    }

    [Fact]
    public async Task The_red_light_board_drills_down_and_every_count_lists_its_cases()
    {
        var units = await SeedAsync();
        using var city = await LeaderAsync("太原市信访局", StaffRoles.Supervisor);
        var top = await GetAsync(city, "/api/oversight/red-light");
        Assert.Equal(units.CityGovernment, top.GetProperty("organisationId").GetInt32());
        var district = top.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("organisationId").GetInt32() == units.District);
        // Open cases of 小店区 by colour on 9/16: red P4 (due 7/4), P7 (9/5), P12 (9/4); yellow P8 (9/18), P17 (9/17);
        // green P3 (10/9), P6 (9/26), P13 (9/25).
        Assert.Equal(3, district.GetProperty("red").GetInt32());
        Assert.Equal(2, district.GetProperty("yellow").GetInt32());
        Assert.Equal(3, district.GetProperty("green").GetInt32());
        Assert.True(district.GetProperty("hasChildren").GetBoolean());
        Assert.Equal(8, top.GetProperty("total").GetProperty("open").GetInt32());

        var down = await GetAsync(city, $"/api/oversight/red-light?organisation={units.District}");
        Assert.Equal(units.CityGovernment, down.GetProperty("parentId").GetInt32());
        var labour = down.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("organisationId").GetInt32() == units.Labour);
        Assert.Equal(2, labour.GetProperty("red").GetInt32());    // P4, P7
        Assert.Equal(1, labour.GetProperty("yellow").GetInt32()); // P8
        Assert.Equal(2, labour.GetProperty("green").GetInt32());  // P3, P6
        Assert.Equal(3m / 7, labour.GetProperty("onTimeRate").GetDecimal());
        Assert.Equal("Red", labour.GetProperty("onTimeColour").GetString());
        Assert.Equal(0.75m, labour.GetProperty("timelyRate").GetDecimal());
        var bureau = down.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("organisationId").GetInt32() == units.Bureau);
        Assert.Equal(1, bureau.GetProperty("red").GetInt32());    // P12
        Assert.Equal(1, bureau.GetProperty("green").GetInt32());  // P13

        // Every count of both boards equals the cases the list shows for it.
        foreach (var board in new[] { top, down })
        {
            var lines = board.GetProperty("lines").EnumerateArray().Select(l => (Line: l, Filter: l.GetProperty("isOwn").GetBoolean() ? "at" : "within"))
                .Append((Line: board.GetProperty("total"), Filter: "within"));
            var sum = 0;
            foreach (var (line, filter) in lines)
            {
                foreach (var colour in new[] { "Red", "Yellow", "Green" })
                {
                    var count = line.GetProperty(colour.ToLowerInvariant()).GetInt32();
                    var list = await GetAsync(city, $"/api/petitions?colour={colour}&{filter}={line.GetProperty("organisationId").GetInt32()}");
                    Assert.True(count == list.GetProperty("count").GetInt32(), $"{line.GetProperty("name")} {colour}: board {count}, list {list.GetProperty("count")}");
                    if (filter == "within" && line.GetProperty("organisationId").GetInt32() != board.GetProperty("organisationId").GetInt32()
                        || filter == "at") sum += count;
                }
            }
            Assert.Equal(board.GetProperty("total").GetProperty("open").GetInt32(), sum);
        }

        // A unit outside the caller's scope is refused.
        using var county = await LeaderAsync("小店区信访局", StaffRoles.Supervisor);
        var outside = await GetAsync(county, $"/api/oversight/red-light?organisation={units.CityGovernment}", HttpStatusCode.BadRequest);
        Assert.True(outside.GetProperty("errors").TryGetProperty("organisation", out _));
    }
}

[Collection("sqlite")]
public sealed class SqliteAssessmentTests(SqliteClockApp app) : AssessmentTests(app), IClassFixture<SqliteClockApp>;

[Collection("postgres")]
public sealed class PostgresAssessmentTests(PostgresClockApp app) : AssessmentTests(app), IClassFixture<PostgresClockApp>;
