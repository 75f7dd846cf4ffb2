using Microsoft.EntityFrameworkCore;
using Sunshine.Data;
using Sunshine.Web.Features.Demo;
using Sunshine.Web.Features.Directory;

namespace Sunshine.Web.Infrastructure;

/// <summary>What happens before the first request: schema check or migration, reference data, demo data on first start.</summary>
public static class Startup
{
    public static async Task<FirstAdminCredentials?> PrepareAsync(IServiceProvider services, IConfiguration configuration, ILogger logger, CancellationToken ct = default)
    {
        await using (var db = await services.GetRequiredService<IDbContextFactory<SunshineDbContext>>().CreateDbContextAsync(ct))
        {
            await Database.EnsureCurrentAsync(db, configuration.GetValue("Database:AutoMigrate", false), ct);
        }
        var credentials = await ReferenceData.SeedAsync(services, logger, ct);
        await Sunshine.Web.Features.PolicyLibrary.PolicyLibrarySeed.PrepareAsync(services, configuration, ct);
        // Load jieba's dictionaries (about 1 s) before the first request rather than during it.
        Sunshine.Data.Search.ChineseSegmenter.Initialize();

        var petitions = configuration.GetValue("Demo:Petitions", 0);
        if (petitions > 0)
        {
            await using var db = await services.GetRequiredService<IDbContextFactory<SunshineDbContext>>().CreateDbContextAsync(ct);
            if (!await db.Petitions.AnyAsync(ct))
            {
                var time = services.GetRequiredService<TimeProvider>();
                var options = new DemoOptions(petitions, configuration.GetValue("Demo:Seed", 20211231), ChinaTime.Today(time));
                logger.LogInformation("First start: generating {Petitions} demo petitions", petitions);
                var result = await DemoDataGenerator.GenerateAsync(db, services.GetRequiredService<PersonalData>(), options, logger, ct);
                var indexed = await Sunshine.Web.Features.Petitions.Search.PetitionIndex.RebuildAsync(db, logger, ct);
                logger.LogInformation("Demo data ready in {Seconds:F1} s; {Indexed} petitions indexed for search", result.Elapsed.TotalSeconds, indexed);
            }
        }
        return credentials;
    }
}
