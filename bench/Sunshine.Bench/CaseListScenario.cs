using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Domain.Calendar;
using Sunshine.Domain.Directory;
using Sunshine.Domain.Petitions;
using Sunshine.Web.Features.Petitions.Queues;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Bench;

/// <summary>
/// The staff case list (group <c>caselist</c>): a unit's in-handling queue with a status and a deadline-colour filter,
/// ordered by due date, first page of 50 with the queue's count, through <c>GET /api/petitions?queue=…</c> as an officer
/// of the unit with the most cases in handling of that colour. The baseline is the bare SQL of the same page and count on the same
/// index (responsible unit, status, due-date range), without scope or HTTP.
/// </summary>
public static partial class BenchRun
{
    private static async Task<List<Measurement>> CaseListAsync(IServiceProvider services, Uri address, int repetitions, CancellationToken ct)
    {
        var results = new List<Measurement>();
        var officers = new Dictionary<int, HttpClient>();
        foreach (var colour in new[] { DeadlineColour.Green, DeadlineColour.Yellow, DeadlineColour.Red })
        {
            // For each colour the unit with the most cases in handling of that colour, so that every list has a page to
            // show: the unit with the most cases overall had none yellow or red at 1M (session 11 measured empty lists).
            int? unit;
            string unitName = "";
            DueDateRange range;
            await using (var scope = services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<SunshineDbContext>();
                db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
                var colouring = await DeadlineColouring.TodayAsync(db, scope.ServiceProvider.GetRequiredService<Sunshine.Web.Features.Calendar.CalendarCache>(),
                    TimeProvider.System, scope.ServiceProvider.GetRequiredService<IConfiguration>(), ct);
                range = colouring.Range(colour).CalendarDays;
                var (from, to) = (range.From ?? DateOnly.MinValue, range.To ?? DateOnly.MaxValue);
                unit = await db.Petitions.Where(p => p.Status == PetitionStatus.Accepted && p.ResponsibleOrganisationId != null && p.DueOn >= from && p.DueOn <= to)
                    .GroupBy(p => p.ResponsibleOrganisationId!.Value).OrderByDescending(g => g.Count()).Select(g => (int?)g.Key).FirstOrDefaultAsync(ct);
                if (unit is not null) unitName = await db.Organisations.Where(o => o.Id == unit).Select(o => o.Name).SingleAsync(ct);
            }
            // A small database (a few thousand petitions) may hold no case in handling of a colour: nothing to list.
            if (unit is null)
            {
                Console.WriteLine($"case list {colour.ToString().ToLowerInvariant()}: no case in handling of this colour in the data, not measured");
                continue;
            }
            if (!officers.TryGetValue(unit.Value, out var officer))
                officers[unit.Value] = officer = await SignedInAtAsync(services, address, unit.Value, StaffRoles.HandlingOfficer, ct);
            var url = $"/api/petitions?queue=in-handling&status=Accepted&colour={colour}";
            int? count = null;
            var (api, server) = await ServerTimes.Record(() => TimeAsync(repetitions, async () =>
            {
                using var response = await officer.GetAsync(url, ct);
                response.EnsureSuccessStatusCode();
                using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
                count = json.RootElement.TryGetProperty("count", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetInt32() : null;
            }));
            var raw = await TimeAsync(repetitions, () => RawCaseListAsync(services, unit.Value, range, ct));
            results.Add(new Measurement($"case list {colour.ToString().ToLowerInvariant()}, 50 by deadline + count", Median(api), Percentile(api, 0.95), 1000 / Median(api), repetitions,
                "bare index page + count", Median(raw), 1000 / Median(raw), Median(api) / Median(raw), $"{unitName}: {count} cases; {server}"));
        }
        foreach (var officer in officers.Values) officer.Dispose();
        return results;
    }

    /// <summary>The bare page of 51 and the count on the (ResponsibleOrganisationId, Status, DueOn, Id) index.</summary>
    private static async Task RawCaseListAsync(IServiceProvider services, int unit, DueDateRange range, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SunshineDbContext>();
        var from = range.From ?? DateOnly.MinValue;
        var to = range.To ?? DateOnly.MaxValue;
        var status = (int)PetitionStatus.Accepted;
        await db.Database.SqlQuery<long>($"""
            SELECT "Id" AS "Value" FROM "Petitions" WHERE "ResponsibleOrganisationId" = {unit} AND "Status" = {status} AND "DueOn" >= {from} AND "DueOn" <= {to}
            ORDER BY "DueOn", "Id" LIMIT 51
            """).ToListAsync(ct);
        await db.Database.SqlQuery<int>($"""
            SELECT COUNT(*) AS "Value" FROM "Petitions" WHERE "ResponsibleOrganisationId" = {unit} AND "Status" = {status} AND "DueOn" >= {from} AND "DueOn" <= {to}
            """).SingleAsync(ct);
    }

    /// <summary>A user of the given organisation in the given role, signed in through the real login form.</summary>
    private static async Task<HttpClient> SignedInAtAsync(IServiceProvider services, Uri address, int organisationId, string role, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var name = "bench" + Guid.NewGuid().ToString("N")[..8];
        const string password = "Bench-Pass-2026";
        var user = new StaffUser { UserName = name, DisplayName = BenchWrites.UserDisplayName, OrganisationId = organisationId, IncludeSubordinates = false, CreatedAt = DateTime.UnixEpoch };
        Check(await users.CreateAsync(user, password));
        Check(await users.AddToRoleAsync(user, role));

        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer(), UseCookies = true }) { BaseAddress = address };
        var page = await client.GetStringAsync("/account/login", ct);
        var antiforgery = Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = name, ["Password"] = password, ["ReturnUrl"] = "/console", ["__RequestVerificationToken"] = antiforgery,
        }), ct);
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.ToString().Contains("error=", StringComparison.Ordinal) == true)
            throw new InvalidOperationException("The benchmark user could not sign in.");
        return client;
    }
}
