using Sunshine.Domain.Directory;

namespace Sunshine.Domain.Petitions.Workflow;

/// <summary>
/// Who acts, seen from one case: the actor's roles (<see cref="StaffRoles"/>), organisation, and where that organisation
/// stands towards the case. The domain does not know the organisation tree, so the caller states the relations;
/// <see cref="For"/> derives the two it can from the case's organisation ids.
/// </summary>
/// <param name="Roles">Staff roles held in <paramref name="OrganisationId"/>. Empty for a petitioner.</param>
/// <param name="OrganisationId">Null for a petitioner.</param>
/// <param name="IsRegisteringBureau">The actor's organisation registered the item (the bureau, or a unit that received it directly).</param>
/// <param name="IsResponsibleUnit">The actor's organisation is the one that must act on the case's current step
/// (承办单位; during review and re-examination, the reviewing or re-examining organ).</param>
/// <param name="IsSupervisingLevel">The actor's organisation is a level above the responsible unit, or a petition bureau
/// supervising it (属地管理、分级负责): it receives review and re-examination requests and orders reopening.</param>
/// <param name="IsPetitioner">The petitioner in person (no account needed, DOMAIN.md §3).</param>
public sealed record WorkflowActor(
    IReadOnlySet<string> Roles,
    int? OrganisationId,
    bool IsRegisteringBureau,
    bool IsResponsibleUnit,
    bool IsSupervisingLevel,
    bool IsPetitioner = false)
{
    public static WorkflowActor Petitioner { get; } = new(new HashSet<string>(), null, false, false, false, IsPetitioner: true);

    public bool Has(string role) => Roles.Contains(role);

    /// <summary>A staff member; the relations are stated by the caller.</summary>
    public static WorkflowActor Staff(int organisationId, IEnumerable<string> roles,
        bool registeringBureau = false, bool responsibleUnit = false, bool supervisingLevel = false) =>
        new(new HashSet<string>(roles, StringComparer.Ordinal), organisationId, registeringBureau, responsibleUnit, supervisingLevel);

    /// <summary>
    /// A staff member of <paramref name="organisationId"/> acting on <paramref name="petition"/>: registering bureau and
    /// responsible unit come from the case's ids; whether the organisation is a supervising level comes from the caller,
    /// who knows the organisation tree.
    /// </summary>
    public static WorkflowActor For(PetitionCase petition, int organisationId, IEnumerable<string> roles, bool supervisingLevel = false)
    {
        ArgumentNullException.ThrowIfNull(petition);
        return Staff(organisationId, roles,
            registeringBureau: petition.RegisteringOrganisationId == organisationId,
            responsibleUnit: petition.ResponsibleOrganisationId == organisationId,
            supervisingLevel: supervisingLevel);
    }
}
