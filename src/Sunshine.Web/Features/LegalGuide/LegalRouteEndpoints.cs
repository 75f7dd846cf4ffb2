using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.LegalGuide;

public sealed record LegalRouteDto(int Id, string Code, string Name, string? NameEn, string Body, string? BodyEn, string TimeLimits, string? TimeLimitsEn,
    string WhatToBring, string? WhatToBringEn, bool PetitionAccepted, string LegalBasis, int SortOrder);

public sealed record LegalRouteChoiceDto(int Id, int? ParentId, string Text, string? TextEn, string? Question, string? QuestionEn, int? RouteId, int SortOrder);

/// <summary>The whole rule table of the guide: the channels, and the questionnaire's answers that lead to them.</summary>
public sealed record LegalRouteTable(IReadOnlyList<LegalRouteDto> Routes, IReadOnlyList<LegalRouteChoiceDto> Choices);

public sealed record SaveLegalRoute(string? Code, string? Name, string? NameEn, string? Body, string? BodyEn, string? TimeLimits, string? TimeLimitsEn,
    string? WhatToBring, string? WhatToBringEn, bool PetitionAccepted, string? LegalBasis, int SortOrder);

/// <summary>An answer of the questionnaire: either <paramref name="RouteId"/> (it leads to a channel) or <paramref name="Question"/> (it asks on).</summary>
public sealed record SaveLegalRouteChoice(int? ParentId, string? Text, string? TextEn, string? Question, string? QuestionEn, int? RouteId, int SortOrder);

