using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Domain.Calendar;
using Sunshine.Domain.Oversight;
using Sunshine.Domain.Petitions;

namespace Sunshine.Web.Features.Oversight.Assessment;

/// <summary>
/// Whose number a set is: the unit that registered the item (the bureau's 及时受理), the one responsible for it, or the
/// unit a hop of the transfer chain was sent to (the unit's 及时受理, one receiving step per hop).
/// </summary>
public enum AssessedAs
{
    Bureau = 1,
    Unit = 2,
    Receiver = 3,
}

/// <summary>
/// The sets of cases the assessment counts (DOMAIN.md §1.6), each a condition on one petition row — the same condition
/// for the GROUP BY that counts them and for the case list that shows them (<c>/api/petitions?assessment=…</c>), so a
/// number and its list cannot disagree. Due dates come from the statutory clock: the shipped petition limits are
/// calendar days that do not roll over rest days, so "start + length" in the database is exactly the clock's due date
/// (checked by <see cref="From"/>); the handling step's own due date (60 日 + extension, or 10 工作日 when simplified) is
/// kept on the row (<see cref="Petition.HandlingDueOn"/>).
/// </summary>
public sealed class AssessmentSets
{
    /// <summary>Set codes (the <c>assessment=</c> values), who they count for, and their condition.</summary>
    public IReadOnlyDictionary<string, (AssessedAs As, Expression<Func<Petition, bool>> Condition)> All { get; }

    /// <summary>The sets that make up <see cref="AssessmentCounts"/>; the rest are unions of these, for links.</summary>
    public static readonly IReadOnlyList<string> Atoms =
    [
        "bureau-timely", "bureau-late", "unit-timely", "unit-late", "on-time", "late", "unanswered", "overdue-unanswered",
        "satisfied", "fairly-satisfied", "dissatisfied", "overdue-unevaluated", "items", "repeat", "online", "resolved-first-time",
    ];

    /// <summary>
    /// For the <see cref="AssessedAs.Receiver"/> sets: the condition on each hop; the set's condition in <see cref="All"/>
    /// is then only the one on the petition row (not withdrawn or merged).
    /// </summary>
    public IReadOnlyDictionary<string, Expression<Func<PetitionHop, bool>>> HopConditions { get; }

    public DateOnly Today { get; }

    /// <summary>"Not decided" in a comparison with a limit that has passed: later than any limit.</summary>
    private static readonly DateOnly Never = new(9999, 12, 31);

    private readonly IQueryable<PetitionHop> _hops;

    /// <summary>The transfer hops, to join the receiving steps to.</summary>
    internal IQueryable<PetitionHop> Hops => _hops.AsNoTracking();

    /// <summary>The lengths of the limits counted in calendar days: transfer, acceptance, evaluation window.</summary>
    internal (int Transfer, int Acceptance, int Evaluation) Lengths { get; }

