using System.Globalization;
using System.Text.RegularExpressions;
using Sunshine.Domain.Calendar;
using Sunshine.Domain.Directory;

namespace Sunshine.Domain.Disclosure;

/// <summary>Where an item of proactive disclosure stands: drafted, submitted for approval, published, withdrawn.</summary>
public enum DisclosureItemStatus
{
    Draft = 1,
    Submitted = 2,
    Published = 3,
    Withdrawn = 4,
}

/// <summary>The validity (有效性) a catalogue entry carries (DOMAIN.md §2.1).</summary>
public enum DisclosureValidity
{
    Valid = 1,    // 有效
    Repealed = 2, // 废止
}

/// <summary>Where a publication appears (发布平台): not a petition Channel.</summary>
public enum Outlet
{
    Website = 1,
    WeChat = 2,
    Toutiao = 3,
}

public static class Outlets
{
    /// <summary>
    /// The name stored in <c>Publication.Outlet</c>. The annual report counts publications by these exact strings
    /// ("one count per publication record per outlet", DOMAIN.md §2.1), so they never change.
    /// </summary>
    public static string StoredName(Outlet outlet) => outlet switch
    {
        Outlet.Website => "网站",
        Outlet.WeChat => "微信公众号",
        Outlet.Toutiao => "政务头条",
        _ => throw new ArgumentOutOfRangeException(nameof(outlet)),
    };

    /// <summary>The categories the accounts publish under, as in the seed report (经验交流, 政策宣传, 工作动态).</summary>
    public static readonly IReadOnlyList<string> AccountCategories = ["经验交流", "政策宣传", "工作动态"];

    /// <summary>The WeChat and 政务头条 accounts file every post under a category; the website uses the catalogue column.</summary>
    public static bool NeedsCategory(Outlet outlet) => outlet != Outlet.Website;
}

/// <summary>
/// The index number (索引号) of a catalogue entry, from a configurable pattern. Tokens: <c>{organ code}</c> (the
/// organisation's division code and id, unique per organ), <c>{division}</c>, <c>{organisation}</c>, <c>{year}</c>
/// (the year of publication) and <c>{sequence:00000}</c> (the organ's running number in that year, zero-padded to
/// the number of zeros). Everything else is copied as it is.
/// </summary>
public static partial class IndexNumberPattern
{
    public const string Default = "{organ code}/{year}-{sequence:00000}";

    [GeneratedRegex(@"\{([a-z ]+)(?::(0+))?\}", RegexOptions.CultureInvariant)]
    private static partial Regex Token();

    /// <summary>Null when the pattern is usable, else why not. A pattern must number within an organ and a year.</summary>
    public static string? Problem(string? pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern)) return "the pattern is empty";
        var names = Token().Matches(pattern).Select(m => m.Groups[1].Value).ToList();
        var unknown = names.FirstOrDefault(n => n is not ("organ code" or "division" or "organisation" or "year" or "sequence"));
        if (unknown is not null) return $"unknown token {{{unknown}}}";
        if (!names.Contains("sequence")) return "the pattern has no {sequence}";
        if (!names.Contains("year")) return "the pattern has no {year}";
        if (!names.Contains("organ code") && !names.Contains("organisation")) return "the pattern names no organ ({organ code} or {organisation})";
        return null;
    }

    public static string OrganCode(string divisionCode, int organisationId) =>
        divisionCode + "-" + organisationId.ToString("D4", CultureInfo.InvariantCulture);

    public static string Format(string pattern, string divisionCode, int organisationId, int year, int sequence)
    {
        if (Problem(pattern) is { } problem) throw new ArgumentException($"Disclosure:IndexNumberPattern \"{pattern}\": {problem}.", nameof(pattern));
        return Token().Replace(pattern, m => m.Groups[1].Value switch
        {
            "organ code" => OrganCode(divisionCode, organisationId),
            "division" => divisionCode,
            "organisation" => organisationId.ToString(CultureInfo.InvariantCulture),
            "year" => year.ToString("D4", CultureInfo.InvariantCulture),
            _ => sequence.ToString(new string('0', Math.Max(1, m.Groups[2].Length)), CultureInfo.InvariantCulture),
        });
    }
}

