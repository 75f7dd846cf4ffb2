using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Sunshine.Data.Entities;
using Sunshine.Domain.Directory;
using Sunshine.Domain.Oversight;
using Sunshine.Domain.Petitions;
using Sunshine.Web.Features.Oversight.Assessment;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Tests.Oversight;

/// <summary>
/// 信访考核 from the rollups (closed months, and the current month's closed days) against the live count, on hand-built cases of 小店区 from 2025-12 to 2026-09, read
/// by the provincial bureau on a clock starting Wed 2026-09-16. Limits by hand, calendar days not counting the day of the
/// event: transfer 15 日, acceptance 15 日, handling 60 日 from acceptance, evaluation window 30 日 from the reply.
/// </summary>
public abstract class AssessmentRollupTests(TestApp app)
{
    private static DateOnly D(string iso) => DateOnly.Parse(iso, CultureInfo.InvariantCulture);

    private sealed record Units(int Province, int Bureau, int Labour, int Housing, int District);

    private int _n;
    private int _bureau;

    /// <summary>A case of 小店区信访局; hops: (to, sent, answered) in order; the unit accepts on its hop's answer date.</summary>
    private void Add(string received, int? unit, PetitionStatus status, string? accepted = null, string? opinion = null, SatisfactionEvaluation? evaluation = null,
        Purpose purpose = Purpose.Request, int? accused = null, params (int To, string Sent, string? Answered)[] hops)
    {
        using var db = app.NewContext();
        _n++;
        var acceptedOn = accepted is null ? (DateOnly?)null : D(accepted);
        var p = new Petition
        {
            CaseNumber = "AR-" + _n.ToString("D3", CultureInfo.InvariantCulture), QueryCodeHash = RandomNumberGenerator.GetBytes(32),
            Channel = _n % 3 == 0 ? Channel.Online : Channel.Letter, Purpose = purpose, AccusedOrganisationId = accused,
            IssueLocalityCode = "140105000000", PetitionerName = "李" + _n, Summary = "汇总测试事项" + _n, Content = "汇总测试事项内容",
            ReceivedOn = D(received), RegisteredOn = D(received), RegisteredAt = D(received).ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc),
            RegisteringOrganisationId = _bureau, ResponsibleOrganisationId = unit, Status = status, RuleSetCode = "xinfang-2022",
            TransferredOn = hops.Length == 0 ? null : D(hops[^1].Sent), AcceptedOn = acceptedOn, HandlingDueOn = acceptedOn?.AddDays(60),
            OpinionIssuedOn = opinion is null ? null : D(opinion), UnitEvaluation = evaluation,
        };
        db.Petitions.Add(p);
        db.SaveChanges();
        var from = _bureau;
        foreach (var (to, sent, answered) in hops)
        {
            db.PetitionHops.Add(new PetitionHop
            {
                PetitionId = p.Id, FromOrganisationId = from, ToOrganisationId = to, SentOn = D(sent), DueOn = D(sent).AddDays(15),
                AnsweredOn = answered is null ? null : D(answered), Outcome = answered is null ? null : "accepted",
            });
            from = to;
        }
        db.SaveChanges();
    }

    private async Task<Units> SeedAsync()
    {
        var province = await app.OrganisationAsync("山西省信访局");
        var bureau = await app.OrganisationAsync("小店区信访局");
        var labour = await app.OrganisationAsync("小店区人力资源和社会保障局");
        var housing = await app.OrganisationAsync("小店区住房和城乡建设局");
        var district = await app.OrganisationAsync("小店区人民政府");
        var u = new Units(province.Id, bureau.Id, labour.Id, housing.Id, district.Id);
        _bureau = bureau.Id;

        var (L, H, G) = (labour.Id, housing.Id, district.Id);
        // 人社局: twelve cases, two a month from January to June, each sent 2 days after receipt, accepted 3 days later
        // (✓), answered 25 days after acceptance (✓); evaluated 满意, 不满意 or not at all (window long passed: overdue).
        for (var i = 0; i < 12; i++)
        {
            var received = new DateOnly(2026, 1 + i / 2, 5 + i % 2 * 10);
            var evaluation = (i % 3) switch { 0 => SatisfactionEvaluation.Satisfied, 1 => SatisfactionEvaluation.Dissatisfied, _ => (SatisfactionEvaluation?)null };
            Add(Iso(received), L, PetitionStatus.OpinionIssued, Iso(received.AddDays(5)), Iso(received.AddDays(30)), evaluation,
                hops: (L, Iso(received.AddDays(2)), Iso(received.AddDays(5))));
        }
        // Transferred across two units: to 小店区人民政府 on 5/5, which sends it on to 人社局 on 5/8 (its decision, due
        // 5/20 ✓); 人社局 accepts on 5/30 (due 5/23 ✗); answered 6/20 (due 7/29 ✓).
        Add("2026-05-04", L, PetitionStatus.OpinionIssued, "2026-05-30", "2026-06-20", SatisfactionEvaluation.FairlySatisfied,
            hops: [(G, "2026-05-05", null), (L, "2026-05-08", "2026-05-30")]);
        // Nothing to evaluate: 小店区人民政府 handles an accusation only (accusations are not evaluated); accepted ✓, answered ✓.
        Add("2026-03-03", G, PetitionStatus.OpinionIssued, "2026-03-06", "2026-04-01", purpose: Purpose.Accusation, hops: (G, "2026-03-04", "2026-03-06"));
        // An accusation against the provincial bureau itself: never in its table (Art. 30).
        Add("2026-04-10", L, PetitionStatus.OpinionIssued, "2026-04-13", "2026-05-01", purpose: Purpose.Accusation, accused: province.Id,
            hops: (L, "2026-04-11", "2026-04-13"));
        // All overdue: 住建局's three accepted cases, none answered; handling due 8/11, 9/1 and 4/5 — all passed.
        Add("2026-06-10", H, PetitionStatus.Accepted, "2026-06-12", hops: (H, "2026-06-11", "2026-06-12"));
        Add("2026-07-01", H, PetitionStatus.Accepted, "2026-07-03", hops: (H, "2026-07-02", "2026-07-03"));
        Add("2026-02-01", H, PetitionStatus.Accepted, "2026-02-04", hops: (H, "2026-02-03", "2026-02-04"));
        // August, with limits still ahead: accepted 8/12, handling due 10/11, unanswered; answered 8/25, not evaluated,
        // window until 9/24. So August's counts hold through 9/24.
        Add("2026-08-10", L, PetitionStatus.Accepted, "2026-08-12", hops: (L, "2026-08-11", "2026-08-12"));
        Add("2026-08-03", L, PetitionStatus.OpinionIssued, "2026-08-05", "2026-08-25", hops: (L, "2026-08-04", "2026-08-05"));
        // The bureau has not transferred an August case; due 9/12, passed: bureau late.
        Add("2026-08-28", null, PetitionStatus.Registered);
        // September (the current month, counted live): sent 9/3, not yet accepted (due 9/18).
        Add("2026-09-02", L, PetitionStatus.Transferred, hops: (L, "2026-09-03", null));
        // December 2025: another year.
        Add("2025-12-20", L, PetitionStatus.OpinionIssued, "2025-12-24", "2026-01-10", SatisfactionEvaluation.Satisfied, hops: (L, "2025-12-22", "2025-12-24"));
        return u;
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private FakeTimeProvider Clock => (FakeTimeProvider)app.Services.GetRequiredService<TimeProvider>();

    private async Task<AssessmentTable> TableAsync(string period, bool rollups, int province)
    {
        await using var db = app.NewContext();
        var bureau = await db.Organisations.SingleAsync(o => o.Id == province);
        var scope = new UserScope("x", "x", bureau.Id, bureau.Path, bureau.ScopePath, true, new HashSet<string>()) { AtBureau = true };
        Assert.True(AssessmentPeriod.TryParse(period, out var parsed));
        return await AssessmentQuery.ComputeAsync(db, scope, parsed, null, ChinaTime.Today(Clock), AssessmentScoring.Default, RateBands.Default,
            CancellationToken.None, rollups);
    }

    /// <summary>
    /// The rollup-based table equals the live one, row by row, with this many months and days from rollups, summed from the
    /// year-to-date span or not.
    /// </summary>
    private async Task<AssessmentTable> SameAsLiveAsync(string period, int province, int months, int days = 0, bool yearToDate = false)
    {
        var rolled = await TableAsync(period, true, province);
        var live = await TableAsync(period, false, province);
        Assert.Equal((0, 0, false), (live.MonthsFromRollups, live.DaysFromRollups, live.YearToDateFromRollups));
        Assert.True((months, days, yearToDate) == (rolled.MonthsFromRollups, rolled.DaysFromRollups, rolled.YearToDateFromRollups),
            $"{period}: {rolled.MonthsFromRollups} months and {rolled.DaysFromRollups} days from rollups (year-to-date span: {rolled.YearToDateFromRollups}), " +
            $"expected {months} and {days} ({yearToDate})");
        Assert.Equal(JsonSerializer.Serialize(live.Rows), JsonSerializer.Serialize(rolled.Rows));
        return rolled;
    }

    private async Task<AssessmentRollups.Pass> PassAsync()
    {
        await using var db = app.NewContext();
        return await AssessmentRollups.UpdateAsync(db, Clock);
    }

    [Fact]
    public async Task The_table_from_monthly_rollups_equals_the_live_count_as_cases_change_and_days_pass()
    {
        var u = await SeedAsync();
        var first = await PassAsync();
        // No mark yet: every closed month from 2025-12 to 2026-08 counted, and the days of September before today.
        Assert.True(first.Rebuilt);
        Assert.Equal((9, 15), (first.Months, first.Days));
        await using (var db = app.NewContext())
        {
            var all = await db.AssessmentRollupMonths.ToListAsync();
            // The year-to-date span: January to August and 9/1–9/15, holding while all of them hold (9/2's case, below).
            var yearToDate = Assert.Single(all, s => s.Month == D("2026-01-01") && s.LastDay == D("2026-09-15"));
            Assert.Equal((D("2026-09-16"), D("2026-09-17")), (yearToDate.CountedFor, yearToDate.ValidThrough));
            var states = all.Where(s => s != yearToDate).ToDictionary(s => s.Month);
            Assert.Equal(D("2026-09-24"), states[D("2026-08-01")].ValidThrough);
            Assert.Null(states[D("2026-07-01")].ValidThrough);
            // 9/2's case: the bureau's transfer limit 9/17 is the nearest (the unit's acceptance limit is 9/18); 9/3 had no case.
            Assert.Equal((D("2026-09-02"), D("2026-09-17")), (states[D("2026-09-02")].LastDay, states[D("2026-09-02")].ValidThrough));
            Assert.Null(states[D("2026-09-03")].ValidThrough);
            Assert.All(states.Values, s => Assert.Equal(D("2026-09-16"), s.CountedFor));
            // Its rows are its parts' rows summed, unit by unit.
            var rows = await db.AssessmentRollups.ToListAsync();
            var summed = rows.Where(r => r.Month >= D("2026-01-01") && !(r.Month == D("2026-01-01") && r.LastDay == D("2026-09-15")))
                .GroupBy(r => r.OrganisationId).ToDictionary(g => g.Key, g => (g.Sum(r => r.Items), g.Sum(r => r.UnitTimely), g.Sum(r => r.OverdueUnevaluated), g.Sum(r => r.HandlingDays)));
            var folded = rows.Where(r => r.Month == D("2026-01-01") && r.LastDay == D("2026-09-15"))
                .ToDictionary(r => r.OrganisationId, r => (r.Items, r.UnitTimely, r.OverdueUnevaluated, r.HandlingDays));
            Assert.Equal(summed.OrderBy(e => e.Key), folded.OrderBy(e => e.Key));
        }

        var year = await SameAsLiveAsync("2026", u.Province, 8, 15, yearToDate: true);
        await SameAsLiveAsync("2026-Q2", u.Province, 3);
        await SameAsLiveAsync("2026-08", u.Province, 1);
        await SameAsLiveAsync("2026-09", u.Province, 0, 15);
        await SameAsLiveAsync("2025", u.Province, 1);

        // By hand. 人社局: 12 + the case sent on to it + 2 in August + 1 in September = 16 items (the accusation against the
        // province left out); 13 accepted on time, 1 late (the one sent on); ranked.
        var labour = year.Rows.Single(r => r.OrganisationId == u.Labour);
        Assert.Equal(16, labour.Counts.Items);
        Assert.Equal(14, labour.Counts.UnitTimely);
        Assert.Equal(1, labour.Counts.UnitLate);
        Assert.False(labour.TooFew);
        Assert.NotNull(labour.Rank);
        // 小店区人民政府: one receiving step of the two-unit transfer (sent on in time) and its own accusation ✓; nothing
        // to evaluate, so no satisfaction rate; one item: too few to rank.
        var district = year.Rows.Single(r => r.OrganisationId == u.District);
        Assert.Equal((2, 0, 1), (district.Counts.UnitTimely, district.Counts.UnitLate, district.Counts.Items));
        Assert.Null(district.Rates[AssessmentMetric.Satisfaction]);
        Assert.True(district.TooFew);
        Assert.Null(district.Rank);
        // 住建局: all overdue.
        var housing = year.Rows.Single(r => r.OrganisationId == u.Housing);
        Assert.Equal((0, 0, 0, 3), (housing.Counts.OnTime, housing.Counts.Late, housing.Counts.Unanswered, housing.Counts.OverdueUnanswered));
        Assert.Equal(0m, housing.Rates[AssessmentMetric.OnTime]);
        Assert.True(housing.TooFew);

        // Every number of the rollup-based table lists exactly its cases.
        var leader = await app.OrganisationAsync("山西省信访局");
        var (user, password) = await app.CreateUserAsync(leader.Id, true, StaffRoles.BureauLeader);
        using var client = await app.SignedInClientAsync(user, password);
        using (var response = await client.GetAsync("/api/oversight/assessment?period=2026"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var table = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal((8, 15), (table.GetProperty("monthsFromRollups").GetInt32(), table.GetProperty("daysFromRollups").GetInt32()));
            foreach (var row in table.GetProperty("rows").EnumerateArray())
            {
                var unit = row.GetProperty("organisationId").GetInt32();
                var c = row.GetProperty("counts");
                foreach (var (set, property) in new[] { ("items", "items"), ("bureau-timely", "bureauTimely"), ("bureau-late", "bureauLate"), ("unit-timely", "unitTimely"),
                             ("unit-late", "unitLate"), ("on-time", "onTime"), ("late", "late"), ("unanswered", "unanswered"), ("overdue-unanswered", "overdueUnanswered"),
                             ("evaluated", "evaluated"), ("overdue-unevaluated", "overdueUnevaluated"), ("repeat", "repeat"), ("online", "online") })
                {
                    using var list = await client.GetAsync($"/api/petitions?assessment={set}&unit={unit}&period=2026");
                    var count = JsonDocument.Parse(await list.Content.ReadAsStringAsync()).RootElement.GetProperty("count").GetInt32();
                    Assert.True(c.GetProperty(property).GetInt32() == count, $"unit {unit} {set}: table {c.GetProperty(property)}, list {count}");
                }
            }
        }

        // A March case is evaluated today: March is counted live until the next pass, and the table follows at once.
        await using (var db = app.NewContext())
        {
            var march = await db.Petitions.FirstAsync(p => p.CaseNumber == "AR-006");
            Assert.Null(march.UnitEvaluation);
            march.UnitEvaluation = SatisfactionEvaluation.Satisfied;
            db.PetitionEvents.Add(new PetitionEvent
            {
                PetitionId = march.Id, At = Clock.GetUtcNow().UtcDateTime, On = D("2026-09-16"), Action = "Evaluate",
                FromStatus = march.Status, ToStatus = march.Status,
            });
            await db.SaveChangesAsync();
        }
        // (Read from the year-to-date span less March's rows.)
        var changed = await SameAsLiveAsync("2026", u.Province, 7, 15, yearToDate: true);
        Assert.Equal(labour.Counts.Satisfied + 1, changed.Rows.Single(r => r.OrganisationId == u.Labour).Counts.Satisfied);
        var pass = await PassAsync();
        // (Every month of this small database lies within the pass's look-back, so it recounts them all; none is rebuilt from scratch.)
        Assert.False(pass.Rebuilt);
        Assert.True(pass.Months >= 1);
        await SameAsLiveAsync("2026", u.Province, 8, 15, yearToDate: true);

        // In the current month a change makes only its own day live. 9/2's case is accepted today, and a case received
        // on 9/5 is registered late today (a new petition id): 9/2 and 9/5 are counted live until the next pass; a case
        // received today is counted live anyway.
        await using (var db = app.NewContext())
        {
            var september = await db.Petitions.SingleAsync(p => p.ReceivedOn == D("2026-09-02"));
            september.Status = PetitionStatus.Accepted;
            september.AcceptedOn = D("2026-09-16");
            september.HandlingDueOn = D("2026-11-15");
            var hop = await db.PetitionHops.SingleAsync(h => h.PetitionId == september.Id);
            hop.AnsweredOn = D("2026-09-16");
            hop.Outcome = "accepted";
            db.PetitionEvents.Add(new PetitionEvent
            {
                PetitionId = september.Id, At = Clock.GetUtcNow().UtcDateTime, On = D("2026-09-16"), Action = "Accept",
                FromStatus = PetitionStatus.Transferred, ToStatus = PetitionStatus.Accepted,
            });
            await db.SaveChangesAsync();
        }
        Add("2026-09-05", u.Labour, PetitionStatus.Accepted, "2026-09-16", hops: (u.Labour, "2026-09-06", "2026-09-16"));
        Add("2026-09-16", null, PetitionStatus.Registered);
        var today = await SameAsLiveAsync("2026", u.Province, 8, 13, yearToDate: true);
        // Both acceptances were in time.
        Assert.Equal(year.Rows.Single(r => r.OrganisationId == u.Labour).Counts.UnitTimely + 2, today.Rows.Single(r => r.OrganisationId == u.Labour).Counts.UnitTimely);
        Assert.Equal(year.Rows.Single(r => r.OrganisationId == u.Labour).Counts.Items + 1, today.Rows.Single(r => r.OrganisationId == u.Labour).Counts.Items);
        pass = await PassAsync();
        Assert.True(pass.Days >= 2);
        await SameAsLiveAsync("2026", u.Province, 8, 15, yearToDate: true);
        await SameAsLiveAsync("2026-09", u.Province, 0, 15);

        // 9/25: the August reply's evaluation window has passed — August no longer holds until the pass recounts it.
        Clock.SetUtcNow(new DateTimeOffset(2026, 9, 25, 2, 0, 0, TimeSpan.Zero));
        // September's days hold: 9/2's and 9/5's cases now wait for answers due 11/15; 9/16–9/24 are not counted yet, so
        // there is no year-to-date span up to 9/24 until the pass writes it.
        var later = await SameAsLiveAsync("2026", u.Province, 7, 15);
        Assert.Equal(changed.Rows.Single(r => r.OrganisationId == u.Labour).Counts.OverdueUnevaluated + 1,
            later.Rows.Single(r => r.OrganisationId == u.Labour).Counts.OverdueUnevaluated);
        pass = await PassAsync();
        Assert.Equal((1, 9), (pass.Months, pass.Days));
        await SameAsLiveAsync("2026", u.Province, 8, 24, yearToDate: true);

        // 10/2: September has closed and is counted by the next pass — its days are no longer read, the month is live
        // until then; August (now good through 10/11) is left alone.
        Clock.SetUtcNow(new DateTimeOffset(2026, 10, 2, 2, 0, 0, TimeSpan.Zero));
        await SameAsLiveAsync("2026", u.Province, 8);
        pass = await PassAsync();
        Assert.Equal((1, 1), (pass.Months, pass.Days));
        await SameAsLiveAsync("2026", u.Province, 9, 1, yearToDate: true);
        await using (var db = app.NewContext())
            Assert.Equal(D("2026-10-11"), (await db.AssessmentRollupMonths.SingleAsync(s => s.Month == D("2026-08-01"))).ValidThrough);

        // 11/2: August no longer holds (its 10/11 limit passed) and October has closed; the pass recounts both, and
        // deletes September's day spans (no reader of September can read them any more), keeping October's.
        Clock.SetUtcNow(new DateTimeOffset(2026, 11, 2, 2, 0, 0, TimeSpan.Zero));
        await SameAsLiveAsync("2026", u.Province, 8);
        pass = await PassAsync();
        Assert.Equal((2, 1), (pass.Months, pass.Days));
        await SameAsLiveAsync("2026", u.Province, 10, 1, yearToDate: true);
        await using (var db = app.NewContext())
        {
            var days = await db.AssessmentRollupMonths.Where(s => s.LastDay == s.Month).Select(s => s.Month).OrderBy(d => d).ToListAsync();
            Assert.Equal([D("2026-10-01"), D("2026-11-01")], days);
            // Only today's year-to-date span is left (the older ones went with the passes of 9/25 and 10/2).
            var spans = await db.AssessmentRollupMonths.Where(s => s.LastDay != s.Month && s.Month == D("2026-01-01")).Select(s => s.LastDay).ToListAsync();
            Assert.Equal([D("2026-01-31"), D("2026-11-01")], spans.Order());
        }
        // A quarter is not summed from it: it starts after the span.
        await SameAsLiveAsync("2026-Q4", u.Province, 1, 1);

        // Nothing to evaluate at all: a year with no cases is an empty table either way.
        var empty = await SameAsLiveAsync("2024", u.Province, 0);
        Assert.Empty(empty.Rows);
    }

    [Fact]
    public async Task A_narrower_scope_is_counted_live()
    {
        await using var db = app.NewContext();
        var county = await db.Organisations.SingleAsync(o => o.Name == "小店区信访局");
        var scope = new UserScope("x", "x", county.Id, county.Path, county.ScopePath, true, new HashSet<string>()) { AtBureau = true };
        Assert.True(AssessmentPeriod.TryParse("2026", out var period));
        var table = await AssessmentQuery.ComputeAsync(db, scope, period, null, ChinaTime.Today(Clock), AssessmentScoring.Default, RateBands.Default, CancellationToken.None);
        Assert.Equal(0, table.MonthsFromRollups);
    }
}

public sealed class SqliteAssessmentRollupTests(SqliteClockApp app) : AssessmentRollupTests(app), IClassFixture<SqliteClockApp>;

[Collection("postgres")]
public sealed class PostgresAssessmentRollupTests(PostgresClockApp app) : AssessmentRollupTests(app), IClassFixture<PostgresClockApp>;
