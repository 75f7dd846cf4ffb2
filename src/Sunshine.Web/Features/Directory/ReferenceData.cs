using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Domain.Calendar;
using Sunshine.Domain.Directory;

namespace Sunshine.Web.Features.Directory;

public sealed record FirstAdminCredentials(string UserName, string Password);

/// <summary>
/// Reference data loaded on first start, each part only when it is missing: Shanxi's divisions and organisations,
/// the 2018 content categories, the State Council holiday notices 2021–2026, the staff roles and the first administrator.
/// </summary>
public static class ReferenceData
{
    public const string ProvinceCode = "14";
    public const string AdminUserName = "admin";

    // Typical departments handling petitions at each level (province names use 厅 where the province does).
    private static readonly (string Province, string Local)[] Departments =
    [
        ("公安厅", "公安局"),
        ("人力资源和社会保障厅", "人力资源和社会保障局"),
        ("住房和城乡建设厅", "住房和城乡建设局"),
        ("自然资源厅", "自然资源局"),
        ("农业农村厅", "农业农村局"),
        ("教育厅", "教育局"),
        ("卫生健康委员会", "卫生健康局"),
        ("生态环境厅", "生态环境局"),
        ("民政厅", "民政局"),
        ("交通运输厅", "交通运输局"),
        ("市场监督管理局", "市场监督管理局"),
    ];

    public static async Task<FirstAdminCredentials?> SeedAsync(IServiceProvider services, ILogger logger, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SunshineDbContext>();
        var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();

        if (!await db.Divisions.AnyAsync(ct))
        {
            var rows = LoadShippedDivisions();
            var organisations = await ImportDivisionsAsync(db, rows, ct);
            logger.LogInformation("Loaded {Divisions} divisions and {Organisations} organisations", rows.Count, organisations);
        }
        if (!await db.Categories.AnyAsync(ct))
        {
            await SeedCategoriesAsync(db, ct);
        }
        await Sunshine.Web.Features.Disclosure.Catalogue.CatalogueColumns.SeedAsync(db, ct);
        if (!await db.HolidayNotices.AnyAsync(ct))
        {
            db.CalendarDays.AddRange(ShippedHolidayNotices.Entries.Select(e => new CalendarDay { Date = e.Date, Kind = e.Kind, Note = e.Note }));
            db.HolidayNotices.AddRange(ShippedHolidayNotices.Years.Select(y => new HolidayNotice
            {
                Year = y,
                Source = $"国务院办公厅关于{y}年部分节假日安排的通知",
                LoadedAt = time.GetUtcNow().UtcDateTime,
            }));
            await db.SaveChangesAsync(ct);
        }

        await Sunshine.Web.Features.Petitions.Notices.NoticeEndpoints.SeedAsync(db, time, ct);
        await Sunshine.Web.Features.LegalGuide.LegalRouteSeed.SeedAsync(db, ct);

        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in StaffRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
                Check(await roles.CreateAsync(new IdentityRole(role)));
        }

        if (await db.Users.AnyAsync(ct)) return null;
        var bureau = await db.Organisations.SingleAsync(o => o.Kind == OrganisationKind.PetitionBureau && o.DivisionCode == ProvinceCode + "0000000000", ct);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var password = NewPassword();
        var admin = new StaffUser
        {
            UserName = AdminUserName,
            DisplayName = "系统管理员",
            OrganisationId = bureau.Id,
            IncludeSubordinates = true,
            MustChangePassword = true,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        Check(await users.CreateAsync(admin, password));
        Check(await users.AddToRolesAsync(admin, [StaffRoles.Administrator, StaffRoles.BureauLeader]));
        return new FirstAdminCredentials(AdminUserName, password);
    }

    public static IReadOnlyList<DivisionRow> LoadShippedDivisions()
    {
        using var stream = typeof(SunshineDbContext).Assembly.GetManifestResourceStream($"Sunshine.Data.Seed.divisions-{ProvinceCode}.csv")
            ?? throw new InvalidOperationException("The shipped division table is missing from the build.");
        using var reader = new StreamReader(stream);
        return DivisionCsv.Parse(reader);
    }

