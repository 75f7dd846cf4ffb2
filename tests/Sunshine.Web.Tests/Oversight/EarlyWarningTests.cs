using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sunshine.Data.Entities;
using Sunshine.Domain.Directory;
using Sunshine.Domain.Oversight;
using Sunshine.Domain.Petitions;
using Sunshine.Web.Features.Oversight.Warnings;

namespace Sunshine.Web.Tests.Oversight;

/// <summary>
/// The early-warning rules on hand-built petitions, on a clock standing at 2026-09-16 (so September is a running month:
/// 1–16 September is compared with 1–16 August and 1–16 September 2025). Each test works in its own counties and with
/// its own petitioners, so what one test puts in place raises nothing another test looks for.
/// </summary>
public abstract class EarlyWarningTests(TestApp app)
{
    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    private sealed record Case(string Locality, DateOnly ReceivedOn, int? CategoryId = null, string Summary = "反映问题", string? Content = null, byte[]? PersonKey = null,
        int HeadCount = 1, bool IsCollective = false, bool IsThreatening = false, bool IsBeijingVisit = false, bool IsProvinceVisit = false, bool IsLevelSkipping = false,
        string RegisteredAt = "小店区信访局");

    private async Task<List<long>> AddAsync(params Case[] cases)
    {
        await using var db = app.NewContext();
        var names = cases.Select(c => c.RegisteredAt).Distinct().ToList();
        var orgs = await db.Organisations.AsNoTracking().Where(o => names.Contains(o.Name)).ToDictionaryAsync(o => o.Name, o => o.Id);
        var rows = cases.Select(c => new Petition
        {
            CaseNumber = "EW" + Guid.NewGuid().ToString("N")[..20],
            QueryCodeHash = RandomNumberGenerator.GetBytes(32),
            Channel = c.HeadCount > 1 ? Channel.Visit : Channel.Letter,
            Purpose = Purpose.Request,
            CategoryId = c.CategoryId,
            IssueLocalityCode = c.Locality,
            PetitionerName = "王五",
            PersonKey = c.PersonKey,
            HeadCount = c.HeadCount,
            IsCollective = c.IsCollective,
            IsThreatening = c.IsThreatening,
            IsBeijingVisit = c.IsBeijingVisit,
            IsProvinceVisit = c.IsProvinceVisit,
            IsLevelSkipping = c.IsLevelSkipping,
            Summary = c.Summary,
            Content = c.Content ?? c.Summary + "，请求处理。",
            ReceivedOn = c.ReceivedOn,
            RegisteredOn = c.ReceivedOn,
            RegisteredAt = c.ReceivedOn.ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc),
            RegisteringOrganisationId = orgs[c.RegisteredAt],
            Status = PetitionStatus.Registered,
            RuleSetCode = "xinfang-2022",
        }).ToList();
        db.Petitions.AddRange(rows);
        await db.SaveChangesAsync();
        return rows.Select(r => r.Id).ToList();
    }

    private static IEnumerable<Case> Many(int count, string locality, int category, DateOnly from, int days) =>
        Enumerable.Range(0, count).Select(i => new Case(locality, from.AddDays(i % days), category));

    /// <summary>A pass as the hosted worker runs it.</summary>
    private async Task PassAsync()
    {
        var work = app.Services.GetServices<IHostedService>().OfType<EarlyWarningWork>().Single();
        await using var scope = app.Services.CreateAsyncScope();
        await work.RunOnceAsync(scope.ServiceProvider, default);
    }

    /// <summary>A pass on its own DbContext, as a second node would run it.</summary>
    private async Task<WarningPassResult> NodePassAsync()
    {
        await using var db = app.NewContext();
        var pass = new WarningPass(db, WarningSettings.From(app.Services.GetRequiredService<IConfiguration>()), app.Services.GetRequiredService<TimeProvider>());
        return await pass.RunAsync(default);
    }

    private async Task<List<WarningAlert>> AlertsAsync(string county)
    {
        await using var db = app.NewContext();
        return await db.WarningAlerts.AsNoTracking().Where(a => a.LocalityCode == county).OrderBy(a => a.Id).ToListAsync();
    }

    private async Task<List<long>> LinkedAsync(long alertId)
    {
        await using var db = app.NewContext();
        return await db.WarningAlertCases.Where(l => l.AlertId == alertId).Select(l => l.PetitionId).OrderBy(id => id).ToListAsync();
    }

    private async Task<(int Root, int Child)> CategoryAsync(int index)
    {
        await using var db = app.NewContext();
        var root = await db.Categories.Where(c => c.ParentId == null).OrderBy(c => c.Id).Skip(index).FirstAsync();
        var child = await db.Categories.Where(c => c.ParentId == root.Id).OrderBy(c => c.Id).FirstAsync();
        return (root.Id, child.Id);
    }

    private static byte[] Person(string name) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name + Guid.NewGuid()));

    private static JsonElement Evidence(WarningAlert alert) => JsonDocument.Parse(alert.Evidence).RootElement;

    [Fact]
    public async Task A_surge_against_last_year_alarms_small_or_insignificant_rises_do_not_and_a_second_pass_only_updates()
    {
        var (root, child) = await CategoryAsync(0);
        const string surging = "140107000000", small = "140108000000", chance = "140109000000";
        // 杏花岭区: 40 in 1–16 September, 38 in 1–16 August (+ 10 on 17–31 August, outside the window), 20 in 1–16 September 2025.
        var current = await AddAsync([.. Many(40, surging, child, D(2026, 9, 1), 16)]);
        await AddAsync([.. Many(38, surging, child, D(2026, 8, 1), 16), .. Many(10, surging, child, D(2026, 8, 17), 15), .. Many(20, surging, root, D(2025, 9, 1), 16)]);
        // 尖草坪区: 1 → 2 (+100 %, p = 0.5). 万柏林区: 20 → 30 (+50 %, p ≈ 0.10).
        await AddAsync([.. Many(2, small, child, D(2026, 9, 1), 16), .. Many(1, small, child, D(2026, 8, 3), 1), .. Many(1, small, child, D(2025, 9, 3), 1)]);
        await AddAsync([.. Many(30, chance, child, D(2026, 9, 1), 16), .. Many(20, chance, child, D(2026, 8, 1), 16), .. Many(20, chance, child, D(2025, 9, 1), 16)]);

        await PassAsync();

        var alert = Assert.Single(await AlertsAsync(surging), a => a.Period == "2026-09");
        Assert.Equal(WarningRule.Surge, alert.Rule);
        Assert.Equal(WarningSeverity.Alarm, alert.Severity);
        Assert.Equal(WarningState.Raised, alert.State);
        Assert.Equal(root, alert.CategoryId);
        Assert.Equal($"Surge:{surging}:{root}:2026-09", alert.AlertKey);
        var e = Evidence(alert);
        Assert.Equal(40, e.GetProperty("current").GetInt32());
        Assert.Equal(20, e.GetProperty("lastYear").GetInt32());
        Assert.Equal(38, e.GetProperty("previousWindow").GetInt32());
        Assert.Equal("100.0%", e.GetProperty("changeLastYear").GetString());
        Assert.Equal(0.0067, e.GetProperty("pLastYear").GetDouble());
        Assert.Equal(current, await LinkedAsync(alert.Id));
        Assert.Equal(40, alert.CaseCount);
        Assert.DoesNotContain(await AlertsAsync(small), a => a.Rule == WarningRule.Surge);
        Assert.DoesNotContain(await AlertsAsync(chance), a => a.Rule == WarningRule.Surge && a.Period == "2026-09");

        // A second pass with nothing new raises nothing; five more cases update the one alert's evidence and links.
        Assert.Equal(0, (await NodePassAsync()).AlertsRaised);
        var more = await AddAsync([.. Many(5, surging, child, D(2026, 9, 16), 1)]);
        Assert.Equal(0, (await NodePassAsync()).AlertsRaised);
        var updated = Assert.Single(await AlertsAsync(surging), a => a.Period == "2026-09");
        Assert.Equal(alert.Id, updated.Id);
        Assert.Equal(45, Evidence(updated).GetProperty("current").GetInt32());
        Assert.Equal([.. current, .. more], await LinkedAsync(alert.Id));
        Assert.Equal(45, updated.CaseCount);
    }

    [Fact]
    public async Task Collective_escalated_and_threatening_cases_raise_one_alert_each_and_ordinary_or_old_cases_none()
    {
        const string county = "140110000000";
        var today = D(2026, 9, 16);
        var ids = await AddAsync(
            new Case(county + "", today, HeadCount: 6, IsCollective: true),                    // 0 collective, abnormal
            new Case(county, today, HeadCount: 60, IsCollective: true),                          // 1 collective, alarm
            new Case(county, today, HeadCount: 3),                                               // 2 three people: not collective
            new Case(county, today, IsBeijingVisit: true),                                       // 3 进京访: alarm
            new Case(county, today, IsProvinceVisit: true),                                      // 4 赴省访: abnormal
            new Case(county, today, IsLevelSkipping: true),                                      // 5 越级访: notice
            new Case(county, today, Summary: "拆迁补偿", Content: "再不解决我就去自 焚，同归于尽"), // 6 sensitive words
            new Case(county, today, IsThreatening: true),                                        // 7 registered as threatening
            new Case(county, today, Summary: "请求解决拖欠工资问题"),                              // 8 ordinary
            new Case(county, D(2026, 6, 1), Summary: "扬言自焚"));                                // 9 too old for early warning

        await PassAsync();

        var alerts = await AlertsAsync(county);
        string Key(WarningRule rule, int i) => $"{rule}:{ids[i]}";
        Assert.Equal(
            new[] { Key(WarningRule.Collective, 0), Key(WarningRule.Collective, 1), Key(WarningRule.Escalated, 3), Key(WarningRule.Escalated, 4),
                Key(WarningRule.Escalated, 5), Key(WarningRule.Threatening, 6), Key(WarningRule.Threatening, 7) }.Order(),
            alerts.Select(a => a.AlertKey).Order());
        var byKey = alerts.ToDictionary(a => a.AlertKey);
        Assert.Equal(WarningSeverity.Abnormal, byKey[Key(WarningRule.Collective, 0)].Severity);
        Assert.Equal(WarningSeverity.Alarm, byKey[Key(WarningRule.Collective, 1)].Severity);
        Assert.Equal(WarningSeverity.Alarm, byKey[Key(WarningRule.Escalated, 3)].Severity);
        Assert.Equal(WarningSeverity.Abnormal, byKey[Key(WarningRule.Escalated, 4)].Severity);
        Assert.Equal(WarningSeverity.Notice, byKey[Key(WarningRule.Escalated, 5)].Severity);
        var threat = byKey[Key(WarningRule.Threatening, 6)];
        Assert.Equal(["自焚", "同归于尽"], Evidence(threat).GetProperty("words").EnumerateArray().Select(w => w.GetString()));
        Assert.Equal("自焚、同归于尽", threat.Summary);
        Assert.Equal([ids[6]], await LinkedAsync(threat.Id));
        Assert.True(Evidence(byKey[Key(WarningRule.Threatening, 7)]).GetProperty("flagged").GetBoolean());

        Assert.Equal(0, (await NodePassAsync()).AlertsRaised);
        Assert.Equal(7, (await AlertsAsync(county)).Count);
    }

    [Fact]
    public async Task A_repeat_petitioner_with_three_cases_or_moving_up_a_level_is_flagged_and_one_with_two_at_the_county_is_not()
    {
        const string county = "140105000000";
        var (often, climber, twice) = (Person("often"), Person("climber"), Person("twice"));
        var oftenIds = await AddAsync(new Case(county, D(2026, 7, 1), PersonKey: often), new Case(county, D(2026, 8, 10), PersonKey: often),
            new Case(county, D(2026, 9, 10), PersonKey: often));
        var climberIds = await AddAsync(new Case(county, D(2026, 8, 20), PersonKey: climber),
            new Case(county, D(2026, 9, 12), PersonKey: climber, RegisteredAt: "太原市信访局"));
        await AddAsync(new Case(county, D(2026, 8, 20), PersonKey: twice), new Case(county, D(2026, 9, 12), PersonKey: twice));
        // Three cases, but the first lies outside the 90-day window of the last: not flagged either.
        var late = Person("late");
        await AddAsync(new Case(county, D(2026, 5, 1), PersonKey: late), new Case(county, D(2026, 9, 1), PersonKey: late), new Case(county, D(2026, 9, 2), PersonKey: late));

        await PassAsync();

        var repeats = (await AlertsAsync(county)).Where(a => a.Rule == WarningRule.RepeatEscalation).ToList();
        Assert.Equal(2, repeats.Count);
        var oftenAlert = repeats.Single(a => a.AlertKey == $"RepeatEscalation:{Convert.ToHexString(often)}:2026-09");
        Assert.Equal(WarningSeverity.Abnormal, oftenAlert.Severity);
        Assert.Equal(oftenIds, await LinkedAsync(oftenAlert.Id));
        Assert.Equal(3, Evidence(oftenAlert).GetProperty("cases").GetInt32());
        var climberAlert = repeats.Single(a => a.AlertKey == $"RepeatEscalation:{Convert.ToHexString(climber)}:2026-09");
        Assert.Equal(WarningSeverity.Alarm, climberAlert.Severity);
        Assert.Equal(["County", "City"], Evidence(climberAlert).GetProperty("levels").EnumerateArray().Select(l => l.GetString()));
        Assert.True(Evidence(climberAlert).GetProperty("movedUp").GetBoolean());
        Assert.Equal(climberIds, await LinkedAsync(climberAlert.Id));
    }

    [Fact]
    public async Task Three_petitioners_on_one_employer_are_flagged_and_one_petitioner_writing_three_times_is_not()
    {
        const string county = "140121000000";
        var today = D(2026, 9, 16);
        var ids = await AddAsync(
            new Case(county, today.AddDays(-40), Summary: "反映宏达建筑公司拖欠工资", PersonKey: Person("a")),
            new Case(county, today.AddDays(-3), Summary: "讨要工资", Content: "我在宏达建筑公司工地干活，老板拖欠三个月工资。", PersonKey: Person("b")),
            new Case(county, today, Summary: "拖欠工资的宏达建筑公司至今未付", PersonKey: Person("c")));
        var same = Person("same");
        await AddAsync(new Case(county, today.AddDays(-2), Summary: "金鼎小区物业乱收费", PersonKey: same), new Case(county, today.AddDays(-1), Summary: "金鼎小区物业乱收费", PersonKey: same),
            new Case(county, today, Summary: "金鼎小区物业乱收费", PersonKey: same));
        // The same employer named in another county is another matter.
        await AddAsync(new Case("140122000000", today, Summary: "宏达建筑公司欠薪", PersonKey: Person("d")));

        await PassAsync();

        var projects = (await AlertsAsync(county)).Where(a => a.Rule == WarningRule.SharedProject).ToList();
        var alert = Assert.Single(projects);
        Assert.Equal($"SharedProject:{county}:宏达建筑公司:2026-09", alert.AlertKey);
        Assert.Equal("宏达建筑公司", alert.Summary);
        Assert.Equal(3, Evidence(alert).GetProperty("petitioners").GetInt32());
        Assert.Equal(ids, await LinkedAsync(alert.Id));
        Assert.DoesNotContain(await AlertsAsync("140122000000"), a => a.Rule == WarningRule.SharedProject);
    }

    [Fact]
    public async Task Two_nodes_racing_over_the_same_new_petitions_raise_each_alert_exactly_once()
    {
        var (_, child) = await CategoryAsync(1);
        const string county = "140123000000";
        var today = D(2026, 9, 16);
        for (var round = 0; round < 3; round++)
        {
            await AddAsync(
                [
                    new Case(county, today, HeadCount: 8, IsCollective: true),
                    new Case(county, today, IsBeijingVisit: true),
                    new Case(county, today, Summary: "扬言报复"),
                    .. round == 0 ? Many(12, county, child, D(2026, 9, 1), 16) : [],
                ]);
            var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(NodePassAsync)));
            var alerts = await AlertsAsync(county);
            var expected = 3 * (round + 1) + 1; // three per round, and the surge (12 from nothing) once
            Assert.Equal(expected, alerts.Count);
            Assert.Equal(alerts.Count, alerts.Select(a => a.AlertKey).Distinct().Count());
            Assert.Equal(round == 0 ? 4 : 3, results.Sum(r => r.AlertsRaised));
            var surge = Assert.Single(alerts, a => a.Rule == WarningRule.Surge);
            Assert.Equal(12, (await LinkedAsync(surge.Id)).Count);
        }
    }

    /// <summary>
    /// Two app instances on one database (a second <c>SunshineApp.Build</c> with the first one's configuration and clock),
    /// each running the early-warning pass through its own hosted worker and its own services, several at once: every
    /// alert exists once, because the database refuses a second row with the same alert key.
    /// </summary>
    protected async Task Two_app_instances_raise_each_alert_once()
    {
        var (_, child) = await CategoryAsync(2);
        const string county = "140106000000";
        var today = D(2026, 9, 16);
        var configuration = app.Services.GetRequiredService<IConfiguration>();
        var builder = SunshineApp.CreateBuilder(["--environment", "Testing"], b =>
            b.Configuration.AddInMemoryCollection(configuration.AsEnumerable().Where(kv => kv.Value is not null)));
        builder.Services.AddSingleton(app.Services.GetRequiredService<TimeProvider>());
        await using var second = SunshineApp.Build(builder);
        var nodes = new[] { app.Services, second.Services };
        Assert.NotSame(Work(nodes[0]), Work(nodes[1]));

        for (var round = 0; round < 2; round++)
        {
            await AddAsync(
                [
                    new Case(county, today, HeadCount: 9, IsCollective: true),
                    new Case(county, today, IsProvinceVisit: true),
                    .. round == 0 ? Many(12, county, child, D(2026, 9, 1), 16) : [],
                ]);
            using var gate = new ManualResetEventSlim(false);
            var passes = nodes.Concat(nodes).Select(services => Task.Run(async () =>
            {
                await using var scope = services.CreateAsyncScope();
                gate.Wait();
                await Work(services).RunOnceAsync(scope.ServiceProvider, default);
            })).ToList();
            gate.Set();
            await Task.WhenAll(passes);

            var alerts = await AlertsAsync(county);
            Assert.Equal(2 * (round + 1) + 1, alerts.Count); // two per round, and the surge (12 from nothing) once
            Assert.Equal(alerts.Count, alerts.Select(a => a.AlertKey).Distinct().Count());
            var surge = Assert.Single(alerts, a => a.Rule == WarningRule.Surge);
            Assert.Equal(12, (await LinkedAsync(surge.Id)).Count);
        }

        static EarlyWarningWork Work(IServiceProvider services) => services.GetServices<IHostedService>().OfType<EarlyWarningWork>().Single();
    }

    [Fact]
    public async Task Alerts_are_acknowledged_assigned_and_resolved_in_order_within_scope()
    {
        const string county = "140181000000";
        var ids = await AddAsync(new Case(county, D(2026, 9, 16), IsBeijingVisit: true, Summary: "反映征地补偿问题"));
        await PassAsync();
        var alertId = Assert.Single(await AlertsAsync(county)).Id;

        var taiyuan = await app.OrganisationAsync("太原市信访局");
        var (supervisorName, password) = await app.CreateUserAsync(taiyuan.Id, true, StaffRoles.Supervisor);
        using var supervisor = await app.SignedInClientAsync(supervisorName, password);
        var datong = await app.OrganisationAsync("大同市信访局");
        var (elsewhereName, elsewherePassword) = await app.CreateUserAsync(datong.Id, true, StaffRoles.Supervisor);
        using var elsewhere = await app.SignedInClientAsync(elsewhereName, elsewherePassword);
        var (registrarName, registrarPassword) = await app.CreateUserAsync(taiyuan.Id, true, StaffRoles.Registrar);
        using var registrar = await app.SignedInClientAsync(registrarName, registrarPassword);
        var (officerName, officerPassword) = await app.CreateUserAsync((await app.OrganisationAsync("太原市信访局")).Id, false, StaffRoles.HandlingOfficer);
        using var officer = await app.SignedInClientAsync(officerName, officerPassword);
        await using (var db = app.NewContext())
        {
            var officerId = await db.Users.Where(u => u.UserName == officerName).Select(u => u.Id).SingleAsync();
            var datongId = await db.Users.Where(u => u.UserName == elsewhereName).Select(u => u.Id).SingleAsync();

            // Scope: Taiyuan sees the alert in 古交市; Datong does not; a registrar may not look at alerts at all.
            var list = await supervisor.GetFromJsonAsync<JsonElement>($"/api/oversight/warnings?locality={county}");
            Assert.Equal(alertId, Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("id").GetInt64());
            var other = await elsewhere.GetFromJsonAsync<JsonElement>("/api/oversight/warnings");
            Assert.DoesNotContain(other.GetProperty("items").EnumerateArray(), a => a.GetProperty("id").GetInt64() == alertId);
            Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.GetAsync($"/api/oversight/warnings/{alertId}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.PostAsync($"/api/oversight/warnings/{alertId}/acknowledge", null)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await registrar.GetAsync("/api/oversight/warnings")).StatusCode);

            var detail = await supervisor.GetFromJsonAsync<JsonElement>($"/api/oversight/warnings/{alertId}");
            Assert.Equal("Escalated", detail.GetProperty("alert").GetProperty("rule").GetString());
            Assert.Equal("古交市", detail.GetProperty("alert").GetProperty("localityName").GetString());
            Assert.True(detail.GetProperty("evidence").GetProperty("beijing").GetBoolean());
            Assert.Equal(ids[0], Assert.Single(detail.GetProperty("cases").EnumerateArray()).GetProperty("petitionId").GetInt64());

            // Out of order: assign or resolve before acknowledging is refused, with the state in the answer.
            var early = await supervisor.PostAsJsonAsync($"/api/oversight/warnings/{alertId}/assign", new { userId = officerId });
            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
            Assert.Contains("新预警", await early.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.Conflict, (await supervisor.PostAsJsonAsync($"/api/oversight/warnings/{alertId}/resolve", new { note = "已处置" })).StatusCode);

            Assert.Equal(HttpStatusCode.OK, (await supervisor.PostAsync($"/api/oversight/warnings/{alertId}/acknowledge", null)).StatusCode);
            Assert.Equal(HttpStatusCode.Conflict, (await supervisor.PostAsync($"/api/oversight/warnings/{alertId}/acknowledge", null)).StatusCode);

            var missing = await supervisor.PostAsJsonAsync($"/api/oversight/warnings/{alertId}/assign", new { userId = "" });
            Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
            Assert.Contains("请选择处置责任人", await missing.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.PostAsJsonAsync($"/api/oversight/warnings/{alertId}/assign", new { userId = datongId })).StatusCode);
            // A handling officer cannot assign; the supervisor can, to someone within scope.
            Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync($"/api/oversight/warnings/{alertId}/assign", new { userId = officerId })).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await supervisor.PostAsJsonAsync($"/api/oversight/warnings/{alertId}/assign", new { userId = officerId })).StatusCode);

            // The assignee resolves it, with a note; a second resolve is refused.
            var noNote = await officer.PostAsJsonAsync($"/api/oversight/warnings/{alertId}/resolve", new { note = " " });
            Assert.Equal(HttpStatusCode.BadRequest, noNote.StatusCode);
            Assert.Contains("请填写处置情况", await noNote.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync($"/api/oversight/warnings/{alertId}/resolve", new { note = "已接回并化解" })).StatusCode);
            Assert.Equal(HttpStatusCode.Conflict, (await supervisor.PostAsJsonAsync($"/api/oversight/warnings/{alertId}/resolve", new { note = "再次" })).StatusCode);

            var resolved = await db.WarningAlerts.AsNoTracking().SingleAsync(a => a.Id == alertId);
            Assert.Equal(WarningState.Resolved, resolved.State);
            Assert.Equal(officerId, resolved.AssignedToUserId);
            Assert.Equal(officerId, resolved.ResolvedByUserId);
            Assert.Equal("已接回并化解", resolved.ResolutionNote);
            Assert.Equal(3, resolved.Version);
            Assert.Equal(["warning.acknowledge", "warning.assign", "warning.resolve"],
                await db.AuditEntries.Where(a => a.EntityType == nameof(WarningAlert) && a.EntityId == alertId.ToString()).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());

            // Resolved alerts leave the default list and show under their state.
            var open = await supervisor.GetFromJsonAsync<JsonElement>($"/api/oversight/warnings?locality={county}");
            Assert.Equal(0, open.GetProperty("total").GetInt32());
            var done = await supervisor.GetFromJsonAsync<JsonElement>($"/api/oversight/warnings?locality={county}&state=Resolved");
            Assert.Equal(1, done.GetProperty("total").GetInt32());
        }
    }
}

[Collection("sqlite")]
public sealed class SqliteEarlyWarningTests(SqliteClockApp app) : EarlyWarningTests(app), IClassFixture<SqliteClockApp>;

[Collection("postgres")]
public sealed class PostgresEarlyWarningTests(PostgresClockApp app) : EarlyWarningTests(app), IClassFixture<PostgresClockApp>
{
    [Fact]
    public Task Two_app_instances_on_one_postgresql_raise_each_alert_once() => Two_app_instances_raise_each_alert_once();
}
