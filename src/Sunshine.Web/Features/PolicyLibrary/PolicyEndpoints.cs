using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.PolicyLibrary;

/// <summary>A document as an administrator writes it. Dates are yyyy-MM-dd; the body is plain paragraphs, one per line.</summary>
public sealed record PolicyRequest(string? Title, string? IssuingBody, string? DocumentNumber, int? CategoryId, string? IssuedOn, string? EffectiveOn,
    string? Body, string? SourceUrl);

public sealed record PolicyDto(long Id, string Title, string IssuingBody, string? DocumentNumber, int CategoryId, string Category, DateOnly IssuedOn,
    DateOnly? EffectiveOn, bool IsValid, DateOnly? RepealedOn, string Body, string? SourceUrl, DateTime UpdatedAt)
{
    /// <summary>The body's paragraphs, blank lines dropped.</summary>
    public IReadOnlyList<string> Paragraphs => Body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>Marks a document repealed (废止) from a date; without one, today.</summary>
public sealed record RepealRequest(string? RepealedOn);

public sealed record PolicyCategoryRequest(string? Name, int? SortOrder);

public sealed record PolicyCategoryDto(int Id, string Name, int SortOrder, int Documents);

/// <summary>
/// The policy library (政策法规) over REST: anyone reads and searches it; administrators write it, every change
/// validated, indexed for search in the same transaction and audited. The console pages call these same handlers.
/// </summary>
public static class PolicyEndpoints
{
    public const int MaxBodyLength = 200_000;

    public static void MapPolicyEndpoints(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/policies").WithTags("Policy library").AllowAnonymous();
        read.MapGet("/", Search);
        read.MapGet("/{id:long}", Get);
        read.MapGet("/categories", Categories);

        var write = app.MapGroup("/api/policies").WithTags("Policy library").RequireAuthorization(Policies.Administrator);
        write.MapPost("/", Create);
        write.MapPut("/{id:long}", Update);
        write.MapPost("/{id:long}/repeal", Repeal);
        write.MapDelete("/{id:long}", Delete);
        write.MapPost("/categories", CreateCategory);
        write.MapPut("/categories/{id:int}", UpdateCategory);
        write.MapDelete("/categories/{id:int}", DeleteCategory);
    }

    public static async Task<IResult> Search(SunshineDbContext db, string? q, int? categoryId, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await PolicySearch.SearchAsync(db, new PolicyQuery(q, categoryId, page ?? 1, pageSize ?? PolicySearch.DefaultPageSize), ct));

    public static async Task<IResult> Get(long id, SunshineDbContext db, CancellationToken ct) =>
        await FindAsync(db, id, ct) is { } dto ? TypedResults.Ok(dto) : TypedResults.NotFound();

    public static async Task<PolicyDto?> FindAsync(SunshineDbContext db, long id, CancellationToken ct) =>
        await db.PolicyDocuments.AsNoTracking().Where(d => d.Id == id)
            .Select(d => new PolicyDto(d.Id, d.Title, d.IssuingBody, d.DocumentNumber, d.CategoryId, d.Category!.Name, d.IssuedOn, d.EffectiveOn, d.IsValid,
                d.RepealedOn, d.Body, d.SourceUrl, d.UpdatedAt))
            .SingleOrDefaultAsync(ct);

    public static async Task<IResult> Categories(SunshineDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await CategoryListAsync(db, ct));

    public static Task<List<PolicyCategoryDto>> CategoryListAsync(SunshineDbContext db, CancellationToken ct) =>
        db.PolicyCategories.AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Id)
            .Select(c => new PolicyCategoryDto(c.Id, c.Name, c.SortOrder, db.PolicyDocuments.Count(d => d.CategoryId == c.Id)))
            .ToListAsync(ct);

    public static async Task<IResult> Create(PolicyRequest request, ClaimsPrincipal user, SunshineDbContext db, Audit audit, TimeProvider time,
        IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var problems = await ValidateAsync(request, db, L, ct);
        if (problems.Any) return problems.ToResult();
        var document = new PolicyDocument { Title = "", IssuingBody = "", Body = "" };
        Apply(document, request, time);
        db.PolicyDocuments.Add(document);
        await PolicySearch.IndexAsync(db, document, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        audit.Record(UserScope.From(user), "policy.create", nameof(PolicyDocument), document.Id, after: Snapshot(document));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/policies/{document.Id}", await FindAsync(db, document.Id, ct));
    }

    public static async Task<IResult> Update(long id, PolicyRequest request, ClaimsPrincipal user, SunshineDbContext db, Audit audit, TimeProvider time,
        IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var document = await db.PolicyDocuments.SingleOrDefaultAsync(d => d.Id == id, ct);
        if (document is null) return TypedResults.NotFound();
        var problems = await ValidateAsync(request, db, L, ct);
        if (document.RepealedOn is { } repealed && DateOnly.TryParseExact(request.IssuedOn ?? "", "yyyy-MM-dd", out var issued) && issued > repealed)
            problems.Add("issuedOn", "Policy.ErrorRepealedBeforeIssued");
        if (problems.Any) return problems.ToResult();
        var before = Snapshot(document);
        Apply(document, request, time);
        await PolicySearch.IndexAsync(db, document, ct);
        audit.Record(UserScope.From(user), "policy.update", nameof(PolicyDocument), document.Id, before, Snapshot(document));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await FindAsync(db, id, ct));
    }

    public static async Task<IResult> Repeal(long id, RepealRequest request, ClaimsPrincipal user, SunshineDbContext db, Audit audit, TimeProvider time,
        IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var document = await db.PolicyDocuments.SingleOrDefaultAsync(d => d.Id == id, ct);
        if (document is null) return TypedResults.NotFound();
        var problems = new Problems(L);
        var on = ChinaTime.Today(time);
        if (!string.IsNullOrWhiteSpace(request.RepealedOn)) problems.Date(request.RepealedOn, "repealedOn", out on);
        if (!problems.Any) problems.Require(on >= document.IssuedOn, "repealedOn", "Policy.ErrorRepealedBeforeIssued");
        if (problems.Any) return problems.ToResult();
        if (!document.IsValid) return TypedResults.Problem(title: L["Policy.ErrorAlreadyRepealed"], statusCode: StatusCodes.Status409Conflict);
        var before = Snapshot(document);
        document.IsValid = false;
        document.RepealedOn = on;
        document.UpdatedAt = time.GetUtcNow().UtcDateTime;
        audit.Record(UserScope.From(user), "policy.repeal", nameof(PolicyDocument), document.Id, before, Snapshot(document));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await FindAsync(db, id, ct));
    }

    public static async Task<IResult> Delete(long id, ClaimsPrincipal user, SunshineDbContext db, Audit audit, CancellationToken ct)
    {
        var document = await db.PolicyDocuments.SingleOrDefaultAsync(d => d.Id == id, ct);
        if (document is null) return TypedResults.NotFound();
        // The search entry goes with it (cascade, and the FTS5 trigger on SQLite).
        var entry = await db.PolicySearchEntries.FindAsync([id], ct);
        if (entry is not null) db.PolicySearchEntries.Remove(entry);
        db.PolicyDocuments.Remove(document);
        audit.Record(UserScope.From(user), "policy.delete", nameof(PolicyDocument), id, before: Snapshot(document));
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    public static async Task<IResult> CreateCategory(PolicyCategoryRequest request, ClaimsPrincipal user, SunshineDbContext db, Audit audit,
        IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var problems = await ValidateCategoryAsync(request, null, db, L, ct);
        if (problems.Any) return problems.ToResult();
        var category = new PolicyCategory { Name = request.Name!.Trim(), SortOrder = request.SortOrder ?? await NextSortOrderAsync(db, ct) };
        db.PolicyCategories.Add(category);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        audit.Record(UserScope.From(user), "policy-category.create", nameof(PolicyCategory), category.Id, after: new { category.Name, category.SortOrder });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/policies/categories/{category.Id}", new PolicyCategoryDto(category.Id, category.Name, category.SortOrder, 0));
    }

    public static async Task<IResult> UpdateCategory(int id, PolicyCategoryRequest request, ClaimsPrincipal user, SunshineDbContext db, Audit audit,
        IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var category = await db.PolicyCategories.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (category is null) return TypedResults.NotFound();
        var problems = await ValidateCategoryAsync(request, id, db, L, ct);
        if (problems.Any) return problems.ToResult();
        var before = new { category.Name, category.SortOrder };
        category.Name = request.Name!.Trim();
        category.SortOrder = request.SortOrder ?? category.SortOrder;
        audit.Record(UserScope.From(user), "policy-category.update", nameof(PolicyCategory), id, before, new { category.Name, category.SortOrder });
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new PolicyCategoryDto(category.Id, category.Name, category.SortOrder, await db.PolicyDocuments.CountAsync(d => d.CategoryId == id, ct)));
    }

    public static async Task<IResult> DeleteCategory(int id, ClaimsPrincipal user, SunshineDbContext db, Audit audit, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var category = await db.PolicyCategories.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (category is null) return TypedResults.NotFound();
        var used = await db.PolicyDocuments.CountAsync(d => d.CategoryId == id, ct);
        if (used > 0) return TypedResults.Problem(title: L["Policy.ErrorCategoryInUse", used], statusCode: StatusCodes.Status409Conflict);
        db.PolicyCategories.Remove(category);
        audit.Record(UserScope.From(user), "policy-category.delete", nameof(PolicyCategory), id, before: new { category.Name, category.SortOrder });
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Problems> ValidateAsync(PolicyRequest r, SunshineDbContext db, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var problems = new Problems(L)
            .Text(r.Title, "title", 256)
            .Text(r.IssuingBody, "issuingBody", 128)
            .Text(r.DocumentNumber, "documentNumber", 64, required: false)
            .Text(r.Body, "body", MaxBodyLength)
            .Text(r.SourceUrl, "sourceUrl", 512, required: false)
            .Date(r.IssuedOn, "issuedOn", out var issued);
        if (!string.IsNullOrWhiteSpace(r.EffectiveOn))
        {
            problems.Date(r.EffectiveOn, "effectiveOn", out var effective);
            if (DateOnly.TryParseExact(r.IssuedOn ?? "", "yyyy-MM-dd", out _) && DateOnly.TryParseExact(r.EffectiveOn, "yyyy-MM-dd", out _))
                problems.Require(effective >= issued, "effectiveOn", "Policy.ErrorEffectiveBeforeIssued");
        }
        // Only web addresses: a javascript: or file: link must never reach the public page.
        if (!string.IsNullOrWhiteSpace(r.SourceUrl))
            problems.Require(Uri.TryCreate(r.SourceUrl.Trim(), UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp),
                "sourceUrl", "Policy.ErrorSourceUrl");
        if (r.CategoryId is null) problems.Missing("categoryId");
        else if (!await db.PolicyCategories.AnyAsync(c => c.Id == r.CategoryId, ct)) problems.Add("categoryId", "Policy.ErrorUnknownCategory");
        return problems;
    }

    private static async Task<Problems> ValidateCategoryAsync(PolicyCategoryRequest r, int? id, SunshineDbContext db, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var problems = new Problems(L).Text(r.Name, "name", 64);
        if (!problems.Any)
        {
            var name = r.Name!.Trim();
            if (await db.PolicyCategories.AnyAsync(c => c.Name == name && c.Id != id, ct)) problems.Add("name", "Policy.ErrorCategoryExists", name);
        }
        return problems;
    }

    private static async Task<int> NextSortOrderAsync(SunshineDbContext db, CancellationToken ct) =>
        (await db.PolicyCategories.MaxAsync(c => (int?)c.SortOrder, ct) ?? 0) + 10;

    private static void Apply(PolicyDocument d, PolicyRequest r, TimeProvider time)
    {
        d.Title = r.Title!.Trim();
        d.IssuingBody = r.IssuingBody!.Trim();
        d.DocumentNumber = Blank(r.DocumentNumber);
        d.CategoryId = r.CategoryId!.Value;
        d.IssuedOn = DateOnly.ParseExact(r.IssuedOn!, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        d.EffectiveOn = Blank(r.EffectiveOn) is { } effective ? DateOnly.ParseExact(effective, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null;
        d.Body = NormalizeBody(r.Body!);
        d.SourceUrl = Blank(r.SourceUrl);
        d.UpdatedAt = time.GetUtcNow().UtcDateTime;
    }

    /// <summary>Plain paragraphs: line endings unified, each line trimmed, runs of blank lines collapsed.</summary>
    public static string NormalizeBody(string body) =>
        string.Join('\n', body.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n')
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static object Snapshot(PolicyDocument d) => new
    {
        d.Title, d.IssuingBody, d.DocumentNumber, d.CategoryId, d.IssuedOn, d.EffectiveOn, d.IsValid, d.RepealedOn, d.SourceUrl, BodyLength = d.Body.Length,
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
