using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Sunshine.Data.Entities;
using Sunshine.Domain.Calendar;
using Sunshine.Domain.Petitions;
using Sunshine.Web.Features.Demo;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Tests.Demo;

/// <summary>
/// Generates demo data three times into one throwaway database (seed 7, seed 8, seed 7 again, clearing in between),
/// plus one run that must fail on a clashing case number; the tests read what each run left.
/// The period (2021-07-01 .. 2023-06-30) spans the 2005 and 2022 petition rules.
/// </summary>
public abstract class DemoFixture : IAsyncLifetime
{
    public static readonly DemoOptions Options = new(3_000, 7, new DateOnly(2023, 6, 30), Years: 2, Publications: 150, DisclosureRequests: 80);

    public TestApp App { get; private set; } = default!;
    public PersonalData PersonalData => App.Services.GetRequiredService<PersonalData>();
    public Snapshot First { get; private set; } = default!;
    public Snapshot OtherSeed { get; private set; } = default!;
    public Snapshot Second { get; private set; } = default!;
    public DemoResult Generated { get; private set; } = default!;
    public Exception? Failure { get; private set; }
    public int PetitionsAfterFailure { get; private set; }

    protected abstract TestApp CreateApp();

    public async Task InitializeAsync()
    {
        App = CreateApp();
        await App.InitializeAsync();

        Generated = await GenerateAsync(Options);
        First = await SnapshotAsync();
        await ClearAsync();

        // A failing batch is rolled back whole: a petition already holds the 100th case number of the run.
        await using (var db = App.NewContext())
        {
            var clash = First.Petitions[99];
            db.Petitions.Add(new Petition
            {
                CaseNumber = clash.CaseNumber, QueryCodeHash = new byte[32], IssueLocalityCode = clash.IssueLocalityCode, PetitionerName = "占位",
                Summary = "占位", Content = "占位", RuleSetCode = clash.RuleSetCode, ReceivedOn = clash.ReceivedOn, RegisteredAt = clash.RegisteredAt,
                RegisteringOrganisationId = clash.RegisteringOrganisationId, Status = PetitionStatus.Registered, Id = 1_000_000,
            });
            await db.SaveChangesAsync();
        }
        try { await GenerateAsync(Options); }
        catch (Exception e) { Failure = e; }
        await using (var db = App.NewContext()) PetitionsAfterFailure = await db.Petitions.CountAsync();
        await ClearAsync();

        await GenerateAsync(Options with { Seed = 8 });
        OtherSeed = await SnapshotAsync();
        await ClearAsync();

        await GenerateAsync(Options);
        Second = await SnapshotAsync();

        // The database's own id generator continues past the ids the generator gave (PostgreSQL identity, SQLite AUTOINCREMENT).
        await using var after = App.NewContext();
        var next = new Petition
        {
            CaseNumber = "XF-AFTER-DEMO", QueryCodeHash = new byte[32], IssueLocalityCode = Second.Petitions[0].IssueLocalityCode, PetitionerName = "测试",
            Summary = "测试", Content = "测试", RuleSetCode = "xinfang-2022", ReceivedOn = Options.Until, RegisteredAt = Second.Petitions[^1].RegisteredAt,
            RegisteringOrganisationId = Second.Petitions[0].RegisteringOrganisationId, Status = PetitionStatus.Registered,
        };
        after.Petitions.Add(next);
        await after.SaveChangesAsync();
        IdAfterDemo = next.Id;
    }

    public long IdAfterDemo { get; private set; }

    public Task DisposeAsync() => App.DisposeAsync();

    private async Task<DemoResult> GenerateAsync(DemoOptions options)
    {
        await using var db = App.NewContext();
        return await DemoDataGenerator.GenerateAsync(db, PersonalData, options, NullLogger.Instance);
    }

    private async Task<Snapshot> SnapshotAsync()
    {
        await using var db = App.NewContext();
        return new Snapshot(
            await db.Petitions.AsNoTracking().OrderBy(p => p.Id).ToListAsync(),
            await db.Publications.AsNoTracking().OrderBy(p => p.Id).ToListAsync(),
            await db.DisclosureRequests.AsNoTracking().OrderBy(r => r.Id).ToListAsync());
    }

