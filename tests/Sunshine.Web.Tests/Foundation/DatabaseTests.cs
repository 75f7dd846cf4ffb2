using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Sunshine.Data.Postgres;
using Sunshine.Domain.Calendar;
using Sunshine.Domain.Directory;
using Sunshine.Web.Features.Directory;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Tests.Foundation;

/// <summary>Both databases: migrations in step with the model, applied from empty, and the reference data they hold.</summary>
public abstract class DatabaseTests(TestApp app)
{
    [Fact]
    public async Task Model_has_no_changes_missing_from_the_migrations()
    {
        await using var db = app.NewContext();
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model changed without a {app.Provider} migration: run tools/add-migration.sh NAME.");
    }

    [Fact]
    public async Task Every_migration_was_applied_to_the_empty_database()
    {
        await using var db = app.NewContext();
        var all = db.Database.GetMigrations().ToList();
        var applied = (await db.Database.GetAppliedMigrationsAsync()).ToList();
        Assert.NotEmpty(all);
        Assert.Equal(all, applied);
    }

    [Fact]
    public async Task A_database_behind_the_code_is_refused_without_auto_migration()
    {
        await using var empty = await TestDatabase.CreateAsync(app.Provider);
        await using var db = empty.NewContext();
        var error = await Assert.ThrowsAsync<PendingMigrationsException>(() => Database.EnsureCurrentAsync(db, autoMigrate: false));
        Assert.Contains("sunshine migrate", error.Message, StringComparison.Ordinal);
        Assert.Equal(db.Database.GetMigrations().Count(), error.Pending.Count);
    }

    [Fact]
    public async Task Reference_data_holds_Shanxi_categories_calendar_and_roles()
    {
        await using var db = app.NewContext();
        var cities = await db.Divisions.Where(d => d.Level == DivisionLevel.City).Select(d => d.Name).ToListAsync();
        Assert.Equal(11, cities.Count);
        Assert.Contains("太原市", cities);
        Assert.Contains("运城市", cities);
        Assert.Equal(19, await db.Categories.CountAsync(c => c.Level == 1));
        Assert.Equal(155, await db.Categories.CountAsync(c => c.Level == 2));
        Assert.Equal(ShippedHolidayNotices.Entries.Count, await db.CalendarDays.CountAsync());
        Assert.Equal([2021, 2022, 2023, 2024, 2025, 2026], await db.HolidayNotices.OrderBy(n => n.Year).Select(n => n.Year).ToListAsync());
        Assert.Equal(StaffRoles.All.Order(), (await db.Roles.Select(r => r.Name!).ToListAsync()).Order());

        var bureau = await db.Organisations.SingleAsync(o => o.Name == "山西省信访局");
        var government = await db.Organisations.SingleAsync(o => o.Name == "山西省人民政府");
        Assert.Equal(OrganisationKind.PetitionBureau, bureau.Kind);
        Assert.Equal(government.Path, bureau.ScopePath);
        var county = await db.Organisations.SingleAsync(o => o.Name == "小店区人民政府");
        Assert.StartsWith(government.Path, county.Path, StringComparison.Ordinal);
        Assert.True(await db.Organisations.AnyAsync(o => o.Name == "小店区信访局" && o.ParentId == county.Id));
        Assert.True(await db.Organisations.AnyAsync(o => o.Name == "山西省公安厅"));
        Assert.True(await db.Organisations.AnyAsync(o => o.Name == "太原市公安局"));
    }

    [Fact]
    public async Task Seeding_again_adds_nothing_and_creates_no_second_administrator()
    {
        await using var before = app.NewContext();
        var organisations = await before.Organisations.CountAsync();
        var credentials = await ReferenceData.SeedAsync(app.Services, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        Assert.Null(credentials);
        await using var after = app.NewContext();
        Assert.Equal(organisations, await after.Organisations.CountAsync());
        Assert.Equal(155 + 19, await after.Categories.CountAsync());
    }

    [Fact]
    public async Task Instants_are_stored_and_read_back_as_UTC_and_dates_as_dates()
    {
        await using var db = app.NewContext();
        var notice = await db.HolidayNotices.FirstAsync();
        Assert.Equal(DateTimeKind.Utc, notice.LoadedAt.Kind);
        var day = await db.CalendarDays.SingleAsync(d => d.Date == new DateOnly(2026, 2, 15));
        Assert.Equal(DayKind.PublicHoliday, day.Kind);
        Assert.Equal(1, await db.CalendarDays.CountAsync(d => d.Date > new DateOnly(2026, 2, 27) && d.Date < new DateOnly(2026, 3, 2)));
    }
}

[Collection("sqlite")]
public sealed class SqliteDatabaseTests(SqliteApp app) : DatabaseTests(app), IClassFixture<SqliteApp>;

[Collection("postgres")]
public sealed class PostgresDatabaseTests(PostgresApp app) : DatabaseTests(app), IClassFixture<PostgresApp>
{
    [Fact]
    public async Task The_main_pool_is_bounded_unless_the_connection_string_sets_its_own_bound_and_its_statements_are_not_compiled()
    {
        // The app's requests and its write queue take their connections from the bounded pool, with the JIT off.
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Sunshine.Data.SunshineDbContext>();
        Assert.Equal(PostgresProvider.DefaultMaxPoolSize, new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()).MaxPoolSize);
        Assert.Equal(8, PostgresProvider.DefaultMaxPoolSize);
        Assert.Equal(["off"], await db.Database.SqlQueryRaw<string>("SELECT current_setting('jit') AS \"Value\"").ToListAsync());

        NpgsqlConnectionStringBuilder Main(string connectionString) => new(PostgresProvider.MainPool(connectionString));
        // A bound the operator set is kept, under either of its names, larger or smaller.
        Assert.Equal(40, Main("Host=db;Maximum Pool Size=40").MaxPoolSize);
        Assert.Equal(40, Main("Host=db;MaxPoolSize=40").MaxPoolSize);
        Assert.Equal(2, Main("Host=db;Maximum Pool Size=2").MaxPoolSize);
        // A minimum above the default bound comes down to it, or the pool would refuse to open.
        Assert.Equal(8, Main("Host=db;Minimum Pool Size=20").MinPoolSize);
        // The operator's own server options stay, after the app's, so theirs win.
        Assert.Equal("-c jit=off -c work_mem=64MB", Main("Host=db;Options=-c work_mem=64MB").Options);
        // The public pool starts from the same settings.
        Assert.StartsWith("-c jit=off", new NpgsqlConnectionStringBuilder(PostgresProvider.ForPublicReads("Host=db")).Options, StringComparison.Ordinal);
    }
}
