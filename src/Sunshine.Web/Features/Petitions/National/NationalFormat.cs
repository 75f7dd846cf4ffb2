using MiniExcelLibs.Attributes;
using Sunshine.Domain.Petitions;
using Sunshine.Domain.Petitions.Workflow;

namespace Sunshine.Web.Features.Petitions.National;

/// <summary>
/// One case in the national petition information system's registration record (DOMAIN.md §1.2), in the national
/// order, under its Chinese headers, plus the responsible unit (责任单位) that the national state refers to. Values are
/// text as the national system writes them: dates yyyy-MM-dd, flags 是/否, names of channels, purposes and states.
/// Always Chinese, whatever the UI language: this is the national system's format, not a screen.
/// </summary>
public sealed class NationalRow
{
    [ExcelColumn(Name = "信访件编号", Index = 0, Width = 22)] public string CaseNumber { get; set; } = "";
    [ExcelColumn(Name = "信访人姓名", Index = 1)] public string PetitionerName { get; set; } = "";
    [ExcelColumn(Name = "信访人数", Index = 2)] public int HeadCount { get; set; } = 1;
    [ExcelColumn(Name = "住址", Index = 3, Width = 30)] public string? Address { get; set; }
    [ExcelColumn(Name = "手机号码", Index = 4, Width = 14)] public string? Phone { get; set; }
    [ExcelColumn(Name = "证件号码", Index = 5, Width = 20)] public string? IdNumber { get; set; }
    [ExcelColumn(Name = "证件类型", Index = 6)] public string? IdType { get; set; }
    [ExcelColumn(Name = "问题属地", Index = 7, Width = 14)] public string IssueLocality { get; set; } = "";
    [ExcelColumn(Name = "信访目的", Index = 8)] public string Purpose { get; set; } = "";
    [ExcelColumn(Name = "内容分类", Index = 9, Width = 20)] public string? Category { get; set; }
    [ExcelColumn(Name = "信访日期", Index = 10, Width = 12)] public string ReceivedOn { get; set; } = "";
    [ExcelColumn(Name = "登记日期", Index = 11, Width = 12)] public string RegisteredOn { get; set; } = "";
    [ExcelColumn(Name = "办理期限", Index = 12, Width = 12)] public string? DueOn { get; set; }
    [ExcelColumn(Name = "信访形式", Index = 13)] public string Channel { get; set; } = "";
    [ExcelColumn(Name = "概况", Index = 14, Width = 30)] public string Summary { get; set; } = "";
    [ExcelColumn(Name = "信访内容", Index = 15, Width = 60)] public string Content { get; set; } = "";
    [ExcelColumn(Name = "附件", Index = 16)] public string? Attachments { get; set; }
    [ExcelColumn(Name = "是否办结", Index = 17)] public string Closed { get; set; } = NationalFormat.No;
    [ExcelColumn(Name = "是否全国初次信访", Index = 18)] public string FirstNationally { get; set; } = NationalFormat.Yes;
    [ExcelColumn(Name = "是否联名信或集体访", Index = 19)] public string JointOrCollective { get; set; } = NationalFormat.No;
    [ExcelColumn(Name = "信访事项状态", Index = 20, Width = 18)] public string State { get; set; } = "";
    [ExcelColumn(Name = "登记单位", Index = 21, Width = 20)] public string RegisteringUnit { get; set; } = "";
    [ExcelColumn(Name = "登记人", Index = 22)] public string? RegisteringOfficer { get; set; }
    [ExcelColumn(Name = "责任单位", Index = 23, Width = 20)] public string? ResponsibleUnit { get; set; }
}

/// <summary>The national system's names for channels, purposes, states and flags, both ways.</summary>
public static class NationalFormat
{
    public const string Yes = "是";
    public const string No = "否";

    /// <summary>证件类型 of the only identity document the registration validates and stores (GB 11643 resident ID).</summary>
    public const string ResidentId = "居民身份证";

