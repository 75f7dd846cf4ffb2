using System.Globalization;

namespace Sunshine.Domain.Calendar;

/// <summary>
/// Computes due dates for statutory time limits (DOMAIN.md §1.4).
/// <list type="number">
/// <item>The day of the triggering event is not counted; counting starts the next day (Civil Code Art. 201).</item>
/// <item>Calendar-day periods count every day; working-day periods count only working days.</item>
/// <item>Clock pauses: the days From..To (both ends included in the stop) are skipped while counting, so the end moves
/// by the number of paused days — in the rule's unit — that fall inside the running period. Paused days before the
/// start or after the due date change nothing; overlapping pauses count each day once.</item>
/// <item>If the rule says so, a calendar-day period whose last day is a rest day ends on the next working day (Civil Code Art. 203).</item>
/// <item>An extension counts its length (in the rule's extension unit) after the due date as computed so far — including
/// any roll-forward — skipping paused days too; then the roll-forward rule applies once more to the new last day.</item>
/// <item>Every year whose working days the computation consulted without a loaded notice gets a warning. A plain
/// calendar-day period without roll-forward never consults the calendar, so it never warns.</item>
/// </list>
/// </summary>
public static class StatutoryClock
{
    private const string CivilCode203 = "《民法典》第二百零三条";

    public static Deadline Compute(
        TimeLimitRule rule,
        DateOnly start,
        HolidayCalendar calendar,
        IReadOnlyList<ClockPause>? pauses = null,
        ClockExtension? extension = null)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(calendar);
        if (rule.Length <= 0)
        {
            throw new ArgumentException($"Rule {rule.Code} has a period of {rule.Length}; it must be positive.", nameof(rule));
        }

        var ordered = (pauses ?? []).OrderBy(p => p.From).ThenBy(p => p.To).ToList();
        var backwards = ordered.FirstOrDefault(p => p.To < p.From);
        if (backwards is not null)
        {
            throw new ArgumentException($"Clock pause \"{backwards.Reason}\" ends ({Iso(backwards.To)}) before it starts ({Iso(backwards.From)}).", nameof(pauses));
        }

        var probe = new CalendarProbe(calendar);
        var explanation = new List<string>();
        var warnings = new List<string>();
        var unit = Label(rule.Unit);

        var due = DayCounter.CountForward(start, rule.Length, rule.Unit, [], probe);
        explanation.Add($"{rule.Name}: {rule.Length} {unit} after {rule.StartEvent} on {Iso(start)} ({rule.Article}): due {Iso(due)}");

        // Each pause is added in date order, so every line shows the due date after that pause.
        for (var i = 0; i < ordered.Count; i++)
        {
            var p = ordered[i];
            var earlier = ordered.Take(i).ToList();
            var withThis = ordered.Take(i + 1).ToList();
            var next = DayCounter.CountForward(start, rule.Length, rule.Unit, withThis, probe);
            var notCounted = DayCounter.PausedDaysCounted(p, earlier, start, next, rule.Unit, probe);
            explanation.Add(notCounted == 0
                ? $"clock stopped {Iso(p.From)} to {Iso(p.To)} ({p.Reason}): none of its {unit} falls inside the running period ({Iso(start)}, {Iso(due)}], nothing to shift"
                : $"clock stopped {Iso(p.From)} to {Iso(p.To)} ({p.Reason}), both days excluded: {notCounted} {unit} not counted: due {Iso(next)}");
            due = next;
        }

        due = RollForward(rule, rule.Unit, due, probe, explanation);

        if (extension is not null)
        {
            var extUnit = Label(rule.ExtensionUnit);
            if (rule.MaxExtension <= 0)
            {
                throw new ArgumentException($"{rule.Name} ({rule.Code}, {rule.Article}) allows no extension.", nameof(extension));
            }

            if (extension.Length <= 0)
            {
                throw new ArgumentException($"An extension must be at least 1 {extUnit}; got {extension.Length}.", nameof(extension));
            }

            if (extension.Length > rule.MaxExtension)
            {
                throw new ArgumentException(
                    $"An extension of {extension.Length} {extUnit} exceeds the maximum of {rule.MaxExtension} {extUnit} for {rule.Name} ({rule.Article}).",
                    nameof(extension));
            }

            if (extension.ApprovedOn > due)
            {
                warnings.Add($"The extension was approved on {Iso(extension.ApprovedOn)}, after the limit had expired on {Iso(due)}; an extension must be approved within the limit ({rule.Article}).");
            }
            else if (extension.ApprovedOn < start)
            {
                warnings.Add($"The extension was approved on {Iso(extension.ApprovedOn)}, before the clock started on {Iso(start)}.");
            }

            var extended = DayCounter.CountForward(due, extension.Length, rule.ExtensionUnit, ordered, probe);
            var pausedInExtension = ordered.Count == 0
                ? 0
                : DayCounter.CountableDays(due, extended, rule.ExtensionUnit, probe) - extension.Length;
            var pauseNote = pausedInExtension > 0 ? $", {pausedInExtension} {extUnit} of clock stop not counted" : "";
            var reason = string.IsNullOrWhiteSpace(extension.Reason) ? "" : $"; {extension.Reason}";
            explanation.Add($"+{extension.Length} {extUnit} extension approved {Iso(extension.ApprovedOn)}{pauseNote}: due {Iso(extended)} ({rule.Article}{reason})");
            due = RollForward(rule, rule.ExtensionUnit, extended, probe, explanation);
        }

