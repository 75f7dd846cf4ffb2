using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Sunshine.Domain.Petitions;
using Sunshine.Web.Features.Petitions.Search;
using static Sunshine.Web.Tests.Search.SearchData;

namespace Sunshine.Web.Tests.Search;

/// <summary>The search entry and fingerprint are written with the case, before or after its id exists, and can be rebuilt.</summary>
public abstract class PetitionIndexTests(TestApp app)
{
    private const string Content = "本人于2026年在小店区某建筑工地务工，包工头拖欠农民工工资共计十八万元，多次讨要无果，请求有关部门督促支付。";

    [Fact]
    public async Task Indexing_before_the_first_save_points_the_rows_at_the_generated_id()
    {
        var unit = await app.OrganisationAsync("小店区信访局");
        var marker = Marker();
        await using var db = app.NewContext();
        var first = Petition(unit, "反映拖欠工资问题 " + marker, Content);
        var second = Petition(unit, "反映拖欠工资问题 " + marker, Content + "再次反映。");
        PetitionIndex.Add(db, first);    // not yet in the context: added here
        db.Petitions.Add(second);
        PetitionIndex.Add(db, second);
        await db.SaveChangesAsync();

        Assert.True(first.Id > 0 && second.Id > 0);
        await using var check = app.NewContext();
        var entries = await check.PetitionSearchEntries.Where(e => e.PetitionId == first.Id || e.PetitionId == second.Id).ToListAsync();
        Assert.Equal(2, entries.Count);
        Assert.Contains(marker, entries.Single(e => e.PetitionId == first.Id).Tokens, StringComparison.Ordinal);
        Assert.Equal(ContentFingerprint.BandCount, await check.PetitionFingerprints.CountAsync(f => f.PetitionId == second.Id));
        Assert.Equal([second.Id, first.Id], await IdsAsync(app, Scope(unit, false), Text(marker)));
    }

    [Fact]
    public async Task Indexing_after_the_first_save_in_the_same_transaction_works_too()
    {
        var unit = await app.OrganisationAsync("小店区信访局");
        var marker = Marker();
        await using var db = app.NewContext();
        await using var tx = await db.Database.BeginTransactionAsync();
        var petition = Petition(unit, "反映拖欠工资问题 " + marker, Content);
        db.Petitions.Add(petition);
        await db.SaveChangesAsync();
        PetitionIndex.Add(db, petition);
        await db.SaveChangesAsync();
        await tx.CommitAsync();

        Assert.Equal([petition.Id], await IdsAsync(app, Scope(unit, false), Text("工资 " + marker)));
    }

    [Fact]
    public async Task Rebuild_indexes_every_petition_again()
    {
        var unit = await app.OrganisationAsync("小店区信访局");
        var marker = Marker();
        var ids = await SaveAsync(app, Petition(unit, "反映拖欠工资问题 " + marker, Content), Petition(unit, "短 " + marker, "请求解决"));
        await using (var db = app.NewContext())
        {
            // Petitions written without an index (as the demo generator and bulk imports do).
            db.Petitions.Add(Petition(unit, "反映拖欠工资问题 " + marker, Content));
            await db.SaveChangesAsync();
        }
        Assert.Equal(2, (await IdsAsync(app, Scope(unit, false), Text(marker))).Count);

        await using (var db = app.NewContext())
        {
            var total = await db.Petitions.CountAsync();
            Assert.Equal(total, await PetitionIndex.RebuildAsync(db, NullLogger.Instance, CancellationToken.None));
            Assert.Equal(total, await db.PetitionSearchEntries.CountAsync());
            // A text too short to fingerprint has a search entry but no bands.
            Assert.Equal(0, await db.PetitionFingerprints.CountAsync(f => f.PetitionId == ids[1]));
            Assert.Equal(ContentFingerprint.BandCount, await db.PetitionFingerprints.CountAsync(f => f.PetitionId == ids[0]));
        }
        Assert.Equal(3, (await IdsAsync(app, Scope(unit, false), Text(marker))).Count);
        Assert.Single(await IdsAsync(app, Scope(unit, false), Text("短 " + marker)));
    }
}

[Collection("sqlite")]
public sealed class SqlitePetitionIndexTests(SqliteApp app) : PetitionIndexTests(app), IClassFixture<SqliteApp>;

[Collection("postgres")]
public sealed class PostgresPetitionIndexTests(PostgresApp app) : PetitionIndexTests(app), IClassFixture<PostgresApp>;