    private AssessmentSets(SunshineDbContext db, DateOnly today, int transferDays, int acceptanceDays, int evaluationDays)
    {
        Today = today;
        Lengths = (transferDays, acceptanceDays, evaluationDays);
        var hops = db.PetitionHops;
        _hops = hops;
        // The bureau's decision: its first transfer or assignment, else its own acceptance, routing or closing.
        Expression<Func<Petition, DateOnly?>> decided = p =>
            hops.Where(h => h.PetitionId == p.Id).Min(h => (DateOnly?)h.SentOn) ?? p.AcceptedOn ?? p.ConcludedOn;
        Expression<Func<Petition, bool>> firstTime = p => !p.IsRepeat && p.OriginalPetitionId == null;
        Expression<Func<Petition, bool>> bureauTimely = p => Invoke(decided, p) <= p.RegisteredOn.AddDays(transferDays);
        // Late: decided after the limit, or undecided when it has passed (read as decided "never"). One COALESCE, so the
        // database evaluates the first-transfer subquery once per row rather than twice.
        Expression<Func<Petition, bool>> bureauLate = p => (Invoke(decided, p) ?? (p.RegisteredOn.AddDays(transferDays) < today ? Never : p.RegisteredOn.AddDays(transferDays)))
                                                           > p.RegisteredOn.AddDays(transferDays);

        // The unit's 及时受理 (DOMAIN.md §1.6: "for a unit its acceptance (受理) — compared with its due date from the
        // statutory clock"). The step is a receiving step of the transfer chain, so it is credited to the unit that held
        // the case for that step: each PetitionHop, to the unit it was sent to. Crediting the case's latest transfer
        // instead would charge a unit for a step another unit held (a misdirected transfer the first unit sent back by
        // objection counted for nobody, and a late objection was never late). The unit decides by accepting, routing,
        // declining or objecting (the hop's answer) or by sending the case on down the chain (the next hop's date).
        Expression<Func<PetitionHop, DateOnly?>> hopDecided = h =>
            h.AnsweredOn ?? hops.Where(n => n.PetitionId == h.PetitionId && n.Id > h.Id).Min(n => (DateOnly?)n.SentOn);
        Expression<Func<Petition, bool>> received = p => p.Status != PetitionStatus.Withdrawn && p.Status != PetitionStatus.Merged;
        Expression<Func<PetitionHop, bool>> unitTimely = h => Invoke(hopDecided, h) <= h.SentOn.AddDays(acceptanceDays);
        Expression<Func<PetitionHop, bool>> unitLate = h => (Invoke(hopDecided, h) ?? (h.SentOn.AddDays(acceptanceDays) < today ? Never : h.SentOn.AddDays(acceptanceDays)))
                                                            > h.SentOn.AddDays(acceptanceDays);
        HopConditions = new Dictionary<string, Expression<Func<PetitionHop, bool>>>
        {
            ["unit-timely"] = Inline(unitTimely),
            ["unit-late"] = Inline(unitLate),
            ["unit-assessed"] = Inline(OrOf(unitTimely, unitLate)),
        };

        // Handling (Art. 34): answered = the handling opinion, or the closing for items answered otherwise.
        Expression<Func<Petition, bool>> withLimit = p => p.HandlingDueOn != null && p.Status != PetitionStatus.Withdrawn && p.Status != PetitionStatus.Merged;
        Expression<Func<Petition, bool>> onTime = p => (p.OpinionIssuedOn ?? p.ConcludedOn) <= p.HandlingDueOn;
        Expression<Func<Petition, bool>> late = p => (p.OpinionIssuedOn ?? p.ConcludedOn) > p.HandlingDueOn;
        Expression<Func<Petition, bool>> unanswered = p => (p.OpinionIssuedOn ?? p.ConcludedOn) == null && p.HandlingDueOn >= today;
        Expression<Func<Petition, bool>> overdueUnanswered = p => (p.OpinionIssuedOn ?? p.ConcludedOn) == null && p.HandlingDueOn < today;
        Expression<Func<Petition, bool>> firstResolution = p => (p.OpinionIssuedOn ?? p.ConcludedOn) != null
                                                                && (p.Status == PetitionStatus.OpinionIssued || p.Status == PetitionStatus.Concluded);

        // Evaluation (DOMAIN.md §1.5): replies to items that are evaluated at all (not accusations, not items routed away,
        // declined, withdrawn or merged); the window runs from the reply.
        Expression<Func<Petition, bool>> evaluable = p => p.Purpose != Purpose.Accusation && p.Status != PetitionStatus.RoutedToLegalChannel
            && p.Status != PetitionStatus.Declined && p.Status != PetitionStatus.Withdrawn && p.Status != PetitionStatus.Merged
            && (p.OpinionIssuedOn ?? p.ConcludedOn) != null;
        Expression<Func<Petition, bool>> overdueUnevaluated = p => p.UnitEvaluation == null && (p.OpinionIssuedOn ?? p.ConcludedOn)!.Value.AddDays(evaluationDays) < today;

        var all = new Dictionary<string, (AssessedAs, Expression<Func<Petition, bool>>)>
        {
            ["bureau-timely"] = (AssessedAs.Bureau, And(firstTime, bureauTimely)),
            ["bureau-late"] = (AssessedAs.Bureau, And(firstTime, bureauLate)),
            ["bureau-assessed"] = (AssessedAs.Bureau, And(firstTime, Or(bureauTimely, bureauLate))),
            ["unit-timely"] = (AssessedAs.Receiver, received),
            ["unit-late"] = (AssessedAs.Receiver, received),
            ["unit-assessed"] = (AssessedAs.Receiver, received),
            ["on-time"] = (AssessedAs.Unit, And(withLimit, onTime)),
            ["late"] = (AssessedAs.Unit, And(withLimit, late)),
            ["unanswered"] = (AssessedAs.Unit, And(withLimit, unanswered)),
            ["overdue-unanswered"] = (AssessedAs.Unit, And(withLimit, overdueUnanswered)),
            ["with-limit"] = (AssessedAs.Unit, withLimit),
            ["answered"] = (AssessedAs.Unit, And(withLimit, Or(onTime, late))),
            ["resolved-first-time"] = (AssessedAs.Unit, And(withLimit, firstResolution)),
            ["satisfied"] = (AssessedAs.Unit, And(evaluable, p => p.UnitEvaluation == SatisfactionEvaluation.Satisfied)),
            ["fairly-satisfied"] = (AssessedAs.Unit, And(evaluable, p => p.UnitEvaluation == SatisfactionEvaluation.FairlySatisfied)),
            ["dissatisfied"] = (AssessedAs.Unit, And(evaluable, p => p.UnitEvaluation == SatisfactionEvaluation.Dissatisfied)),
            ["satisfied-or-fairly"] = (AssessedAs.Unit, And(evaluable, p => p.UnitEvaluation == SatisfactionEvaluation.Satisfied
                                                                           || p.UnitEvaluation == SatisfactionEvaluation.FairlySatisfied)),
            ["evaluated"] = (AssessedAs.Unit, And(evaluable, p => p.UnitEvaluation != null)),
            ["overdue-unevaluated"] = (AssessedAs.Unit, And(evaluable, overdueUnevaluated)),
            ["evaluation-due"] = (AssessedAs.Unit, And(evaluable, Or(p => p.UnitEvaluation != null, overdueUnevaluated))),
            ["items"] = (AssessedAs.Unit, p => true),
            ["repeat"] = (AssessedAs.Unit, p => p.IsRepeat || p.OriginalPetitionId != null),
            ["online"] = (AssessedAs.Unit, p => p.Channel != Channel.Letter && p.Channel != Channel.Visit),
        };
        All = all.ToDictionary(e => e.Key, e => (e.Value.Item1, Inline(e.Value.Item2)));
    }

