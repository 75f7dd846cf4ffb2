using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Domain.Directory;
using Sunshine.Domain.Oversight;
using Sunshine.Domain.Petitions;

namespace Sunshine.Web.Features.Oversight.Supervision;

/// <summary>
/// Demo 督查督办 and 网上督查, so the screens are not empty: the provincial bureau's orders on the most overdue open cases
/// (two closed, two answered and waiting for the supervisor, one open within its limit, one open and overdue) and one
/// inspection sample of handled cases, some scored. A dozen rows written in one batch; deterministic (the cases are
/// chosen by their dates, not at random). Early-warning alerts come from the early-warning pass over the demo petitions.
/// </summary>
public static class DemoSupervision
{
    /// <summary>
    /// The account the demo orders are issued by: a Supervisor of the provincial bureau, created with the orders when
    /// missing. It has no password, so nobody signs in with it until an administrator gives it one; it exists so the
    /// orders name a real issuer (the overdue notices reach it, the audit trail resolves it).
    /// </summary>
    public const string DemoSupervisorUserName = "demo-supervisor";

    private const string DemoSupervisorName = "省信访局督查室";

    private static readonly string[] Instructions =
    [
        "该事项已超过办理期限，请说明未按期办结的原因，并于期限内报送办理结果。",
        "请主要负责同志牵头研究，落实化解措施，按期书面报告办理进展。",
        "请核实信访人反映的问题，依法依规作出处理意见，并做好解释疏导工作。",
        "请于期限内完成整改，报送整改报告和相关佐证材料。",
        "请加强与信访人沟通，防止矛盾激化，并报告稳控和化解情况。",
        "请对照《信访工作条例》第三十四条规定，说明延期理由并限期办结。",
    ];

    private static readonly string[] Answers =
    [
        "已成立工作专班，约见信访人当面沟通，处理意见书已于本周送达，信访人表示认可。",
        "经核查，已协调相关部门落实整改措施，后续将定期回访，确保问题不反弹。",
        "已召开专题会议研究化解方案，涉及的补偿款已到位，正在办理发放手续。",
        "已向信访人书面说明政策依据，并引导其通过法定途径主张权利。",
    ];

