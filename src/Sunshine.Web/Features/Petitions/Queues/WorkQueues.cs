using System.Linq.Expressions;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Domain.Calendar;
using Sunshine.Domain.Petitions;
using Sunshine.Domain.Petitions.Workflow;
using Sunshine.Web.Features.Calendar;
using Sunshine.Web.Features.Petitions.Search;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Petitions.Queues;

/// <summary>The work queues of one unit (issue: "my unit: to accept, in handling, due soon, overdue; for leaders: to approve").</summary>
public enum WorkQueue
{
    ToAccept,
    InHandling,
    DueSoon,
    Overdue,
    ToApprove,
}

/// <summary>How many cases wait in each of the caller's unit's queues.</summary>
public sealed record QueueCounts(int ToAccept, int InHandling, int DueSoon, int Overdue, int ToApprove);

/// <summary>
/// The work queues of the caller's own organisation (not its subordinates: each unit works its own queue), defined on the
/// workflow's states (<see cref="PetitionWorkflow"/>), listed by deadline, keyset-paginated on (DueOn, Id). Served by the
/// indexes (ResponsibleOrganisationId, Status, DueOn, Id) and (RegisteringOrganisationId, Status, DueOn, Id).
/// <list type="table">
/// <item><term>to-accept</term><description>Transferred or assigned to the unit, not yet accepted, objected to or routed (Art. 23).</description></item>
/// <item><term>in-handling</term><description>Accepted by the unit, or under review or re-examination at it (Art. 34–36).</description></item>
/// <item><term>due-soon</term><description>A step the unit must take is yellow: <see cref="DeadlineColouring.YellowWithin"/> or
/// fewer units left (in the rule's unit), not yet overdue.</description></item>
/// <item><term>overdue</term><description>A step the unit must take is red: its due date has passed.</description></item>
/// <item><term>to-approve</term><description>Cases whose next step is the unit leader's (审批, DOMAIN.md §3): the handling opinion,
/// extension or reply of an accepted 求决, 申诉, 其他 or suggestion item (Art. 29, 32, 34), and the review and re-examination
/// opinions (Art. 35–36). The workflow has no separate approval state (officers do not submit drafts), so this is the
/// in-handling queue without the accusations and inquiries that officers close themselves.</description></item>
/// </list>
/// The steps a unit must take: those of the cases it is responsible for (received, in handling, under review or
/// re-examination), and, for a bureau, transferring the cases it registered and has not sent on (Art. 22).
/// </summary>
public static class WorkQueues
{
    public static readonly IReadOnlyDictionary<string, WorkQueue> Names = new Dictionary<string, WorkQueue>(StringComparer.OrdinalIgnoreCase)
    {
        ["to-accept"] = WorkQueue.ToAccept,
        ["in-handling"] = WorkQueue.InHandling,
        ["due-soon"] = WorkQueue.DueSoon,
        ["overdue"] = WorkQueue.Overdue,
        ["to-approve"] = WorkQueue.ToApprove,
    };

    public static string Name(WorkQueue queue) => Names.Single(n => n.Value == queue).Key;

    private static readonly PetitionStatus[] Received = [PetitionStatus.Transferred, PetitionStatus.Assigned];
    private static readonly PetitionStatus[] Handling = [PetitionStatus.Accepted, PetitionStatus.UnderReview, PetitionStatus.UnderReexamination];
    private static readonly PetitionStatus[] UnitSteps = [.. Received, .. Handling];
    private static readonly PetitionStatus[] Reviewing = [PetitionStatus.UnderReview, PetitionStatus.UnderReexamination];

    /// <summary>Accepted items whose next step is the leader's: the opinion path and suggestions (Art. 29, 32, 34).</summary>
    private static readonly Purpose[] LeaderPurposes = [.. PetitionWorkflow.OpinionPurposes, Purpose.Suggestion];

    public static void MapQueueEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/petitions/queues", Counts).WithTags("Petitions").RequireAuthorization(Policies.Staff);

    /// <summary>The caller's unit's queue counts.</summary>
    public static async Task<IResult> Counts(ClaimsPrincipal user, SunshineDbContext db, CalendarCache calendars, TimeProvider time, IConfiguration configuration, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        var colouring = await DeadlineColouring.TodayAsync(db, calendars, time, configuration, ct);
        return TypedResults.Ok(await CountAsync(db, scope, colouring, ct));
    }