    /// <summary>
    /// The sets for today, with the lengths of the limits read from the rule book. Every rule set in force must count
    /// them in plain calendar days (no rolling over rest days) with one length, or "start + length" would not be the
    /// clock's due date: a rule book where that fails is refused rather than counted wrongly.
    /// </summary>
    public static AssessmentSets From(SunshineDbContext db, DateOnly today, RuleBook rules) =>
        new(db, today,
            CalendarLength(rules, RuleCodes.TransferOrAssign),
            CalendarLength(rules, RuleCodes.ReceiptNotice, RuleCodes.AcceptanceDecision),
            CalendarLength(rules, RuleCodes.SatisfactionEvaluationWindow));

    private static int CalendarLength(RuleBook rules, params string[] codes)
    {
        var found = rules.Sets.SelectMany(s => codes.Where(s.Rules.ContainsKey).Select(c => s.Rules[c])).ToList();
        if (found.Count == 0 || found.Any(r => r.Unit != PeriodUnit.CalendarDays || r.RollForwardToWorkingDay) || found.Select(r => r.Length).Distinct().Count() != 1)
            throw new NotSupportedException($"Assessment counts {string.Join("/", codes)} as one length of plain calendar days; the rule book differs.");
        return found[0].Length;
    }

    /// <summary>The unit a set counts for, as a condition on the row.</summary>
    public static Expression<Func<Petition, bool>> OfUnit(AssessedAs assessedAs, int unitId) => assessedAs == AssessedAs.Bureau
        ? p => p.RegisteringOrganisationId == unitId
        : p => p.ResponsibleOrganisationId == unitId;