    /// <summary>The headers, in the national order (the order of <see cref="NationalRow"/>).</summary>
    public static IReadOnlyList<string> Headers { get; } =
    [
        "信访件编号", "信访人姓名", "信访人数", "住址", "手机号码", "证件号码", "证件类型", "问题属地", "信访目的", "内容分类",
        "信访日期", "登记日期", "办理期限", "信访形式", "概况", "信访内容", "附件", "是否办结", "是否全国初次信访",
        "是否联名信或集体访", "信访事项状态", "登记单位", "登记人", "责任单位",
    ];

    /// <summary>Columns without which a row cannot be registered: a file lacking one is not a national file.</summary>
    public static IReadOnlyList<string> RequiredHeaders { get; } = ["信访件编号", "信访人姓名", "问题属地", "信访形式", "概况", "信访内容"];

    /// <summary>信访形式 as the national system's exports name them (DOMAIN.md §1.1); the mailboxes by their own names.</summary>
    public static string ChannelName(Channel channel) => channel switch
    {
        Channel.Letter => "来信",
        Channel.Visit => "来访",
        Channel.Online => "网上信访",
        Channel.Mobile => "手机信访",
        Channel.WeChat => "微信信访",
        Channel.Phone => "电话信访",
        Channel.Fax => "传真",
        Channel.LeaderMailbox => "领导信箱",
        Channel.GovernorMailbox => "省长信箱",
        Channel.LeaderMessageBoard => "地方领导留言板",
        Channel.PremierMailbox => "总理信箱",
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, null),
    };

    // 网上建议 is the national system's online form for suggestions: an online channel here (the purpose says suggestion).
    // The project's English names are accepted too.
    private static readonly Dictionary<string, Channel> Channels = new(
        Enum.GetValues<Channel>().Select(c => KeyValuePair.Create(ChannelName(c), c))
            .Concat(Enum.GetValues<Channel>().Select(c => KeyValuePair.Create(c.ToString(), c)))
            .Concat([
                KeyValuePair.Create("网上建议", Channel.Online), KeyValuePair.Create("传真信访", Channel.Fax),
                KeyValuePair.Create("领导留言板", Channel.LeaderMessageBoard), KeyValuePair.Create("人民网地方领导留言板", Channel.LeaderMessageBoard),
                KeyValuePair.Create("人民网《地方领导留言板》", Channel.LeaderMessageBoard), KeyValuePair.Create("《总理信箱》", Channel.PremierMailbox),
            ]),
        StringComparer.OrdinalIgnoreCase);

    public static bool TryChannel(string name, out Channel channel) => Channels.TryGetValue(name, out channel);

    public static string PurposeName(Purpose purpose) => purpose switch
    {
        Purpose.Request => "求决",
        Purpose.Suggestion => "意见建议",
        Purpose.Appeal => "申诉",
        Purpose.Accusation => "揭发控告",
        Purpose.Inquiry => "咨询",
        Purpose.Other => "其他",
        _ => throw new ArgumentOutOfRangeException(nameof(purpose), purpose, null),
    };

    private static readonly Dictionary<string, NationalState> States =
        Enum.GetValues<NationalState>().ToDictionary(NationalStatus.Name, StringComparer.Ordinal);

    /// <summary>One of the 15 state names of DOMAIN.md §1.3, exactly as the national system writes it.</summary>
    public static bool TryState(string name, out NationalState state) => States.TryGetValue(name, out state);

    public static string Flag(bool value) => value ? Yes : No;

    /// <summary>是/否 (also Y/N, 1/0, true/false); null when blank. False when the text is none of these.</summary>
    public static bool TryFlag(string? text, out bool? value)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "":
                value = null;
                return true;
            case "是" or "y" or "yes" or "1" or "true":
                value = true;
                return true;
            case "否" or "n" or "no" or "0" or "false":
                value = false;
                return true;
            default:
                value = null;
                return false;
        }
    }

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Statuses that mean the case is closed here (是否办结 = 是): not accepted, routed to a legal procedure, merged into
    /// its original, concluded or withdrawn.
    /// </summary>
    public static bool IsClosed(PetitionStatus status) => status is PetitionStatus.Declined or PetitionStatus.RoutedToLegalChannel
        or PetitionStatus.Merged or PetitionStatus.Concluded or PetitionStatus.Withdrawn;
}