        foreach (var year in probe.YearsWithoutNotice)
        {
            warnings.Add($"No holiday notice is loaded for {year}: the dates it governs ({year}, and possibly the last days of {year - 1}) " +
                         $"were judged by weekday only. Load the State Council's 《关于{year}年部分节假日安排的通知》 and recompute.");
        }

        return new Deadline(due, explanation.AsReadOnly(), warnings.AsReadOnly());
    }

    // Civil Code Art. 203: the last day of a period that falls on a 法定休假日 moves to the next working day.
    // Working-day periods always end on a working day, so only calendar-day periods can move.
    private static DateOnly RollForward(TimeLimitRule rule, PeriodUnit unit, DateOnly due, CalendarProbe probe, List<string> explanation)
    {
        if (!rule.RollForwardToWorkingDay || unit != PeriodUnit.CalendarDays || probe.IsWorkingDay(due))
        {
            return due;
        }

        var next = due.AddDays(1);
        while (!probe.IsWorkingDay(next))
        {
            next = next.AddDays(1);
        }

        var why = probe.Calendar.EntryOn(due)?.Note ?? (probe.Calendar.HasNotice(due.Year) ? "weekend" : "weekend, no notice loaded");
        explanation.Add($"last day {Iso(due)} is a rest day ({why}), moved to the next working day ({CivilCode203}): due {Iso(next)}");
        return next;
    }

    internal static string Label(PeriodUnit unit) => unit == PeriodUnit.WorkingDays ? "工作日" : "日";

    internal static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>Asks the calendar about dates and remembers which years it consulted, to warn about years without a notice.</summary>
internal sealed class CalendarProbe(HolidayCalendar calendar)
{
    private readonly SortedSet<int> _consulted = [];

    public HolidayCalendar Calendar { get; } = calendar;

    public IEnumerable<int> YearsWithoutNotice => _consulted.Where(y => !Calendar.HasNotice(y));

    public bool IsWorkingDay(DateOnly date)
    {
        _consulted.Add(date.Year);
        // The next year's notice can re-arrange the last days of December (2007-12-29, 2011-12-31, 2018-12-29–31 and
        // 2022-12-31 were set that way, never earlier than the 29th), so those dates also depend on it.
        if (date is { Month: 12, Day: >= 29 })
        {
            _consulted.Add(date.Year + 1);
        }

        return Calendar.IsWorkingDay(date);
    }
}

internal static class DayCounter
{
    /// <summary>The <paramref name="count"/>-th countable day strictly after <paramref name="from"/> (Civil Code Art. 201).</summary>
    public static DateOnly CountForward(DateOnly from, int count, PeriodUnit unit, IReadOnlyList<ClockPause> pauses, CalendarProbe probe)
    {
        var d = from;
        var counted = 0;
        while (counted < count)
        {
            d = d.AddDays(1);
            if (!IsPaused(d, pauses) && IsCountable(d, unit, probe))
            {
                counted++;
            }
        }

        return d;
    }

    /// <summary>Days of <paramref name="pause"/> in (start, end] that the unit would count and no earlier pause already stopped.</summary>
    public static int PausedDaysCounted(ClockPause pause, IReadOnlyList<ClockPause> earlier, DateOnly start, DateOnly end, PeriodUnit unit, CalendarProbe probe)
    {
        var first = pause.From > start ? pause.From : start.AddDays(1);
        var last = pause.To < end ? pause.To : end;
        var n = 0;
        for (var d = first; d <= last; d = d.AddDays(1))
        {
            if (!IsPaused(d, earlier) && IsCountable(d, unit, probe))
            {
                n++;
            }
        }

        return n;
    }

    /// <summary>Days in (from, to] that the unit counts, pauses ignored.</summary>
    public static int CountableDays(DateOnly from, DateOnly to, PeriodUnit unit, CalendarProbe probe)
    {
        var n = 0;
        for (var d = from.AddDays(1); d <= to; d = d.AddDays(1))
        {
            if (IsCountable(d, unit, probe))
            {
                n++;
            }
        }

        return n;
    }

    private static bool IsCountable(DateOnly d, PeriodUnit unit, CalendarProbe probe) =>
        unit == PeriodUnit.CalendarDays || probe.IsWorkingDay(d);

    private static bool IsPaused(DateOnly d, IReadOnlyList<ClockPause> pauses)
    {
        foreach (var p in pauses)
        {
            if (d >= p.From && d <= p.To)
            {
                return true;
            }
        }

        return false;
    }
}
