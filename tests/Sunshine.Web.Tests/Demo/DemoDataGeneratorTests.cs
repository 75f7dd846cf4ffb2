using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Sunshine.Data.Entities;
using Sunshine.Domain.Calendar;
using Sunshine.Domain.Directory;
using Sunshine.Domain.Petitions;
using Sunshine.Domain.Petitions.Workflow;
using Sunshine.Web.Features.Demo;
using Sunshine.Web.Features.Petitions.Workflow;
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
    public int HistoryRowsAfterFailure { get; private set; }

    /// <summary>The indexes and foreign keys of the loaded tables before the first run, after the failing run, and at the end.</summary>
    public List<string> KeysBefore { get; private set; } = [];
    public List<string> KeysAfterFailure { get; private set; } = [];
    public List<string> KeysAfter { get; private set; } = [];

    protected abstract TestApp CreateApp();

    /// <summary>PostgreSQL: each index and foreign key of the tables a demo run loads, as the catalogue defines it.</summary>
    protected virtual Task<List<string>> KeysAsync() => Task.FromResult(new List<string>());

    public async Task InitializeAsync()
    {
        App = CreateApp();
        await App.InitializeAsync();

        KeysBefore = await KeysAsync();
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
        await using (var db = App.NewContext())
        {
            PetitionsAfterFailure = await db.Petitions.CountAsync();
            HistoryRowsAfterFailure = await db.PetitionEvents.CountAsync() + await db.PetitionHops.CountAsync();
        }
        KeysAfterFailure = await KeysAsync();
        await ClearAsync();

        await GenerateAsync(Options with { Seed = 8 });
        OtherSeed = await SnapshotAsync();
        await ClearAsync();

        await GenerateAsync(Options);
        Second = await SnapshotAsync();
        KeysAfter = await KeysAsync();

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
            await db.DisclosureRequests.AsNoTracking().OrderBy(r => r.Id).ToListAsync(),
            await db.PetitionEvents.AsNoTracking().OrderBy(e => e.Id).ToListAsync(),
            await db.PetitionHops.AsNoTracking().OrderBy(h => h.Id).ToListAsync());
    }

    private async Task ClearAsync()
    {
        await using var db = App.NewContext();
        await db.PublicReplies.ExecuteDeleteAsync();
        await db.InspectionEntries.ExecuteDeleteAsync();
        await db.InspectionSamples.ExecuteDeleteAsync();
        await db.SupervisionOrders.ExecuteDeleteAsync();
        await db.ReceptionSessions.ExecuteDeleteAsync();
        await db.PetitionEvents.ExecuteDeleteAsync();
        await db.PetitionHops.ExecuteDeleteAsync();
        await db.Petitions.ExecuteUpdateAsync(s => s.SetProperty(p => p.OriginalPetitionId, (long?)null));
        await db.Petitions.ExecuteDeleteAsync();
        await db.Publications.ExecuteDeleteAsync();
        await db.DisclosureItems.ExecuteDeleteAsync();
        await db.DisclosureConsultations.ExecuteDeleteAsync();
        await db.DisclosureAppeals.ExecuteDeleteAsync();
        await db.RegisterEntries.ExecuteDeleteAsync();
        await db.DisclosureRequests.ExecuteDeleteAsync();
    }
}

public sealed record Snapshot(List<Petition> Petitions, List<Publication> Publications, List<DisclosureRequest> Requests,
    List<PetitionEvent> Events, List<PetitionHop> Hops);

public sealed class SqliteDemoFixture : DemoFixture
{
    protected override TestApp CreateApp() => new SqliteApp();
}

public sealed class PostgresDemoFixture : DemoFixture
{
    protected override TestApp CreateApp() => new PostgresApp();

