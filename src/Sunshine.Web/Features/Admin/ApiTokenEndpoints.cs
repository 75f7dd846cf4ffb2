using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Microsoft.Extensions.Localization;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Admin;

public sealed record ApiTokenDto(int Id, string Name, string Prefix, int OrganisationId, string? Channel, DateTime CreatedAt, string CreatedBy, DateTime? RevokedAt, DateTime? LastUsedAt);
public sealed record CreateApiToken(string? Name, int OrganisationId, string? Channel);
public sealed record CreatedApiToken(int Id, string Token);

/// <summary>Tokens for system integrations: created and revoked by administrators; the secret is shown once.</summary>
public static class ApiTokenEndpoints
{
    public static void MapApiTokenEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tokens").WithTags("Administration").RequireAuthorization(Policies.Administrator);
        group.MapGet("/", List);
        group.MapPost("/", Create);
        group.MapDelete("/{id:int}", Revoke);
        app.MapGet("/api/integration/whoami", (ClaimsPrincipal user) =>
                TypedResults.Ok(new { name = user.Identity!.Name, organisationId = UserScope.From(user)!.OrganisationId, channel = user.FindFirstValue("sunshine:channel") }))
            .WithTags("Integration").RequireAuthorization(Policies.Integration);
    }

    public static async Task<IResult> List(ClaimsPrincipal user, SunshineDbContext db, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        var organisations = db.Organisations.WithinScope(scope).Select(o => o.Id);
        var tokens = await db.ApiTokens.AsNoTracking().Where(t => organisations.Contains(t.OrganisationId)).OrderByDescending(t => t.Id)
            .Select(t => new ApiTokenDto(t.Id, t.Name, t.Prefix, t.OrganisationId, t.Channel, t.CreatedAt, t.CreatedBy, t.RevokedAt, t.LastUsedAt))
            .ToListAsync(ct);
        return TypedResults.Ok(tokens);
    }

    public static async Task<IResult> Create(CreateApiToken request, ClaimsPrincipal user, SunshineDbContext db, Audit audit, TimeProvider time, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        var problems = new Problems(L).Text(request.Name, "name", 128).Text(request.Channel, "channel", 32, required: false);
        if (problems.Any) return problems.ToResult();
        if (!await db.Organisations.WithinScope(scope).AnyAsync(o => o.Id == request.OrganisationId, ct))
        {
            problems.Add("organisationId", "ErrorOrganisationOutOfScope");
            return problems.ToResult();
        }
        var (token, prefix, hash) = ApiTokenAuthentication.NewToken();
        var row = new ApiToken
        {
            Name = request.Name!.Trim(),
            Prefix = prefix,
            SecretHash = hash,
            OrganisationId = request.OrganisationId,
            Channel = string.IsNullOrWhiteSpace(request.Channel) ? null : request.Channel.Trim(),
            CreatedAt = time.GetUtcNow().UtcDateTime,
            CreatedBy = scope.UserName,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.ApiTokens.Add(row);
        await db.SaveChangesAsync(ct);
        audit.Record(scope, "token.create", nameof(ApiToken), row.Id, after: new { row.Name, row.Prefix, row.OrganisationId, row.Channel });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/tokens/{row.Id}", new CreatedApiToken(row.Id, token));
    }

    public static async Task<IResult> Revoke(int id, ClaimsPrincipal user, SunshineDbContext db, Audit audit, TimeProvider time, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        var organisations = db.Organisations.WithinScope(scope).Select(o => o.Id);
        var row = await db.ApiTokens.Where(t => organisations.Contains(t.OrganisationId)).SingleOrDefaultAsync(t => t.Id == id, ct);
        if (row is null) return TypedResults.NotFound();
        if (row.RevokedAt is null)
        {
            row.RevokedAt = time.GetUtcNow().UtcDateTime;
            audit.Record(scope, "token.revoke", nameof(ApiToken), row.Id);
            await db.SaveChangesAsync(ct);
        }
        return TypedResults.NoContent();
    }
}
