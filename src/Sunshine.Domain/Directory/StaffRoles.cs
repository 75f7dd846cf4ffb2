namespace Sunshine.Domain.Directory;

/// <summary>The staff roles of DOMAIN.md §3. Petitioners and applicants need no account.</summary>
public static class StaffRoles
{
    public const string Registrar = "Registrar";               // 登记
    public const string HandlingOfficer = "HandlingOfficer";   // 承办
    public const string UnitLeader = "UnitLeader";             // 审批: extensions, replies
    public const string Supervisor = "Supervisor";             // 督查
    public const string BureauLeader = "BureauLeader";         // dashboards, assessment
    public const string DisclosureOfficer = "DisclosureOfficer"; // 公开专员
    public const string Administrator = "Administrator";

    public static readonly IReadOnlyList<string> All =
        [Registrar, HandlingOfficer, UnitLeader, Supervisor, BureauLeader, DisclosureOfficer, Administrator];
}

/// <summary>What kind of body an organisation is. A Letters and Calls Bureau acts for its government's whole division.</summary>
public enum OrganisationKind
{
    Government = 1,      // 人民政府 of a province, city, county or township
    PetitionBureau = 2,  // 信访局 / 信访办
    Department = 3,      // 职能部门
    Other = 9,
}