    protected override async Task<List<string>> KeysAsync()
    {
        await using var db = App.NewContext();
        return await db.Database.SqlQueryRaw<string>("""
            SELECT pg_get_indexdef(i.indexrelid) AS "Value" FROM pg_index AS i
            WHERE i.indrelid IN ('"Petitions"'::regclass, '"PetitionEvents"'::regclass, '"PetitionHops"'::regclass)
            UNION ALL
            SELECT c.conname || ' ' || pg_get_constraintdef(c.oid) || ' ' || c.convalidated FROM pg_constraint AS c
            WHERE c.conrelid IN ('"Petitions"'::regclass, '"PetitionEvents"'::regclass, '"PetitionHops"'::regclass)
            ORDER BY 1
            """).ToListAsync();
    }
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

        Assert.Equal(
            fixture.First.Events.Select(e => $"{e.PetitionId}|{e.At:O}|{e.On}|{e.Action}|{e.FromStatus}|{e.ToStatus}|{e.OrganisationId}|{e.TargetOrganisationId}|{e.Reason}|{e.Detail}|{e.IsPublic}"),
            fixture.Second.Events.Select(e => $"{e.PetitionId}|{e.At:O}|{e.On}|{e.Action}|{e.FromStatus}|{e.ToStatus}|{e.OrganisationId}|{e.TargetOrganisationId}|{e.Reason}|{e.Detail}|{e.IsPublic}"));
        Assert.Equal(
            fixture.First.Hops.Select(h => $"{h.PetitionId}|{h.FromOrganisationId}|{h.ToOrganisationId}|{h.IsAssignment}|{h.SentOn}|{h.DueOn}|{h.ReportDueOn}|{h.AnsweredOn}|{h.Outcome}"),
            fixture.Second.Hops.Select(h => $"{h.PetitionId}|{h.FromOrganisationId}|{h.ToOrganisationId}|{h.IsAssignment}|{h.SentOn}|{h.DueOn}|{h.ReportDueOn}|{h.AnsweredOn}|{h.Outcome}"));

