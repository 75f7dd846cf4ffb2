using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sunshine.Domain.Directory;
using Sunshine.Domain.Petitions;
using Sunshine.Web.Features.Petitions.Intake;
using Sunshine.Web.Features.Petitions.Search;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Tests.Search;

/// <summary>
/// Repeat hints name only cases the caller may see (WithinScope; accusations per Art. 30), whichever way the case is
/// registered — at the desk one by one, or through the integration API's group commit — now that the candidates are read
/// by key and the scope asked of each row.
/// </summary>
public abstract class RepeatHintScopeTests(TestApp app)
{
    // Each test its own petitioner and wording, so the hints of other tests in the same database do not mix in.
    private static object Letter(string phone, string summary, string? externalId = null) => new
    {
        channel = externalId is null ? "Letter" : "GovernorMailbox",
        purpose = "Request",
        issueLocalityCode = "140105000000",
        summary,
        content = summary + "。本人在小区楼下的排水管道多次堵塞外溢，物业和社区均未处理，气味严重影响居民生活，请求有关部门督促维修。",
        receivedOn = "2026-09-15",
        petitioner = new { name = "赵明", phone },
        headCount = 1,
        externalId,
    };

    // The phone is the person key when no ID number is given; a fresh one per test.
    private static string Phone() => "139" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task<HttpClient> RegistrarAsync(string unit)
    {
        var organisation = await app.OrganisationAsync(unit);
        var (user, password) = await app.CreateUserAsync(organisation.Id, false, StaffRoles.Registrar);
        return await app.SignedInClientAsync(user, password);
    }

    private async Task<HttpClient> MailboxAsync(string unit) =>
        await app.TokenClientAsync((await app.OrganisationAsync(unit)).Id, Channel.GovernorMailbox, "信箱");

    private static async Task<(long Id, List<long> Hints)> RegisterAsync(HttpClient client, string path, object letter)
    {
        var response = await client.PostAsJsonAsync(path, letter);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("id").GetInt64(), body.GetProperty("possibleRepeats").EnumerateArray().Select(h => h.GetProperty("petitionId").GetInt64()).ToList());
    }

    [Fact]
    public async Task A_desk_registration_is_not_told_of_the_same_letter_registered_by_another_county()
    {
        var person = Phone();
        var summary = "反映小区排水管道堵塞外溢" + Guid.NewGuid().ToString("N")[..4];
        using var xiaodian = await RegistrarAsync("小店区信访局");
        using var yingze = await RegistrarAsync("迎泽区信访局");
        var (first, _) = await RegisterAsync(xiaodian, "/api/petitions", Letter(person, summary));

        // 迎泽区 registers the same person's same letter: 小店区's case is outside its scope, so no hint names it.
        var (_, yingzeHints) = await RegisterAsync(yingze, "/api/petitions", Letter(person, "再次" + summary));
        Assert.DoesNotContain(first, yingzeHints);
        // The same letter again at 小店区 is told of it: the hint exists, it is only hidden from the other county.
        var (_, xiaodianHints) = await RegisterAsync(xiaodian, "/api/petitions", Letter(person, "再次" + summary));
        Assert.Contains(first, xiaodianHints);
    }

    [Fact]
    public async Task An_integration_token_is_not_told_of_a_case_outside_its_organisation_in_the_group_commit()
    {
        var person = Phone();
        var summary = "反映楼道排水管道堵塞外溢" + Guid.NewGuid().ToString("N")[..4];
        using var xiaodian = await RegistrarAsync("小店区信访局");
        var (first, _) = await RegisterAsync(xiaodian, "/api/petitions", Letter(person, summary));

        using var yingzeMailbox = await MailboxAsync("迎泽区信访局");
        var (_, yingzeHints) = await RegisterAsync(yingzeMailbox, "/api/integration/petitions", Letter(person, "再次" + summary, externalId: "YZ" + Guid.NewGuid().ToString("N")[..10]));
        Assert.DoesNotContain(first, yingzeHints);
        using var xiaodianMailbox = await MailboxAsync("小店区信访局");
        var (_, xiaodianHints) = await RegisterAsync(xiaodianMailbox, "/api/integration/petitions", Letter(person, "再次" + summary, externalId: "XD" + Guid.NewGuid().ToString("N")[..10]));
        Assert.Contains(first, xiaodianHints);
    }

    [Fact]
    public async Task Hints_keep_only_the_candidates_in_scope_and_never_an_accusation_against_the_caller()
    {
        var person = Phone();
        var summary = "反映单元排水管道堵塞外溢" + Guid.NewGuid().ToString("N")[..4];
        using var xiaodianDesk = await RegistrarAsync("小店区信访局");
        using var yingzeDesk = await RegistrarAsync("迎泽区信访局");
        var (own, _) = await RegisterAsync(xiaodianDesk, "/api/petitions", Letter(person, summary));
        var (accusing, _) = await RegisterAsync(xiaodianDesk, "/api/petitions", Letter(person, "另外" + summary));
        var (other, _) = await RegisterAsync(yingzeDesk, "/api/petitions", Letter(person, "又" + summary));

        var xiaodian = await app.OrganisationAsync("小店区信访局");
        var city = await app.OrganisationAsync("太原市信访局");
        await using var db = app.NewContext();
        // Made an accusation against 小店区信访局 itself: the accused unit never sees it, though it registered it (Art. 30).
        await db.Petitions.Where(p => p.Id == accusing)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Purpose, Sunshine.Domain.Petitions.Purpose.Accusation).SetProperty(p => p.AccusedOrganisationId, xiaodian.Id));
        var today = new DateOnly(2026, 9, 16);
        var found = new[] { own, accusing, other, long.MaxValue }
            .Select(id => new RepeatCandidate(id, "XF-" + id.ToString(System.Globalization.CultureInfo.InvariantCulture), today, "person", 0.9)).ToList();

        var county = new UserScope("u", "u", xiaodian.Id, xiaodian.Path, xiaodian.ScopePath, false, new HashSet<string> { StaffRoles.Registrar }) { AtBureau = true };
        var countyHints = await RepeatHints.ForAsync(db, county, found, today, CancellationToken.None);
        Assert.Equal([own], countyHints.Select(h => h.PetitionId));
        Assert.True(countyHints[0].StillInLimit);

        // The city bureau with its subordinates sees both counties' cases and the accusation against a county below it.
        var cityScope = new UserScope("c", "c", city.Id, city.Path, city.ScopePath, true, new HashSet<string> { StaffRoles.BureauLeader }) { AtBureau = true };
        var cityHints = await RepeatHints.ForAsync(db, cityScope, found, today, CancellationToken.None);
        Assert.Equal([own, accusing, other], cityHints.Select(h => h.PetitionId).Order());
        // No scope (the system itself) names every stored candidate, never one that does not exist.
        Assert.Equal(3, (await RepeatHints.ForAsync(db, null, found, today, CancellationToken.None)).Count);
    }
}

[Collection("sqlite")]
public sealed class SqliteRepeatHintScopeTests(SqliteClockApp app) : RepeatHintScopeTests(app), IClassFixture<SqliteClockApp>;

[Collection("postgres")]
public sealed class PostgresRepeatHintScopeTests(PostgresClockApp app) : RepeatHintScopeTests(app), IClassFixture<PostgresClockApp>;
