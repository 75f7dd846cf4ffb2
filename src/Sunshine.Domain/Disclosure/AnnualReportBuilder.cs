namespace Sunshine.Domain.Disclosure;

/// <summary>
/// What the Article 20 registers hold (《政府信息公开条例》第二十条): one figure per organ, year and kind. A kind is the
/// table-two row and column it feeds ("licensing.decisions"), so a county's 517,645 licensing decisions are one entry.
/// Regulations and normative documents may also be listed one by one: entries of count 1 with their title.
/// </summary>
public static class RegisterKinds
{
    /// <summary>Every kind with its meaning; amounts are in fen.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        "rule.made", "rule.published", "rule.public-total", "rule.repealed", "rule.in-force",
        "normative.made", "normative.published", "normative.public-total", "normative.repealed", "normative.in-force",
        "licensing.items-last-year", "licensing.change", "licensing.decisions",
        "other-service.items-last-year", "other-service.change", "other-service.decisions",
        "penalty.items-last-year", "penalty.change", "penalty.decisions",
        "coercion.items-last-year", "coercion.change", "coercion.decisions",
        "fee.items-last-year", "fee.change", "fee.amount",
        "procurement.projects", "procurement.amount",
    ];

    public static bool IsKnown(string kind) => All.Contains(kind);

    /// <summary>Kinds whose figure is money (integer fen) rather than a count.</summary>
    public static bool IsAmount(string kind) => kind.EndsWith(".amount", StringComparison.Ordinal);

    /// <summary>Only 本年增/减 may be negative.</summary>
    public static bool AllowsNegative(string kind) => kind.EndsWith(".change", StringComparison.Ordinal);

    /// <summary>Documents may be listed one by one with their title and 文号.</summary>
    public static bool IsDocument(string kind) => kind.StartsWith("rule.", StringComparison.Ordinal) || kind.StartsWith("normative.", StringComparison.Ordinal);
}

public sealed record RegisterFigure(int OrganisationId, int Year, string Kind, long Value);

/// <summary>A request as the report counts it. Outcome is null while open, else "group" or "group/sub-row" of table three.</summary>
public sealed record RequestRecord(string Number, int OrganisationId, string ApplicantType, DateOnly ReceivedOn, DateOnly? ConcludedOn, string? Outcome, long FeeFen);

/// <summary>Where a request stands at the end of the report's year.</summary>
public enum RequestState { Open, ConcludedThisYear, ConcludedLater }

/// <summary>
/// Requests table three counts alike: the same organ, applicant type and outcome, received in the year or before it,
/// and open, concluded in the year or concluded later. A database groups its rows into these in one pass (a few dozen
/// tallies for 100,000 requests); one record is a tally of one that keeps its number, so the checks can name it.
/// </summary>
/// <param name="DatesReversed">Concluded before it was received: a broken record (rule 5).</param>
/// <param name="FeesFen">The fees charged on these requests together; <paramref name="FeeRequests"/> how many were charged.</param>
public sealed record RequestTally(int OrganisationId, string ApplicantType, string? Outcome, bool ReceivedThisYear, RequestState State, bool DatesReversed,
    long Count, long FeesFen, long FeeRequests, string? Number = null);

public enum AppealKind { Reconsideration, DirectSuit, SuitAfterReconsideration }

public enum AppealResult { Upheld, Corrected, Other, Pending }

/// <summary>A reconsideration or lawsuit about disclosure (table four). It counts in the year it was filed.</summary>
public sealed record AppealRecord(long Id, int OrganisationId, AppealKind Kind, AppealResult Result, DateOnly FiledOn, DateOnly? DecidedOn);

/// <summary>A broken consistency rule of DOMAIN.md §2.3: which rule, which cell (or record), and why.</summary>
public sealed record Violation(int Rule, string Cell, string Detail);

/// <summary>The computed tables and the facts the checks compare them with.</summary>
public sealed class ReportTables
{
    public required int Year { get; init; }
    public required ReportFormat Format { get; init; }
    public required IReadOnlyList<Grid> TableTwo { get; init; }
    public required Grid TableThree { get; init; }
    public required Grid TableFour { get; init; }
    /// <summary>Information-processing fees charged on the requests concluded this year (国办函〔2020〕109号), in fen.</summary>
    public long FeesFen { get; init; }
    /// <summary>The requests charged a fee this year.</summary>
    public int FeeRequests { get; init; }
    /// <summary>The fee amount of table two's （八） according to the registers, in fen.</summary>
    public long RegisterFeeFen { get; init; }
    /// <summary>Problems found in the records themselves (rules 5 and 11), with the record named.</summary>
    public List<Violation> RecordProblems { get; } = [];

