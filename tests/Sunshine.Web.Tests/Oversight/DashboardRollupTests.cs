using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Domain.Directory;
using Sunshine.Domain.Petitions;
using Sunshine.Web.Features.Oversight.BigData;

namespace Sunshine.Web.Tests.Oversight;

/// <summary>
/// 信访大数据: the rollups against plain COUNT / GROUP BY over the petitions, on hand-built cases. Each test works in a
/// year of its own, so the tests of the class (one database) do not count each other's cases.
/// </summary>
public abstract class DashboardRollupTests(TestApp app)
{
    private static int _sequence;

    private sealed record Case(DateOnly On, int Registering, int? Responsible, string Locality, Channel Channel, Purpose Purpose, int? Category,
        PetitionStatus Status = PetitionStatus.Registered, bool Repeat = false, bool Collective = false, SatisfactionEvaluation? Evaluation = null,
        string Summary = "反映问题", DateOnly? Due = null, int? Accused = null);

    private async Task<List<long>> AddAsync(params Case[] cases)
    {
        await using var db = app.NewContext();
        var rows = cases.Select(c =>
        {
            var n = Interlocked.Increment(ref _sequence);
            return new Petition
            {
                CaseNumber = $"BD{app.Provider}{n:D6}{Guid.NewGuid():N}"[..32],
                QueryCodeHash = new byte[32],
                Channel = c.Channel, Purpose = c.Purpose, CategoryId = c.Category, IssueLocalityCode = c.Locality,
                PetitionerName = "测试人", Summary = c.Summary, Content = c.Summary + "。",
                ReceivedOn = c.On, RegisteredOn = c.On, RegisteredAt = c.On.ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc),
                RegisteringOrganisationId = c.Registering, ResponsibleOrganisationId = c.Responsible, AccusedOrganisationId = c.Accused,
                Status = c.Status, RuleSetCode = "2022", IsRepeat = c.Repeat, IsCollective = c.Collective, UnitEvaluation = c.Evaluation,
                DueOn = c.Due, ConcludedOn = c.Status == PetitionStatus.Concluded ? c.On.AddDays(20) : null,
            };
        }).ToList();
        db.Petitions.AddRange(rows);
        await db.SaveChangesAsync();
        return rows.Select(r => r.Id).ToList();
    }

    private sealed record Places(int ProvinceBureau, int Xiaodian, int XiaodianLabour, int XiaodianHousing, int Yingze, int Labour, int Housing,
        int Province, int XiaodianGovernment, int YingzeGovernment);

    private async Task<Places> PlacesAsync()
    {
        await using var db = app.NewContext();
        var labour = await db.Categories.SingleAsync(c => c.Name == "劳动和社会保障" && c.Level == 1 && c.Scheme == "2018");
        var housing = await db.Categories.Where(c => c.Level == 1 && c.Scheme == "2018" && c.Id != labour.Id).OrderBy(c => c.Id).FirstAsync();
        // A bureau oversees its government's subtree (ScopePath): the government is the node its dashboard reads.
        async Task<int> Overseen(string bureau)
        {
            var scopePath = (await app.OrganisationAsync(bureau)).ScopePath;
            return await db.Organisations.Where(o => o.Path == scopePath).Select(o => o.Id).SingleAsync();
        }
        return new Places((await app.OrganisationAsync("山西省信访局")).Id, (await app.OrganisationAsync("小店区信访局")).Id,
            (await app.OrganisationAsync("小店区人力资源和社会保障局")).Id, (await app.OrganisationAsync("小店区住房和城乡建设局")).Id,
            (await app.OrganisationAsync("迎泽区信访局")).Id, labour.Id, housing.Id,
            await Overseen("山西省信访局"), await Overseen("小店区信访局"), await Overseen("迎泽区信访局"));
    }

    /// <summary>A level-2 category under a level-1 one: the rollup must count it under its level-1 ancestor.</summary>
    private async Task<int> ChildOfAsync(int parent)
    {
        await using var db = app.NewContext();
        return await db.Categories.Where(c => c.ParentId == parent).Select(c => c.Id).FirstAsync();
    }

    private async Task<DashboardRollups.Pass> RebuildAsync()
    {
        await using var db = app.NewContext();
        return await DashboardRollups.RebuildAsync(db, TimeProvider.System);
    }

    /// <summary>The rollup pass as the app runs it: the registered background worker, one pass.</summary>
    private async Task RunWorkerAsync()
    {
        var worker = app.Services.GetServices<IHostedService>().OfType<DashboardRollups>().Single();
        await using var scope = app.Services.CreateAsyncScope();
        await worker.RunOnceAsync(scope.ServiceProvider, CancellationToken.None);
    }

    private async Task<List<string>> SnapshotAsync()
    {
        await using var db = app.NewContext();
        var daily = (await db.PetitionRollups.AsNoTracking().ToListAsync())
            .Select(r => $"{r.OrganisationId}|{r.Month}|{r.Dimension}|{r.Key}|{r.Registered}|{r.Repeat}|{r.Collective}|{r.Open}|{r.Concluded}|{r.Evaluated}|{r.Satisfied}");
        var terms = (await db.PetitionTermRollups.AsNoTracking().ToListAsync())
            .Select(r => $"T|{r.OrganisationId}|{r.Month}|{r.Term}|{r.Petitions}");
        return daily.Concat(terms).Order(StringComparer.Ordinal).ToList();
    }

    private async Task<HttpClient> LeaderAsync(int organisation, string role = StaffRoles.BureauLeader)
    {
        var (user, password) = await app.CreateUserAsync(organisation, true, role);
        return await app.SignedInClientAsync(user, password);
    }

    [Fact]
    public async Task Rollup_totals_equal_plain_group_by_counts_over_the_petitions()
    {
        var p = await PlacesAsync();
        var labourChild = await ChildOfAsync(p.Labour);
        var d1 = new DateOnly(2021, 3, 1);
        var d2 = new DateOnly(2021, 3, 2);
        await AddAsync(
            new Case(d1, p.Xiaodian, p.XiaodianLabour, "140105001000", Channel.Letter, Purpose.Request, p.Labour),
            new Case(d1, p.Xiaodian, p.XiaodianLabour, "140105002000", Channel.Letter, Purpose.Request, labourChild, PetitionStatus.Concluded, Evaluation: SatisfactionEvaluation.Satisfied),
            new Case(d1, p.Xiaodian, p.XiaodianHousing, "140105001000", Channel.Visit, Purpose.Appeal, p.Housing, PetitionStatus.Concluded, Repeat: true, Evaluation: SatisfactionEvaluation.Dissatisfied),
            new Case(d1, p.Xiaodian, null, "140105001000", Channel.GovernorMailbox, Purpose.Suggestion, null, Collective: true),
            new Case(d2, p.Xiaodian, p.XiaodianLabour, "140105003000", Channel.GovernorMailbox, Purpose.Request, labourChild, PetitionStatus.Concluded, Evaluation: SatisfactionEvaluation.FairlySatisfied),
            new Case(d2, p.Yingze, null, "140106001000", Channel.Online, Purpose.Request, p.Labour, Repeat: true),
            new Case(d2, p.ProvinceBureau, null, "140106002000", Channel.Letter, Purpose.Accusation, p.Housing, Accused: p.XiaodianLabour),
            new Case(d2, p.ProvinceBureau, p.XiaodianLabour, "140105001000", Channel.Phone, Purpose.Request, p.Labour, PetitionStatus.Withdrawn));
        await RebuildAsync();

        await using (var db = app.NewContext())
        {
            var petitions = db.Petitions.Where(x => x.ReceivedOn.Year == 2021);
            // The province government's subtree holds every unit: its rows count all 8 cases, each dimension on its own.
            var rollup = db.PetitionRollups.Where(r => r.OrganisationId == p.Province && r.Month.Year == 2021);
            var totals = rollup.Where(r => r.Dimension == RollupDimension.Total);
            // Counted by hand: 8 cases, 2 repeat, 1 collective, 3 concluded, 1 withdrawn (closed) → 4 open;
            // 3 evaluated, of which 满意 + 基本满意 = 2.
            Assert.Equal(8, await totals.SumAsync(r => r.Registered));
            Assert.Equal(2, await totals.SumAsync(r => r.Repeat));
            Assert.Equal(1, await totals.SumAsync(r => r.Collective));
            Assert.Equal(3, await totals.SumAsync(r => r.Concluded));
            Assert.Equal(4, await totals.SumAsync(r => r.Open));
            Assert.Equal(3, await totals.SumAsync(r => r.Evaluated));
            Assert.Equal(2, await totals.SumAsync(r => r.Satisfied));
            // Xiaodian's government: the cases whose current unit (responsible, else registering) is in Xiaodian — 1–5 and 8.
            Assert.Equal(6, await db.PetitionRollups.Where(r => r.OrganisationId == p.XiaodianGovernment && r.Month.Year == 2021 && r.Dimension == RollupDimension.Total).SumAsync(r => r.Registered));
            // A unit without subordinates has no rows: its few cases are counted live.
            Assert.False(await db.PetitionRollups.AnyAsync(r => r.OrganisationId == p.XiaodianLabour));

            // Per dimension: the rollup's sums equal COUNT / GROUP BY over the petitions.
            async Task Same<TKey>(System.Linq.Expressions.Expression<Func<Petition, TKey>> byPetition, RollupDimension dimension, Func<TKey, string> key)
                where TKey : notnull
            {
                var plain = (await petitions.GroupBy(byPetition).Select(g => new { g.Key, Count = g.Count() }).ToListAsync()).ToDictionary(x => key(x.Key), x => x.Count);
                var rolled = await rollup.Where(r => r.Dimension == dimension).GroupBy(r => r.Key).Select(g => new { g.Key, Count = g.Sum(r => r.Registered) }).ToDictionaryAsync(x => x.Key, x => x.Count);
                Assert.Equal(plain.OrderBy(x => x.Key, StringComparer.Ordinal), rolled.OrderBy(x => x.Key, StringComparer.Ordinal));
            }
            await Same(x => x.Channel, RollupDimension.Channel, c => ((int)c).ToString(System.Globalization.CultureInfo.InvariantCulture));
            await Same(x => x.Purpose, RollupDimension.Purpose, c => ((int)c).ToString(System.Globalization.CultureInfo.InvariantCulture));
            await Same(x => x.ReceivedOn, RollupDimension.Day, d => d.Day.ToString("D2", System.Globalization.CultureInfo.InvariantCulture));
            await Same(x => x.IssueLocalityCode.Substring(0, 6), RollupDimension.County, c => c);
            // The level-2 categories are counted under their level-1 parent: labour = cases 1, 2, 5, 6 and 8.
            var byCategory = rollup.Where(r => r.Dimension == RollupDimension.Category);
            Assert.Equal(5, await byCategory.Where(r => r.Key == p.Labour.ToString()).SumAsync(r => r.Registered));
            Assert.Equal(2, await byCategory.Where(r => r.Key == p.Housing.ToString()).SumAsync(r => r.Registered));
            Assert.Equal(1, await byCategory.Where(r => r.Key == "").SumAsync(r => r.Registered));
        }

        // Through the API: the county bureau's leader sees the cases its county's units registered or handle — not
        // Yingze's, nor the province's accusation against the county's labour bureau — and each chart's number equals
        // the count of the case list it links to.
        var leader = await LeaderAsync(p.Xiaodian);
        var figures = await leader.GetFromJsonAsync<JsonElement>("/api/oversight/dashboard?from=2021-03-01&to=2021-03-31");
        Assert.True(figures.GetProperty("fromRollups").GetBoolean());
        await using (var db = app.NewContext())
        {
            var bureau = await db.Organisations.SingleAsync(o => o.Id == p.Xiaodian);
            var scope = new Sunshine.Web.Infrastructure.UserScope("x", "x", bureau.Id, bureau.Path, bureau.ScopePath, true, new HashSet<string>())
            {
                AtBureau = bureau.Kind == OrganisationKind.PetitionBureau,
            };
            var visible = await Sunshine.Web.Infrastructure.ScopeQueries.WithinScope(db.Petitions, scope).CountAsync(x => x.ReceivedOn.Year == 2021);
            Assert.Equal(visible, figures.GetProperty("registered").GetInt32());
        }
        Assert.Equal(6, figures.GetProperty("registered").GetInt32());
        var links = 0;
        foreach (var chart in new[] { "overTime", "byChannel", "byPurpose", "byCategory", "byLocality" })
        {
            foreach (var row in figures.GetProperty(chart).EnumerateArray())
            {
                if (row.GetProperty("casesUrl").GetString() is not { } url || row.GetProperty("count").GetInt32() == 0) continue;
                var listed = await leader.GetFromJsonAsync<JsonElement>("/api/petitions?" + url[(url.IndexOf('?') + 1)..]);
                Assert.True(row.GetProperty("count").GetInt32() == listed.GetProperty("count").GetInt32(), $"{chart} {row}: listed {listed.GetProperty("count")}");
                links++;
            }
        }
        Assert.True(links >= 10, $"only {links} figures were checked");
        var township = await leader.GetFromJsonAsync<JsonElement>("/api/oversight/dashboard?from=2021-03-01&to=2021-03-31&locality=140105000000");
        var townships = township.GetProperty("byLocality").EnumerateArray().ToDictionary(r => r.GetProperty("key").GetString()!, r => r.GetProperty("count").GetInt32());
        Assert.Equal(4, townships["140105001"]);
        foreach (var row in township.GetProperty("byLocality").EnumerateArray())
        {
            var url = row.GetProperty("casesUrl").GetString()!;
            var listed = await leader.GetFromJsonAsync<JsonElement>("/api/petitions?" + url[(url.IndexOf('?') + 1)..]);
            Assert.Equal(row.GetProperty("count").GetInt32(), listed.GetProperty("count").GetInt32());
        }
        var mailbox = figures.GetProperty("mailboxes").EnumerateArray().Single(m => m.GetProperty("channel").GetString() == "GovernorMailbox");
        Assert.Equal(2, mailbox.GetProperty("registered").GetInt32());
        Assert.Equal(1, mailbox.GetProperty("concluded").GetInt32());
        Assert.Equal(1.0, mailbox.GetProperty("satisfactionRate").GetDouble());
    }

    [Fact]
    public async Task A_second_pass_changes_nothing_and_an_incremental_pass_matches_a_full_rebuild()
    {
        var p = await PlacesAsync();
        var ids = await AddAsync(
            new Case(new DateOnly(2022, 5, 10), p.Xiaodian, p.XiaodianLabour, "140105001000", Channel.Letter, Purpose.Request, p.Labour),
            new Case(new DateOnly(2022, 5, 11), p.Xiaodian, null, "140105002000", Channel.Visit, Purpose.Appeal, p.Housing, Summary: "反映小区物业收费"));
        await RebuildAsync();
        var rebuilt = await SnapshotAsync();
        await RunWorkerAsync();
        Assert.Equal(rebuilt, await SnapshotAsync());

        // New cases on an old and a new day, and an old case transferred and concluded (with its case events).
        await AddAsync(
            new Case(new DateOnly(2022, 5, 10), p.Xiaodian, p.XiaodianHousing, "140105003000", Channel.Online, Purpose.Request, p.Housing, Repeat: true),
            new Case(new DateOnly(2022, 6, 1), p.Yingze, null, "140106001000", Channel.GovernorMailbox, Purpose.Suggestion, null, Summary: "建议增设公交线路"));
        await using (var db = app.NewContext())
        {
            var old = await db.Petitions.SingleAsync(x => x.Id == ids[1]);
            old.ResponsibleOrganisationId = p.XiaodianHousing;
            old.Status = PetitionStatus.Concluded;
            old.UnitEvaluation = SatisfactionEvaluation.Satisfied;
            db.PetitionEvents.Add(new PetitionEvent
            {
                PetitionId = old.Id, At = new DateTime(2022, 6, 20, 2, 0, 0, DateTimeKind.Utc), On = new DateOnly(2022, 6, 20), Action = "Conclude",
                FromStatus = PetitionStatus.Registered, ToStatus = PetitionStatus.Concluded,
            });
            await db.SaveChangesAsync();
        }
        await RunWorkerAsync();
        var incremental = await SnapshotAsync();
        await using (var db = app.NewContext())
        {
            var may = new DateOnly(2022, 5, 1);
            var xiaodian = db.PetitionRollups.Where(r => r.OrganisationId == p.XiaodianGovernment);
            Assert.Equal(2, await xiaodian.Where(r => r.Month == may && r.Dimension == RollupDimension.Day && r.Key == "10").SumAsync(r => r.Registered));
            Assert.Equal(1, await xiaodian.Where(r => r.Month == may && r.Dimension == RollupDimension.Total).SumAsync(r => r.Concluded));
            Assert.Equal(1, await db.PetitionRollups.Where(r => r.OrganisationId == p.YingzeGovernment && r.Month == new DateOnly(2022, 6, 1) && r.Dimension == RollupDimension.Total).SumAsync(r => r.Registered));
        }
        await RebuildAsync();
        Assert.Equal(await SnapshotAsync(), incremental);
    }

    [Fact]
    public async Task Figures_counted_live_equal_the_rollups_and_a_leader_drills_to_a_unit()
    {
        var p = await PlacesAsync();
        await AddAsync(
            new Case(new DateOnly(2019, 4, 1), p.Xiaodian, p.XiaodianLabour, "140105001000", Channel.Letter, Purpose.Request, p.Labour, PetitionStatus.Concluded, Evaluation: SatisfactionEvaluation.Satisfied),
            new Case(new DateOnly(2019, 4, 2), p.Xiaodian, p.XiaodianHousing, "140105002000", Channel.Visit, Purpose.Appeal, p.Housing, Repeat: true),
            new Case(new DateOnly(2019, 4, 2), p.Xiaodian, null, "140105001000", Channel.GovernorMailbox, Purpose.Suggestion, null),
            new Case(new DateOnly(2019, 4, 3), p.Yingze, null, "140106001000", Channel.Online, Purpose.Request, p.Labour),
            new Case(new DateOnly(2019, 4, 3), p.ProvinceBureau, p.XiaodianLabour, "140105003000", Channel.Phone, Purpose.Request, p.Labour, Collective: true));
        await RebuildAsync();
        var leader = await LeaderAsync(p.ProvinceBureau);

        // April whole is read from the rollups; April without its last day is a partial month, counted live.
        var rolled = await leader.GetFromJsonAsync<JsonElement>("/api/oversight/dashboard?from=2019-04-01&to=2019-04-30");
        var live = await leader.GetFromJsonAsync<JsonElement>("/api/oversight/dashboard?from=2019-04-01&to=2019-04-29");
        Assert.True(rolled.GetProperty("fromRollups").GetBoolean());
        Assert.False(live.GetProperty("fromRollups").GetBoolean());
        Assert.Equal(5, rolled.GetProperty("registered").GetInt32());
        foreach (var figure in new[] { "registered", "repeat", "collective", "open", "concluded", "evaluated", "satisfied" })
            Assert.Equal(rolled.GetProperty(figure).GetInt32(), live.GetProperty(figure).GetInt32());
        string Counts(JsonElement f, string chart) => string.Join(",", f.GetProperty(chart).EnumerateArray().Select(r => r.GetProperty("key").GetString() + "=" + r.GetProperty("count").GetInt32()));
        foreach (var chart in new[] { "byChannel", "byPurpose", "byCategory", "byLocality" })
            Assert.Equal(Counts(rolled, chart), Counts(live, chart));

        // Drilled to Xiaodian's government (from the rollups) and to its labour bureau (no subordinates: live); every number
        // equals the case list it links to.
        var county = await leader.GetFromJsonAsync<JsonElement>($"/api/oversight/dashboard?from=2019-04-01&to=2019-04-30&organisation={p.XiaodianGovernment}");
        Assert.True(county.GetProperty("fromRollups").GetBoolean());
        Assert.Equal(4, county.GetProperty("registered").GetInt32());
        Assert.Equal(p.XiaodianGovernment, county.GetProperty("organisation").GetInt32());
        Assert.Contains(county.GetProperty("units").EnumerateArray(), u => u.GetProperty("key").GetString() == p.Xiaodian.ToString());
        var unit = await leader.GetFromJsonAsync<JsonElement>($"/api/oversight/dashboard?from=2019-04-01&to=2019-04-30&organisation={p.XiaodianLabour}");
        Assert.False(unit.GetProperty("fromRollups").GetBoolean());
        Assert.Equal(2, unit.GetProperty("registered").GetInt32());   // cases 1 and 5: their current unit is the labour bureau
        foreach (var f in new[] { county, unit })
        {
            var url = f.GetProperty("casesUrl").GetString()!;
            var listed = await leader.GetFromJsonAsync<JsonElement>("/api/petitions?" + url[(url.IndexOf('?') + 1)..]);
            Assert.Equal(f.GetProperty("registered").GetInt32(), listed.GetProperty("count").GetInt32());
            foreach (var row in f.GetProperty("byChannel").EnumerateArray())
            {
                var rowUrl = row.GetProperty("casesUrl").GetString()!;
                var rowListed = await leader.GetFromJsonAsync<JsonElement>("/api/petitions?" + rowUrl[(rowUrl.IndexOf('?') + 1)..]);
                Assert.Equal(row.GetProperty("count").GetInt32(), rowListed.GetProperty("count").GetInt32());
            }
        }

        // A unit outside the caller's scope is refused with the reason.
        var xiaodianLeader = await LeaderAsync(p.Xiaodian);
        var outside = await xiaodianLeader.GetAsync($"/api/oversight/dashboard?from=2019-04-01&to=2019-04-30&organisation={p.YingzeGovernment}");
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        Assert.True((await outside.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("organisation", out _));
    }

    [Fact]
    public async Task Supervision_figures_count_the_open_and_overdue_orders_on_the_units_shown()
    {
        var p = await PlacesAsync();
        await using (var db = app.NewContext())
        {
            SupervisionOrder Order(int target, Sunshine.Domain.Oversight.SupervisionKind kind, DateOnly due, Sunshine.Domain.Oversight.SupervisionStatus status) => new()
            {
                TargetOrganisationId = target, IssuingOrganisationId = p.Xiaodian, Kind = kind, Instructions = "限期答复", IssuedOn = new DateOnly(2020, 1, 1),
                DueOn = due, IssuedByUserId = "x", IssuedByName = "督查员", Status = status,
            };
            db.SupervisionOrders.AddRange(
                Order(p.XiaodianLabour, Sunshine.Domain.Oversight.SupervisionKind.Supervise, new DateOnly(2020, 2, 1), Sunshine.Domain.Oversight.SupervisionStatus.Open),
                Order(p.XiaodianHousing, Sunshine.Domain.Oversight.SupervisionKind.Listed, new DateOnly(2099, 1, 1), Sunshine.Domain.Oversight.SupervisionStatus.Open),
                Order(p.XiaodianHousing, Sunshine.Domain.Oversight.SupervisionKind.Listed, new DateOnly(2020, 2, 1), Sunshine.Domain.Oversight.SupervisionStatus.Closed),
                Order(p.Yingze, Sunshine.Domain.Oversight.SupervisionKind.Supervise, new DateOnly(2020, 2, 1), Sunshine.Domain.Oversight.SupervisionStatus.Open));
            await db.SaveChangesAsync();
        }
        var leader = await LeaderAsync(p.Xiaodian);
        var figures = await leader.GetFromJsonAsync<JsonElement>("/api/oversight/dashboard?from=2020-01-01&to=2020-01-31");
        var supervision = figures.GetProperty("supervision");
        // Xiaodian's two open orders (the closed one and Yingze's are not counted); one is past its due date.
        Assert.Equal(2, supervision.GetProperty("open").GetInt32());
        Assert.Equal(1, supervision.GetProperty("overdue").GetInt32());
        var byKind = supervision.GetProperty("byKind").EnumerateArray().ToDictionary(r => r.GetProperty("key").GetString()!, r => r.GetProperty("count").GetInt32());
        Assert.Equal(1, byKind["Supervise"]);
        Assert.Equal(1, byKind["Listed"]);
        // Drilled to the labour bureau: its one (overdue) order.
        var unit = await leader.GetFromJsonAsync<JsonElement>($"/api/oversight/dashboard?from=2020-01-01&to=2020-01-31&organisation={p.XiaodianLabour}");
        Assert.Equal(1, unit.GetProperty("supervision").GetProperty("open").GetInt32());
        Assert.Equal(1, unit.GetProperty("supervision").GetProperty("overdue").GetInt32());

        // Each figure links to the supervision list filtered to the same units: the page lists as many orders as the figure says.
        foreach (var shown in new[] { supervision, unit.GetProperty("supervision") })
        {
            var links = new List<(string Url, int Count)>
            {
                (shown.GetProperty("openUrl").GetString()!, shown.GetProperty("open").GetInt32()),
                (shown.GetProperty("overdueUrl").GetString()!, shown.GetProperty("overdue").GetInt32()),
            };
            links.AddRange(shown.GetProperty("byKind").EnumerateArray().Select(r => (r.GetProperty("casesUrl").GetString()!, r.GetProperty("count").GetInt32())));
            foreach (var (url, count) in links)
            {
                var html = await leader.GetStringAsync(url);
                Assert.True(count == CountOf(html, "data-testid=\"order-row\""), url);
            }
        }
        var labourOnly = await leader.GetStringAsync(unit.GetProperty("supervision").GetProperty("openUrl").GetString()!);
        Assert.Contains("小店区人力资源和社会保障局及其下属单位的督办事项", labourOnly, StringComparison.Ordinal);
        Assert.DoesNotContain("小店区住房和城乡建设局", labourOnly, StringComparison.Ordinal);

        // The filter is scope-checked: Xiaodian's leader may not list the orders on Yingze's units.
        var outside = await leader.GetAsync($"/api/oversight/supervision?within={p.YingzeGovernment}");
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        Assert.True((await outside.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("within", out _));
        var api = await leader.GetFromJsonAsync<JsonElement>($"/api/oversight/supervision?state=Open&within={p.XiaodianLabour}");
        Assert.Equal([p.XiaodianLabour], api.EnumerateArray().Select(o => o.GetProperty("targetOrganisationId").GetInt32()).ToArray());
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal)) count++;
        return count;
    }

    [Fact]
    public async Task Hot_topics_are_terms_rising_against_the_period_before_without_stop_words()
    {
        var p = await PlacesAsync();
        var cases = new List<Case>();
        // July 2023: 4 petitions about unpaid wages, 1 about heating; June 2023: 1 about wages, 3 about heating.
        for (var i = 0; i < 4; i++) cases.Add(new Case(new DateOnly(2023, 7, 3 + i), p.Xiaodian, null, "140105001000", Channel.Letter, Purpose.Request, p.Labour, Summary: "反映建筑公司拖欠农民工工资"));
        cases.Add(new Case(new DateOnly(2023, 7, 9), p.Xiaodian, null, "140105001000", Channel.Letter, Purpose.Request, p.Housing, Summary: "反映小区供暖温度不达标"));
        cases.Add(new Case(new DateOnly(2023, 6, 5), p.Xiaodian, null, "140105001000", Channel.Letter, Purpose.Request, p.Labour, Summary: "反映建筑公司拖欠农民工工资"));
        for (var i = 0; i < 3; i++) cases.Add(new Case(new DateOnly(2023, 6, 10 + i), p.Xiaodian, null, "140105001000", Channel.Letter, Purpose.Request, p.Housing, Summary: "反映小区供暖温度不达标"));
        await AddAsync([.. cases]);
        await RebuildAsync();

        var leader = await LeaderAsync(p.Xiaodian);
        var figures = await leader.GetFromJsonAsync<JsonElement>("/api/oversight/dashboard?from=2023-07-01&to=2023-07-31");
        var hot = figures.GetProperty("hotTopics").EnumerateArray().ToDictionary(t => t.GetProperty("term").GetString()!, t => (Now: t.GetProperty("count").GetInt32(), Before: t.GetProperty("previous").GetInt32()));
        Assert.Equal((4, 1), hot["工资"]);
        Assert.DoesNotContain("供暖", hot.Keys);   // 1 now against 3 before: falling
        Assert.DoesNotContain("反映", hot.Keys);   // a stop word
        Assert.DoesNotContain(hot.Keys, k => k.Length < 2);
    }

    [Fact]
    public async Task Hot_topics_rank_by_rise_not_by_frequency_and_leave_out_boilerplate_words()
    {
        var p = await PlacesAsync();
        var cases = new List<Case>();
        // February 2024: 5 petitions about parking. March 2024: 6 about parking (a rise of 1) and 4 about night-time
        // construction noise (a rise of 4), those four written with the boilerplate 认为 / 只有 (also a rise of 4).
        for (var i = 0; i < 5; i++) cases.Add(new Case(new DateOnly(2024, 2, 5 + i), p.Xiaodian, p.XiaodianLabour, "140105001000", Channel.Letter, Purpose.Request, p.Housing, Summary: "小区停车位不足"));
        for (var i = 0; i < 6; i++) cases.Add(new Case(new DateOnly(2024, 3, 5 + i), p.Xiaodian, p.XiaodianLabour, "140105001000", Channel.Letter, Purpose.Request, p.Housing, Summary: "小区停车位不足"));
        for (var i = 0; i < 4; i++) cases.Add(new Case(new DateOnly(2024, 3, 12 + i), p.Xiaodian, p.XiaodianLabour, "140105001000", Channel.Letter, Purpose.Request, p.Housing, Summary: "我认为只有工地夜间施工噪音扰民"));
        await AddAsync([.. cases]);
        await RebuildAsync();

        var leader = await LeaderAsync(p.Xiaodian);
        // From the rollups (Xiaodian's government) and counted live (drilled to the labour bureau, which has no subordinates).
        var rolled = await leader.GetFromJsonAsync<JsonElement>("/api/oversight/dashboard?from=2024-03-01&to=2024-03-31");
        var live = await leader.GetFromJsonAsync<JsonElement>($"/api/oversight/dashboard?from=2024-03-01&to=2024-03-31&organisation={p.XiaodianLabour}");
        Assert.True(rolled.GetProperty("fromRollups").GetBoolean());
        Assert.False(live.GetProperty("fromRollups").GetBoolean());
        foreach (var figures in new[] { rolled, live })
        {
            var hot = figures.GetProperty("hotTopics").EnumerateArray().Select(t => (Term: t.GetProperty("term").GetString()!, Now: t.GetProperty("count").GetInt32(),
                Before: t.GetProperty("previous").GetInt32())).ToList();
            var terms = hot.Select(t => t.Term).ToList();
            Assert.Contains(("噪音", 4, 0), hot);
            Assert.Contains(("停车", 6, 5), hot);
            // Ranked by the rise: noise (+4) before parking (+1), though parking is in more petitions.
            Assert.True(terms.IndexOf("噪音") < terms.IndexOf("停车"));
            Assert.DoesNotContain("认为", terms);
            Assert.DoesNotContain("只有", terms);
            Assert.DoesNotContain("我", terms);
        }

        await using var db = app.NewContext();
        var kept = await db.PetitionTermRollups.GroupBy(r => new { r.OrganisationId, r.Month }).Select(g => g.Count()).MaxAsync();
        Assert.True(kept <= DashboardRollups.TermsPerMonth);
        Assert.False(await db.PetitionTermRollups.AnyAsync(r => r.Term == "认为" || r.Term == "反映"));
    }

    [Fact]
    public void Stop_words_come_from_jieba_the_shipped_list_and_configuration()
    {
        var shipped = HotTopicWords.Default;
        Assert.False(shipped.IsTopical("而且"));   // jieba's list of function words
        Assert.False(shipped.IsTopical("只有"));   // the petition boilerplate list shipped with the feature
        Assert.False(shipped.IsTopical("请求"));
        Assert.False(shipped.IsTopical("工"));     // one character
        Assert.False(shipped.IsTopical("ab"));     // no Chinese character
        Assert.True(shipped.IsTopical("供暖"));

        var file = Path.Combine(Path.GetTempPath(), $"stop-words-{Guid.NewGuid():N}.txt");
        File.WriteAllText(file, "# 本地停用词\n供暖\n\n  物业  \n");
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Oversight:HotTopics:StopWordsFile"] = file,
                ["Oversight:HotTopics:StopWords:0"] = "拆迁",
            }).Build();
            var configured = HotTopicWords.From(configuration);
            Assert.False(configured.IsTopical("供暖"));   // from the replacement file
            Assert.False(configured.IsTopical("物业"));   // trimmed
            Assert.False(configured.IsTopical("拆迁"));   // from the configured list
            Assert.False(configured.IsTopical("而且"));   // jieba's list still applies
            Assert.True(configured.IsTopical("请求"));    // the shipped boilerplate list was replaced
            Assert.Same(configured, HotTopicWords.From(configuration));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Overdue_cases_now_equal_the_red_case_list_for_rollup_and_live_figures()
    {
        var p = await PlacesAsync();
        var province = await LeaderAsync(p.ProvinceBureau);
        var xiaodian = await LeaderAsync(p.Xiaodian);
        const string period = "/api/oversight/dashboard?from=2018-01-01&to=2018-01-31";
        async Task<(int Province, int Xiaodian, int Unit)> OverdueAsync()
        {
            var a = await province.GetFromJsonAsync<JsonElement>(period);
            var b = await xiaodian.GetFromJsonAsync<JsonElement>(period);
            var c = await xiaodian.GetFromJsonAsync<JsonElement>(period + $"&organisation={p.XiaodianLabour}");
            Assert.True(a.GetProperty("fromRollups").GetBoolean());
            Assert.True(b.GetProperty("fromRollups").GetBoolean());
            Assert.False(c.GetProperty("fromRollups").GetBoolean());
            // Each figure equals the red-light case list it links to, as that caller sees it.
            foreach (var (client, f) in new[] { (province, a), (xiaodian, b), (xiaodian, c) })
            {
                var url = f.GetProperty("overdueUrl").GetString()!;
                var listed = await client.GetFromJsonAsync<JsonElement>("/api/petitions?" + url[(url.IndexOf('?') + 1)..]);
                Assert.Equal(f.GetProperty("overdueNow").GetInt32(), listed.GetProperty("count").GetInt32());
            }
            return (a.GetProperty("overdueNow").GetInt32(), b.GetProperty("overdueNow").GetInt32(), c.GetProperty("overdueNow").GetInt32());
        }
        var before = await OverdueAsync();

        // Today is 2026-09-16 (the test clock); due 2026-08-01 is past, due 2026-12-01 is not; a concluded case has no deadline light.
        var past = new DateOnly(2026, 8, 1);
        await AddAsync(
            new Case(new DateOnly(2026, 7, 1), p.Xiaodian, p.XiaodianLabour, "140105001000", Channel.Letter, Purpose.Request, p.Labour, PetitionStatus.Accepted, Due: past),
            new Case(new DateOnly(2026, 7, 1), p.Xiaodian, null, "140105001000", Channel.Letter, Purpose.Request, p.Labour, PetitionStatus.Registered, Due: past),
            new Case(new DateOnly(2026, 7, 1), p.Xiaodian, p.XiaodianHousing, "140105001000", Channel.Letter, Purpose.Accusation, p.Labour, PetitionStatus.Accepted, Due: past, Accused: p.Xiaodian),
            new Case(new DateOnly(2026, 7, 1), p.Xiaodian, p.XiaodianHousing, "140105001000", Channel.Letter, Purpose.Request, p.Labour, PetitionStatus.Accepted, Due: new DateOnly(2026, 12, 1)),
            new Case(new DateOnly(2026, 7, 1), p.Xiaodian, p.XiaodianHousing, "140105001000", Channel.Letter, Purpose.Request, p.Labour, PetitionStatus.Concluded, Due: past),
            new Case(new DateOnly(2026, 7, 1), p.Yingze, null, "140106001000", Channel.Letter, Purpose.Request, p.Labour, PetitionStatus.Registered, Due: past));
        var after = await OverdueAsync();

        // The province sees all four red cases; Xiaodian's bureau its three less the one accusing itself (Art. 30); the labour bureau its one.
        Assert.Equal(4, after.Province - before.Province);
        Assert.Equal(2, after.Xiaodian - before.Xiaodian);
        Assert.Equal(1, after.Unit - before.Unit);
    }

    [Fact]
    public async Task Only_leaders_supervisors_and_administrators_see_the_dashboard_and_bad_filters_are_explained()
    {
        var p = await PlacesAsync();
        var officer = await LeaderAsync(p.XiaodianLabour, StaffRoles.HandlingOfficer);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync("/api/oversight/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsync("/api/oversight/dashboard/rebuild", null)).StatusCode);

        var supervisor = await LeaderAsync(p.Xiaodian, StaffRoles.Supervisor);
        var backwards = await supervisor.GetAsync("/api/oversight/dashboard?from=2024-02-01&to=2024-01-01");
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        var problem = await backwards.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("开始日期不能晚于结束日期。", problem.GetProperty("errors").GetProperty("from")[0].GetString());
        var township = await supervisor.GetAsync("/api/oversight/dashboard?locality=140105001000");
        Assert.Equal(HttpStatusCode.BadRequest, township.StatusCode);
        Assert.True((await township.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("locality", out _));
        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.GetAsync("/api/oversight/dashboard?from=2015-01-01&to=2024-01-01")).StatusCode);
    }

    [Fact]
    public async Task The_export_holds_the_same_figures_as_the_screen()
    {
        var p = await PlacesAsync();
        await AddAsync(
            new Case(new DateOnly(2020, 8, 3), p.Xiaodian, null, "140105001000", Channel.Letter, Purpose.Request, p.Labour),
            new Case(new DateOnly(2020, 8, 4), p.Xiaodian, null, "140105001000", Channel.Letter, Purpose.Request, p.Labour),
            new Case(new DateOnly(2020, 8, 4), p.Xiaodian, null, "140105001000", Channel.Visit, Purpose.Request, p.Labour));
        await RebuildAsync();
        var leader = await LeaderAsync(p.Xiaodian);
        var response = await leader.GetAsync("/api/oversight/dashboard/export.xlsx?from=2020-08-01&to=2020-08-31");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var path = Path.Combine(Path.GetTempPath(), $"bd-{Guid.NewGuid():N}.xlsx");
        await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync());
        try
        {
            var sheets = MiniExcelLibs.MiniExcel.GetSheetNames(path);
            Assert.Contains("概要", sheets);
            Assert.Contains("按信访渠道", sheets);
            var channels = MiniExcelLibs.MiniExcel.Query(path, useHeaderRow: true, sheetName: "按信访渠道").Cast<IDictionary<string, object>>().ToList();
            Assert.Equal(2.0, Convert.ToDouble(channels.Single(r => (string)r["渠道"] == "来信")["件数"], System.Globalization.CultureInfo.InvariantCulture));
            var summary = MiniExcelLibs.MiniExcel.Query(path, useHeaderRow: true, sheetName: "概要").Cast<IDictionary<string, object>>().ToList();
            Assert.Equal("3", Convert.ToString(summary.Single(r => (string)r["指标"] == "登记件数")["数值"], System.Globalization.CultureInfo.InvariantCulture));
        }
        finally
        {
            File.Delete(path);
        }
    }
}

[Collection("sqlite")]
public sealed class SqliteDashboardRollupTests(SqliteClockApp app) : DashboardRollupTests(app), IClassFixture<SqliteClockApp>;

[Collection("postgres")]
public sealed class PostgresDashboardRollupTests(PostgresClockApp app) : DashboardRollupTests(app), IClassFixture<PostgresClockApp>;