/// <summary>
/// Timeliness of proactive disclosure: information is published within 20 工作日 of being formed or changed
/// (《政府信息公开条例》第二十六条). Counting starts the day after it was formed; working days follow the State
/// Council's holiday notices (DOMAIN.md §1.4, §5).
/// </summary>
public static class ProactiveTimeliness
{
    public static Deadline DueOn(DateOnly formedOn, string divisionCode, HolidayCalendar calendar, RuleBook? rules = null)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var rule = (rules ?? RuleBook.Default).Rule(RuleCodes.ProactivePublication, divisionCode, formedOn);
        return StatutoryClock.Compute(rule, formedOn, calendar);
    }

    /// <summary>Published after its due date; the due date itself is still in time (a limit ends at 24:00 of that day).</summary>
    public static bool IsLate(DateOnly dueOn, DateOnly? publishedOn, DateOnly today) =>
        publishedOn is { } published ? published > dueOn : today > dueOn;
}

/// <summary>A step of an item's approval before publishing.</summary>
public enum DisclosureItemAction
{
    Submit = 1,   // the disclosure officer sends the draft for approval
    Return = 2,   // the unit leader sends it back to draft, with a reason
    Approve = 3,  // the unit leader approves: it is published on the chosen outlets
    Publish = 4,  // an approved item is also published on another outlet
    Repeal = 5,   // the information is no longer in force (废止); the entry stays public
    Withdraw = 6, // taken off the portal; the record and its publications stay
}

/// <summary>
/// Who may take which step, and where it leads. The disclosure officer (公开专员) drafts and submits; the unit leader
/// approves (审批) before anything is published, returns a draft, and withdraws. Nothing is published unapproved.
/// </summary>
public static class DisclosureItemWorkflow
{
    public static (DisclosureItemStatus From, DisclosureItemStatus To, string Role) Rule(DisclosureItemAction action) => action switch
    {
        DisclosureItemAction.Submit => (DisclosureItemStatus.Draft, DisclosureItemStatus.Submitted, StaffRoles.DisclosureOfficer),
        DisclosureItemAction.Return => (DisclosureItemStatus.Submitted, DisclosureItemStatus.Draft, StaffRoles.UnitLeader),
        DisclosureItemAction.Approve => (DisclosureItemStatus.Submitted, DisclosureItemStatus.Published, StaffRoles.UnitLeader),
        DisclosureItemAction.Publish => (DisclosureItemStatus.Published, DisclosureItemStatus.Published, StaffRoles.UnitLeader),
        DisclosureItemAction.Repeal => (DisclosureItemStatus.Published, DisclosureItemStatus.Published, StaffRoles.UnitLeader),
        DisclosureItemAction.Withdraw => (DisclosureItemStatus.Published, DisclosureItemStatus.Withdrawn, StaffRoles.UnitLeader),
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    /// <summary>Null when allowed, else a reason code: "disclosure.role" or "disclosure.state".</summary>
    public static string? Check(DisclosureItemAction action, DisclosureItemStatus status, IReadOnlySet<string> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var rule = Rule(action);
        if (!roles.Contains(rule.Role)) return "disclosure.role";
        return status == rule.From ? null : "disclosure.state";
    }

    public static IReadOnlyList<DisclosureItemAction> Allowed(DisclosureItemStatus status, IReadOnlySet<string> roles) =>
        Enum.GetValues<DisclosureItemAction>().Where(a => Check(a, status, roles) is null).ToList();

    /// <summary>Only drafts are edited: what the leader approved is what is published.</summary>
    public static bool MayEdit(DisclosureItemStatus status, IReadOnlySet<string> roles) =>
        status == DisclosureItemStatus.Draft && roles.Contains(StaffRoles.DisclosureOfficer);
}