    private async Task ClearAsync()
    {
        await using var db = App.NewContext();
        await db.Petitions.ExecuteUpdateAsync(s => s.SetProperty(p => p.OriginalPetitionId, (long?)null));
        await db.Petitions.ExecuteDeleteAsync();
        await db.Publications.ExecuteDeleteAsync();
        await db.DisclosureRequests.ExecuteDeleteAsync();
    }
}

public sealed record Snapshot(List<Petition> Petitions, List<Publication> Publications, List<DisclosureRequest> Requests);

public sealed class SqliteDemoFixture : DemoFixture
{
    protected override TestApp CreateApp() => new SqliteApp();
}

public sealed class PostgresDemoFixture : DemoFixture
{
    protected override TestApp CreateApp() => new PostgresApp();
}

public abstract class DemoDataGeneratorTests(DemoFixture fixture)
{
    private static readonly DemoOptions Options = DemoFixture.Options;
    private static readonly DateOnly From = Options.Until.AddYears(-Options.Years).AddDays(1);
    private List<Petition> Petitions => fixture.Second.Petitions;

    private static readonly PetitionStatus[] Open =
        [PetitionStatus.Registered, PetitionStatus.Transferred, PetitionStatus.Assigned, PetitionStatus.Accepted, PetitionStatus.UnderReview, PetitionStatus.UnderReexamination];

    [Fact]
    public void The_same_seed_gives_the_same_rows()
    {
        Assert.Equal(Options.Petitions, fixture.First.Petitions.Count);
        Assert.Equal(Lines(fixture.First), Lines(fixture.Second));
        Assert.Equal(
            fixture.First.Publications.Select(p => $"{p.IndexNumber}|{p.Title}|{p.Column}|{p.Outlet}|{p.FormedOn}|{p.PublishedOn}|{p.Body}|{p.DocumentNumber}|{p.IsValid}"),
            fixture.Second.Publications.Select(p => $"{p.IndexNumber}|{p.Title}|{p.Column}|{p.Outlet}|{p.FormedOn}|{p.PublishedOn}|{p.Body}|{p.DocumentNumber}|{p.IsValid}"));
        Assert.Equal(
            fixture.First.Requests.Select(r => $"{r.RequestNumber}|{r.ApplicantType}|{r.ApplicantName}|{r.Description}|{r.ReceivedOn}|{r.DueOn}|{r.ConcludedOn}|{r.Outcome}"),
            fixture.Second.Requests.Select(r => $"{r.RequestNumber}|{r.ApplicantType}|{r.ApplicantName}|{r.Description}|{r.ReceivedOn}|{r.DueOn}|{r.ConcludedOn}|{r.Outcome}"));

        // Encrypted columns use fresh nonces: they differ, and decrypt to the same.
        var (a, b) = (fixture.First.Petitions[0], fixture.Second.Petitions[0]);
        Assert.NotEqual(a.IdNumberProtected, b.IdNumberProtected);
        Assert.Equal(fixture.PersonalData.Unprotect(a.IdNumberProtected), fixture.PersonalData.Unprotect(b.IdNumberProtected));
    }

    [Fact]
    public void Another_seed_gives_other_rows()
    {
        Assert.Equal(Options.Petitions, fixture.OtherSeed.Petitions.Count);
        var same = fixture.OtherSeed.Petitions.Zip(Petitions).Count(x => x.First.Summary == x.Second.Summary && x.First.ReceivedOn == x.Second.ReceivedOn);
        Assert.True(same < Options.Petitions / 10, $"{same} of {Options.Petitions} rows alike");
    }

