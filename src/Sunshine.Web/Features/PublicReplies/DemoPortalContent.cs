using Microsoft.EntityFrameworkCore;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Domain.Directory;
using Sunshine.Web.Features.Petitions.Workflow;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.PublicReplies;

/// <summary>
/// Demo content for two public pages that would otherwise open empty: a few mailbox replies published as staff would
/// publish them (through <see cref="Anonymiser"/>), and the leaders' reception days of the coming weeks
/// (《信访工作条例》第十八条). Written after the demo petitions, in a few milliseconds.
/// </summary>
public static class DemoPortalContent
{
    private const int Replies = 15;

    public static async Task WriteAsync(SunshineDbContext db, PersonalData personalData, DateOnly until, CancellationToken ct)
    {
        await WriteRepliesAsync(db, personalData, until, ct);
        await WriteReceptionDaysAsync(db, until, ct);
    }

    private static async Task WriteRepliesAsync(SunshineDbContext db, PersonalData personalData, DateOnly until, CancellationToken ct)
    {
        var channels = PublicReplyEndpoints.Channels.ToList();
        var suggestion = PetitionActions.Code(Sunshine.Domain.Petitions.Workflow.PetitionAction.ReplySuggestion);
        // The newest answered suggestions: their replies are written out in full, so the page reads like the real one.
        var answered = await db.PetitionEvents.AsNoTracking()
            .Where(e => e.Action == suggestion && e.Reason != null)
            .Join(db.Petitions.AsNoTracking().Where(p => channels.Contains(p.Channel)), e => e.PetitionId, p => p.Id, (e, p) => new { Event = e, Petition = p })
            .OrderByDescending(x => x.Event.Id).Take(Replies).ToListAsync(ct);
        var publishedAt = until.ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc);
        foreach (var x in answered)
        {
            var p = x.Petition;
            var address = personalData.Unprotect(p.AddressProtected);
            var others = p.Representatives?.Split('、', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
            string Clean(string text) => Anonymiser.Anonymise(text, p.PetitionerName, address, others);
            db.PublicReplies.Add(new PublicReply
            {
                PetitionId = p.Id,
                Channel = p.Channel,
                Title = Clean(p.Summary),
                Message = Clean(p.Content),
                Reply = Clean(x.Event.Reason!),
                ReceivedOn = p.ReceivedOn,
                RepliedOn = x.Event.On,
                PublishedOn = x.Event.On > until ? until : x.Event.On,
                PublishedAt = publishedAt,
                PublishedBy = "demo",
                OrganisationId = p.ResponsibleOrganisationId ?? p.RegisteringOrganisationId,
            });
        }
        await db.SaveChangesAsync(ct);
    }

    private static async Task WriteReceptionDaysAsync(SunshineDbContext db, DateOnly until, CancellationToken ct)
    {
        // The provincial bureau (division code ending in ten zeros) and the first three city bureaus.
        var bureaus = await db.Organisations.AsNoTracking()
            .Where(o => o.IsActive && o.Kind == OrganisationKind.PetitionBureau && o.DivisionCode.EndsWith("00000000"))
            .OrderBy(o => o.DivisionCode).Take(4).Select(o => new { o.Id, o.Name }).ToListAsync(ct);
        string[] leaders = ["王建国", "李文华", "张志强", "赵丽萍"];
        string[] matters = ["劳动和社会保障、拖欠农民工工资", "城乡建设、住房保障", "自然资源、农村土地承包", "教育、卫生健康"];
        var created = until.ToDateTime(new TimeOnly(1, 0), DateTimeKind.Utc);
        for (var i = 0; i < bureaus.Count; i++)
        {
            // Every bureau receives on a weekday of the next four weeks, 9:00–11:30 Beijing time (01:00–03:30 UTC).
            for (var week = 0; week < 4; week++)
            {
                var day = until.AddDays(7 * week + 1 + i);
                while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) day = day.AddDays(1);
                var starts = day.ToDateTime(new TimeOnly(1, 0), DateTimeKind.Utc);
                db.ReceptionSessions.Add(new ReceptionSession
                {
                    OrganisationId = bureaus[i].Id,
                    Kind = ReceptionKind.LeaderReception,
                    LeaderName = leaders[(i + week) % leaders.Length],
                    LeaderTitle = i == 0 ? "局长" : "副局长",
                    StartsAt = starts,
                    EndsAt = starts.AddMinutes(150),
                    Place = bureaus[i].Name + "来访接待大厅",
                    Matters = matters[(i + week) % matters.Length],
                    Capacity = 12,
                    IsPublished = true,
                    CreatedAt = created,
                });
            }
        }
        await db.SaveChangesAsync(ct);
    }
}
