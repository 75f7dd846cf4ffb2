using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Domain.Disclosure;
using Sunshine.Web.Features.Calendar;
using Sunshine.Web.Features.Disclosure.AnnualReports;
using Sunshine.Web.Features.Disclosure.Catalogue;
using Sunshine.Web.Features.Petitions.Intake;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Disclosure;

public sealed record DisclosureImportReport(int Rows, int Created, int Updated, int AlreadyThere, IReadOnlyList<ImportRowError> Errors);

/// <summary>
/// <c>sunshine import disclosure FILE</c>: catalogue items and Article 20 register figures from CSV, XLSX or JSON Lines
/// (docs/annual-report.md, "Import"), so a bureau can start mid-year or rebuild past reports. Each row is a catalogue
/// item or a register figure (column <c>record</c>, or guessed from the columns it fills). Bad rows are reported with
/// their line number and skipped; good rows are written one by one. Importing the same file again changes nothing:
/// an item is known by its organ and index number (or, without one, its title and date formed), a register figure by
/// organ, year, kind, title and 文号 — a figure whose value changed is updated.
/// </summary>
public static class DisclosureImport
{
    private static readonly Dictionary<string, string> Headers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["record"] = "record", ["记录类型"] = "record",
        ["organisation"] = "organisation", ["机关"] = "organisation", ["单位"] = "organisation",
        ["year"] = "year", ["年度"] = "year",
        ["kind"] = "kind", ["类别"] = "kind",
        ["value"] = "value", ["数量或金额"] = "value", ["数值"] = "value",
        ["title"] = "title", ["标题"] = "title", ["文件名称"] = "title",
        ["document_number"] = "document_number", ["文号"] = "document_number",
        ["column"] = "column", ["栏目"] = "column",
        ["index_number"] = "index_number", ["索引号"] = "index_number",
        ["subject"] = "subject", ["主题"] = "subject",
        ["formed_on"] = "formed_on", ["成文日期"] = "formed_on",
        ["published_on"] = "published_on", ["发布日期"] = "published_on",
        ["validity"] = "validity", ["有效性"] = "validity",
        ["outlet"] = "outlet", ["发布渠道"] = "outlet",
        ["body"] = "body", ["正文"] = "body",
    };

    public static async Task<DisclosureImportReport> ImportAsync(string path, IServiceProvider services, CancellationToken ct)
    {
        var rows = PetitionImport.Read(path).ToList();
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<SunshineDbContext>();
        var L = sp.GetRequiredService<IStringLocalizer<SharedResource>>();
        var time = sp.GetRequiredService<TimeProvider>();
        var configuration = sp.GetRequiredService<IConfiguration>();
        var organisations = await db.Organisations.AsNoTracking().Select(o => new { o.Id, o.Name, o.DivisionCode }).ToListAsync(ct);
        var byName = organisations.GroupBy(o => o.Name).Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single().Id, StringComparer.Ordinal);
        var divisions = organisations.ToDictionary(o => o.Id, o => o.DivisionCode);
        var columns = (await db.CatalogueColumns.AsNoTracking().Where(c => c.IsActive).OrderBy(c => c.Id).ToListAsync(ct))
            .GroupBy(c => c.Name).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var calendar = await CalendarEndpoints.LoadAsync(db, ct);
        var today = ChinaTime.Today(time);
        var errors = new List<ImportRowError>();
        int created = 0, updated = 0, known = 0;

        foreach (var (line, raw) in rows)
        {
            if (raw.TryGetValue("__error", out var jsonError))
            {
                errors.Add(new(line, "JSON: " + jsonError));
                continue;
            }
            var v = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var (key, value) in raw)
                if (Headers.TryGetValue(key.Trim(), out var name)) v[name] = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
            if (v.Values.All(x => x is null)) continue;
            var organ = v.GetValueOrDefault("organisation") ?? "";
            int? organisationId = int.TryParse(organ, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && divisions.ContainsKey(id) ? id
                : byName.TryGetValue(organ, out var named) ? named : null;
            var record = v.GetValueOrDefault("record")?.ToLowerInvariant() switch
            {
                "item" or "目录" or "目录信息" => "item",
                "register" or "登记" or "登记数据" => "register",
                null => v.ContainsKey("kind") ? "register" : v.ContainsKey("column") ? "item" : null,
                _ => null,
            };
            var problems = new Problems(L);
            if (organisationId is null) problems.Add("organisationId", "Report.ErrorOrganisation");
            string outcome;
            if (record == "register")
            {
                var entry = RegisterEndpoints.Validate(new SaveRegisterEntry(organisationId ?? 0,
                    int.TryParse(v.GetValueOrDefault("year"), NumberStyles.None, CultureInfo.InvariantCulture, out var year) ? year : null,
                    v.GetValueOrDefault("kind"), v.GetValueOrDefault("value"), v.GetValueOrDefault("title"), v.GetValueOrDefault("document_number")), problems, L, today);
                if (problems.Any || entry is null)
                {
                    errors.Add(new(line, string.Join(" ", Problems.Messages(problems.ToResult()))));
                    continue;
                }
                outcome = await SaveRegisterAsync(db, entry, time, ct);
            }
            else if (record == "item")
            {
                var item = ValidateItem(v, organisationId, columns, divisions, calendar, problems, today);
                if (problems.Any || item is null)
                {
                    errors.Add(new(line, string.Join(" ", Problems.Messages(problems.ToResult()))));
                    continue;
                }
                outcome = await SaveItemAsync(db, item.Value, DisclosureItems.PatternOf(configuration), divisions[item.Value.Item.OrganisationId], time, ct);
            }
            else
            {
                errors.Add(new(line, L["Disclosure.ImportRecordKind"]));
                continue;
            }
            if (outcome == "created") created++;
            else if (outcome == "updated") updated++;
            else known++;
        }
        if (created + updated > 0)
        {
            sp.GetRequiredService<Audit>().Record(null, "disclosure.import", "DisclosureImport", Path.GetFileName(path), after: new { rows = rows.Count, created, updated, known, errors = errors.Count });
            await db.SaveChangesAsync(ct);
        }
        return new DisclosureImportReport(rows.Count, created, updated, known, errors);
    }

    private static async Task<string> SaveRegisterAsync(SunshineDbContext db, RegisterEntry entry, TimeProvider time, CancellationToken ct)
    {
        var existing = await db.RegisterEntries.FirstOrDefaultAsync(e => e.OrganisationId == entry.OrganisationId && e.Year == entry.Year && e.Kind == entry.Kind
            && e.Title == entry.Title && e.DocumentNumber == entry.DocumentNumber, ct);
        if (existing is not null)
        {
            if (existing.Value == entry.Value) return "known";
            existing.Value = entry.Value;
            await db.SaveChangesAsync(ct);
            return "updated";
        }
        entry.CreatedAt = time.GetUtcNow().UtcDateTime;
        entry.CreatedBy = "import";
        db.RegisterEntries.Add(entry);
        await db.SaveChangesAsync(ct);
        return "created";
    }

    private readonly record struct ImportedItem(DisclosureItem Item, string ColumnName, string Outlet);

    private static ImportedItem? ValidateItem(Dictionary<string, string?> v, int? organisationId, Dictionary<string, CatalogueColumn> columns,
        Dictionary<int, string> divisions, Sunshine.Domain.Calendar.HolidayCalendar calendar, Problems problems, DateOnly today)
    {
        var title = v.GetValueOrDefault("title");
        problems.Text(title, "title", 256).Text(v.GetValueOrDefault("document_number"), "documentNumber", 64, required: false)
            .Text(v.GetValueOrDefault("subject"), "subject", 64, required: false).Text(v.GetValueOrDefault("index_number"), "indexNumber", 64, required: false);
        var column = v.GetValueOrDefault("column") is { } c && columns.TryGetValue(c, out var found) ? found : null;
        if (column is null) problems.Add("columnId", "Disclosure.ErrorColumn");
        problems.Date(v.GetValueOrDefault("formed_on"), "formedOn", out var formedOn);
        if (formedOn != default && (formedOn > today || formedOn.Year < 2000)) problems.Add("formedOn", "Disclosure.ErrorFormedOn");
        DateOnly? publishedOn = null;
        if (v.GetValueOrDefault("published_on") is { } published)
        {
            problems.Date(published, "publishedOn", out var p);
            if (p != default && (p > today || (formedOn != default && p < formedOn))) problems.Add("publishedOn", "Disclosure.ImportPublishedOn");
            publishedOn = p;
        }
        var validity = v.GetValueOrDefault("validity") switch
        {
            null or "有效" or "valid" or "Valid" => DisclosureValidity.Valid,
            "废止" or "失效" or "repealed" or "Repealed" => DisclosureValidity.Repealed,
            _ => (DisclosureValidity?)null,
        };
        if (validity is null) problems.Add("validity", "ErrorEnum", "validity");
        var outlet = v.GetValueOrDefault("outlet") switch
        {
            null or "网站" or "Website" => Outlets.StoredName(Outlet.Website),
            "微信公众号" or "WeChat" => Outlets.StoredName(Outlet.WeChat),
            "政务头条" or "Toutiao" => Outlets.StoredName(Outlet.Toutiao),
            _ => null,
        };
        if (outlet is null) problems.Add("outlet", "ErrorEnum", "outlet");
        // A body is optional for a historical record: the title stands in for it.
        var body = DisclosureHtml.Clean(v.GetValueOrDefault("body") ?? "<p>" + WebUtility.HtmlEncode(title ?? "") + "</p>");
        if (DisclosureHtml.IsEmpty(body)) problems.Missing("body");
        else problems.Text(body, "body", 200_000);
        if (problems.Any || organisationId is not { } organ) return null;
        var item = new DisclosureItem
        {
            OrganisationId = organ, ColumnId = column!.Id, Title = title!, Body = body, DocumentNumber = v.GetValueOrDefault("document_number"),
            Subject = v.GetValueOrDefault("subject"), IndexNumber = v.GetValueOrDefault("index_number"), FormedOn = formedOn, Validity = validity!.Value,
            // Timeliness as for items entered by hand: 20 工作日 from the day formed (《政府信息公开条例》第二十六条).
            DueOn = ProactiveTimeliness.DueOn(formedOn, divisions[organ], calendar).DueOn,
            PublishedOn = publishedOn, Status = publishedOn is null ? DisclosureItemStatus.Draft : DisclosureItemStatus.Published,
            CreatedBy = "import",
        };
        return new ImportedItem(item, column.Name, outlet!);
    }

    private static async Task<string> SaveItemAsync(SunshineDbContext db, ImportedItem imported, string pattern, string divisionCode, TimeProvider time, CancellationToken ct)
    {
        var item = imported.Item;
        var exists = item.IndexNumber is { } index
            ? await db.DisclosureItems.AnyAsync(i => i.OrganisationId == item.OrganisationId && i.IndexNumber == index, ct)
            : await db.DisclosureItems.AnyAsync(i => i.OrganisationId == item.OrganisationId && i.Title == item.Title && i.FormedOn == item.FormedOn, ct);
        if (exists) return "known";
        var now = time.GetUtcNow().UtcDateTime;
        item.CreatedAt = item.UpdatedAt = now;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (item.PublishedOn is { } publishedOn && item.IndexNumber is null)
        {
            // The organ's running number in the year of publication, as when an item is published in the console.
            var last = await db.DisclosureItems.Where(i => i.OrganisationId == item.OrganisationId && i.IndexYear == publishedOn.Year).MaxAsync(i => i.IndexSequence, ct) ?? 0;
            item.IndexYear = publishedOn.Year;
            item.IndexSequence = last + 1;
            item.IndexNumber = IndexNumberPattern.Format(pattern, divisionCode, item.OrganisationId, publishedOn.Year, last + 1);
        }
        db.DisclosureItems.Add(item);
        await db.SaveChangesAsync(ct);
        if (item.PublishedOn is { } on)
        {
            // One publication record, so the annual report counts the item on its outlet and column.
            db.Publications.Add(new Publication
            {
                DisclosureItemId = item.Id, IndexNumber = item.IndexNumber!, Title = item.Title, Column = imported.ColumnName, Outlet = imported.Outlet,
                OrganisationId = item.OrganisationId, DocumentNumber = item.DocumentNumber, FormedOn = item.FormedOn, PublishedOn = on, Body = item.Body,
                IsValid = item.Validity == DisclosureValidity.Valid,
            });
            await db.SaveChangesAsync(ct);
        }
        await transaction.CommitAsync(ct);
        return "created";
    }
}
