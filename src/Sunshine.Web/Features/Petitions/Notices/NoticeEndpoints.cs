using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Domain.Directory;
using Sunshine.Domain.Petitions;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Petitions.Notices;

public sealed record NoticeTemplateDto(string Kind, string Title, string Body, DateTime UpdatedAt, string? UpdatedBy);
public sealed record SaveNoticeTemplate(string? Title, string? Body);
public sealed record NoticeTemplateVersionDto(int Number, string Title, string Body, DateTime SavedAt, string? SavedBy);

/// <summary>Written notices of a case as Word or HTML, from templates administrators keep.</summary>
public static class NoticeEndpoints
{
    public static void MapNoticeEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/notice-templates", ListTemplates).WithTags("Petitions").RequireAuthorization(Policies.Staff);
        // Administrators keep every template; disclosure officers keep the notices of disclosure requests (checked in the handler).
        app.MapPut("/api/notice-templates/{kind}", SaveTemplate).WithTags("Petitions").RequireAuthorization(Policies.Staff);
        app.MapGet("/api/notice-templates/{kind}/versions", Versions).WithTags("Petitions").RequireAuthorization(Policies.Staff);
        app.MapGet("/api/petitions/{id:long}/notices/{kind}", Render).WithTags("Petitions").RequireAuthorization(Policies.Staff);
    }

    public static async Task SeedAsync(SunshineDbContext db, TimeProvider time, CancellationToken ct)
    {
        var existing = await db.NoticeTemplates.Select(t => t.Kind).ToListAsync(ct);
        foreach (var template in DefaultNoticeTemplates.All.Concat(DisclosureRequests.RequestNotices.All).Where(t => !existing.Contains(t.Kind)))
            db.NoticeTemplates.Add(new NoticeTemplate { Kind = template.Kind, Title = template.Title, Body = template.Body, UpdatedAt = time.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(ct);
    }

    /// <param name="group">"disclosure" for the notices of disclosure requests; otherwise the petition notices.</param>
    public static async Task<IResult> ListTemplates(SunshineDbContext db, string? group = null, CancellationToken ct = default) =>
        TypedResults.Ok(await db.NoticeTemplates.AsNoTracking().Where(t => t.Kind.StartsWith(DisclosureRequests.RequestNotices.Prefix) == (group == "disclosure")).OrderBy(t => t.Id)
            .Select(t => new NoticeTemplateDto(t.Kind, t.Title, t.Body, t.UpdatedAt, t.UpdatedBy)).ToListAsync(ct));

    /// <summary>Who may change a template: an administrator any, a disclosure officer those of disclosure requests.</summary>
    public static bool MayEdit(UserScope? scope, string kind) =>
        scope is not null && (scope.IsInRole(StaffRoles.Administrator) || (DisclosureRequests.RequestNotices.IsDisclosureKind(kind) && scope.IsInRole(StaffRoles.DisclosureOfficer)));

    /// <summary>The saved texts of a template, newest first.</summary>
    public static async Task<IResult> Versions(string kind, SunshineDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.NoticeTemplateVersions.AsNoTracking().Where(v => v.Kind == kind).OrderByDescending(v => v.Number)
            .Select(v => new NoticeTemplateVersionDto(v.Number, v.Title, v.Body, v.SavedAt, v.SavedBy)).ToListAsync(ct));

    public static async Task<IResult> SaveTemplate(string kind, SaveNoticeTemplate request, ClaimsPrincipal user, SunshineDbContext db, Audit audit, TimeProvider time, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        if (!MayEdit(UserScope.From(user), kind)) return TypedResults.Problem(title: L["ErrorForbiddenAction"], statusCode: StatusCodes.Status403Forbidden);
        var problems = new Problems(L).Text(request.Title, "title", 64).Text(request.Body, "body", 10_000);
        if (request.Body is not null)
            foreach (var unknown in NoticeDocuments.PlaceholdersIn(request.Body).Where(p => !(DisclosureRequests.RequestNotices.IsDisclosureKind(kind)
                ? DisclosureRequests.RequestNotices.Placeholders : DefaultNoticeTemplates.Placeholders).ContainsKey(p)))
                problems.Add("body", "ErrorPlaceholder", unknown);
        if (problems.Any) return problems.ToResult();
        var template = await db.NoticeTemplates.SingleOrDefaultAsync(t => t.Kind == kind, ct);
        if (template is null) return TypedResults.NotFound();
        var scope = UserScope.From(user);
        var before = new { template.Title, template.Body };
        // Saved versions: the first save also keeps the text it replaces, as version 1.
        var last = await db.NoticeTemplateVersions.Where(v => v.Kind == kind).MaxAsync(v => (int?)v.Number, ct) ?? 0;
        if (last == 0)
            db.NoticeTemplateVersions.Add(new NoticeTemplateVersion { Kind = kind, Number = ++last, Title = template.Title, Body = template.Body, SavedAt = template.UpdatedAt, SavedBy = template.UpdatedBy });
        template.Title = request.Title!.Trim();
        template.Body = request.Body!.Trim();
        template.UpdatedAt = time.GetUtcNow().UtcDateTime;
        template.UpdatedBy = scope?.UserName;
        db.NoticeTemplateVersions.Add(new NoticeTemplateVersion { Kind = kind, Number = last + 1, Title = template.Title, Body = template.Body, SavedAt = template.UpdatedAt, SavedBy = template.UpdatedBy });
        audit.Record(scope, "notice-template.save", nameof(NoticeTemplate), kind, before, new { template.Title, template.Body });
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new NoticeTemplateDto(template.Kind, template.Title, template.Body, template.UpdatedAt, template.UpdatedBy));
    }

    public static async Task<IResult> Render(long id, string kind, string? format, ClaimsPrincipal user, SunshineDbContext db, TimeProvider time, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        var petition = await db.Petitions.AsNoTracking().WithinScope(scope)
            .Include(p => p.RegisteringOrganisation).Include(p => p.ResponsibleOrganisation)
            .SingleOrDefaultAsync(p => p.Id == id, ct);
        var template = await db.NoticeTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.Kind == kind, ct);
        if (petition is null || template is null) return TypedResults.NotFound();
        var values = await ValuesAsync(db, petition, ChinaTime.Today(time), ct);
        var text = NoticeDocuments.Fill(template.Body, values);
        var fileName = $"{petition.CaseNumber}-{template.Title}";
        return format == "html"
            ? TypedResults.Content(NoticeDocuments.ToHtml(template.Title, text), "text/html; charset=utf-8")
            : TypedResults.File(NoticeDocuments.ToDocx(template.Title, text), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", fileName + ".docx");
    }

    public static string ChineseDate(DateOnly date) => $"{date.Year}年{date.Month}月{date.Day}日";

    /// <summary>What fills the placeholders: the case's own fields and the latest step that gave a reason or a route.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ValuesAsync(SunshineDbContext db, Petition petition, DateOnly today, CancellationToken ct)
    {
        var lastWithReason = await db.PetitionEvents.AsNoTracking().Where(e => e.PetitionId == petition.Id && e.Reason != null)
            .OrderByDescending(e => e.Id).Select(e => new { e.Reason, e.Detail }).FirstOrDefaultAsync(ct);
        var route = "";
        if (lastWithReason?.Detail is { } detail)
        {
            using var json = JsonDocument.Parse(detail);
            if (json.RootElement.TryGetProperty("route", out var r) && r.ValueKind == JsonValueKind.String) route = r.GetString()!;
        }
        var unit = petition.ResponsibleOrganisation ?? petition.RegisteringOrganisation;
        var reviewer = unit?.ParentId is { } parentId
            ? await db.Organisations.AsNoTracking().Where(o => o.Id == parentId).Select(o => o.Parent != null ? o.Parent.Name : o.Name).FirstOrDefaultAsync(ct)
            : null;
        return new Dictionary<string, string>
        {
            ["信访人"] = petition.PetitionerName,
            ["信访件编号"] = petition.CaseNumber,
            ["信访日期"] = ChineseDate(petition.ReceivedOn),
            ["受理日期"] = petition.AcceptedOn is { } accepted ? ChineseDate(accepted) : "",
            ["办理期限"] = petition.DueOn is { } due ? ChineseDate(due) : "",
            ["责任单位"] = unit?.Name ?? "",
            ["登记单位"] = petition.RegisteringOrganisation?.Name ?? "",
            ["延期天数"] = petition.ExtensionDays?.ToString(CultureInfo.InvariantCulture) ?? "",
            ["理由"] = lastWithReason?.Reason ?? "",
            ["处理意见"] = petition.Opinion switch
            {
                HandlingOpinion.Support => "支持",
                HandlingOpinion.Explain => "解释说明",
                HandlingOpinion.Reject => "不予支持",
                _ => "",
            },
            ["法定途径"] = route,
            ["复查机关"] = reviewer ?? "上一级行政机关",
            ["日期"] = ChineseDate(today),
        };
    }
}
