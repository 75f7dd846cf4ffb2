using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Domain.Disclosure;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Disclosure.AnnualReports;

/// <summary>
/// <c>sunshine report annual</c>: the annual report of an organ (or its region) for a year as a file, from the same
/// builder as the console. When the organ already keeps a report for that year and scope, its edited sections (and,
/// once finalised, its frozen tables) are used; otherwise the tables are computed from the records now and section 一
/// is drafted from them, as when a disclosure officer creates a report.
/// </summary>
public static class AnnualReportFile
{
    public static readonly IReadOnlyList<string> Formats = ["docx", "xlsx", "json"];

    public static async Task<(byte[] Content, AnnualReport Report)> RenderAsync(SunshineDbContext db, int year, int organisationId, bool region, string? template,
        string format, TimeProvider time, CancellationToken ct)
    {
        if (!Formats.Contains(format)) throw new ArgumentException($"--format must be one of {string.Join(", ", Formats)}.");
        var today = ChinaTime.Today(time);
        if (year < 2008 || year >= today.Year) throw new ArgumentException($"--year must be a year that has ended, from 2008 to {today.Year - 1}.");
        var organisation = await db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == organisationId, ct)
            ?? throw new ArgumentException($"There is no organisation {organisationId}.");
        var chosen = ReportFormats.DefaultFor(year);
        if (template is not null && !ReportFormats.TryParse(template, out chosen)) throw new ArgumentException("--template must be 2019 or 2021.");
        var report = await db.AnnualReports.AsNoTracking().SingleOrDefaultAsync(r => r.OrganisationId == organisationId && r.Year == year && r.Region == region, ct);
        if (report is null)
        {
            report = new AnnualReport
            {
                OrganisationId = organisationId, Year = year, Region = region, Format = ReportFormats.Code(chosen), Status = AnnualReportEndpoints.Draft,
                Title = $"{organisation.Name}{year}年政府信息公开工作年度报告", Overview = "", Problems = "", Other = "", CreatedAt = time.GetUtcNow().UtcDateTime,
            };
            var data = await ReportData.GatherAsync(db, report, ct);
            var drafted = ReportDrafting.Draft(organisation.Name, region, data.Tables, data.Publications);
            (report.Overview, report.Problems, report.Other) = (drafted.Overview, drafted.Problems, drafted.Other);
        }
        else if (template is not null && report.TablesJson is null)
        {
            report.Format = ReportFormats.Code(chosen);
        }
        var (tables, _) = await ReportData.TablesAndChecksAsync(db, report, ct);
        var content = format switch
        {
            "xlsx" => ReportDocuments.ToXlsx(tables),
            "json" => JsonSerializer.SerializeToUtf8Bytes(Json(report, tables), JsonOptions),
            _ => ReportDocuments.ToDocx(report, organisation.Name, tables),
        };
        return (content, report);
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true };

    /// <summary>The JSON form, the same as the console's download: every cell under its stable key.</summary>
    public static object Json(AnnualReport report, ReportTables tables) =>
        new { report.Year, report.Format, report.Title, report.Status, cells = ReportTemplates.Flatten(tables.All), fees = Money.Yuan(tables.FeesFen) };
}
