using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Domain.Directory;
using Microsoft.Extensions.Localization;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Directory;

public sealed record OrganisationDto(int Id, string Name, OrganisationKind Kind, string DivisionCode, int? ParentId, bool IsActive);
public sealed record DivisionDto(string Code, string Name, DivisionLevel Level, string? ParentCode);
public sealed record CategoryDto(int Id, string Name, int Level, int? ParentId);
public sealed record CreateOrganisation(string? Name, OrganisationKind Kind, int? ParentId);
public sealed record UpdateOrganisation(string? Name, bool IsActive);
public sealed record StaffUserDto(string Id, string UserName, string DisplayName, int OrganisationId, string OrganisationName, bool IncludeSubordinates, bool IsLockedOut, IReadOnlyList<string> Roles);
public sealed record CreateStaffUser(string? UserName, string? DisplayName, int OrganisationId, bool IncludeSubordinates, IReadOnlyList<string>? Roles);
public sealed record CreatedStaffUser(string Id, string UserName, string OneTimePassword);

/// <summary>Organisations and staff accounts, always within the caller's scope; changes only by administrators.</summary>
public static class DirectoryEndpoints
{
    public static void MapDirectoryEndpoints(this IEndpointRouteBuilder app)
    {
        var organisations = app.MapGroup("/api/organisations").WithTags("Directory").RequireAuthorization(Policies.Staff);
        organisations.MapGet("/", ListOrganisations);
        organisations.MapGet("/{id:int}", GetOrganisation);
        organisations.MapPost("/", CreateOrganisationAsync).RequireAuthorization(Policies.Administrator);
        organisations.MapPut("/{id:int}", UpdateOrganisationAsync).RequireAuthorization(Policies.Administrator);

        app.MapGet("/api/divisions", SearchDivisions).WithTags("Directory").RequireAuthorization(Policies.Staff);
        app.MapGet("/api/categories", ListCategories).WithTags("Directory").RequireAuthorization(Policies.Staff);

        var users = app.MapGroup("/api/users").WithTags("Directory").RequireAuthorization(Policies.Administrator);
        users.MapGet("/", ListUsers);
        users.MapPost("/", CreateUserAsync);
        users.MapPost("/{id}/reset-password", ResetPasswordAsync);
    }

    /// <summary>Children of <paramref name="parentId"/> (or the caller's own organisation), or a name search, within scope.</summary>
    public static async Task<IResult> ListOrganisations(ClaimsPrincipal user, SunshineDbContext db, int? parentId, string? q, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        var query = db.Organisations.AsNoTracking().WithinScope(scope);
        query = !string.IsNullOrWhiteSpace(q) ? query.Where(o => o.Name.Contains(q))
            : parentId is null ? query.Where(o => o.Id == scope.OrganisationId)
            : query.Where(o => o.ParentId == parentId);
        var list = await query.OrderBy(o => o.SortOrder).Take(500)
            .Select(o => new OrganisationDto(o.Id, o.Name, o.Kind, o.DivisionCode, o.ParentId, o.IsActive))
            .ToListAsync(ct);
        return TypedResults.Ok(list);
    }