/// <summary>
/// The legal-route guide's rule table (法定途径指引, DOMAIN.md §1.8) over HTTP: anyone may read it and walk the guide;
/// administrators change it, each change validated and audited.
/// </summary>
public static class LegalRouteEndpoints
{
    public static void MapLegalRouteEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/legal-routes").WithTags("Legal-route guide");
        group.MapGet("/", Table).AllowAnonymous();
        group.MapGet("/guide", Guide).AllowAnonymous();
        group.MapPost("/", CreateRoute).RequireAuthorization(Policies.Administrator);
        group.MapPut("/{id:int}", UpdateRoute).RequireAuthorization(Policies.Administrator);
        group.MapDelete("/{id:int}", RemoveRoute).RequireAuthorization(Policies.Administrator);
        group.MapPost("/choices", CreateChoice).RequireAuthorization(Policies.Administrator);
        group.MapPut("/choices/{id:int}", UpdateChoice).RequireAuthorization(Policies.Administrator);
        group.MapDelete("/choices/{id:int}", RemoveChoice).RequireAuthorization(Policies.Administrator);
    }

    public static LegalRouteDto Dto(LegalGuideRoute r) => new(r.Id, r.Code, r.Name, r.NameEn, r.Body, r.BodyEn, r.TimeLimits, r.TimeLimitsEn,
        r.WhatToBring, r.WhatToBringEn, r.PetitionAccepted, r.LegalBasis, r.SortOrder);

    public static LegalRouteChoiceDto Dto(LegalGuideChoice c) => new(c.Id, c.ParentId, c.Text, c.TextEn, c.Question, c.QuestionEn, c.RouteId, c.SortOrder);

    public static async Task<IResult> Table(SunshineDbContext db, CancellationToken ct)
    {
        var routes = await db.LegalGuideRoutes.AsNoTracking().OrderBy(r => r.SortOrder).ThenBy(r => r.Id).ToListAsync(ct);
        var choices = await db.LegalGuideChoices.AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Id).ToListAsync(ct);
        return TypedResults.Ok(new LegalRouteTable(routes.Select(Dto).ToList(), choices.Select(Dto).ToList()));
    }

    /// <summary>One step of the guide in the caller's language: the question and its answers, or the route reached.</summary>
    public static async Task<IResult> Guide(int? at, SunshineDbContext db, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var step = await LegalRouteGuide.StepAsync(db, at, L, ct);
        return step is null ? TypedResults.NotFound() : TypedResults.Ok(step);
    }

    public static async Task<IResult> CreateRoute(SaveLegalRoute request, ClaimsPrincipal user, SunshineDbContext db, Audit audit, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var problems = await ValidateAsync(request, null, db, L, ct);
        if (problems.Any) return problems.ToResult();
        var row = new LegalGuideRoute { Code = "", Name = "", Body = "", TimeLimits = "", WhatToBring = "", LegalBasis = "" };
        Apply(request, row);
        db.LegalGuideRoutes.Add(row);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        audit.Record(UserScope.From(user), "legal-route.create", nameof(LegalGuideRoute), row.Id, after: Dto(row));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/legal-routes/{row.Id}", Dto(row));
    }

    public static async Task<IResult> UpdateRoute(int id, SaveLegalRoute request, ClaimsPrincipal user, SunshineDbContext db, Audit audit, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var row = await db.LegalGuideRoutes.SingleOrDefaultAsync(r => r.Id == id, ct);
        if (row is null) return TypedResults.NotFound();
        var problems = await ValidateAsync(request, id, db, L, ct);
        if (problems.Any) return problems.ToResult();
        var before = Dto(row);
        Apply(request, row);
        audit.Record(UserScope.From(user), "legal-route.update", nameof(LegalGuideRoute), row.Id, before, Dto(row));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(Dto(row));
    }

    /// <summary>A route that an answer still leads to stays: the guide would otherwise end nowhere.</summary>
    public static async Task<IResult> RemoveRoute(int id, ClaimsPrincipal user, SunshineDbContext db, Audit audit, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var row = await db.LegalGuideRoutes.SingleOrDefaultAsync(r => r.Id == id, ct);
        if (row is null) return TypedResults.NotFound();
        if (await db.LegalGuideChoices.AnyAsync(c => c.RouteId == id, ct))
            return TypedResults.Problem(title: L["LegalRoute.ErrorRouteInUse"], statusCode: StatusCodes.Status409Conflict);
        db.LegalGuideRoutes.Remove(row);
        audit.Record(UserScope.From(user), "legal-route.remove", nameof(LegalGuideRoute), row.Id, before: Dto(row));
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    public static async Task<IResult> CreateChoice(SaveLegalRouteChoice request, ClaimsPrincipal user, SunshineDbContext db, Audit audit, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var problems = await ValidateAsync(request, null, db, L, ct);
        if (problems.Any) return problems.ToResult();
        var row = new LegalGuideChoice { Text = "" };
        Apply(request, row);
        db.LegalGuideChoices.Add(row);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        audit.Record(UserScope.From(user), "legal-route.choice-create", nameof(LegalGuideChoice), row.Id, after: Dto(row));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/legal-routes/choices/{row.Id}", Dto(row));
    }

    public static async Task<IResult> UpdateChoice(int id, SaveLegalRouteChoice request, ClaimsPrincipal user, SunshineDbContext db, Audit audit, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var row = await db.LegalGuideChoices.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (row is null) return TypedResults.NotFound();
        var problems = await ValidateAsync(request, id, db, L, ct);
        if (problems.Any) return problems.ToResult();
        var before = Dto(row);
        Apply(request, row);
        audit.Record(UserScope.From(user), "legal-route.choice-update", nameof(LegalGuideChoice), row.Id, before, Dto(row));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(Dto(row));
    }

    /// <summary>Answers are removed from the leaves up, so no follow-up answer is left without its question.</summary>
    public static async Task<IResult> RemoveChoice(int id, ClaimsPrincipal user, SunshineDbContext db, Audit audit, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var row = await db.LegalGuideChoices.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (row is null) return TypedResults.NotFound();
        if (await db.LegalGuideChoices.AnyAsync(c => c.ParentId == id, ct))
            return TypedResults.Problem(title: L["LegalRoute.ErrorChoiceHasChildren"], statusCode: StatusCodes.Status409Conflict);
        db.LegalGuideChoices.Remove(row);
        audit.Record(UserScope.From(user), "legal-route.choice-remove", nameof(LegalGuideChoice), row.Id, before: Dto(row));
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Problems> ValidateAsync(SaveLegalRoute r, int? id, SunshineDbContext db, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var problems = new Problems(L);
        Text(problems, L, r.Code, "code", 32);
        Text(problems, L, r.Name, "name", 64);
        Text(problems, L, r.NameEn, "nameEn", 128, required: false);
        Text(problems, L, r.Body, "body", 256);
        Text(problems, L, r.BodyEn, "bodyEn", 512, required: false);
        Text(problems, L, r.TimeLimits, "timeLimits", 1000);
        Text(problems, L, r.TimeLimitsEn, "timeLimitsEn", 2000, required: false);
        Text(problems, L, r.WhatToBring, "whatToBring", 1000);
        Text(problems, L, r.WhatToBringEn, "whatToBringEn", 2000, required: false);
        Text(problems, L, r.LegalBasis, "legalBasis", 500);
        var code = r.Code?.Trim() ?? "";
        if (code.Length is > 0 and <= 32)
        {
            // Codes appear in addresses and tests: lower-case letters, digits and hyphens.
            if (!code.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
                problems.Add("code", "LegalRoute.ErrorCode");
            else if (await db.LegalGuideRoutes.AnyAsync(x => x.Code == code && x.Id != id, ct))
                problems.Add("code", "LegalRoute.ErrorCodeTaken", code);
        }
        return problems;
    }

    private static async Task<Problems> ValidateAsync(SaveLegalRouteChoice r, int? id, SunshineDbContext db, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var problems = new Problems(L);
        Text(problems, L, r.Text, "text", 256);
        Text(problems, L, r.TextEn, "textEn", 512, required: false);
        Text(problems, L, r.Question, "question", 256, required: false);
        Text(problems, L, r.QuestionEn, "questionEn", 512, required: false);
        var asks = !string.IsNullOrWhiteSpace(r.Question);
        // An answer either ends at a route or asks the next question: never both, never neither.
        if (r.RouteId is null && !asks) problems.Add("routeId", "LegalRoute.ErrorChoiceNeither");
        if (r.RouteId is not null && asks) problems.Add("routeId", "LegalRoute.ErrorChoiceBoth");
        if (r.RouteId is { } routeId && !await db.LegalGuideRoutes.AnyAsync(x => x.Id == routeId, ct))
            problems.Add("routeId", "LegalRoute.ErrorUnknownRoute");
        if (r.RouteId is not null && id is { } self && await db.LegalGuideChoices.AnyAsync(c => c.ParentId == self, ct))
            problems.Add("routeId", "LegalRoute.ErrorChoiceHasFollowUps");
        if (r.ParentId is { } parentId)
        {
            var choices = await db.LegalGuideChoices.AsNoTracking().Select(c => new { c.Id, c.ParentId, c.RouteId }).ToDictionaryAsync(c => c.Id, ct);
            if (!choices.TryGetValue(parentId, out var parent))
                problems.Add("parentId", "LegalRoute.ErrorUnknownParent");
            else if (parent.RouteId is not null)
                problems.Add("parentId", "LegalRoute.ErrorParentIsRoute");
            else
            {
                // Under itself or one of its own follow-ups, the answer would never be reached.
                for (int? at = parentId; at is { } current; at = choices[current].ParentId)
                    if (current == id)
                    {
                        problems.Add("parentId", "LegalRoute.ErrorParentCycle");
                        break;
                    }
            }
        }
        return problems;
    }

    private static void Text(Problems problems, IStringLocalizer<SharedResource> L, string? value, string field, int max, bool required = true)
    {
        var label = L["LegalRoute.Field." + field].Value;
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) problems.Add(field, "ErrorRequired", label);
        }
        else if (value.Trim().Length > max)
            problems.Add(field, "ErrorTooLong", label, max);
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static void Apply(SaveLegalRoute r, LegalGuideRoute row)
    {
        row.Code = r.Code!.Trim();
        row.Name = r.Name!.Trim();
        row.NameEn = Clean(r.NameEn);
        row.Body = r.Body!.Trim();
        row.BodyEn = Clean(r.BodyEn);
        row.TimeLimits = r.TimeLimits!.Trim();
        row.TimeLimitsEn = Clean(r.TimeLimitsEn);
        row.WhatToBring = r.WhatToBring!.Trim();
        row.WhatToBringEn = Clean(r.WhatToBringEn);
        row.PetitionAccepted = r.PetitionAccepted;
        row.LegalBasis = r.LegalBasis!.Trim();
        row.SortOrder = r.SortOrder;
    }

    private static void Apply(SaveLegalRouteChoice r, LegalGuideChoice row)
    {
        row.ParentId = r.ParentId;
        row.Text = r.Text!.Trim();
        row.TextEn = Clean(r.TextEn);
        row.Question = Clean(r.Question);
        row.QuestionEn = Clean(r.QuestionEn);
        row.RouteId = r.RouteId;
        row.SortOrder = r.SortOrder;
    }
}

/// <summary>One page of the guide: a question with its answers, or the route reached, and the answers given so far.</summary>
public sealed record LegalGuideStep(int? At, string? Question, IReadOnlyList<LegalGuideAnswer> Answers, LegalGuideRouteView? Route, IReadOnlyList<LegalGuideAnswer> Path);

public sealed record LegalGuideAnswer(int Id, string Text);

/// <summary>A route as the citizen reads it, in the page's language.</summary>
public sealed record LegalGuideRouteView(string Code, string Name, string Body, string TimeLimits, string WhatToBring, bool PetitionAccepted, string LegalBasis);

/// <summary>
/// Walks the rule table: the page and the API ask the same function, so what the guide answers is always what the
/// table says. The table is small (tens of rows): read whole per step.
/// </summary>
public static class LegalRouteGuide
{
    /// <summary>The step at answer <paramref name="at"/> (null: the first question); null when there is no such answer.</summary>
    public static async Task<LegalGuideStep?> StepAsync(SunshineDbContext db, int? at, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var choices = await db.LegalGuideChoices.AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Id).ToListAsync(ct);
        List<LegalGuideAnswer> AnswersTo(int? parent) => choices.Where(c => c.ParentId == parent).Select(c => new LegalGuideAnswer(c.Id, Local(c.Text, c.TextEn))).ToList();
        if (at is null) return new LegalGuideStep(null, L["Guide.FirstQuestion"], AnswersTo(null), null, []);

        var byId = choices.ToDictionary(c => c.Id);
        if (!byId.TryGetValue(at.Value, out var choice)) return null;
        var path = new List<LegalGuideAnswer>();
        for (LegalGuideChoice? c = choice; c is not null; c = c.ParentId is { } p ? byId.GetValueOrDefault(p) : null)
            path.Insert(0, new LegalGuideAnswer(c.Id, Local(c.Text, c.TextEn)));
        if (choice.RouteId is { } routeId)
        {
            var r = await db.LegalGuideRoutes.AsNoTracking().SingleAsync(x => x.Id == routeId, ct);
            var route = new LegalGuideRouteView(r.Code, Local(r.Name, r.NameEn), Local(r.Body, r.BodyEn), Local(r.TimeLimits, r.TimeLimitsEn),
                Local(r.WhatToBring, r.WhatToBringEn), r.PetitionAccepted, r.LegalBasis);
            return new LegalGuideStep(at, null, [], route, path);
        }
        return new LegalGuideStep(at, Local(choice.Question ?? "", choice.QuestionEn), AnswersTo(choice.Id), null, path);
    }

    /// <summary>The English text on English pages when an administrator wrote one; the Chinese otherwise.</summary>
    public static string Local(string chinese, string? english) =>
        CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.Ordinal) && !string.IsNullOrWhiteSpace(english) ? english : chinese;
}