    private static List<string> Lines(Snapshot s) =>
    [
        .. s.Petitions.Select(p => string.Join('|', p.Id, p.CaseNumber, Convert.ToHexString(p.QueryCodeHash), p.Channel, p.Purpose, p.CategoryId,
            p.IssueLocalityCode, p.ExternalId, p.PetitionerName, p.PersonKey is null ? "" : Convert.ToHexString(p.PersonKey),
            p.IdNumberProtected is null, p.PhoneProtected is null, p.AddressProtected is null, p.HeadCount, p.IsCollective, p.IsJointLetter,
            p.IsFirstNationally, p.IsRepeat, p.OriginalPetitionId, p.Summary, p.Content, p.ReceivedOn, p.RegisteredAt.ToString("O", CultureInfo.InvariantCulture),
            p.RegisteringOrganisationId, p.ResponsibleOrganisationId, p.Status, p.RuleSetCode, p.TransferredOn, p.AcceptedOn, p.DueOn, p.ConcludedOn,
            p.Opinion, p.BureauEvaluation, p.UnitEvaluation)),
    ];

    [Fact]
    public void New_petitions_get_ids_after_the_generated_ones()
    {
        Assert.True(fixture.IdAfterDemo > Petitions[^1].Id, $"{fixture.IdAfterDemo} after {Petitions[^1].Id}");
    }

    [Fact]
    public void A_failing_batch_leaves_no_row_behind()
    {
        Assert.NotNull(fixture.Failure);
        Assert.Equal(1, fixture.PetitionsAfterFailure); // only the clashing petition placed before the run
    }

    [Fact]
    public void Counts_dates_and_case_numbers_are_as_asked()
    {
        Assert.Equal(new DemoResult(Options.Petitions, Options.Publications, Options.DisclosureRequests, fixture.Generated.Elapsed), fixture.Generated);
        Assert.Equal(Options.Publications, fixture.Second.Publications.Count);
        Assert.Equal(Options.DisclosureRequests, fixture.Second.Requests.Count);
        Assert.All(Petitions, p => Assert.InRange(p.ReceivedOn, From, Options.Until));
        Assert.Equal(Petitions.Count, Petitions.Select(p => p.CaseNumber).Distinct().Count());
        Assert.All(Petitions, p =>
        {
            Assert.Matches(new Regex(@"^XF\d{8}\d{6}$"), p.CaseNumber);
            Assert.Equal(p.ReceivedOn.ToString("yyyyMMdd", CultureInfo.InvariantCulture), p.CaseNumber[2..10]);
            Assert.Equal(32, p.QueryCodeHash.Length);
            Assert.Equal(p.ReceivedOn, ChinaTime.DateOf(p.RegisteredAt));
            Assert.Equal(DateTimeKind.Utc, p.RegisteredAt.Kind);
            Assert.NotNull(p.CategoryId);
            Assert.False(string.IsNullOrWhiteSpace(p.Summary));
            Assert.True(p.Content.Length > p.Summary.Length);
        });
        Assert.Equal(Petitions.Count, Petitions.Select(p => p.QueryCodeHash).Select(Convert.ToHexString).Distinct().Count());
        // Only the SHA-256 of a query code is stored; the demo's codes follow from the seed.
        var code = DemoDataGenerator.QueryCodeFor(Options.Seed, 0);
        Assert.Matches("^[A-Z2-9]{8}$", code);
        Assert.Single(Petitions, p => p.QueryCodeHash.SequenceEqual(DemoDataGenerator.HashQueryCode(code)));
        Assert.DoesNotContain(Petitions, p => p.Content.Contains(code, StringComparison.Ordinal));
        // Village matters happen in villages, not in city streets.
        Assert.DoesNotContain(Petitions, p => p.Content.Contains("社区村", StringComparison.Ordinal));
        // Ids and case numbers follow time.
        Assert.Equal(Petitions.OrderBy(p => p.RegisteredAt).ThenBy(p => p.Id).Select(p => p.Id), Petitions.Select(p => p.Id));
    }