    /// <summary>Divisions whose name contains <paramref name="q"/> (e.g. 小店 → 小店区 and its streets), counties first.</summary>
    public static async Task<IResult> SearchDivisions(string? q, SunshineDbContext db, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(q)) return TypedResults.Ok(new List<DivisionDto>());
        var text = q.Trim();
        var rows = await db.Divisions.AsNoTracking().Where(d => d.Name.Contains(text)).OrderBy(d => d.Level).ThenBy(d => d.Code).Take(30)
            .Select(d => new DivisionDto(d.Code, d.Name, d.Level, d.ParentCode)).ToListAsync(ct);
        return TypedResults.Ok(rows);
    }

    public static async Task<IResult> ListCategories(SunshineDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.Categories.AsNoTracking().Where(c => c.Scheme == "2018").OrderBy(c => c.Level).ThenBy(c => c.SortOrder)
            .Select(c => new CategoryDto(c.Id, c.Name, c.Level, c.ParentId)).ToListAsync(ct));

    public static async Task<IResult> GetOrganisation(int id, ClaimsPrincipal user, SunshineDbContext db, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        var o = await db.Organisations.AsNoTracking().WithinScope(scope).SingleOrDefaultAsync(o => o.Id == id, ct);
        // Out of scope answers like a missing row: another jurisdiction's units are not even confirmed to exist.
        return o is null ? TypedResults.NotFound() : TypedResults.Ok(new OrganisationDto(o.Id, o.Name, o.Kind, o.DivisionCode, o.ParentId, o.IsActive));
    }

    public static async Task<IResult> CreateOrganisationAsync(CreateOrganisation request, ClaimsPrincipal user, SunshineDbContext db, Audit audit, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        var problems = new Problems(L).Text(request.Name, "name", 128)
            .Require(Enum.IsDefined(request.Kind), "kind", "ErrorOrganisationKind")
            .Require(request.ParentId is not null, "parentId", "ErrorRequired", L["Field.parentId"].Value);
        if (problems.Any) return problems.ToResult();
        var parent = await db.Organisations.WithinScope(scope).SingleOrDefaultAsync(o => o.Id == request.ParentId, ct);
        if (parent is null) return TypedResults.NotFound();
        var name = request.Name!.Trim();
        if (await db.Organisations.AnyAsync(o => o.ParentId == parent.Id && o.Name == name, ct))
        {
            problems.Add("name", "ErrorOrganisationExists");
            return problems.ToResult();
        }
        var organisation = new Organisation { Name = name, Kind = request.Kind, DivisionCode = parent.DivisionCode, ParentId = parent.Id };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync(ct);
        organisation.Path = parent.Path + organisation.Id + "/";
        organisation.ScopePath = organisation.Kind == OrganisationKind.PetitionBureau ? parent.Path : organisation.Path;
        audit.Record(scope, "organisation.create", nameof(Organisation), organisation.Id, after: new { organisation.Name, organisation.Kind, organisation.ParentId });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/organisations/{organisation.Id}",
            new OrganisationDto(organisation.Id, organisation.Name, organisation.Kind, organisation.DivisionCode, organisation.ParentId, organisation.IsActive));
    }

    public static async Task<IResult> UpdateOrganisationAsync(int id, UpdateOrganisation request, ClaimsPrincipal user, SunshineDbContext db, Audit audit, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        var problems = new Problems(L).Text(request.Name, "name", 128);
        if (problems.Any) return problems.ToResult();
        var organisation = await db.Organisations.WithinScope(scope).SingleOrDefaultAsync(o => o.Id == id, ct);
        if (organisation is null) return TypedResults.NotFound();
        var before = new { organisation.Name, organisation.IsActive };
        organisation.Name = request.Name!.Trim();
        organisation.IsActive = request.IsActive;
        audit.Record(scope, "organisation.update", nameof(Organisation), id, before, new { organisation.Name, organisation.IsActive });
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new OrganisationDto(organisation.Id, organisation.Name, organisation.Kind, organisation.DivisionCode, organisation.ParentId, organisation.IsActive));
    }

    public static async Task<IResult> ListUsers(ClaimsPrincipal user, SunshineDbContext db, TimeProvider time, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        var now = time.GetUtcNow();
        var rows = await db.Users.AsNoTracking().WithinScope(scope).OrderBy(u => u.UserName).Take(500)
            .Select(u => new { u.Id, u.UserName, u.DisplayName, u.OrganisationId, OrganisationName = u.Organisation!.Name, u.IncludeSubordinates, u.LockoutEnd })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ids.Contains(ur.UserId) select new { ur.UserId, r.Name })
            .ToListAsync(ct);
        var byUser = roles.ToLookup(r => r.UserId, r => r.Name!);
        return TypedResults.Ok(rows.Select(r => new StaffUserDto(r.Id, r.UserName!, r.DisplayName, r.OrganisationId, r.OrganisationName, r.IncludeSubordinates,
            r.LockoutEnd is { } end && end > now, byUser[r.Id].Order().ToList())).ToList());
    }

    public static async Task<IResult> CreateUserAsync(CreateStaffUser request, ClaimsPrincipal user, SunshineDbContext db, UserManager<StaffUser> users, Audit audit, TimeProvider time, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        var problems = new Problems(L).Text(request.UserName, "userName", 64).Text(request.DisplayName, "displayName", 64);
        var roles = request.Roles ?? [];
        foreach (var role in roles.Where(r => !StaffRoles.All.Contains(r)))
            problems.Add("roles", "ErrorRole", role);
        if (problems.Any) return problems.ToResult();
        var organisation = await db.Organisations.WithinScope(scope).SingleOrDefaultAsync(o => o.Id == request.OrganisationId, ct);
        if (organisation is null)
        {
            problems.Add("organisationId", "ErrorOrganisationOutOfScope");
            return problems.ToResult();
        }
        var password = ReferenceData.NewPassword();
        var account = new StaffUser
        {
            UserName = request.UserName!.Trim(),
            DisplayName = request.DisplayName!.Trim(),
            OrganisationId = organisation.Id,
            IncludeSubordinates = request.IncludeSubordinates,
            MustChangePassword = true,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var created = await users.CreateAsync(account, password);
        if (created.Succeeded && roles.Count > 0) created = await users.AddToRolesAsync(account, roles.Distinct());
        if (!created.Succeeded)
        {
            foreach (var e in created.Errors) problems.AddText(e.Code.Contains("Password", StringComparison.Ordinal) ? "password" : "userName", e.Description);
            return problems.ToResult(); // the transaction is disposed uncommitted: nothing half-made remains
        }
        audit.Record(scope, "user.create", nameof(StaffUser), account.Id, after: new { account.UserName, account.OrganisationId, account.IncludeSubordinates, Roles = roles });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/users/{account.Id}", new CreatedStaffUser(account.Id, account.UserName, password));
    }

    /// <summary>
    /// A new one-time password for a staff account within the administrator's scope: the way back in for someone who
    /// forgot theirs or was locked out, and how an account made without one (the demo supervisor) gets its first. The
    /// old password stops working at once, a lockout is lifted, and the account must choose its own password at the next
    /// login. Only the hash is kept; the password is shown this once.
    /// </summary>
    public static async Task<IResult> ResetPasswordAsync(string id, ClaimsPrincipal user, SunshineDbContext db, UserManager<StaffUser> users, Audit audit, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        var account = await db.Users.WithinScope(scope).SingleOrDefaultAsync(u => u.Id == id, ct);
        if (account is null) return TypedResults.NotFound();
        var password = ReferenceData.NewPassword();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var changed = await users.RemovePasswordAsync(account);
        if (changed.Succeeded) changed = await users.AddPasswordAsync(account, password);
        if (changed.Succeeded) changed = await users.SetLockoutEndDateAsync(account, null);
        if (changed.Succeeded) changed = await users.ResetAccessFailedCountAsync(account);
        if (changed.Succeeded)
        {
            account.MustChangePassword = true;
            changed = await users.UpdateAsync(account);
        }
        if (!changed.Succeeded)
        {
            var problems = new Problems(L);
            foreach (var e in changed.Errors) problems.AddText("password", e.Description);
            return problems.ToResult(); // the transaction is disposed uncommitted: the old password still stands
        }
        audit.Record(scope, "user.reset-password", nameof(StaffUser), account.Id);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(new CreatedStaffUser(account.Id, account.UserName!, password));
    }
}
