using System.Data;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Domain.Directory;
using Sunshine.Domain.Disclosure;
using Sunshine.Web.Features.Disclosure.AnnualReports;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Bench;

/// <summary>
/// The government information disclosure annual report (政府信息公开工作年度报告) of one organ for a year in which it
/// received 100,000 disclosure requests: the tables with their consistency checks (<c>ReportData.TablesAndChecksAsync</c>,
/// what the console shows) and the DOCX file (<c>AnnualReportFile.RenderAsync</c>, the code <c>sunshine report annual</c>
/// calls), beside a plain GROUP BY of the same rows by applicant type and outcome — the counts the tables are made of.
/// The requests are written first in one transaction with a prepared statement; rows of an earlier run are replaced.
/// On PostgreSQL the table is then vacuumed, as it would have been many times over the year.
/// </summary>
public static class ReportScenario
{
    public const int Requests = 100_000;

    // Marks the benchmark's rows, so a second run on the same database replaces them.
    private const string Prefix = "BENCH-AR-";

    public static async Task<List<Measurement>> RunAsync(IServiceProvider services, DatabaseProvider provider, int queries, CancellationToken ct)
    {
        var time = services.GetRequiredService<TimeProvider>();
        // A report covers a year that has ended; an organ that keeps no report of that year yet, so it is computed.
        var year = ChinaTime.Today(time).Year - 1;
        int organisation;
        double insertSeconds;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SunshineDbContext>();
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
            var reported = await db.AnnualReports.Where(r => r.Year == year && !r.Region).Select(r => r.OrganisationId).ToListAsync(ct);
            organisation = await db.Organisations.Where(o => o.Kind == OrganisationKind.PetitionBureau && !reported.Contains(o.Id))
                .OrderBy(o => o.Id).Select(o => o.Id).FirstAsync(ct);
            var watch = Stopwatch.StartNew();
            await InsertAsync(db, organisation, year, ct);
            insertSeconds = watch.Elapsed.TotalSeconds;
        }
        Console.WriteLine($"report: {Requests:N0} disclosure requests of {year} written in {insertSeconds:F1} s ({provider})");