    [Fact]
    public void Every_due_date_is_the_statutory_clock_for_the_step_the_case_is_in()
    {
        foreach (var p in Petitions)
        {
            var set = RuleBook.Default.For(p.IssueLocalityCode, p.ReceivedOn);
            DateOnly Due(string code, DateOnly start, int extension = 0) =>
                StatutoryClock.Compute(set.Rules[code], start, HolidayCalendar.Shipped, null,
                    extension == 0 ? null : new ClockExtension(extension, start, "test")).DueOn;
            var acceptance = set.Rules.ContainsKey(RuleCodes.ReceiptNotice) ? RuleCodes.ReceiptNotice : RuleCodes.AcceptanceDecision;
            Assert.Equal(p.ReceivedOn >= new DateOnly(2022, 5, 1) ? "xinfang-2022" : "xinfang-2005", p.RuleSetCode);
            switch (p.Status)
            {
                case PetitionStatus.Registered or PetitionStatus.Merged:
                    Assert.Equal(Due(RuleCodes.TransferOrAssign, p.ReceivedOn), p.DueOn);
                    break;
                case PetitionStatus.Transferred or PetitionStatus.Assigned or PetitionStatus.Declined or PetitionStatus.RoutedToLegalChannel:
                    Assert.Equal(Due(acceptance, p.TransferredOn!.Value), p.DueOn);
                    break;
                case PetitionStatus.Accepted or PetitionStatus.OpinionIssued or PetitionStatus.Concluded or PetitionStatus.Withdrawn:
                    Assert.Contains(p.DueOn!.Value, new[] { Due(RuleCodes.Handling, p.AcceptedOn!.Value), Due(RuleCodes.Handling, p.AcceptedOn!.Value, 30) });
                    break;
                default:
                    // Review and re-examination: 30 日 from a request made at least 5 days after the opinion.
                    Assert.True(p.DueOn >= p.AcceptedOn!.Value.AddDays(36), p.CaseNumber);
                    if (p.ConcludedOn is { } decided) Assert.True(decided <= p.DueOn, p.CaseNumber);
                    break;
            }
        }
        Assert.Contains(Petitions, p => p.DueOn == Due30(p));
        static DateOnly Due30(Petition p) => p.AcceptedOn is null ? default :
            StatutoryClock.Compute(RuleBook.Default.Rule(RuleCodes.Handling, p.IssueLocalityCode, p.ReceivedOn), p.AcceptedOn.Value, HolidayCalendar.Shipped, null,
                new ClockExtension(30, p.AcceptedOn.Value, "test")).DueOn;
        Assert.Contains(Petitions, p => p.RuleSetCode == "xinfang-2005");
        Assert.Contains(Petitions, p => p.RuleSetCode == "xinfang-2022");
    }

    [Fact]
    public void Statuses_agree_with_the_dates()
    {
        foreach (var p in Petitions)
        {
            var open = Open.Contains(p.Status);
            if (open) Assert.Null(p.ConcludedOn);
            else
            {
                Assert.NotNull(p.ConcludedOn);
                Assert.InRange(p.ConcludedOn!.Value, p.ReceivedOn, Options.Until);
            }
            if (p.TransferredOn is { } t) Assert.InRange(t, p.ReceivedOn, Options.Until);
            if (p.AcceptedOn is { } a) Assert.InRange(a, p.TransferredOn!.Value, Options.Until);
            if (p.Status == PetitionStatus.Registered) Assert.Null(p.TransferredOn);
            if (p.Status is PetitionStatus.Accepted or PetitionStatus.OpinionIssued or PetitionStatus.Concluded) Assert.NotNull(p.AcceptedOn);
            if (p.Opinion is not null) Assert.True(p.ConcludedOn is not null || p.Status is PetitionStatus.UnderReview or PetitionStatus.UnderReexamination);
            if (p.UnitEvaluation is not null) Assert.NotNull(p.Opinion ?? (object?)p.ConcludedOn);
            if (p.BureauEvaluation is not null) Assert.NotNull(p.TransferredOn);
        }

        // Old cases are finished; recent ones are still on their way; a few are overdue.
        Assert.DoesNotContain(Petitions, p => p.ReceivedOn < Options.Until.AddDays(-300) && Open.Contains(p.Status));
        foreach (var s in new[] { PetitionStatus.Registered, PetitionStatus.Transferred, PetitionStatus.Accepted, PetitionStatus.Concluded, PetitionStatus.OpinionIssued })
            Assert.Contains(Petitions, p => p.Status == s);
        var openNow = Petitions.Where(p => Open.Contains(p.Status)).ToList();
        var overdue = openNow.Count(p => p.DueOn < Options.Until);
        Assert.InRange(overdue, 1, openNow.Count / 4);
        var concluded = Petitions.Where(p => p.Status == PetitionStatus.Concluded).ToList();
        Assert.True(concluded.Count(p => p.Opinion is not null) > concluded.Count / 2);
        Assert.True(concluded.Count(p => p.UnitEvaluation is not null) > concluded.Count / 3);
        Assert.Contains(concluded, p => p.UnitEvaluation == SatisfactionEvaluation.Dissatisfied);
    }