    /// <summary>Received within the period (legal dates, Asia/Shanghai).</summary>
    public static Expression<Func<Petition, bool>> InPeriod(AssessmentPeriod period)
    {
        var (from, to) = (period.From, period.To);
        return p => p.ReceivedOn >= from && p.ReceivedOn <= to;
    }

    /// <summary>A set's condition for one unit and period: what the case list applies for <c>assessment=…&amp;unit=…&amp;period=…</c>.</summary>
    public Expression<Func<Petition, bool>> For(string set, int unitId, AssessmentPeriod period)
    {
        var (assessedAs, condition) = All[set];
        if (assessedAs != AssessedAs.Receiver) return And(And(OfUnit(assessedAs, unitId), InPeriod(period)), condition);
        // A case counts once for the unit however many of its hops did: the table counts distinct cases the same way.
        var hops = _hops;
        var hopCondition = HopConditions[set];
        Expression<Func<Petition, bool>> held = p => hops.Any(h => h.PetitionId == p.Id && h.ToOrganisationId == unitId && Invoke(hopCondition, h));
        return And(And(InPeriod(period), condition), Inline(held));
    }

    internal static Expression<Func<Petition, bool>> And(Expression<Func<Petition, bool>> a, Expression<Func<Petition, bool>> b) =>
        Expression.Lambda<Func<Petition, bool>>(Expression.AndAlso(a.Body, Rebind(b, a.Parameters[0])), a.Parameters);

    internal static Expression<Func<Petition, bool>> Or(Expression<Func<Petition, bool>> a, Expression<Func<Petition, bool>> b) =>
        Expression.Lambda<Func<Petition, bool>>(Expression.OrElse(a.Body, Rebind(b, a.Parameters[0])), a.Parameters);

    private static Expression<Func<PetitionHop, bool>> OrOf(Expression<Func<PetitionHop, bool>> a, Expression<Func<PetitionHop, bool>> b) =>
        Expression.Lambda<Func<PetitionHop, bool>>(Expression.OrElse(a.Body, Rebind(b, a.Parameters[0])), a.Parameters);

    internal static Expression Rebind(LambdaExpression b, ParameterExpression p) =>
        ReplacingExpressionVisitor.Replace(b.Parameters[0], p, b.Body);

    /// <summary>A marker the constructor's lambdas call to inline another lambda; <see cref="Inline"/> replaces it.</summary>
    internal static TOut Invoke<TIn, TOut>(Expression<Func<TIn, TOut>> f, TIn x) => throw new InvalidOperationException("Only inside an expression.");

    /// <summary>Replaces each <see cref="Invoke"/> with the body of its lambda.</summary>
    internal static Expression<T> Inline<T>(Expression<T> e) => (Expression<T>)new Inliner().Visit(e);

    private sealed class Inliner : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.DeclaringType == typeof(AssessmentSets) && node.Method.Name == nameof(Invoke))
            {
                var lambda = (LambdaExpression)Evaluate(node.Arguments[0]);
                return Visit(ReplacingExpressionVisitor.Replace(lambda.Parameters[0], Visit(node.Arguments[1]), lambda.Body));
            }
            return base.VisitMethodCall(node);
        }

        private static object Evaluate(Expression e) => e switch
        {
            ConstantExpression c => c.Value!,
            MemberExpression { Expression: ConstantExpression closure } m => m.Member switch
            {
                System.Reflection.FieldInfo f => f.GetValue(closure.Value)!,
                System.Reflection.PropertyInfo pi => pi.GetValue(closure.Value)!,
                _ => throw new NotSupportedException(),
            },
            _ => throw new NotSupportedException("Invoke takes a captured lambda."),
        };
    }
}