    public IEnumerable<Grid> All => TableTwo.Append(TableThree).Append(TableFour);
}

/// <summary>Computes tables two, three and four from the records of one scope for one year.</summary>
public static class AnnualReportBuilder
{
    public static ReportTables Build(int year, ReportFormat format, IReadOnlySet<int> scope, IEnumerable<RegisterFigure> registers,
        IEnumerable<RequestRecord> requests, IEnumerable<AppealRecord> appeals) =>
        BuildFromTallies(year, format, scope, registers, requests.Select(r => Tally(year, r)).OfType<RequestTally>(), appeals);

    /// <summary>The same tables from requests already counted together (<see cref="RequestTally"/>), e.g. by a GROUP BY.</summary>
    public static ReportTables BuildFromTallies(int year, ReportFormat format, IReadOnlySet<int> scope, IEnumerable<RegisterFigure> registers,
        IEnumerable<RequestTally> requests, IEnumerable<AppealRecord> appeals)
    {
        var problems = new List<Violation>();
        var two = ReportTemplates.TableTwo(format);
        var sums = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var figure in registers)
        {
            if (figure.Year != year) continue;
            if (!scope.Contains(figure.OrganisationId))
            {
                problems.Add(new Violation(11, "第二十条登记 " + figure.Kind, $"登记数据属于范围以外的机关（{figure.OrganisationId}），一份报告只能有一个统计范围。"));
                continue;
            }
            sums[figure.Kind] = sums.GetValueOrDefault(figure.Kind) + figure.Value;
        }
        foreach (var grid in two)
            foreach (var row in grid.Rows)
                for (var c = 0; c < grid.ColumnKeys.Count; c++)
                    row.Cells[c] = Money.Print(sums.GetValueOrDefault($"{row.Key}.{grid.ColumnKeys[c]}"), grid.Units[c]);