    [Fact]
    public void Channels_come_in_realistic_shares_and_mailboxes_carry_their_ids()
    {
        double Share(params Channel[] channels) => Petitions.Count(p => channels.Contains(p.Channel)) / (double)Petitions.Count;
        Assert.InRange(Share(Channel.Online, Channel.Mobile, Channel.WeChat), 0.50, 0.72);
        Assert.InRange(Share(Channel.Letter, Channel.Visit), 0.12, 0.30);
        Assert.InRange(Share(Channel.GovernorMailbox, Channel.LeaderMessageBoard, Channel.PremierMailbox), 0.07, 0.17);
        Assert.InRange(Share(Channel.Phone), 0.02, 0.10);
        Assert.All(Petitions, p => Assert.Equal(p.Channel is Channel.GovernorMailbox or Channel.LeaderMessageBoard or Channel.PremierMailbox, p.ExternalId is not null));
        Assert.Equal(Petitions.Count(p => p.ExternalId is not null), Petitions.Where(p => p.ExternalId is not null).Select(p => (p.Channel, p.ExternalId)).Distinct().Count());
        Assert.DoesNotContain(Petitions, p => p.Purpose == Purpose.Inquiry && p.ExternalId is null && p.Channel != Channel.LeaderMailbox);

        // Collective visits from 5 people; joint letters are letters.
        Assert.All(Petitions, p => Assert.Equal(p.Channel == Channel.Visit && p.HeadCount >= 5, p.IsCollective));
        Assert.All(Petitions.Where(p => p.IsJointLetter), p => Assert.Equal(Channel.Letter, p.Channel));
        Assert.Contains(Petitions, p => p.IsCollective);
        Assert.Contains(Petitions, p => p.IsJointLetter);

        // Weekdays carry the load; reception halls and the post are shut on rest days.
        var calendar = HolidayCalendar.Shipped;
        var days = Enumerable.Range(0, Options.Until.DayNumber - From.DayNumber + 1).Select(From.AddDays).ToList();
        var perWorkingDay = Petitions.Count(p => calendar.IsWorkingDay(p.ReceivedOn)) / (double)days.Count(calendar.IsWorkingDay);
        var perRestDay = Petitions.Count(p => !calendar.IsWorkingDay(p.ReceivedOn)) / (double)days.Count(calendar.IsRestDay);
        Assert.True(perWorkingDay > 2 * perRestDay, $"{perWorkingDay:F1} a working day, {perRestDay:F1} a rest day");
        Assert.DoesNotContain(Petitions, p => p.Channel is Channel.Letter or Channel.Visit && calendar.IsRestDay(p.ReceivedOn));
    }

    [Fact]
    public void Repeat_petitions_point_at_an_earlier_petition_of_the_same_person()
    {
        var byId = Petitions.ToDictionary(p => p.Id);
        var repeats = Petitions.Where(p => p.IsRepeat).ToList();
        Assert.InRange(repeats.Count, Petitions.Count / 20, Petitions.Count / 6);
        Assert.All(repeats, r =>
        {
            var original = byId[r.OriginalPetitionId!.Value];
            Assert.False(original.IsRepeat);
            Assert.NotNull(r.PersonKey);
            Assert.Equal(original.PersonKey, r.PersonKey);
            Assert.True(original.ReceivedOn.AddDays(7) <= r.ReceivedOn);
            Assert.Equal(original.CategoryId, r.CategoryId);
            Assert.StartsWith("再次", r.Summary, StringComparison.Ordinal);
        });
        Assert.All(Petitions.Where(p => !p.IsRepeat), p => Assert.Null(p.OriginalPetitionId));
        Assert.Contains(repeats, r => r.Status == PetitionStatus.Merged);
    }

