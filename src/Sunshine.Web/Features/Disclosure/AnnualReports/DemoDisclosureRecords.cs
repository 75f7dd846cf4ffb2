using Microsoft.EntityFrameworkCore;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Domain.Directory;
using Sunshine.Domain.Disclosure;
using Sunshine.Web.Features.Calendar;
using Sunshine.Web.Features.Demo;
using Sunshine.Web.Features.DisclosureRequests;

namespace Sunshine.Web.Features.Disclosure.AnnualReports;

/// <summary>
/// The rest of the demo's disclosure records, after the generator has written the catalogue and the requests: the
/// Article 20 register figures of every bureau for each year that has ended (table two), reconsiderations and lawsuits
/// against some refusals (table four), and a few open requests moved into the other states of the clock — a correction
/// awaited, a third party consulted, a fee notice unpaid, an extension, a receipt to confirm — so the console shows them
/// all and an annual report can be drafted for every past year. A few thousand rows, written in one save.
/// </summary>
internal static class DemoDisclosureRecords
{
    public static async Task WriteAsync(SunshineDbContext db, DemoOptions options, CancellationToken ct)
    {
        if (options.DisclosureRequests == 0) return;
        var rng = Rng.For(options.Seed ^ 0xA77, 0);
        var now = DateTime.SpecifyKind(options.Until.ToDateTime(new TimeOnly(9, 0)), DateTimeKind.Utc);
        var firstYear = await db.DisclosureRequests.MinAsync(r => r.ReceivedOn, ct);
        var bureaus = await db.Organisations.AsNoTracking().Where(o => o.Kind == OrganisationKind.PetitionBureau).OrderBy(o => o.Id).Select(o => o.Id).ToListAsync(ct);

        // Table two: a bureau makes few normative documents and buys a little through central procurement; figures in fen.
        foreach (var organisation in bureaus)
        {
            var inForce = rng.Between(4, 15);
            for (var year = firstYear.Year; year < options.Until.Year; year++)
            {
                var made = rng.Between(0, 3);
                var repealed = rng.Between(0, Math.Min(2, inForce));
                inForce += made - repealed;
                var projects = rng.Between(1, 4);
                void Add(string kind, long value)
                {
                    if (value != 0)
                        db.RegisterEntries.Add(new RegisterEntry { OrganisationId = organisation, Year = year, Kind = kind, Value = value, CreatedAt = now, CreatedBy = "demo" });
                }
                Add("normative.made", made);
                Add("normative.published", made);
                Add("normative.repealed", repealed);
                Add("normative.in-force", inForce);
                Add("procurement.projects", projects);
                Add("procurement.amount", projects * rng.Between(20_000, 180_000) * 100L);
            }
        }

        // Table four: some refusals are taken to reconsideration or to court 15–55 days after the reply; those filed
        // more than 90 days before the end of the demo are decided.
        var refused = await db.DisclosureRequests.AsNoTracking()
            .Where(r => r.ConcludedOn != null && (r.Outcome!.StartsWith("不予公开") || r.Outcome.StartsWith("无法提供") || r.Outcome.StartsWith("不予处理")))
            .OrderBy(r => r.Id).Select(r => new { r.OrganisationId, ConcludedOn = r.ConcludedOn!.Value }).ToListAsync(ct);
        var numbers = new Dictionary<int, int>();
        foreach (var r in refused)
        {
            if (!rng.Chance(0.3)) continue;
            var filedOn = r.ConcludedOn.AddDays(rng.Between(15, 55));
            if (filedOn > options.Until) continue;
            var x = rng.NextDouble();
            var kind = x < 0.6 ? AppealKind.Reconsideration : x < 0.85 ? AppealKind.DirectSuit : AppealKind.SuitAfterReconsideration;
            var decided = filedOn.AddDays(90) < options.Until;
            var y = rng.NextDouble();
            var result = !decided ? AppealResult.Pending : y < 0.7 ? AppealResult.Upheld : y < 0.85 ? AppealResult.Corrected : AppealResult.Other;
            numbers[filedOn.Year] = numbers.GetValueOrDefault(filedOn.Year) + 1;
            db.DisclosureAppeals.Add(new DisclosureAppeal
            {
                OrganisationId = r.OrganisationId, Kind = kind.ToString(), Result = result.ToString(),
                CaseNumber = kind == AppealKind.Reconsideration ? $"晋政复〔{filedOn.Year}〕{numbers[filedOn.Year]}号" : $"（{filedOn.Year}）晋01行初{numbers[filedOn.Year]}号",
                FiledOn = filedOn, DecidedOn = decided ? filedOn.AddDays(rng.Between(30, 80)) : null, CreatedAt = now,
            });
        }

        var calendar = await CalendarEndpoints.LoadAsync(db, ct);
        // Carried over (the report's 上年结转): in a year where no request happened to stay open over 31 December, the
        // year's last request is answered on the first working day of the next year instead.
        var years = await db.DisclosureRequests.Select(r => r.ReceivedOn.Year).Distinct().Where(y => y < options.Until.Year).ToListAsync(ct);
        foreach (var year in years)
        {
            var end = new DateOnly(year, 12, 31);
            if (await db.DisclosureRequests.AnyAsync(r => r.ReceivedOn.Year == year && (r.ConcludedOn == null || r.ConcludedOn > end), ct)) continue;
            var last = await db.DisclosureRequests.Where(r => r.ReceivedOn.Year == year).OrderByDescending(r => r.ReceivedOn).ThenByDescending(r => r.Id).FirstAsync(ct);
            var next = end.AddDays(1);
            while (!calendar.IsWorkingDay(next)) next = next.AddDays(1);
            if (next <= options.Until) last.ConcludedOn = next;
        }

        // The five newest requests, each moved into another state of the clock (reopened if the generator had answered it).
        var open = await db.DisclosureRequests.OrderByDescending(r => r.ReceivedOn).ThenBy(r => r.Id).Take(5).ToListAsync(ct);
        for (var i = 0; i < open.Count; i++)
        {
            var r = open[i];
            (r.ConcludedOn, r.Outcome, r.Status) = (null, null, DisclosureRequestStatus.InProgress);
            switch (i)
            {
                case 0: // 补正 asked the day of receipt (Art. 30), answer due in 15 days.
                    r.CorrectionRequestedOn = r.ReceivedOn;
                    r.CorrectionAnswerBy = r.ReceivedOn.AddDays(15);
                    r.Status = DisclosureRequestStatus.AwaitingCorrection;
                    r.DueOn = r.CorrectionAnswerBy.Value;
                    break;
                case 1: // A third party asked (Art. 32): the clock stands still until it answers.
                    db.DisclosureConsultations.Add(new DisclosureConsultation { RequestId = r.Id, Kind = ConsultationKind.ThirdParty, Party = "太原市某建筑工程有限公司", SentOn = r.ReceivedOn });
                    break;
                case 2: // 按量计收, 80 pages: 30 free, 50 × 10 元 = 500 元; the notice is unpaid, so the clock waits (the default setting).
                    r.FeeMethod = FeeMethod.PerPage;
                    r.FeePages = 80;
                    r.FeeNoticeOn = r.ReceivedOn;
                    r.FeeNoticedFen = DisclosureFees.PerPage(80);
                    break;
                case 3: // Extended by 15 工作日 with the head's consent (Art. 33 ¶1).
                    r.ExtensionDays = 15;
                    r.ExtendedOn = r.ReceivedOn;
                    var division = await db.Organisations.Where(o => o.Id == r.OrganisationId).Select(o => o.DivisionCode).SingleAsync(ct);
                    r.DueOn = RequestEndpoints.Clock(r, [], new DisclosureSettings { OrganisationId = r.OrganisationId }, options.Until, division, calendar).ReplyDueOn ?? r.DueOn;
                    break;
                case 4: // Sent online: the receipt date waits for the confirmation with the applicant (Art. 31(三)).
                    r.Channel = RequestChannel.Online;
                    r.Status = DisclosureRequestStatus.AwaitingConfirmation;
                    break;
            }
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }
}
