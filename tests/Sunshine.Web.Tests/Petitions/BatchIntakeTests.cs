using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Sunshine.Data;
using Sunshine.Domain.Petitions;
using Sunshine.Web.Features.Petitions;
using Sunshine.Web.Features.Petitions.Intake;
using Sunshine.Web.Features.Petitions.Search;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Tests.Petitions;

/// <summary>
/// The batched import and the HTTP write queue give what registering one petition at a time gives: the same case data,
/// deadlines, history and repeat links, row for row; bad rows are reported and leave nothing behind; concurrent
/// submissions each get their own case number after their commit. Clock at 2026-09-16.
/// </summary>
public abstract class BatchIntakeTests(TestApp app)
{
    private const string Locality = "140105000000";

    private static readonly string[] Contents =
    [
        "本人于2026年3月至8月在小店区某建筑工地务工，包工头以工程款未结为由，拖欠本人及另外十二名农民工工资共计十八万元，多次讨要无果，请求有关部门督促支付。",
        "小区北门外的烧烤摊每晚经营到凌晨两点，油烟和噪声严重影响居民休息，多次向街道反映没有结果，请求城管部门依法处理占道经营。",
        "村里的集体土地被征收后，补偿款至今没有按照公示的标准发放到户，村委会账目也不公开，请求上级部门核查征地补偿款的去向。",
        "我父亲退休后养老金被停发三个月，社保经办机构说是资格认证没有通过，但我们已经按要求提交了材料，请求尽快恢复发放并补发欠款。",
    ];

    /// <summary>Rows by (person, content, days before 2026-09-15): repeats by person, by content and by both, in the same batch.
    /// Only this test uses the four texts above: the other tests' rows (the elevator text) are no repeats of them.</summary>
    private static readonly (int Person, int Content, int DaysBack)[] Plan =
    [
        (0, 0, 40), (1, 1, 35), (0, 0, 30), (2, 0, 25), (3, 2, 20), (1, 3, 15), (2, 2, 10), (0, 1, 5), (3, 3, 3), (1, 1, 1), (4, 0, 0), (4, 3, 0),
    ];

    private static string ContentOf(int content, string salt) =>
        content < Contents.Length ? Contents[content] + "（编号" + salt + "）" : "关于" + salt + "小区电梯长期故障无人维修，老人上下楼困难，请求住建部门督促物业公司维修。";

    private static string Phone(string salt, int person) =>
        string.Create(CultureInfo.InvariantCulture, $"139{(uint)salt.GetHashCode(StringComparison.Ordinal) % 1_000_000:D6}{person:D2}");

    [Fact]
    public async Task An_import_gives_the_same_results_row_for_row_as_registering_one_by_one()
    {
        var salt = Guid.NewGuid().ToString("N")[..8];
        var bureau = await app.OrganisationAsync("山西省信访局");

        // One by one, through the API's path: received in 2026.
        var oneByOne = new List<long>();
        foreach (var (person, content, daysBack) in Plan)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var sp = scope.ServiceProvider;
            var request = new RegisterPetitionRequest(Channel.GovernorMailbox, Purpose.Request, null, Locality, "反映问题" + content, ContentOf(content, salt),
                new DateOnly(2026, 9, 15).AddDays(-daysBack), new PetitionerInput("信访人" + person, null, Phone(salt, person), "太原市小店区"), ExternalId: $"one-{salt}-{oneByOne.Count}");
            var outcome = await RegisterPetition.RegisterAsync(request, bureau.Id, null, sp.GetRequiredService<SunshineDbContext>(), sp.GetRequiredService<PersonalData>(),
                sp.GetRequiredService<Audit>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IStringLocalizer<SharedResource>>(), CancellationToken.None);
            Assert.Null(outcome.Problems);
            oneByOne.Add(outcome.Registered!.Id);
        }

        // The same rows from a file, received two years earlier: neither set falls in the other's 365-day repeat window.
        var csv = new StringBuilder("external_id,name,phone,address,issue_locality,purpose,summary,content,received_on\n");
        for (var i = 0; i < Plan.Length; i++)
        {
            var (person, content, daysBack) = Plan[i];
            csv.Append(CultureInfo.InvariantCulture, $"file-{salt}-{i},信访人{person},{Phone(salt, person)},太原市小店区,{Locality},求决,反映问题{content},\"{ContentOf(content, salt)}\",{new DateOnly(2024, 9, 15).AddDays(-daysBack):yyyy-MM-dd}\n");
        }
        var path = Path.Combine(Path.GetTempPath(), $"import-{salt}.csv");
        await File.WriteAllTextAsync(path, csv.ToString());
        ImportReport report;
        try
        {
            report = await PetitionImport.ImportAsync(path, Channel.GovernorMailbox, bureau.Id, app.Services, CancellationToken.None);
        }
        finally
        {
            File.Delete(path);
        }
        Assert.Empty(report.Errors);
        Assert.Equal(Plan.Length, report.Created);