    public static async Task WriteAsync(SunshineDbContext db, DateOnly until, CancellationToken ct)
    {
        var bureau = await db.Organisations.AsNoTracking().Where(o => o.Kind == OrganisationKind.PetitionBureau)
            .OrderBy(o => o.DivisionCode).Select(o => new { o.Id }).FirstOrDefaultAsync(ct);
        if (bureau is null) return;
        var issuer = await SupervisorAsync(db, bureau.Id, until, ct);
        // The most overdue open cases at their units: red on the red-light board, the ones a supervisor would pick.
        var late = await db.Petitions.AsNoTracking()
            .Where(p => p.Status == PetitionStatus.Accepted && p.DueOn != null && p.DueOn < until && p.ResponsibleOrganisationId != null)
            .OrderBy(p => p.DueOn).ThenBy(p => p.Id).Take(Instructions.Length)
            .Select(p => new { p.Id, Unit = p.ResponsibleOrganisationId!.Value }).ToListAsync(ct);
        var orders = new List<SupervisionOrder>();
        for (var i = 0; i < late.Count; i++)
        {
            // 0–1 closed, 2–3 answered, 4 open within its limit, 5 open and overdue.
            var issued = until.AddDays(i == 4 ? -3 : -25 + i);
            var due = i == 4 ? until.AddDays(7) : issued.AddDays(i == 5 ? 10 : 15);
            var answered = i < 4 ? due.AddDays(-3 - i) : (DateOnly?)null;
            orders.Add(new SupervisionOrder
            {
                PetitionId = late[i].Id,
                TargetOrganisationId = late[i].Unit,
                IssuingOrganisationId = bureau.Id,
                Kind = i switch { 1 => SupervisionKind.Listed, 3 => SupervisionKind.RectifyByDate, _ => SupervisionKind.Supervise },
                Instructions = Instructions[i],
                IssuedOn = issued,
                DueOn = due,
                IssuedByUserId = issuer,
                IssuedByName = DemoSupervisorName,
                Status = i < 2 ? SupervisionStatus.Closed : i < 4 ? SupervisionStatus.Answered : SupervisionStatus.Open,
                Answer = answered is null ? null : Answers[i],
                AnsweredOn = answered,
                AnsweredByName = answered is null ? null : "承办单位",
                Remark = i < 2 ? "答复材料齐全，予以认可。" : null,
                ClosedOn = i < 2 ? answered!.Value.AddDays(2) : null,
                Version = 1,
            });
        }
        db.SupervisionOrders.AddRange(orders);

        // 网上督查: a sample of ten handled cases of the last months, six scored (one below the pass mark of 60 would be
        // sent back, which reopens the case — so the demo keeps to passes), four waiting.
        var handled = await db.Petitions.AsNoTracking()
            .Where(p => p.Status == PetitionStatus.OpinionIssued && p.OpinionIssuedOn != null && p.OpinionIssuedOn <= until && p.OpinionIssuedOn >= until.AddDays(-90))
            .OrderBy(p => p.Id).Take(10).Select(p => p.Id).ToListAsync(ct);
        if (handled.Count > 0)
        {
            var sample = new InspectionSample
            {
                OrganisationId = bureau.Id, DrawnOn = until.AddDays(-10), DrawnByName = DemoSupervisorName, Seed = 2026, Size = handled.Count,
                Criteria = JsonSerializer.Serialize(new { status = "OpinionIssued", from = until.AddDays(-90), to = until }),
            };
            db.InspectionSamples.Add(sample);
            await db.SaveChangesAsync(ct);
            db.InspectionEntries.AddRange(handled.Select((id, i) =>
            {
                var scored = i < 6;
                var points = new Dictionary<string, int> { ["notice"] = 20, ["procedure"] = 18 - i % 3, ["reply"] = 16 + i % 4, ["timeliness"] = 20 - 2 * (i % 2), ["satisfaction"] = 15 + i % 5 };
                return new InspectionEntry
                {
                    PetitionId = id, SampleId = sample.Id, Source = InspectionSource.Sample,
                    Outcome = scored ? InspectionOutcome.Passed : InspectionOutcome.Pending,
                    Scores = scored ? JsonSerializer.Serialize(points) : null,
                    Total = scored ? points.Values.Sum() : null,
                    InspectedOn = scored ? until.AddDays(-8 + i) : null,
                    InspectedByName = scored ? DemoSupervisorName : null,
                };
            }));
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>The demo supervisor's id: the existing account, or a new one with the Supervisor role (seeded with the reference data).</summary>
    private static async Task<string> SupervisorAsync(SunshineDbContext db, int bureau, DateOnly until, CancellationToken ct)
    {
        var normalized = DemoSupervisorUserName.ToUpperInvariant();
        var existing = await db.Users.AsNoTracking().Where(u => u.NormalizedUserName == normalized).Select(u => u.Id).SingleOrDefaultAsync(ct);
        if (existing is not null) return existing;
        var role = await db.Roles.AsNoTracking().Where(r => r.Name == StaffRoles.Supervisor).Select(r => r.Id).SingleAsync(ct);
        var user = new StaffUser
        {
            UserName = DemoSupervisorUserName,
            NormalizedUserName = normalized,
            DisplayName = DemoSupervisorName,
            OrganisationId = bureau,
            IncludeSubordinates = true,
            MustChangePassword = true,
            SecurityStamp = Guid.NewGuid().ToString("N"),
            LockoutEnabled = true,
            CreatedAt = until.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
        };
        db.Users.Add(user);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = role });
        await db.SaveChangesAsync(ct);
        return user.Id;
    }
}
