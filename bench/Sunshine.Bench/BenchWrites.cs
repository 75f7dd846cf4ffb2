using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Sunshine.Data;
using Sunshine.Data.Entities;

namespace Sunshine.Bench;

/// <summary>
/// What the bench writes through the app — the file import, the API intake, the repeat check's labelled set, the portal's
/// online petitions — and removes again after each of those scenarios, so that every later scenario and every later run
/// measures the generated data alone. Before this, each run's petitions stayed: by session 13 the 1M PostgreSQL database
/// held 1.25M petitions, 92,089 of them received on the day of the run, which the assessment counted live and the
/// planner's estimates followed.
/// </summary>
internal static class BenchWrites
{
    /// <summary>The last row of each table that was there before the bench wrote; everything after it is the bench's.</summary>
    internal sealed record Mark(long Petition, long Audit, long Notification);

    /// <summary>
    /// The generated petitions are the first <paramref name="generated"/> by id (the demo loader writes them before anything
    /// else). What an earlier run left above them — a run from before this removal existed, or one stopped midway — is
    /// removed here, with its audit entries, notifications, bench users and API tokens.
    /// </summary>
    public static async Task<Mark> RemoveLeftoversAsync(IServiceProvider services, int generated, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SunshineDbContext>();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        var last = await db.Petitions.OrderBy(p => p.Id).Skip(generated - 1).Select(p => p.Id).FirstAsync(ct);
        // An audit entry names its petition by id as text: a longer number, or an equally long one that sorts after, is larger.
        var text = last.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var audits = await db.AuditEntries.Where(a => a.EntityType == nameof(Petition)
            && (a.EntityId.Length > text.Length || (a.EntityId.Length == text.Length && a.EntityId.CompareTo(text) > 0))).ExecuteDeleteAsync(ct);
        var notifications = await db.Notifications.Where(n => n.PetitionId > last).ExecuteDeleteAsync(ct);
        var petitions = await RemovePetitionsAsync(db, last, ct);
        var tokens = await db.ApiTokens.Where(t => t.Name == TokenName).ExecuteDeleteAsync(ct);
        var users = await db.Users.Where(u => u.DisplayName == UserDisplayName).ExecuteDeleteAsync(ct);
        if (petitions + audits + notifications + tokens + users > 0)
            Console.WriteLine($"removed what earlier runs left: {petitions:N0} petitions above id {last:N0}, {audits:N0} audit entries, {notifications:N0} notifications, {tokens} API tokens, {users} users");
        return new Mark(last, await MaxAsync(db.AuditEntries.Select(a => a.Id), ct), await MaxAsync(db.Notifications.Select(n => n.Id), ct));
    }

    /// <summary>Removes every petition above the mark, the rows that hang on them, and the audit entries and notifications written since.</summary>
    public static async Task RemoveAsync(IServiceProvider services, Mark mark, string scenario, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SunshineDbContext>();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        var petitions = await RemovePetitionsAsync(db, mark.Petition, ct);
        var audits = await db.AuditEntries.Where(a => a.Id > mark.Audit).ExecuteDeleteAsync(ct);
        var notifications = await db.Notifications.Where(n => n.Id > mark.Notification).ExecuteDeleteAsync(ct);
        Console.WriteLine($"{scenario}: removed the {petitions:N0} petitions it wrote, {audits:N0} audit entries, {notifications:N0} notifications");
        if (db.Database.IsNpgsql() && petitions + audits + notifications > 0)
        {
            var vacuum = System.Diagnostics.Stopwatch.StartNew();
            await VacuumAsync(db, ct);
            Console.WriteLine(FormattableString.Invariant($"{scenario}: vacuumed the tables it removed from in {vacuum.Elapsed.TotalSeconds:F1} s"));
        }
    }

    /// <summary>
    /// PostgreSQL: every table the removal deletes from, vacuumed at once. Left to autovacuum, the dead rows of run after
    /// run added up until a worker took a table on in the middle of a later run's scenario: at 1M, a vacuum of the
    /// petitions for 17 s during an intake of 150/s, against 185–196/s without (session 19). The vacuum comes right
    /// after the removal, while no scenario runs. It does not analyse: the statistics change little with a few thousand
    /// rows, and an analysis of the search entries takes 23 s at 1M; autovacuum still analyses every few runs.
    /// </summary>
    private static async Task VacuumAsync(SunshineDbContext db, CancellationToken ct)
    {
        var petition = db.Model.FindEntityType(typeof(Petition))!;
        var tables = petition.GetReferencingForeignKeys().Select(k => k.DeclaringEntityType.GetTableName()!)
            .Append(petition.GetTableName()!).Append(db.Model.FindEntityType(typeof(AuditEntry))!.GetTableName()!)
            .Append(db.Model.FindEntityType(typeof(Notification))!.GetTableName()!).Distinct();
#pragma warning disable CA2100, EF1003 // table names from the EF model; VACUUM runs outside a transaction
        await db.Database.ExecuteSqlRawAsync("VACUUM " + string.Join(", ", tables.Select(t => "\"" + t + "\"")), ct);
#pragma warning restore CA2100, EF1003
    }

    /// <summary>The bench's API token and signed-in users, removed at the end of the run.</summary>
    public static async Task RemoveAccountsAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SunshineDbContext>();
        await db.ApiTokens.Where(t => t.Name == TokenName).ExecuteDeleteAsync(ct);
        await db.Users.Where(u => u.DisplayName == UserDisplayName).ExecuteDeleteAsync(ct);
    }

    public const string TokenName = "bench";
    public const string UserDisplayName = "基准测试";

    /// <summary>
    /// Every table with a foreign key to a petition, read from the model (events, hops, attachments, search entries,
    /// fingerprints, supervision, warnings…), is cleared above the mark first, then the petitions themselves. A bench
    /// petition may name another as its original; that link goes first.
    /// </summary>
    private static async Task<int> RemovePetitionsAsync(SunshineDbContext db, long last, CancellationToken ct)
    {
        if (!await db.Petitions.AnyAsync(p => p.Id > last, ct)) return 0;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Petitions.Where(p => p.Id > last && p.OriginalPetitionId > last).ExecuteUpdateAsync(s => s.SetProperty(p => p.OriginalPetitionId, (long?)null), ct);
        var petition = db.Model.FindEntityType(typeof(Petition))!;
        foreach (var key in petition.GetReferencingForeignKeys().Where(k => k.DeclaringEntityType != petition))
        {
            var table = key.DeclaringEntityType;
            var store = StoreObjectIdentifier.Table(table.GetTableName()!, table.GetSchema());
            var column = key.Properties.Single().GetColumnName(store);
#pragma warning disable CA2100, EF1002 // table and column names from the EF model; the mark is a parameter
            await db.Database.ExecuteSqlRawAsync($$"""DELETE FROM "{{table.GetTableName()}}" WHERE "{{column}}" > {0}""", [last], ct);
#pragma warning restore CA2100, EF1002
        }
        var petitions = await db.Petitions.Where(p => p.Id > last).ExecuteDeleteAsync(ct);
        await tx.CommitAsync(ct);
        return petitions;
    }

    private static async Task<long> MaxAsync(IQueryable<long> ids, CancellationToken ct) => await ids.Select(id => (long?)id).MaxAsync(ct) ?? 0;
}