        var (three, fees, feeRequests) = TableThree(format, scope, requests, problems);
        var four = TableFour(year, scope, appeals, problems);
        var tables = new ReportTables
        {
            Year = year, Format = format, TableTwo = two, TableThree = three, TableFour = four,
            FeesFen = fees, FeeRequests = feeRequests, RegisterFeeFen = sums.GetValueOrDefault("fee.amount"),
        };
        tables.RecordProblems.AddRange(problems);
        return tables;
    }

    /// <summary>A record as a tally of one, or null when the year's table three does not count it (received after the year, or concluded before it).</summary>
    public static RequestTally? Tally(int year, RequestRecord r)
    {
        var start = new DateOnly(year, 1, 1);
        var end = new DateOnly(year, 12, 31);
        if (r.ReceivedOn > end || (r.ConcludedOn is { } done && done < start)) return null;
        var state = r.ConcludedOn is not { } concluded ? RequestState.Open : concluded <= end ? RequestState.ConcludedThisYear : RequestState.ConcludedLater;
        return new RequestTally(r.OrganisationId, r.ApplicantType, r.Outcome, r.ReceivedOn >= start, state, r.ConcludedOn < r.ReceivedOn, 1, r.FeeFen,
            r.FeeFen > 0 ? 1 : 0, r.Number);
    }

    /// <summary>
    /// True when every request of the tally is counted without a finding (rules 5, 11 and 12). A tally of many that is
    /// not clean has to be read again record by record, so that each broken request is named.
    /// </summary>
    public static bool IsClean(RequestTally t, ReportFormat format, IReadOnlySet<int> scope) =>
        Place(t, format, scope) is { Rule: 0 } placed && !(placed.Row == ReportTemplates.UnpaidFeeRow && t.FeeRequests > 0);

    private readonly record struct Placement(string? Row, int Column, int Rule = 0, string? Detail = null);

    /// <summary>The table-three row and column of a tally's requests, or the rule they break and why (then they are not counted).</summary>
    private static Placement Place(RequestTally t, ReportFormat format, IReadOnlySet<int> scope)
    {
        if (!scope.Contains(t.OrganisationId)) return new(null, -1, 11, "申请属于范围以外的机关，一份报告只能有一个统计范围。");
        var column = Array.IndexOf(ReportTemplates.ApplicantTypes, t.ApplicantType);
        if (column < 0) return new(null, -1, 5, $"申请人类型“{t.ApplicantType}”不是表三的列。");
        if (t.State == RequestState.ConcludedThisYear)
        {
            if (t.DatesReversed) return new(null, column, 5, "办结日期早于收到日期。");
            return OutcomeRow(t.Outcome, format) is { } row
                ? new(row, column)
                : new(null, column, 5, $"已办结的申请必须计入表三的一个办理结果行，“{t.Outcome}”不是其中之一。");
        }
        if (t.State == RequestState.Open && t.Outcome is not null) return new(null, column, 5, "未办结的申请不能有办理结果。");
        return new("carried-out", column);
    }

    /// <summary>
    /// Rule 5: each application is counted once, in one outcome row, in the year it concluded. A request is in this
    /// year's table if it was received by 31 December and not concluded before 1 January: 一 if received this year,
    /// 二 if earlier; an outcome row if concluded this year, else 四 (carried to next year). So 一 + 二 = （七） + 四 holds by construction.
    /// </summary>
    private static (Grid Grid, long Fees, int FeeRequests) TableThree(ReportFormat format, IReadOnlySet<int> scope, IEnumerable<RequestTally> requests,
        List<Violation> problems)
    {
        var grid = ReportTemplates.TableThree(format);
        var counts = grid.Rows.ToDictionary(r => r.Key, _ => new long[7], StringComparer.Ordinal);
        long fees = 0;
        long feeRequests = 0;
        foreach (var t in requests)
        {
            // A record is named by its number; a tally of many only by its size (a caller names them by reading the records).
            var name = "申请 " + (t.Number ?? $"（{t.Count} 件）");
            var placed = Place(t, format, scope);
            if (placed.Rule != 0)
            {
                problems.Add(new Violation(placed.Rule, name, placed.Detail!));
                continue;
            }
            var (row, column) = (placed.Row!, placed.Column);
            if (t.State == RequestState.ConcludedThisYear)
            {
                // Rule 12: a request abandoned because the fee was not paid cannot also have paid a fee.
                if (row == ReportTemplates.UnpaidFeeRow && t.FeeRequests > 0)
                    problems.Add(new Violation(12, name, "计入（六）2（逾期未缴费）的申请不能有已收取的信息处理费。"));
                counts["concluded"][column] += t.Count;
                fees += t.FeesFen;
                feeRequests += t.FeeRequests;
            }
            counts[row][column] += t.Count;
            counts[t.ReceivedThisYear ? "received" : "carried-in"][column] += t.Count;
        }
        foreach (var row in grid.Rows)
        {
            var values = counts[row.Key];
            for (var c = 0; c < 6; c++) row.Cells[c] = Money.Print(values[c], CellUnit.Count);
            row.Cells[6] = Money.Print(values.Sum(), CellUnit.Count);
        }
        return (grid, fees, (int)feeRequests);
    }

    /// <summary>The table-three row of a stored outcome ("不予公开/属于国家秘密" → "withheld.1"), or null if it names none.</summary>
    public static string? OutcomeRow(string? outcome, ReportFormat format)
    {
        if (string.IsNullOrWhiteSpace(outcome)) return null;
        var parts = outcome.Split('/', 2);
        foreach (var (key, group, _, details) in ReportTemplates.OutcomeGroups)
        {
            if (parts[0] != group) continue;
            if (details.Length == 0) return parts.Length == 1 ? key : null;
            if (parts.Length == 1) return null;
            var index = Array.IndexOf(details, parts[1]);
            if (index < 0) return null;
            // In the 2019 format （六）其他处理 is one row.
            return key == "other" && format == ReportFormat.Trial2019 ? key : $"{key}.{index + 1}";
        }
        return null;
    }

    /// <summary>Table four counts cases filed this year; a case not decided by 31 December is printed as 尚未审结.</summary>
    private static Grid TableFour(int year, IReadOnlySet<int> scope, IEnumerable<AppealRecord> appeals, List<Violation> problems)
    {
        var grid = ReportTemplates.TableFour();
        var values = new long[15];
        var end = new DateOnly(year, 12, 31);
        foreach (var a in appeals.Where(a => a.FiledOn.Year == year))
        {
            if (!scope.Contains(a.OrganisationId))
            {
                problems.Add(new Violation(11, "复议诉讼 " + a.Id, "案件属于范围以外的机关，一份报告只能有一个统计范围。"));
                continue;
            }
            var decided = a.Result != AppealResult.Pending && a.DecidedOn is { } on && on <= end;
            var result = decided ? (int)a.Result : (int)AppealResult.Pending;
            values[(int)a.Kind * 5 + result]++;
            values[(int)a.Kind * 5 + 4]++;
        }
        var row = grid.Rows[0];
        for (var c = 0; c < 15; c++) row.Cells[c] = Money.Print(values[c], CellUnit.Count);
        return grid;
    }
}
