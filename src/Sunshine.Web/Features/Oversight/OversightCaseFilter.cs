using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Domain.Calendar;
using Sunshine.Domain.Oversight;
using Sunshine.Web.Features.Oversight.Assessment;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Oversight;

/// <summary>
/// The case-list filters behind the oversight numbers: <c>assessment=SET&amp;unit=ID&amp;period=P</c> (the cases an
/// assessment number counts) and <c>within=ID</c> (the cases a red-light count covers: those whose current unit — the
/// responsible one, else the registering one — lies in that organisation's subtree), <c>at=ID</c> (… is that organisation).
/// </summary>
public static class OversightCaseFilter
{
    public static async Task<(Expression<Func<Petition, bool>>? Condition, Problems? Problems)> ConditionAsync(SunshineDbContext db, UserScope scope,
        TimeProvider time, IStringLocalizer<SharedResource> L, string? assessment, string? period, int? unit, int? within, CancellationToken ct, int? at = null)
    {
        Expression<Func<Petition, bool>>? condition = null;
        var problems = new Problems(L);
        if (assessment is not null)
        {
            var sets = AssessmentSets.From(db, ChinaTime.Today(time), RuleBook.Default);
            problems.Require(sets.All.ContainsKey(assessment), "assessment", "Ov.ErrorAssessmentSet", string.Join(", ", sets.All.Keys))
                .Require(AssessmentPeriod.TryParse(period, out var parsed), "period", "Ov.ErrorPeriod")
                .Require(unit is not null, "unit", "Ov.ErrorUnitRequired");
            if (problems.Any) return (null, problems);
            condition = sets.For(assessment, unit!.Value, parsed);
        }
        if (within is { } id)
        {
            var organisation = await db.Organisations.AsNoTracking().WithinScope(scope).Where(o => o.Id == id).Select(o => new { o.Path }).SingleOrDefaultAsync(ct);
            if (organisation is null)
            {
                problems.Add("within", "ErrorOrganisationOutOfScope");
                return (null, problems);
            }
            var subtree = WithinSubtree(organisation.Path);
            condition = condition is null ? subtree : AssessmentSets.And(condition, subtree);
        }
        if (at is { } own)
        {
            // A red-light board's "own" line: the cases whose current unit is the organisation itself.
            Expression<Func<Petition, bool>> exact = p => (p.ResponsibleOrganisationId ?? p.RegisteringOrganisationId) == own;
            condition = condition is null ? exact : AssessmentSets.And(condition, exact);
        }
        return (condition, null);
    }

    /// <summary>The cases whose current unit (responsible, else registering) lies under <paramref name="path"/>.</summary>
    public static Expression<Func<Petition, bool>> WithinSubtree(string path) => p =>
        p.ResponsibleOrganisationId != null ? p.ResponsibleOrganisation!.Path.StartsWith(path) : p.RegisteringOrganisation!.Path.StartsWith(path);
}