    /// <summary>
    /// Adds divisions that are not there yet and, for each, its organisations: a government, and at province, city and
    /// county level the Letters and Calls Bureau and typical departments. Returns how many organisations were added.
    /// </summary>
    public static async Task<int> ImportDivisionsAsync(SunshineDbContext db, IReadOnlyList<DivisionRow> rows, CancellationToken ct = default)
    {
        var known = (await db.Divisions.Select(d => d.Code).ToListAsync(ct)).ToHashSet();
        var fresh = rows.Where(r => !known.Contains(r.Code.Value)).OrderBy(r => r.Level).ThenBy(r => r.Code.Value).ToList();
        if (fresh.Count == 0) return 0;

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Divisions.AddRange(fresh.Select(r => new Division { Code = r.Code.Value, Name = r.Name, Level = r.Level, ParentCode = r.ParentCode?.Value }));
        await db.SaveChangesAsync(ct);

        var governments = await db.Organisations.Where(o => o.Kind == OrganisationKind.Government)
            .ToDictionaryAsync(o => o.DivisionCode, ct);
        var names = fresh.ToDictionary(r => r.Code.Value, r => r.Name);
        var added = new List<Organisation>();
        var order = 0;
        foreach (var level in fresh.GroupBy(r => r.Level).OrderBy(g => g.Key))
        {
            var created = new List<(Organisation Org, Organisation? Parent)>();
            foreach (var row in level)
            {
                if (row.Level > DivisionLevel.Township) continue;
                var parent = row.ParentCode is { } p && governments.TryGetValue(p.Value, out var g) ? g : null;
                var government = new Organisation
                {
                    Name = GovernmentName(row),
                    Kind = OrganisationKind.Government,
                    DivisionCode = row.Code.Value,
                    ParentId = parent?.Id,
                    SortOrder = order++,
                };
                created.Add((government, parent));
                governments[row.Code.Value] = government;
            }
            db.Organisations.AddRange(created.Select(c => c.Org));
            await db.SaveChangesAsync(ct);
            foreach (var (org, parent) in created)
            {
                org.Path = (parent?.Path ?? "/") + org.Id + "/";
                org.ScopePath = org.Path;
            }

            var units = new List<Organisation>();
            foreach (var (government, _) in created.Where(c => LevelOf(c.Org) <= DivisionLevel.County))
            {
                var name = names[government.DivisionCode];
                var isProvince = LevelOf(government) == DivisionLevel.Province;
                units.Add(new Organisation { Name = name + "信访局", Kind = OrganisationKind.PetitionBureau, DivisionCode = government.DivisionCode, ParentId = government.Id, SortOrder = order++ });
                units.AddRange(Departments.Select(d => new Organisation
                {
                    Name = name + (isProvince ? d.Province : d.Local),
                    Kind = OrganisationKind.Department,
                    DivisionCode = government.DivisionCode,
                    ParentId = government.Id,
                    SortOrder = order++,
                }));
            }
            db.Organisations.AddRange(units);
            await db.SaveChangesAsync(ct);
            var byId = created.ToDictionary(c => c.Org.Id, c => c.Org);
            foreach (var unit in units)
            {
                var government = byId[unit.ParentId!.Value];
                unit.Path = government.Path + unit.Id + "/";
                // The bureau works for its government across the whole division (《信访工作条例》第十三条).
                unit.ScopePath = unit.Kind == OrganisationKind.PetitionBureau ? government.Path : unit.Path;
            }
            await db.SaveChangesAsync(ct);
            added.AddRange(created.Select(c => c.Org));
            added.AddRange(units);
        }
        await tx.CommitAsync(ct);
        return added.Count;
    }

    private static DivisionLevel LevelOf(Organisation o) => DivisionCode.Parse(o.DivisionCode).Level;

    private static string GovernmentName(DivisionRow row) =>
        row.Level == DivisionLevel.Township && row.Name.EndsWith("街道", StringComparison.Ordinal)
            ? row.Name + "办事处"
            : row.Name + "人民政府";

    private static async Task SeedCategoriesAsync(SunshineDbContext db, CancellationToken ct)
    {
        using var stream = typeof(SunshineDbContext).Assembly.GetManifestResourceStream("Sunshine.Data.Seed.categories-2018.csv")
            ?? throw new InvalidOperationException("The shipped category table is missing from the build.");
        using var reader = new StreamReader(stream);
        await reader.ReadLineAsync(ct);
        var pairs = new List<(string Top, string Sub)>();
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            var parts = line.Split(',');
            pairs.Add((parts[0], parts[1]));
        }
        var tops = pairs.Select(p => p.Top).Distinct().Select((name, i) => new Category { Name = name, Level = 1, Scheme = "2018", SortOrder = i }).ToList();
        db.Categories.AddRange(tops);
        await db.SaveChangesAsync(ct);
        var ids = tops.ToDictionary(t => t.Name, t => t.Id);
        db.Categories.AddRange(pairs.Select((p, i) => new Category { Name = p.Sub, Level = 2, ParentId = ids[p.Top], Scheme = "2018", SortOrder = i }));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A random password that meets the policy: 16 characters from an alphabet without look-alikes.</summary>
    public static string NewPassword()
    {
        const string lower = "abcdefghijkmnpqrstuvwxyz", upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", digits = "23456789";
        var all = lower + upper + digits;
        var chars = new char[16];
        for (var i = 0; i < chars.Length; i++) chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        chars[0] = upper[RandomNumberGenerator.GetInt32(upper.Length)];
        chars[1] = lower[RandomNumberGenerator.GetInt32(lower.Length)];
        chars[2] = digits[RandomNumberGenerator.GetInt32(digits.Length)];
        return new string(chars);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}
