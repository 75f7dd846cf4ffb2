namespace Sunshine.Domain.Petitions.Workflow;

/// <summary>
/// Where a 申诉求决 item goes when a legal procedure governs it (《信访工作条例》第三十一条第（一）至（五）项; 诉访分离,
/// DOMAIN.md §1.3). Item 6 — everything else — is the handling-opinion path and is not a route.
/// </summary>
public enum LegalRoute
{
    /// <summary>Art. 31 (一): courts, procuratorates, public-security legal procedures; litigation not yet concluded.</summary>
    Litigation = 1,

    /// <summary>Art. 31 (二): arbitration.</summary>
    Arbitration = 2,

    /// <summary>Art. 31 (三): party-member appeals and re-examination by the party.</summary>
    PartyProcedure = 3,

    /// <summary>Art. 31 (四): administrative reconsideration, adjudication, confirmation, licensing, penalty.</summary>
    AdministrativeProcedure = 4,

    /// <summary>Art. 31 (五): a request that an organ perform a statutory duty; the organ performs it or replies.</summary>
    StatutoryDuty = 5,
}

/// <summary>Chinese texts of the routes: what the petitioner is told is a statutory text, always in Chinese.</summary>
public static class LegalRoutes
{
    private const string Article31 = "《信访工作条例》第三十一条";

    public static IReadOnlyList<LegalRoute> All { get; } = Enum.GetValues<LegalRoute>();

    /// <summary>The route as the statute names it.</summary>
    public static string Label(LegalRoute route) => route switch
    {
        LegalRoute.Litigation => "诉讼、检察、公安等法律程序",
        LegalRoute.Arbitration => "仲裁程序",
        LegalRoute.PartyProcedure => "党员申诉、申请复审等程序",
        LegalRoute.AdministrativeProcedure => "行政复议、行政裁决、行政确认、行政许可、行政处罚等行政程序",
        LegalRoute.StatutoryDuty => "依法履行职责或者答复",
        _ => throw new ArgumentOutOfRangeException(nameof(route), route, null),
    };

    /// <summary>The citation, e.g. "《信访工作条例》第三十一条第（二）项".</summary>
    public static string Article(LegalRoute route) => route switch
    {
        LegalRoute.Litigation => Article31 + "第（一）项",
        LegalRoute.Arbitration => Article31 + "第（二）项",
        LegalRoute.PartyProcedure => Article31 + "第（三）项",
        LegalRoute.AdministrativeProcedure => Article31 + "第（四）项",
        LegalRoute.StatutoryDuty => Article31 + "第（五）项",
        _ => throw new ArgumentOutOfRangeException(nameof(route), route, null),
    };
}