        // Encrypted columns use fresh nonces: they differ, and decrypt to the same.
        var (a, b) = (fixture.First.Petitions[0], fixture.Second.Petitions[0]);
        Assert.NotEqual(a.IdNumberProtected, b.IdNumberProtected);
        Assert.Equal(fixture.PersonalData.Unprotect(a.IdNumberProtected), fixture.PersonalData.Unprotect(b.IdNumberProtected));
    }

    [Fact]
    public async Task The_public_pages_open_with_anonymised_replies_and_coming_reception_days()
    {
        await using var db = fixture.App.NewContext();
        var replies = await db.PublicReplies.AsNoTracking().ToListAsync();
        Assert.NotEmpty(replies);
        var petitions = Petitions.ToDictionary(p => p.Id);
        foreach (var reply in replies)
        {
            var petition = petitions[reply.PetitionId];
            Assert.Contains(reply.Channel, Sunshine.Web.Features.PublicReplies.PublicReplyEndpoints.Channels);
            foreach (var text in new[] { reply.Title, reply.Message, reply.Reply })
                Assert.DoesNotContain(petition.PetitionerName, text, StringComparison.Ordinal);
            Assert.InRange(reply.PublishedOn, reply.RepliedOn, Options.Until);
        }
        var sessions = await db.ReceptionSessions.AsNoTracking().ToListAsync();
        Assert.NotEmpty(sessions);
        Assert.All(sessions, s =>
        {
            Assert.True(s.IsPublished && s.Capacity > 0 && s.Booked == 0);
            Assert.True(DateOnly.FromDateTime(s.StartsAt) > Options.Until && s.StartsAt.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));
        });
    }

    [Fact]
    public async Task Every_demo_order_is_issued_by_an_existing_supervisor_of_the_issuing_bureau()
    {
        await using var db = fixture.App.NewContext();
        var orders = await db.SupervisionOrders.AsNoTracking().ToListAsync();
        Assert.NotEmpty(orders);
        var supervisors = await (from u in db.Users
                                 join ur in db.UserRoles on u.Id equals ur.UserId
                                 join r in db.Roles on ur.RoleId equals r.Id
                                 where r.Name == StaffRoles.Supervisor
                                 select new { u.Id, u.UserName, u.OrganisationId, u.DisplayName }).ToListAsync();
        Assert.All(orders, o =>
        {
            var issuer = Assert.Single(supervisors, s => s.Id == o.IssuedByUserId);
            Assert.Equal(o.IssuingOrganisationId, issuer.OrganisationId);
            Assert.Equal(issuer.DisplayName, o.IssuedByName);
        });
        // Generated three times into this database: the account was made once and found again after.
        Assert.Single(supervisors, s => s.UserName == Sunshine.Web.Features.Oversight.Supervision.DemoSupervision.DemoSupervisorUserName);
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
            p.Opinion, p.BureauEvaluation, p.UnitEvaluation, p.ExtensionDays, p.ExtendedOn, p.OpinionIssuedOn)),
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
        Assert.Equal(0, fixture.HistoryRowsAfterFailure); // and no history event or hop of the batch
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

    private ILookup<long, PetitionEvent> History => fixture.Second.Events.ToLookup(e => e.PetitionId);

    [Fact]
    public void Every_case_history_starts_with_its_registration_runs_in_date_order_and_ends_in_the_case_status()
    {
        var history = History;
        Assert.All(Petitions, p =>
        {
            var events = history[p.Id].ToList();
            var first = events[0];
            Assert.Equal("register", first.Action);
            Assert.Null(first.FromStatus);
            Assert.Equal(PetitionStatus.Registered, first.ToStatus);
            Assert.Equal(p.ReceivedOn, first.On);
            Assert.Equal(p.RegisteredAt, first.At);
            Assert.Equal(p.RegisteringOrganisationId, first.OrganisationId);
            Assert.Single(events, e => e.Action == "register");
            foreach (var (before, after) in events.Zip(events.Skip(1)))
            {
                Assert.True(before.On <= after.On, $"{p.CaseNumber}: {before.Action} on {before.On}, then {after.Action} on {after.On}");
                Assert.True(before.At < after.At, $"{p.CaseNumber}: {before.Action} at {before.At:O}, then {after.Action} at {after.At:O}");
                Assert.Equal(before.ToStatus, after.FromStatus);
            }
            Assert.All(events, e =>
            {
                Assert.Equal(DateTimeKind.Utc, e.At.Kind);
                Assert.Equal(e.On, ChinaTime.DateOf(e.At)); // the instant lies on the legal date, in China time
                Assert.InRange(e.On, p.ReceivedOn, Options.Until);
            });
            Assert.Equal(p.Status, events[^1].ToStatus);
        });
    }

    [Fact]
    public void Every_step_is_one_the_live_workflow_allows_on_that_day()
    {
        var history = History;
        var reexamined = fixture.Second.Events.Where(e => e.Action == "issue-reexamination-opinion").ToDictionary(e => e.PetitionId, e => e.On);
        var actions = Enum.GetValues<PetitionAction>().ToDictionary(PetitionActions.Code);
        // Roles and seats are not what is tested here: the state machine, the purposes and the statutory windows are.
        var anyone = WorkflowActor.Staff(0, StaffRoles.All, registeringBureau: true, responsibleUnit: true, supervisingLevel: true);
        var seen = new HashSet<string>();
        foreach (var p in Petitions)
        {
            var state = new PetitionCase(PetitionStatus.Registered, p.Purpose, p.IssueLocalityCode, p.RegisteringOrganisationId, p.ReceivedOn);
            foreach (var e in history[p.Id].Skip(1))
            {
                var action = actions[e.Action];
                var detail = DetailOf(e.Detail);
                state = state with { SameMatterReexamined = p.OriginalPetitionId is { } o && reexamined.TryGetValue(o, out var on) && on <= e.On };
                var decision = PetitionWorkflow.Check(action, state, anyone, e.On, detail);
                Assert.True(decision.IsAllowed, $"{p.CaseNumber}: {e.Action} on {e.On:yyyy-MM-dd} from {state.Status}: {decision.ReasonCode} {decision.Detail}");
                Assert.Equal(e.ToStatus, decision.ResultingStatus);
                if (action is PetitionAction.RequestReview) Assert.NotNull(e.TargetOrganisationId);
                state = Apply(state, action, e, detail) with { Status = e.ToStatus };
                seen.Add(e.Action);
            }
        }
        Assert.Superset(new HashSet<string>
        {
            "transfer", "assign", "object", "accept", "route-to-legal-channel", "decline", "extend", "issue-opinion", "conclude",
            "reply-suggestion", "withdraw", "merge", "request-review", "issue-review-opinion", "request-reexamination",
        }, seen);
    }

    // What PetitionActions changes on the case for each step, as far as the workflow's checks read it.
    private static PetitionCase Apply(PetitionCase c, PetitionAction action, PetitionEvent e, ActionDetail detail) => action switch
    {
        PetitionAction.Transfer or PetitionAction.Assign => c with { ResponsibleOrganisationId = e.TargetOrganisationId, TransferredOn = e.On },
        PetitionAction.Accept => c with { AcceptedOn = e.On },
        PetitionAction.Object => c with { ResponsibleOrganisationId = null, TransferredOn = null },
        PetitionAction.Extend => c with { ExtensionDays = detail.ExtensionDays, ExtendedOn = e.On },
        PetitionAction.IssueOpinion => c with { OpinionIssuedOn = e.On },
        PetitionAction.RequestReview => c with { ReviewRequestedOn = e.On, ResponsibleOrganisationId = e.TargetOrganisationId },
        PetitionAction.IssueReviewOpinion => c with { ReviewRepliedOn = e.On },
        PetitionAction.RequestReexamination => c with { ReexaminationRequestedOn = e.On, ResponsibleOrganisationId = e.TargetOrganisationId },
        PetitionAction.StartHearing => c with { HearingStartedOn = e.On },
        PetitionAction.EndHearing => c with { Hearings = [.. c.Hearings, new ClockPause(c.HearingStartedOn!.Value, e.On, "听证")], HearingStartedOn = null },
        _ => c,
    };

    private static ActionDetail DetailOf(string? json)
    {
        Assert.NotNull(json);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        string? Text(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        return new ActionDetail(
            root.TryGetProperty("extension", out var x) && x.ValueKind == JsonValueKind.Number ? x.GetInt32() : null,
            Text("route") is { } label ? LegalRoutes.All.Single(r => LegalRoutes.Label(r) == label) : null,
            Text("opinion") is { } opinion ? Enum.Parse<HandlingOpinion>(opinion) : null);
    }

    private static string? DueIn(string? json)
    {
        using var document = JsonDocument.Parse(json!);
        return document.RootElement.TryGetProperty("due", out var due) && due.ValueKind == JsonValueKind.String ? due.GetString() : null;
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public void Every_transferred_case_has_a_hop_to_its_responsible_unit_due_within_the_objection_limit()
    {
        var hops = fixture.Second.Hops.ToLookup(h => h.PetitionId);
        var history = History;
        var calendar = HolidayCalendar.Shipped;
        foreach (var p in Petitions)
        {
            var chain = hops[p.Id].ToList();
            if (p.TransferredOn is null)
            {
                Assert.Empty(chain);
                continue;
            }
            var last = chain[^1];
            Assert.Equal(p.RegisteringOrganisationId, last.FromOrganisationId);
            Assert.Equal(p.ResponsibleOrganisationId, last.ToOrganisationId);
            Assert.Equal(p.TransferredOn, last.SentOn);
            Assert.Equal(p.AcceptedOn, last.AnsweredOn);
            Assert.Equal(p.Status switch
            {
                PetitionStatus.Transferred or PetitionStatus.Assigned => null,
                PetitionStatus.Declined => "declined",
                PetitionStatus.RoutedToLegalChannel => "routed",
                _ => "accepted",
            }, last.Outcome);
            var sent = history[p.Id].Last(e => e.Action is "transfer" or "assign");
            Assert.Equal(sent.Action == "assign", last.IsAssignment);
            Assert.Equal(last.IsAssignment, last.ReportDueOn is not null);
            Assert.Equal(last.ToOrganisationId, sent.TargetOrganisationId);
            // Earlier hops went to a unit that objected within its limit; the bureau then sent the item on.
            Assert.All(chain.SkipLast(1), h =>
            {
                Assert.Equal("objected", h.Outcome);
                Assert.NotEqual(p.ResponsibleOrganisationId, h.ToOrganisationId);
                Assert.InRange(h.AnsweredOn!.Value, h.SentOn, h.DueOn);
                Assert.Contains(history[p.Id], e => e.Action == "object" && e.On == h.AnsweredOn && e.OrganisationId == h.ToOrganisationId && !e.IsPublic);
            });
            // Counted by hand: from 2022-05-01, 5 working days after the day sent (Art. 23); before, no objection
            // limit, so the hop is due with the acceptance decision, 15 日 later (2005 Art. 22, no roll-forward).
            foreach (var h in chain)
            {
                var due = h.SentOn;
                if (h.SentOn >= new DateOnly(2022, 5, 1))
                    for (var workingDays = 0; workingDays < 5;)
                    {
                        due = due.AddDays(1);
                        if (calendar.IsWorkingDay(due)) workingDays++;
                    }
                else due = h.SentOn.AddDays(15);
                Assert.Equal(due, h.DueOn);
            }
        }
        // Over the National Day holiday of 2022 (1–7 October, 8 and 9 October worked): sent on Friday 30 September,
        // the five working days are 8, 9, 10, 11 and 12 October.
        Assert.Contains(fixture.Second.Hops, h => h.SentOn == new DateOnly(2022, 9, 30));
        Assert.All(fixture.Second.Hops.Where(h => h.SentOn == new DateOnly(2022, 9, 30)), h => Assert.Equal(new DateOnly(2022, 10, 12), h.DueOn));
        Assert.Contains(fixture.Second.Hops, h => h.Outcome == "objected");
        Assert.Contains(fixture.Second.Hops, h => h.IsAssignment);
        Assert.Contains(fixture.Second.Hops, h => h.Outcome is null);
    }

    [Fact]
    public void Extensions_and_opinions_are_on_the_case_and_in_its_history()
    {
        var events = fixture.Second.Events;
        var extended = Petitions.Where(p => p.ExtensionDays is not null).ToList();
        Assert.NotEmpty(extended);
        Assert.Equal(extended.Count, events.Count(e => e.Action == "extend"));
        var extensions = events.Where(e => e.Action == "extend").ToDictionary(e => e.PetitionId);
        Assert.All(extended, p =>
        {
            var e = extensions[p.Id];
            Assert.Equal(30, p.ExtensionDays);
            Assert.Equal(p.ExtendedOn, e.On);
            Assert.False(string.IsNullOrWhiteSpace(e.Reason));
            Assert.Contains(p.Purpose, PetitionWorkflow.OpinionPurposes);
            // Approved while the 60 日 still ran; the limit then ends 30 日 later (no roll-forward for petition limits).
            var handling = p.AcceptedOn!.Value.AddDays(60);
            Assert.InRange(e.On, p.AcceptedOn.Value, handling);
            Assert.Equal(Iso(handling.AddDays(30)), DueIn(e.Detail));
        });

        var opinions = events.Where(e => e.Action == "issue-opinion").ToDictionary(e => e.PetitionId);
        var withOpinion = Petitions.Where(p => p.OpinionIssuedOn is not null).ToList();
        Assert.NotEmpty(withOpinion);
        Assert.Equal(withOpinion.Count, opinions.Count);
        Assert.All(withOpinion, p =>
        {
            Assert.Equal(p.OpinionIssuedOn, opinions[p.Id].On);
            Assert.Equal(p.Opinion, DetailOf(opinions[p.Id].Detail).Opinion);
            // The petitioner may ask for a review within 30 日 of the opinion (Art. 35).
            Assert.Equal(Iso(p.OpinionIssuedOn!.Value.AddDays(30)), DueIn(opinions[p.Id].Detail));
        });
    }

    [Fact]
    public void The_progress_page_gets_public_steps_and_internal_ones_stay_internal()
    {
        var events = fixture.Second.Events;
        var history = History;
        Assert.All(events, e => Assert.Equal(e.Action is not ("object" or "merge" or "reopen"), e.IsPublic));
        Assert.All(Petitions, p => Assert.Contains(history[p.Id], e => e.IsPublic));
        Assert.True(events.Count(e => e.IsPublic) > 3 * Petitions.Count, $"{events.Count(e => e.IsPublic)} public steps");
        Assert.Contains(events, e => !e.IsPublic);
        // The steps the live workflow asks a reason for carry one, in Chinese.
        Assert.All(events.Where(e => e.Action is "object" or "decline" or "refuse" or "extend" or "withdraw" or "reply-suggestion"),
            e => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", e.Reason ?? ""));
        Assert.All(events.Where(e => e.Action == "route-to-legal-channel"), e => Assert.NotNull(DetailOf(e.Detail).Route));
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
        // Each record belongs to a catalogue item; the accounts' records carry their category.
        Assert.All(publications, p => Assert.NotNull(p.DisclosureItemId));
        Assert.All(publications.Where(p => p.Outlet == "政务头条"), p => Assert.Equal(p.Column, p.OutletCategory));
        Assert.All(publications.Where(p => p.Outlet == "网站"), p => Assert.Null(p.OutletCategory));
    }

    [Fact]
    public async Task Disclosure_records_cover_every_past_year_so_an_annual_report_can_be_drafted()
    {
        await using var db = fixture.App.NewContext();
        // Table two: every bureau has register figures for each year that has ended.
        var bureaus = await db.Organisations.CountAsync(o => o.Kind == OrganisationKind.PetitionBureau);
        foreach (var year in new[] { 2021, 2022 })
            Assert.Equal(bureaus, await db.RegisterEntries.Where(e => e.Year == year && e.Kind == "procurement.projects").Select(e => e.OrganisationId).Distinct().CountAsync());
        Assert.False(await db.RegisterEntries.AnyAsync(e => e.Year == 2023));
        // Table four: appeals against refusals, decided and pending.
        var appeals = await db.DisclosureAppeals.ToListAsync();
        Assert.NotEmpty(appeals);
        Assert.All(appeals, a => Assert.Equal(a.Result == "Pending", a.DecidedOn is null));
        Assert.Contains(appeals, a => a.Result != "Pending");
        Assert.All(appeals, a => Assert.InRange(a.FiledOn, new DateOnly(2021, 7, 1), Options.Until));
        // The open requests in each state of the clock, and requests carried over a year end.
        var requests = await db.DisclosureRequests.AsNoTracking().ToListAsync();
        Assert.True(requests.Any(r => r.Status == DisclosureRequestStatus.AwaitingCorrection && r.CorrectionAnswerBy == r.DueOn), "awaiting correction");
        Assert.True(requests.Any(r => r.Status == DisclosureRequestStatus.AwaitingConfirmation && r.ConcludedOn is null), "awaiting confirmation");
        Assert.True(requests.Any(r => r.FeeNoticeOn is not null && r.FeePaidOn is null && r.FeeNoticedFen == 50_000), "fee pending"); // 80 pages: 50 × 10 元
        Assert.True(requests.Any(r => r.ExtensionDays == 15 && r.DueOn > r.ReceivedOn.AddDays(28)), "extended");
        Assert.Equal(1, await db.DisclosureConsultations.CountAsync(c => c.AnsweredOn == null));
        Assert.True(requests.Any(r => r.ReceivedOn.Year == 2021 && (r.ConcludedOn is null || r.ConcludedOn.Value.Year == 2022)), "carried over into 2022");
        Assert.All(requests, r => Assert.Equal(r.ConcludedOn is null, r.Outcome is null));

        // The provincial bureau's 2022 report for its region, drafted from the demo: tables two, three and four filled.
        var province = await db.Organisations.Where(o => o.Kind == OrganisationKind.PetitionBureau && o.ParentId != null && o.Parent!.ParentId == null).Select(o => o.Id).FirstAsync();
        var (json, _) = await Sunshine.Web.Features.Disclosure.AnnualReports.AnnualReportFile.RenderAsync(db, 2022, province, true, null, "json", fixture.App.Services, default);
        using var parsed = JsonDocument.Parse(json);
        long Sum(string prefix) => parsed.RootElement.GetProperty("cells").EnumerateObject()
            .Where(c => c.Name.StartsWith(prefix, StringComparison.Ordinal) && c.Value.ValueKind == JsonValueKind.String)
            .Sum(c => decimal.TryParse(c.Value.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? (long)n : 0);
        Assert.True(Sum("t2.") > 0);
        Assert.True(Sum("t3.") > 0);
        Assert.True(Sum("t4.") > 0);
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
            // Requests the demo moved into an extension or a correction have their own due dates (DemoDisclosureRecords).
            if (r.ExtensionDays is null && r.CorrectionRequestedOn is null)
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

public sealed class PostgresDemoDataGeneratorTests(PostgresDemoFixture fixture) : DemoDataGeneratorTests(fixture), IClassFixture<PostgresDemoFixture>
{
    /// <summary>
    /// PostgreSQL loads all petitions in one transaction with the tables' indexes and foreign keys dropped and made again
    /// at the end; every run, the failing one too (its clash is found as the unique case-number index is built), leaves
    /// them as the migrations made them.
    /// </summary>
    [Fact]
    public void The_load_leaves_every_index_and_foreign_key_as_it_was()
    {
        Assert.Contains(fixture.KeysBefore, k => k.StartsWith("CREATE UNIQUE INDEX \"IX_Petitions_CaseNumber\"", StringComparison.Ordinal));
        Assert.Contains(fixture.KeysBefore, k => k.StartsWith("FK_PetitionEvents_Petitions_PetitionId FOREIGN KEY", StringComparison.Ordinal) && k.EndsWith(" true", StringComparison.Ordinal));
        Assert.Contains(fixture.KeysBefore, k => k.StartsWith("FK_PetitionHops_Organisations_ToOrganisationId FOREIGN KEY", StringComparison.Ordinal));
        Assert.Equal(fixture.KeysBefore, fixture.KeysAfterFailure);
        Assert.Equal(fixture.KeysBefore, fixture.KeysAfter);
        Assert.Contains("IX_Petitions_CaseNumber", fixture.Failure!.Message, StringComparison.Ordinal);
    }

    /// <summary>The load analyses the tables it loaded, so the planner has their statistics before autovacuum comes by.</summary>
    [Fact]
    public async Task The_load_leaves_the_loaded_tables_analysed()
    {
        await using var db = fixture.App.NewContext();
        // last_analyze is set by ANALYZE itself, never by autovacuum (last_autoanalyze).
        Assert.Equal(["PetitionEvents", "PetitionHops", "Petitions"], await db.Database.SqlQueryRaw<string>("""
            SELECT relname::text AS "Value" FROM pg_stat_user_tables
            WHERE relname IN ('Petitions', 'PetitionEvents', 'PetitionHops') AND last_analyze IS NOT NULL ORDER BY 1
            """).ToListAsync());
        Assert.Contains("RegisteringOrganisationId", await db.Database.SqlQueryRaw<string>("""
            SELECT attname::text AS "Value" FROM pg_stats WHERE schemaname = 'public' AND tablename = 'Petitions'
            """).ToListAsync());
    }
}