        await using var db = app.NewContext();
        var personalData = app.Services.GetRequiredService<PersonalData>();
        var imported = new List<long>();
        for (var i = 0; i < Plan.Length; i++)
            imported.Add(await db.Petitions.Where(p => p.ExternalId == $"file-{salt}-{i}").Select(p => p.Id).SingleAsync());
        var anyRepeat = false;
        for (var i = 0; i < Plan.Length; i++)
        {
            var a = await db.Petitions.AsNoTracking().SingleAsync(p => p.Id == oneByOne[i]);
            var b = await db.Petitions.AsNoTracking().SingleAsync(p => p.Id == imported[i]);
            Assert.Equal("XF20260916" + b.Id.ToString("D7", CultureInfo.InvariantCulture), b.CaseNumber);
            Assert.Equal(a.ReceivedOn.AddYears(-2), b.ReceivedOn);
            Assert.Equal((a.Status, a.DueOn, a.RegisteredOn, a.RuleSetCode, a.ResponsibleOrganisationId, a.RegisteringOrganisationId, a.IsCollective),
                (b.Status, b.DueOn, b.RegisteredOn, b.RuleSetCode, b.ResponsibleOrganisationId, b.RegisteringOrganisationId, b.IsCollective));
            Assert.Equal((a.Summary, a.Content, a.PetitionerName, a.Purpose, a.Channel), (b.Summary, b.Content, b.PetitionerName, b.Purpose, b.Channel));
            // Personal data encrypted, and the same once decrypted; the same keyed hash for repeat matching.
            Assert.DoesNotContain(Phone(salt, Plan[i].Person), b.PhoneProtected!, StringComparison.Ordinal);
            Assert.Equal(personalData.Unprotect(a.PhoneProtected), personalData.Unprotect(b.PhoneProtected));
            Assert.Equal(personalData.Unprotect(a.AddressProtected), personalData.Unprotect(b.AddressProtected));
            Assert.Equal(a.PersonKey, b.PersonKey);
            Assert.NotEqual(a.QueryCodeHash, b.QueryCodeHash);

            // The first history event: the same deadline explanation and the same repeats, as rows of the plan.
            var ea = await db.PetitionEvents.AsNoTracking().SingleAsync(e => e.PetitionId == a.Id);
            var eb = await db.PetitionEvents.AsNoTracking().SingleAsync(e => e.PetitionId == b.Id);
            Assert.Equal((ea.Action, ea.On, ea.ToStatus, ea.OrganisationId, ea.IsPublic), (eb.Action, eb.On, eb.ToStatus, eb.OrganisationId, eb.IsPublic));
            using var da = JsonDocument.Parse(ea.Detail!);
            using var dbDetail = JsonDocument.Parse(eb.Detail!);
            Assert.Equal(da.RootElement.GetProperty("due").GetString(), dbDetail.RootElement.GetProperty("due").GetString());
            Assert.Equal(da.RootElement.GetProperty("explanation").GetRawText(), dbDetail.RootElement.GetProperty("explanation").GetRawText());
            var repeatsA = da.RootElement.GetProperty("repeats").EnumerateArray().Select(r => oneByOne.IndexOf(r.GetInt64())).ToList();
            var repeatsB = dbDetail.RootElement.GetProperty("repeats").EnumerateArray().Select(r => imported.IndexOf(r.GetInt64())).ToList();
            Assert.DoesNotContain(-1, repeatsA);
            Assert.Equal(repeatsA, repeatsB);
            anyRepeat |= repeatsA.Count > 0;

            // Search entry, fingerprint and audit entry as the one-by-one path writes them.
            Assert.Equal((await db.PetitionSearchEntries.SingleAsync(s => s.PetitionId == a.Id)).Tokens, (await db.PetitionSearchEntries.SingleAsync(s => s.PetitionId == b.Id)).Tokens);
            Assert.Equal(await db.PetitionFingerprints.Where(f => f.PetitionId == a.Id).OrderBy(f => f.Band).Select(f => f.Hash).ToListAsync(),
                await db.PetitionFingerprints.Where(f => f.PetitionId == b.Id).OrderBy(f => f.Band).Select(f => f.Hash).ToListAsync());
            var idText = b.Id.ToString(CultureInfo.InvariantCulture);
            var audit = await db.AuditEntries.AsNoTracking().SingleAsync(x => x.Action == "petition.register" && x.EntityId == idText);
            Assert.Contains(b.CaseNumber, audit.After!, StringComparison.Ordinal);
            var aIdText = a.Id.ToString(CultureInfo.InvariantCulture);
            var auditA = await db.AuditEntries.AsNoTracking().SingleAsync(x => x.Action == "petition.register" && x.EntityId == aIdText);
            Assert.Equal((auditA.EntityType, auditA.UserId, auditA.UserName, auditA.Reason, auditA.Before, auditA.After!.Replace(a.CaseNumber, "#", StringComparison.Ordinal)),
                (audit.EntityType, audit.UserId, audit.UserName, audit.Reason, audit.Before, audit.After!.Replace(b.CaseNumber, "#", StringComparison.Ordinal)));
            // The text message with the case number and query code, one per case on both paths.
            var sa = await db.Notifications.AsNoTracking().SingleAsync(n => n.PetitionId == a.Id);
            var sb = await db.Notifications.AsNoTracking().SingleAsync(n => n.PetitionId == b.Id);
            Assert.Equal((sa.Kind, sa.Channel, sa.State, sa.Subject.Replace(a.CaseNumber, "#", StringComparison.Ordinal), personalData.Unprotect(sa.AddressProtected)),
                (sb.Kind, sb.Channel, sb.State, sb.Subject.Replace(b.CaseNumber, "#", StringComparison.Ordinal), personalData.Unprotect(sb.AddressProtected)));
            Assert.Contains(b.CaseNumber, personalData.Unprotect(sb.Text)!, StringComparison.Ordinal);
        }
        // The plan has repeats by person and by content, within the batch.
        Assert.True(anyRepeat);
    }

    [Fact]
    public async Task A_bad_row_is_reported_with_its_line_and_the_good_rows_of_its_batch_are_kept()
    {
        var salt = Guid.NewGuid().ToString("N")[..8];
        var bureau = await app.OrganisationAsync("山西省信访局");
        var csv = new StringBuilder("external_id,name,phone,issue_locality,purpose,summary,content,received_on\n");
        csv.Append(CultureInfo.InvariantCulture, $"bad-{salt}-1,张三,13900000001,{Locality},求决,反映问题,\"{ContentOf(4, salt + "0")}\",2026-09-01\n");
        csv.Append(CultureInfo.InvariantCulture, $"bad-{salt}-2,李四,13900000002,999999000000,求决,反映问题,\"{ContentOf(4, salt + "1")}\",2026-09-01\n");
        csv.Append(CultureInfo.InvariantCulture, $"bad-{salt}-3,王五,13900000003,{Locality},求决,反映问题,\"{ContentOf(4, salt + "2")}\",2030-01-01\n");
        csv.Append(CultureInfo.InvariantCulture, $"bad-{salt}-4,赵六,13900000004,{Locality},求决,反映问题,\"{ContentOf(4, salt + "3")}\",2026-09-02\n");
        var path = Path.Combine(Path.GetTempPath(), $"import-bad-{salt}.csv");
        await File.WriteAllTextAsync(path, csv.ToString());
        try
        {
            var report = await PetitionImport.ImportAsync(path, Channel.GovernorMailbox, bureau.Id, app.Services, CancellationToken.None);
            Assert.Equal(2, report.Created);
            Assert.Equal([3, 4], report.Errors.Select(e => e.Line));
            Assert.All(report.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Reason)));
        }
        finally
        {
            File.Delete(path);
        }
        await using var db = app.NewContext();
        var written = await db.Petitions.Where(p => p.ExternalId!.StartsWith("bad-" + salt)).Select(p => new { p.Id, p.ExternalId }).ToListAsync();
        Assert.Equal([$"bad-{salt}-1", $"bad-{salt}-4"], written.Select(w => w.ExternalId).Order());
        var ids = written.Select(w => w.Id).ToList();
        Assert.Equal(2, await db.PetitionEvents.CountAsync(e => ids.Contains(e.PetitionId)));
        Assert.Equal(2, await db.PetitionSearchEntries.CountAsync(s => ids.Contains(s.PetitionId)));
    }

    [Fact]
    public async Task Concurrent_submissions_through_the_write_queue_each_get_their_own_case_after_the_commit()
    {
        var bureau = await app.OrganisationAsync("山西省信访局");
        using var mailbox = await app.TokenClientAsync(bureau.Id, Channel.GovernorMailbox, "省长信箱批量");

        var salt = Guid.NewGuid().ToString("N")[..8];
        const int count = 48;
        var responses = await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            var body = new
            {
                channel = "GovernorMailbox", purpose = "Request", issueLocalityCode = i == 7 ? "999999000000" : Locality,
                summary = "反映问题" + i, content = ContentOf(4, salt + i),
                receivedOn = i == 9 ? "2030-01-01" : "2026-09-15",
                petitioner = new { name = "信访人" + i, phone = Phone(salt, i % 10) },
                externalId = $"q-{salt}-{i}",
            };
            using var response = await mailbox.PostAsJsonAsync("/api/integration/petitions", body);
            return (i, response.StatusCode, Body: await response.Content.ReadFromJsonAsync<JsonElement>());
        }));

        // An unknown division is found in the group and answered alone; a date in the future before queueing.
        Assert.Equal(HttpStatusCode.BadRequest, responses.Single(r => r.i == 7).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, responses.Single(r => r.i == 9).StatusCode);
        var good = responses.Where(r => r.i is not 7 and not 9).ToList();
        Assert.All(good, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var numbers = good.Select(r => r.Body.GetProperty("caseNumber").GetString()!).ToList();
        Assert.Equal(numbers.Count, numbers.Distinct().Count());

        await using var db = app.NewContext();
        foreach (var (i, _, body) in good)
        {
            var id = body.GetProperty("id").GetInt64();
            var row = await db.Petitions.AsNoTracking().SingleAsync(p => p.Id == id);
            Assert.Equal(body.GetProperty("caseNumber").GetString(), row.CaseNumber);
            Assert.Equal("XF20260916" + id.ToString("D7", CultureInfo.InvariantCulture), row.CaseNumber);
            Assert.Equal($"q-{salt}-{i}", row.ExternalId);
            Assert.Equal(PetitionConventions.HashQueryCode(body.GetProperty("queryCode").GetString()!), row.QueryCodeHash);
            Assert.Equal("2026-10-01", body.GetProperty("transferDueOn").GetString());
            Assert.Equal("register", (await db.PetitionEvents.SingleAsync(e => e.PetitionId == id)).Action);
            Assert.True(await db.PetitionSearchEntries.AnyAsync(s => s.PetitionId == id));
        }
        Assert.False(await db.Petitions.AnyAsync(p => p.ExternalId == $"q-{salt}-7" || p.ExternalId == $"q-{salt}-9"));
    }

    /// <summary>
    /// One letter sent by many at once: the write queue registers them in several groups, and each petition still names
    /// the copies registered before it, the newest
    /// <see cref="RepeatFinder.MaxResults"/>, as one by one — whichever group they fell in.
    /// </summary>
    [Fact]
    public async Task Copies_of_one_letter_through_the_write_queue_each_name_the_copies_registered_before_them()
    {
        var bureau = await app.OrganisationAsync("山西省信访局");
        using var mailbox = await app.TokenClientAsync(bureau.Id, Channel.GovernorMailbox, "省长信箱联名");

        var salt = Guid.NewGuid().ToString("N")[..8];
        var content = "编号" + salt + "：我们是开发区" + salt + "号地块的拆迁户，安置房交付已经推迟两年，过渡费从今年一月起停发，开发商和管委会互相推诿，请求上级部门督促按协议交房并补发过渡费。";
        var answered = new List<(long Id, long[] Repeats)>();
        for (var wave = 0; wave < 3; wave++)
        {
            answered.AddRange(await Task.WhenAll(Enumerable.Range(0, 24).Select(async i =>
            {
                var body = new
                {
                    channel = "GovernorMailbox", purpose = "Request", issueLocalityCode = Locality, summary = "安置房交付推迟", content,
                    receivedOn = "2026-09-15", petitioner = new { name = "联名人" + wave + "-" + i, phone = Phone(salt, wave * 24 + i) },
                    externalId = $"c-{salt}-{wave}-{i}",
                };
                using var response = await mailbox.PostAsJsonAsync("/api/integration/petitions", body);
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                var registered = await response.Content.ReadFromJsonAsync<JsonElement>();
                return (registered.GetProperty("id").GetInt64(),
                    registered.GetProperty("possibleRepeats").EnumerateArray().Select(h => h.GetProperty("petitionId").GetInt64()).ToArray());
            })));
        }

        var ids = answered.Select(a => a.Id).Order().ToList();
        foreach (var (id, repeats) in answered)
        {
            var expected = ids.Where(other => other < id).OrderDescending().Take(RepeatFinder.MaxResults).ToList();
            Assert.Equal(expected, repeats.Where(ids.Contains).ToList());
        }
    }
}

[Collection("sqlite")]
public sealed class SqliteBatchIntakeTests(SqliteClockApp app) : BatchIntakeTests(app), IClassFixture<SqliteClockApp>;

[Collection("postgres")]
public sealed class PostgresBatchIntakeTests(PostgresClockApp app) : BatchIntakeTests(app), IClassFixture<PostgresClockApp>;
