using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Domain.Directory;
using Sunshine.Domain.Petitions;

namespace Sunshine.Web.Infrastructure;

/// <summary>
/// The one authorization mechanism for data: who the caller is, which organisation they act for, and the subtree
/// they may see. Every endpoint and page filters through <see cref="ScopeQueries"/> or checks <see cref="Covers"/>.
/// A user acts within their own organisation and, where granted, its subordinates (DOMAIN.md §3).
/// </summary>
public sealed record UserScope(string UserId, string UserName, int OrganisationId, string OrganisationPath, string ScopePath, bool IncludeSubordinates, IReadOnlySet<string> Roles)
{
    public const string OrganisationClaim = "sunshine:org";
    public const string OrganisationPathClaim = "sunshine:org_path";
    public const string ScopePathClaim = "sunshine:scope_path";
    public const string SubordinatesClaim = "sunshine:subordinates";
    public const string BureauClaim = "sunshine:bureau";

    /// <summary>The user works at a Letters and Calls Bureau (信访局), which may see accusations in its jurisdiction (Art. 30).</summary>
    public bool AtBureau { get; init; }

    public bool IsInRole(string role) => Roles.Contains(role);

    public bool Covers(Organisation organisation) => Covers(organisation.Id, organisation.Path);

    public bool Covers(int organisationId, string organisationPath) =>
        organisationId == OrganisationId || (IncludeSubordinates && organisationPath.StartsWith(ScopePath, StringComparison.Ordinal));

    /// <summary>Reads the scope from the claims issued at sign-in; null for an anonymous caller.</summary>
    public static UserScope? From(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return null;
        var org = user.FindFirstValue(OrganisationClaim);
        if (org is null) return null;
        return new UserScope(
            user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "",
            user.Identity.Name ?? "",
            int.Parse(org, System.Globalization.CultureInfo.InvariantCulture),
            user.FindFirstValue(OrganisationPathClaim) ?? "/",
            user.FindFirstValue(ScopePathClaim) ?? "/",
            user.FindFirstValue(SubordinatesClaim) == "true",
            user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet())
        {
            AtBureau = user.FindFirstValue(BureauClaim) == "true",
        };
    }

    public static IEnumerable<Claim> ClaimsFor(Organisation organisation, bool includeSubordinates) =>
    [
        new(OrganisationClaim, organisation.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new(OrganisationPathClaim, organisation.Path),
        new(ScopePathClaim, organisation.ScopePath),
        new(SubordinatesClaim, includeSubordinates ? "true" : "false"),
        new(BureauClaim, organisation.Kind == OrganisationKind.PetitionBureau ? "true" : "false"),
    ];
}

public static class ScopeQueries
{
    public static IQueryable<Organisation> WithinScope(this IQueryable<Organisation> query, UserScope scope) =>
        scope.IncludeSubordinates
            ? query.Where(o => o.Id == scope.OrganisationId || o.Path.StartsWith(scope.ScopePath))
            : query.Where(o => o.Id == scope.OrganisationId);

    public static IQueryable<StaffUser> WithinScope(this IQueryable<StaffUser> query, UserScope scope) =>
        scope.IncludeSubordinates
            ? query.Where(u => u.OrganisationId == scope.OrganisationId || u.Organisation!.Path.StartsWith(scope.ScopePath))
            : query.Where(u => u.OrganisationId == scope.OrganisationId);

    /// <summary>
    /// A petition is visible to the units that registered it or are responsible for it, and to those above them.
    /// Accusations (检举控告类, 《信访工作条例》第三十条) are narrower: only the bureaus above and the organ handling them
    /// see them, and the unit accused never does, whatever its place in the tree — the accuser's identity and
    /// material must not reach the accused. A government office overseeing a county sees its requests, not its accusations.
    /// </summary>
    public static IQueryable<Petition> WithinScope(this IQueryable<Petition> query, UserScope scope)
    {
        var own = scope.OrganisationId;
        query = query.Where(p => p.AccusedOrganisationId != own);
        if (!scope.IncludeSubordinates)
            return query.Where(p => p.RegisteringOrganisationId == own || p.ResponsibleOrganisationId == own);
        query = query.Where(p => p.RegisteringOrganisation!.Path.StartsWith(scope.ScopePath)
                                 || (p.ResponsibleOrganisationId != null && p.ResponsibleOrganisation!.Path.StartsWith(scope.ScopePath)));
        return scope.AtBureau
            ? query
            : query.Where(p => p.Purpose != Purpose.Accusation || p.RegisteringOrganisationId == own || p.ResponsibleOrganisationId == own);
    }
}

/// <summary>Puts the organisation and its scope into the sign-in cookie, so each request needs no extra query.</summary>
public sealed class StaffClaimsFactory(UserManager<StaffUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options, SunshineDbContext db)
    : UserClaimsPrincipalFactory<StaffUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        var organisation = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == user.OrganisationId);
        identity.AddClaims(UserScope.ClaimsFor(organisation, user.IncludeSubordinates));
        identity.AddClaim(new Claim("sunshine:display_name", user.DisplayName));
        if (user.MustChangePassword)
            identity.AddClaim(new Claim(Sunshine.Web.Features.Account.AccountEndpoints.MustChangePasswordClaim, "true"));
        return identity;
    }
}
