using Microsoft.EntityFrameworkCore;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Domain.Petitions;
using Sunshine.Web.Features.Petitions.Search;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Tests.Search;

/// <summary>Petitions written straight into the test database with their search entries and fingerprints.</summary>
internal static class SearchData
{
    public static Petition Petition(Organisation unit, string summary, string content, DateOnly? receivedOn = null, Channel channel = Channel.Letter,
        Purpose purpose = Purpose.Request, PetitionStatus status = PetitionStatus.Registered, int? categoryId = null, int? responsibleId = null,
        string? locality = null, byte[]? personKey = null) => new()
    {
        CaseNumber = "T" + Guid.NewGuid().ToString("N")[..20],
        QueryCodeHash = new byte[32],
        Channel = channel,
        Purpose = purpose,
        CategoryId = categoryId,
        IssueLocalityCode = locality ?? unit.DivisionCode,
        PetitionerName = "测试人",
        PersonKey = personKey,
        Summary = summary,
        Content = content,
        ReceivedOn = receivedOn ?? new DateOnly(2026, 3, 2),
        RegisteredOn = receivedOn ?? new DateOnly(2026, 3, 2),
        RegisteredAt = new DateTime(2026, 3, 2, 2, 0, 0, DateTimeKind.Utc),
        RegisteringOrganisationId = unit.Id,
        ResponsibleOrganisationId = responsibleId,
        Status = status,
        RuleSetCode = "xinfang-2022",
    };

    /// <summary>Saves the petitions in one SaveChanges, indexed before their ids exist (as intake may do).</summary>
    public static async Task<long[]> SaveAsync(TestApp app, params Petition[] petitions)
    {
        await using var db = app.NewContext();
        foreach (var p in petitions)
        {
            db.Petitions.Add(p);
            PetitionIndex.Add(db, p);
        }
        await db.SaveChangesAsync();
        return [.. petitions.Select(p => p.Id)];
    }

    /// <summary>A unique word for a test, so that tests sharing a database never see each other's petitions.</summary>
    public static string Marker() => "qa" + Guid.NewGuid().ToString("N")[..10];

    public static UserScope Scope(Organisation unit, bool includeSubordinates) =>
        new("test-user", "测试用户", unit.Id, unit.Path, unit.ScopePath, includeSubordinates, new HashSet<string>());

    public static async Task<IReadOnlyList<long>> IdsAsync(TestApp app, UserScope scope, PetitionQuery query)
    {
        await using var db = app.NewContext();
        return (await PetitionSearch.SearchAsync(db, scope, query, CancellationToken.None)).Ids;
    }

    public static PetitionQuery Text(string? text, int take = 50) => new(text, null, null, null, null, null, null, null, null, null, take);

    public static async Task<int> CategoryAsync(TestApp app, int level)
    {
        await using var db = app.NewContext();
        return await db.Categories.Where(c => c.Level == level).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
    }
}
