using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
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
/// is drafted from them, as when a disclosure officer creates a report. HTML is the portal's own markup of a report
/// (<see cref="ReportArticle"/>) in a standalone page.
/// </summary>
public static class AnnualReportFile
{
    public static readonly IReadOnlyList<string> Formats = ["html", "docx", "xlsx", "json"];

    public static async Task<(byte[] Content, AnnualReport Report)> RenderAsync(SunshineDbContext db, int year, int organisationId, bool region, string? template,
        string format, IServiceProvider services, CancellationToken ct)
    {
        var time = services.GetRequiredService<TimeProvider>();
        if (!Formats.Contains(format)) throw new ArgumentException($"--format must be one of {string.Join(", ", Formats)}.");
        var today = ChinaTime.Today(time);
        if (year < 2008 || year >= today.Year) throw new ArgumentException($"--year must be a year that has ended, from 2008 to {today.Year - 1}.");
        var organisation = await db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == organisationId, ct)
            ?? throw new ArgumentException($"There is no organisation {organisationId}.");
        var chosen = ReportFormats.DefaultFor(year);
        if (template is not null && !ReportFormats.TryParse(template, out chosen)) throw new ArgumentException("--template must be 2019 or 2021.");
        var report = await db.AnnualReports.AsNoTracking().SingleOrDefaultAsync(r => r.OrganisationId == organisationId && r.Year == year && r.Region == region, ct);
        ReportTables? computed = null;
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
            // The tables section 一 was drafted from are the file's tables: the records are gathered once.
            computed = data.Tables;
        }
        else if (template is not null && report.TablesJson is null)
        {
            report.Format = ReportFormats.Code(chosen);
        }
        var tables = computed ?? (await ReportData.TablesAndChecksAsync(db, report, ct)).Tables;
        var content = format switch
        {
            "xlsx" => ReportDocuments.ToXlsx(tables),
            "json" => JsonSerializer.SerializeToUtf8Bytes(Json(report, tables), JsonOptions),
            "html" => System.Text.Encoding.UTF8.GetBytes(await HtmlAsync(services, report, organisation.Name, tables)),
            _ => ReportDocuments.ToDocx(report, organisation.Name, tables),
        };
        return (content, report);
    }

    /// <summary>The report as one HTML page: the portal's article and the portal's table styles, nothing to fetch.</summary>
    public static async Task<string> HtmlAsync(IServiceProvider services, AnnualReport report, string organisation, ReportTables tables)
    {
        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        var article = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(ReportArticle.Report)] = report, [nameof(ReportArticle.Organisation)] = organisation, [nameof(ReportArticle.Tables)] = tables,
            });
            return (await renderer.RenderComponentAsync<ReportArticle>(parameters)).ToHtmlString();
        });
        return $$"""
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{WebUtility.HtmlEncode(report.Title)}}</title>
            <style>
            body { font-family: "FangSong", "仿宋", "SimSun", serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.7; }
            h1 { font-family: "SimHei", "黑体", sans-serif; text-align: center; }
            .report-tables { overflow-x: auto; }
            .report-table { border-collapse: collapse; margin: .5rem 0 1.25rem; font-size: .95rem; }
            .report-table caption { text-align: left; font-weight: 700; padding: .25rem 0; }
            .report-table th, .report-table td { border: 1px solid #555; padding: .25rem .5rem; text-align: center; }
            .report-table th[scope="row"] { text-align: left; font-weight: 400; }
            .report-body p { text-indent: 2em; margin: .4rem 0; }
            .report-body p.right { text-align: right; text-indent: 0; }
            </style>
            </head>
            <body>
            {{article}}
            </body>
            </html>

            """;
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true };

    /// <summary>The JSON form, the same as the console's download: every cell under its stable key.</summary>
    public static object Json(AnnualReport report, ReportTables tables) =>
        new { report.Year, report.Format, report.Title, report.Status, cells = ReportTemplates.Flatten(tables.All), fees = Money.Yuan(tables.FeesFen) };
}