    public static async Task<QueueCounts> CountAsync(SunshineDbContext db, UserScope scope, DeadlineColouring colouring, CancellationToken ct = default)
    {
        Task<int> Count(WorkQueue queue) => db.Petitions.AsNoTracking().WithinScope(scope).Where(Members(queue, scope.OrganisationId, colouring)).CountAsync(ct);
        return new QueueCounts(await Count(WorkQueue.ToAccept), await Count(WorkQueue.InHandling), await Count(WorkQueue.DueSoon),
            await Count(WorkQueue.Overdue), await Count(WorkQueue.ToApprove));
    }

    /// <summary>The cases in a queue of <paramref name="organisationId"/>.</summary>
    public static Expression<Func<Petition, bool>> Members(WorkQueue queue, int organisationId, DeadlineColouring colouring) => queue switch
    {
        WorkQueue.ToAccept => p => p.ResponsibleOrganisationId == organisationId && Received.Contains(p.Status),
        WorkQueue.InHandling => p => p.ResponsibleOrganisationId == organisationId && Handling.Contains(p.Status),
        WorkQueue.ToApprove => p => p.ResponsibleOrganisationId == organisationId
                                    && ((p.Status == PetitionStatus.Accepted && LeaderPurposes.Contains(p.Purpose)) || Reviewing.Contains(p.Status)),
        WorkQueue.DueSoon => And(StepsOf(organisationId), colouring.Range(DeadlineColour.Yellow).Predicate()),
        WorkQueue.Overdue => And(StepsOf(organisationId), colouring.Range(DeadlineColour.Red).Predicate()),
        _ => throw new ArgumentOutOfRangeException(nameof(queue), queue, null),
    };

    // The steps the unit itself must take (see the class summary).
    private static Expression<Func<Petition, bool>> StepsOf(int organisationId) =>
        p => (p.ResponsibleOrganisationId == organisationId && UnitSteps.Contains(p.Status))
             || (p.ResponsibleOrganisationId == null && p.RegisteringOrganisationId == organisationId && p.Status == PetitionStatus.Registered);

    private static Expression<Func<Petition, bool>> And(Expression<Func<Petition, bool>> a, Expression<Func<Petition, bool>> b) =>
        Expression.Lambda<Func<Petition, bool>>(
            Expression.AndAlso(a.Body, Microsoft.EntityFrameworkCore.Query.ReplacingExpressionVisitor.Replace(b.Parameters[0], a.Parameters[0], b.Body)),
            a.Parameters);

    /// <summary>
    /// One page of a queue, by due date then id, cases without a due date (suggestions, accusations and inquiries in
    /// handling) last. Keyset: after (<paramref name="afterDue"/>, <paramref name="afterId"/>); an id without a date
    /// continues among the undated cases. The other filters of <paramref name="filters"/> apply too (its text must be empty).
    /// Returns the ids of up to <paramref name="take"/> cases and, on the first page, the queue's count.
    /// </summary>
    public static async Task<(IReadOnlyList<(long Id, DateOnly? DueOn)> Page, int? Count)> ListAsync(SunshineDbContext db, UserScope scope, WorkQueue queue,
        PetitionQuery filters, DeadlineColouring colouring, DateOnly? afterDue, long? afterId, int take, CancellationToken ct)
    {
        var categories = filters.CategoryId is { } categoryId ? await PetitionSearch.CategorySubtreeAsync(db, categoryId, ct) : null;
        var members = PetitionSearch.Filter(db.Petitions.AsNoTracking().WithinScope(scope), filters, categories)
            .Where(Members(queue, scope.OrganisationId, colouring));
        var page = (afterDue, afterId) switch
        {
            ({ } due, { } id) => members.Where(p => p.DueOn == null || p.DueOn > due || (p.DueOn == due && p.Id > id)),
            (null, { } id) => members.Where(p => p.DueOn == null && p.Id > id),
            _ => members,
        };
        var rows = await page.OrderBy(p => p.DueOn == null).ThenBy(p => p.DueOn).ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.DueOn }).Take(Math.Clamp(take, 1, PetitionSearch.MaxTake)).ToListAsync(ct);
        int? count = afterId is null ? await members.CountAsync(ct) : null;
        return (rows.Select(r => (r.Id, r.DueOn)).ToList(), count);
    }
}