        var repetitions = Math.Max(3, queries / 10);
        var rows = 0L;
        var plain = await BenchRun.TimeAsync(repetitions, async () =>
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SunshineDbContext>();
            rows = (await PlainAsync(db, organisation, year, ct)).Sum(g => g.Count);
        });
        var tables = await BenchRun.TimeAsync(repetitions, async () =>
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SunshineDbContext>();
            var draft = new AnnualReport
            {
                OrganisationId = organisation, Year = year, Format = ReportFormats.Code(ReportFormats.DefaultFor(year)), Status = AnnualReportEndpoints.Draft,
                Title = "", Overview = "", Problems = "", Other = "",
            };
            await ReportData.TablesAndChecksAsync(db, draft, ct);
        });
        var size = 0;
        var docx = await BenchRun.TimeAsync(repetitions, async () =>
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SunshineDbContext>();
            var (content, _) = await AnnualReportFile.RenderAsync(db, year, organisation, false, null, "docx", scope.ServiceProvider, ct);
            // A real Word file: an Office Open XML package is a ZIP archive.
            if (content.Length < 4 || content[0] != (byte)'P' || content[1] != (byte)'K') throw new InvalidOperationException("The annual report is not a DOCX file.");
            size = content.Length;
        });

        var baseline = "plain GROUP BY type, outcome";
        return
        [
            new Measurement($"annual report tables + checks, {rows:N0} requests of {year}", BenchRun.Median(tables), BenchRun.Percentile(tables, 0.95), 1000 / BenchRun.Median(tables), repetitions,
                baseline, BenchRun.Median(plain), 1000 / BenchRun.Median(plain), BenchRun.Median(tables) / BenchRun.Median(plain), $"target 1000 ms; written in {insertSeconds:F1} s"),
            new Measurement($"annual report DOCX ({size / 1024} KB), same year", BenchRun.Median(docx), BenchRun.Percentile(docx, 0.95), 1000 / BenchRun.Median(docx), repetitions,
                baseline, BenchRun.Median(plain), 1000 / BenchRun.Median(plain), BenchRun.Median(docx) / BenchRun.Median(plain), "target 2000 ms"),
        ];
    }

    private sealed record RequestGroup(string Type, string? Outcome, long Count, long Fees);

    /// <summary>The counts the report is made of, straight from the rows: the requests of the year's scope by applicant type and outcome.</summary>
    private static Task<List<RequestGroup>> PlainAsync(SunshineDbContext db, int organisation, int year, CancellationToken ct)
    {
        var (start, end) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        return db.Database.SqlQuery<RequestGroup>($"""
            SELECT "ApplicantType" AS "Type", "Outcome" AS "Outcome", COUNT(*) AS "Count", CAST(SUM("FeeFen") AS BIGINT) AS "Fees"
            FROM "DisclosureRequests"
            WHERE "OrganisationId" = {organisation} AND "ReceivedOn" <= {end} AND ("ConcludedOn" IS NULL OR "ConcludedOn" >= {start})
            GROUP BY "ApplicantType", "Outcome"
            """).ToListAsync(ct);
    }

    /// <summary>
    /// 100,000 requests received over the year: most from natural persons, most answered within 1–30 days (some in the
    /// next year, carried over), 3 % still open, every outcome of table three, a fee charged now and then.
    /// </summary>
    private static async Task InsertAsync(SunshineDbContext db, int organisation, int year, CancellationToken ct)
    {
        await db.DisclosureRequests.Where(r => r.RequestNumber.StartsWith(Prefix)).ExecuteDeleteAsync(ct);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO "DisclosureRequests" ("RequestNumber", "OrganisationId", "ApplicantType", "ApplicantName", "Description", "ReceivedOn", "DueOn",
                    "ConcludedOn", "Outcome", "FeeFen", "Channel", "Status", "ArrivedOn", "AlreadyPublished", "Version")
                VALUES (@number, @organisation, @type, @name, @description, @received, @due, @concluded, @outcome, @fee, @channel, @status, @received, @published, 0)
                """;
            DbParameter Add(string name, DbType type)
            {
                var p = command.CreateParameter();
                p.ParameterName = name;
                p.DbType = type;
                command.Parameters.Add(p);
                return p;
            }
            var number = Add("@number", DbType.String);
            var org = Add("@organisation", DbType.Int32);
            var type = Add("@type", DbType.String);
            var name = Add("@name", DbType.String);
            var description = Add("@description", DbType.String);
            var received = Add("@received", DbType.Date);
            var due = Add("@due", DbType.Date);
            var concluded = Add("@concluded", DbType.Date);
            var outcome = Add("@outcome", DbType.String);
            var fee = Add("@fee", DbType.Int64);
            var channel = Add("@channel", DbType.Int32);
            var status = Add("@status", DbType.Int32);
            var published = Add("@published", DbType.Boolean);
            org.Value = organisation;
            name.Value = "基准测试申请人";
            await command.PrepareAsync(ct);

            var rng = new Random(year);
            var first = new DateOnly(year, 1, 1);
            var days = DateTime.IsLeapYear(year) ? 366 : 365;
            for (var i = 0; i < Requests; i++)
            {
                var on = first.AddDays(rng.Next(days));
                var open = rng.NextDouble() < 0.03;
                var answer = RequestOutcomes.All[rng.Next(RequestOutcomes.All.Count)];
                number.Value = Prefix + i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
                type.Value = rng.NextDouble() < 0.8 ? ApplicantTypes.NaturalPerson : ApplicantTypes.All[1 + rng.Next(ApplicantTypes.All.Count - 1)];
                description.Value = "申请公开本机关" + (2000 + i % 25) + "年度信访事项办理情况统计";
                received.Value = on;
                due.Value = on.AddDays(28);
                concluded.Value = open ? DBNull.Value : on.AddDays(1 + rng.Next(30));
                outcome.Value = open ? DBNull.Value : rng.NextDouble() < 0.5 ? RequestOutcomes.Disclosed : answer;
                fee.Value = !open && rng.NextDouble() < 0.01 ? 10_000L : 0L;
                channel.Value = (int)(rng.NextDouble() < 0.6 ? RequestChannel.Online : RequestChannel.InPerson);
                status.Value = (int)(open ? DisclosureRequestStatus.InProgress : DisclosureRequestStatus.Concluded);
                published.Value = false;
                await command.ExecuteNonQueryAsync(ct);
            }
            await transaction.CommitAsync(ct);
            // A year's requests arrive over a year, and autovacuum passes over them many times before the report is made in
            // January. Written in one burst and read at once, PostgreSQL would find the covering index's pages not yet
            // marked all-visible and read the table's rows as well (a busy host, session 11: 456–660 ms a report, 215–312 ms vacuumed).
            if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync("""VACUUM (ANALYZE) "DisclosureRequests" """, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