    [Fact]
    public void Personal_data_is_encrypted_and_opens_again()
    {
        var personal = fixture.PersonalData;
        var withId = Petitions.Where(p => p.IdNumberProtected is not null).Take(300).ToList();
        Assert.NotEmpty(withId);
        foreach (var p in withId)
        {
            Assert.DoesNotMatch(@"\d{17}[\dX]", p.IdNumberProtected!);
            var id = personal.Unprotect(p.IdNumberProtected)!;
            Assert.Matches(@"^14\d{15}[\dX]$", id);
            Assert.Equal(p.PersonKey, personal.KeyedHash(id));
            if (p.PhoneProtected is not null)
            {
                Assert.DoesNotMatch(@"1\d{10}", p.PhoneProtected);
                Assert.Matches(@"^1\d{10}$", personal.Unprotect(p.PhoneProtected)!);
            }
            if (p.AddressProtected is not null)
            {
                Assert.DoesNotContain("山西", p.AddressProtected, StringComparison.Ordinal);
                Assert.StartsWith("山西省", personal.Unprotect(p.AddressProtected), StringComparison.Ordinal);
            }
        }
        Assert.All(Petitions.Where(p => p.IdNumberProtected is null), p => Assert.Null(p.PersonKey));
    }

    [Fact]
    public void Publications_are_formed_before_they_are_published_and_mostly_on_time()
    {
        var publications = fixture.Second.Publications;
        Assert.All(publications, p => Assert.True(p.FormedOn <= p.PublishedOn));
        Assert.All(publications, p => Assert.InRange(p.PublishedOn, From, Options.Until));
        var late = publications.Count(p => p.PublishedOn > StatutoryClock.Compute(
            RuleBook.Default.Rule(RuleCodes.ProactivePublication, "140000000000", p.FormedOn), p.FormedOn, HolidayCalendar.Shipped).DueOn);
        Assert.InRange(late, 1, publications.Count / 6);
        var outlets = publications.Select(p => (p.Column, p.Outlet)).Distinct().ToList();
        Assert.Contains(("年度报告", "网站"), outlets);
        Assert.Contains(("工作动态", "微信公众号"), outlets);
        Assert.Contains(("经验交流", "政务头条"), outlets);
        Assert.Equal(publications.Count, publications.Select(p => (p.Outlet, p.IndexNumber)).Distinct().Count());
    }

    [Fact]
    public void Disclosure_requests_are_due_in_20_working_days_and_concluded_ones_have_an_outcome()
    {
        var requests = fixture.Second.Requests;
        string[] types = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"];
        Assert.All(requests, r =>
        {
            Assert.Contains(r.ApplicantType, types);
            var rule = RuleBook.Default.Rule(RuleCodes.DisclosureReply, "140000000000", r.ReceivedOn);
            Assert.Equal(StatutoryClock.Compute(rule, r.ReceivedOn, HolidayCalendar.Shipped).DueOn, r.DueOn);
            Assert.Equal(r.ConcludedOn is null, r.Outcome is null);
            if (r.Outcome == "不予处理/信访举报投诉类申请") Assert.Equal("自然人", r.ApplicantType);
            if (r.ConcludedOn is { } c) Assert.InRange(c, r.ReceivedOn, Options.Until);
        });
        Assert.Contains(requests, r => r.ApplicantType == "自然人");
        Assert.Contains(requests, r => r.Outcome == "予以公开");
    }
}

public sealed class SqliteDemoDataGeneratorTests(SqliteDemoFixture fixture) : DemoDataGeneratorTests(fixture), IClassFixture<SqliteDemoFixture>;

public sealed class PostgresDemoDataGeneratorTests(PostgresDemoFixture fixture) : DemoDataGeneratorTests(fixture), IClassFixture<PostgresDemoFixture>;
