using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Domain.Directory;
using Sunshine.Domain.Disclosure;
using Sunshine.Web.Features.Calendar;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Disclosure.Catalogue;

public sealed record ItemRequest(int? ColumnId, string? Title, string? Body, string? FormedOn, string? DocumentNumber = null, string? Subject = null,
    DisclosureValidity Validity = DisclosureValidity.Valid, int? OrganisationId = null, int? Version = null);

public sealed record ItemSaved(long Id, DisclosureItemStatus Status, string? IndexNumber, int Version, DateOnly DueOn, DateOnly? PublishedOn);

public sealed record ItemRow(long Id, string? IndexNumber, string Title, string Column, string Organisation, DisclosureItemStatus Status,
    DateOnly FormedOn, DateOnly DueOn, DateOnly? PublishedOn, bool IsLate, DisclosureValidity Validity);

public sealed record ItemPage(IReadOnlyList<ItemRow> Items, long? NextAfter);

public sealed record PublicationDto(long Id, string Outlet, string Column, string? OutletCategory, DateOnly PublishedOn);

public sealed record StepDto(DateTime At, string Action, string? UserName, string? Reason);

public sealed record DisclosureAttachmentDto(long Id, string FileName, string ContentType, long Size);

public sealed record ItemDetail(long Id, string? IndexNumber, int OrganisationId, string Organisation, int ColumnId, string Column, string? DocumentNumber,
    DateOnly FormedOn, DateOnly DueOn, DateOnly? PublishedOn, bool IsLate, IReadOnlyList<string> DueExplanation, string? Subject, string Title, string Body,
    DisclosureValidity Validity, DisclosureItemStatus Status, DateOnly? WithdrawnOn, int Version, bool MayEdit, IReadOnlyList<string> Actions,
    IReadOnlyList<PublicationDto> Publications, IReadOnlyList<DisclosureAttachmentDto> Attachments, IReadOnlyList<StepDto> History);

/// <param name="Outlet">Website, WeChat or Toutiao.</param>
/// <param name="Category">On WeChat and 政务头条: 经验交流, 政策宣传 or 工作动态.</param>
/// <param name="PublishedOn">yyyy-MM-dd; today when empty (a post already made on an account is recorded with its date).</param>
public sealed record OutletRequest(Outlet Outlet, string? Category = null, string? PublishedOn = null);

public sealed record ItemActionRequest(string? Reason = null, IReadOnlyList<OutletRequest>? Outlets = null, int? Version = null);

public static class DisclosureScope
{
    /// <summary>An organ's staff see their organ's items; with subordinates granted, the items of the organs below too.</summary>
    public static IQueryable<DisclosureItem> WithinScope(this IQueryable<DisclosureItem> query, UserScope scope) =>
        scope.IncludeSubordinates
            ? query.Where(i => i.OrganisationId == scope.OrganisationId || i.Organisation!.Path.StartsWith(scope.ScopePath))
            : query.Where(i => i.OrganisationId == scope.OrganisationId);
}

/// <summary>
/// Items of proactive disclosure (主动公开, 《政府信息公开条例》第十九至二十六条) for staff: drafted and edited by the organ's
/// disclosure officer, approved by its leader before they are published on the website and the accounts, withdrawn
/// when they must come down. Each step is audited with who and when; publications stay on record for the annual report.
/// </summary>
public static class DisclosureItems
{
    public const int PageSize = 50;
    public const string EntityType = nameof(DisclosureItem);

    public static void MapCatalogueEndpoints(this IEndpointRouteBuilder app)
    {
        // A bad pattern stops the start rather than the first approval.
        var pattern = PatternOf(app.ServiceProvider.GetRequiredService<IConfiguration>());
        if (IndexNumberPattern.Problem(pattern) is { } problem)
            throw new InvalidOperationException($"Disclosure:IndexNumberPattern \"{pattern}\": {problem}.");

        var group = app.MapGroup("/api/disclosure").WithTags("Disclosure").RequireAuthorization(Policies.Staff);
        group.MapGet("/columns", CatalogueColumns.List);
        group.MapPost("/columns", CatalogueColumns.Create).RequireAuthorization(Policies.Administrator);
        group.MapPut("/columns/{id:int}", CatalogueColumns.Update).RequireAuthorization(Policies.Administrator);
        group.MapGet("/items", List);
        group.MapPost("/items", Create);
        group.MapGet("/items/{id:long}", Get);
        group.MapPut("/items/{id:long}", Update);
        group.MapPost("/items/{id:long}/actions/{action}", Act);
        group.MapGet("/items/{id:long}/export.html", DisclosureFiles.Export);
        group.MapPost("/items/{id:long}/attachments", DisclosureFiles.Upload);
        group.MapGet("/items/{id:long}/attachments/{attachmentId:long}", DisclosureFiles.Download);
        group.MapDelete("/items/{id:long}/attachments/{attachmentId:long}", DisclosureFiles.Remove);
        PublicCatalogue.Map(app);
    }

    public static string PatternOf(IConfiguration configuration) => configuration["Disclosure:IndexNumberPattern"] ?? IndexNumberPattern.Default;

    public static async Task<IResult> List(ClaimsPrincipal user, SunshineDbContext db, int? column, DisclosureItemStatus? status, bool? late, long? after,
        TimeProvider time, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        var today = ChinaTime.Today(time);
        var query = db.DisclosureItems.AsNoTracking().WithinScope(scope);
        if (column is { } c) query = query.Where(i => i.ColumnId == c);
        if (status is { } s) query = query.Where(i => i.Status == s);
        // Late (Art. 26): published after the due date, or still unpublished past it.
        if (late == true) query = query.Where(i => i.PublishedOn > i.DueOn || (i.PublishedOn == null && i.Status != DisclosureItemStatus.Withdrawn && i.DueOn < today));
        if (late == false) query = query.Where(i => !(i.PublishedOn > i.DueOn || (i.PublishedOn == null && i.Status != DisclosureItemStatus.Withdrawn && i.DueOn < today)));
        if (after is { } a) query = query.Where(i => i.Id < a);
        var rows = await query.OrderByDescending(i => i.Id).Take(PageSize + 1)
            .Select(i => new { i.Id, i.IndexNumber, i.Title, Column = i.Column!.Name, Organisation = i.Organisation!.Name, i.Status, i.FormedOn, i.DueOn, i.PublishedOn, i.Validity })
            .ToListAsync(ct);
        var items = rows.Take(PageSize).Select(r => new ItemRow(r.Id, r.IndexNumber, r.Title, r.Column, r.Organisation, r.Status, r.FormedOn, r.DueOn, r.PublishedOn,
            LateOn(r.Status, r.DueOn, r.PublishedOn, today), r.Validity)).ToList();
        return TypedResults.Ok(new ItemPage(items, rows.Count > PageSize ? items[^1].Id : null));
    }

    public static async Task<IResult> Get(long id, ClaimsPrincipal user, SunshineDbContext db, TimeProvider time, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        var item = await db.DisclosureItems.AsNoTracking().WithinScope(scope).Include(i => i.Organisation).Include(i => i.Column).SingleOrDefaultAsync(i => i.Id == id, ct);
        if (item is null) return TypedResults.NotFound();
        return TypedResults.Ok(await DetailAsync(db, item, scope, time, ct));
    }

    public static async Task<ItemDetail> DetailAsync(SunshineDbContext db, DisclosureItem item, UserScope scope, TimeProvider time, CancellationToken ct)
    {
        var today = ChinaTime.Today(time);
        var publications = await db.Publications.AsNoTracking().Where(p => p.DisclosureItemId == item.Id).OrderBy(p => p.Id)
            .Select(p => new PublicationDto(p.Id, p.Outlet, p.Column, p.OutletCategory, p.PublishedOn)).ToListAsync(ct);
        var attachments = await db.DisclosureAttachments.AsNoTracking().Where(a => a.DisclosureItemId == item.Id).OrderBy(a => a.Id)
            .Select(a => new DisclosureAttachmentDto(a.Id, a.FileName, a.ContentType, a.Size)).ToListAsync(ct);
        var key = item.Id.ToString(CultureInfo.InvariantCulture);
        var history = await db.AuditEntries.AsNoTracking().Where(e => e.EntityType == EntityType && e.EntityId == key).OrderBy(e => e.Id)
            .Select(e => new StepDto(e.At, e.Action, e.UserName, e.Reason)).ToListAsync(ct);
        var calendar = await CalendarEndpoints.LoadAsync(db, ct);
        var due = ProactiveTimeliness.DueOn(item.FormedOn, item.Organisation!.DivisionCode, calendar);
        var mine = Mine(scope, item);
        return new ItemDetail(item.Id, item.IndexNumber, item.OrganisationId, item.Organisation.Name, item.ColumnId, item.Column!.Name, item.DocumentNumber,
            item.FormedOn, item.DueOn, item.PublishedOn, IsLate(item, today), [.. due.Explanation, .. due.Warnings], item.Subject, item.Title, item.Body,
            item.Validity, item.Status, item.WithdrawnOn, item.Version, mine && DisclosureItemWorkflow.MayEdit(item.Status, scope.Roles),
            mine ? DisclosureItemWorkflow.Allowed(item.Status, scope.Roles).Select(a => a.ToString()).ToList() : [],
            publications, attachments, history);
    }

    /// <summary>Late under Art. 26 today: published after its due date, or not yet published though the due date has passed.</summary>
    public static bool IsLate(DisclosureItem item, DateOnly today) => LateOn(item.Status, item.DueOn, item.PublishedOn, today);

    private static bool LateOn(DisclosureItemStatus status, DateOnly dueOn, DateOnly? publishedOn, DateOnly today) =>
        publishedOn is not null ? ProactiveTimeliness.IsLate(dueOn, publishedOn, today)
            : status != DisclosureItemStatus.Withdrawn && ProactiveTimeliness.IsLate(dueOn, null, today);

    /// <summary>Acting on an item is for the staff of organs in scope, like seeing it; roles decide the steps.</summary>
    private static bool Mine(UserScope scope, DisclosureItem item) => scope.Covers(item.OrganisationId, item.Organisation?.Path ?? "");

    public static async Task<IResult> Create(ItemRequest request, ClaimsPrincipal user, SunshineDbContext db, Audit audit, TimeProvider time,
        IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        if (!scope.IsInRole(StaffRoles.DisclosureOfficer))
            return TypedResults.Problem(title: L["ErrorForbiddenAction"], statusCode: StatusCodes.Status403Forbidden);
        var problems = new Problems(L);
        var organisation = await db.Organisations.AsNoTracking().WithinScope(scope).SingleOrDefaultAsync(o => o.Id == (request.OrganisationId ?? scope.OrganisationId) && o.IsActive, ct);
        if (organisation is null) problems.Add("organisationId", "ErrorOrganisationOutOfScope");
        var (body, formedOn) = await ValidateAsync(request, db, problems, time, ct);
        if (problems.Any) return problems.ToResult();

        var now = time.GetUtcNow().UtcDateTime;
        var item = new DisclosureItem
        {
            OrganisationId = organisation!.Id,
            CreatedAt = now,
            CreatedBy = scope.UserName,
            Title = "",
            Body = "",
        };
        await ApplyAsync(item, request, body, formedOn, organisation.DivisionCode, db, ct);
        item.UpdatedAt = now;
        db.DisclosureItems.Add(item);
        await db.SaveChangesAsync(ct);
        audit.Record(scope, "disclosure.item-create", EntityType, item.Id, after: Snapshot(item));
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/disclosure/items/{item.Id}", Saved(item));
    }

    public static async Task<IResult> Update(long id, ItemRequest request, ClaimsPrincipal user, SunshineDbContext db, Audit audit, TimeProvider time,
        IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        var item = await db.DisclosureItems.WithinScope(scope).Include(i => i.Organisation).SingleOrDefaultAsync(i => i.Id == id, ct);
        if (item is null) return TypedResults.NotFound();
        if (!scope.IsInRole(StaffRoles.DisclosureOfficer))
            return TypedResults.Problem(title: L["ErrorForbiddenAction"], statusCode: StatusCodes.Status403Forbidden);
        if (!DisclosureItemWorkflow.MayEdit(item.Status, scope.Roles))
            return TypedResults.Problem(title: L["Disclosure.ErrorNotDraft"], statusCode: StatusCodes.Status409Conflict);
        if (request.Version is { } version && version != item.Version)
            return TypedResults.Problem(title: L["ErrorStale"], statusCode: StatusCodes.Status409Conflict);
        var problems = new Problems(L);
        var (body, formedOn) = await ValidateAsync(request, db, problems, time, ct);
        if (problems.Any) return problems.ToResult();
        var before = Snapshot(item);
        await ApplyAsync(item, request, body, formedOn, item.Organisation!.DivisionCode, db, ct);
        item.UpdatedAt = time.GetUtcNow().UtcDateTime;
        item.Version++;
        audit.Record(scope, "disclosure.item-update", EntityType, item.Id, before, Snapshot(item));
        return await SaveAsync(db, item, L, ct);
    }

    private static async Task<(string Body, DateOnly FormedOn)> ValidateAsync(ItemRequest request, SunshineDbContext db, Problems problems, TimeProvider time, CancellationToken ct)
    {
        problems.Text(request.Title, "title", 256)
            .Text(request.DocumentNumber, "documentNumber", 64, required: false)
            .Text(request.Subject, "subject", 64, required: false)
            .Require(Enum.IsDefined(request.Validity), "validity", "ErrorEnum", "validity");
        if (request.ColumnId is not { } column || !await db.CatalogueColumns.AnyAsync(c => c.Id == column && c.IsActive, ct))
            problems.Add("columnId", "Disclosure.ErrorColumn");
        problems.Date(request.FormedOn, "formedOn", out var formedOn);
        if (request.FormedOn is not null && formedOn != default && (formedOn > ChinaTime.Today(time) || formedOn.Year < 2000))
            problems.Add("formedOn", "Disclosure.ErrorFormedOn");
        var body = DisclosureHtml.Clean(request.Body);
        if (DisclosureHtml.IsEmpty(body)) problems.Missing("body");
        else problems.Text(body, "body", 200_000);
        return (body, formedOn);
    }

    private static async Task ApplyAsync(DisclosureItem item, ItemRequest request, string body, DateOnly formedOn, string divisionCode, SunshineDbContext db, CancellationToken ct)
    {
        item.ColumnId = request.ColumnId!.Value;
        item.Title = request.Title!.Trim();
        item.Body = body;
        item.DocumentNumber = string.IsNullOrWhiteSpace(request.DocumentNumber) ? null : request.DocumentNumber.Trim();
        item.Subject = string.IsNullOrWhiteSpace(request.Subject) ? null : request.Subject.Trim();
        item.Validity = request.Validity;
        item.FormedOn = formedOn;
        var calendar = await CalendarEndpoints.LoadAsync(db, ct);
        item.DueOn = ProactiveTimeliness.DueOn(formedOn, divisionCode, calendar).DueOn;
    }

    private static ItemSaved Saved(DisclosureItem i) => new(i.Id, i.Status, i.IndexNumber, i.Version, i.DueOn, i.PublishedOn);

    private static object Snapshot(DisclosureItem i) =>
        new { i.Title, i.ColumnId, i.DocumentNumber, i.Subject, i.FormedOn, i.DueOn, i.Validity, i.Status, i.IndexNumber, i.PublishedOn, BodyLength = i.Body.Length };

    private static async Task<IResult> SaveAsync(SunshineDbContext db, DisclosureItem item, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another save won the race: a newer version of the item, or the same index number given at the same moment.
            return TypedResults.Problem(title: L["ErrorStale"], statusCode: StatusCodes.Status409Conflict);
        }
        return TypedResults.Ok(Saved(item));
    }

    public static async Task<IResult> Act(long id, string action, ItemActionRequest request, ClaimsPrincipal user, SunshineDbContext db, Audit audit,
        TimeProvider time, IConfiguration configuration, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        if (!Enum.TryParse<DisclosureItemAction>(action, ignoreCase: true, out var act) || int.TryParse(action, out _)) return TypedResults.NotFound();
        var scope = UserScope.From(user)!;
        var item = await db.DisclosureItems.WithinScope(scope).Include(i => i.Organisation).Include(i => i.Column).SingleOrDefaultAsync(i => i.Id == id, ct);
        if (item is null) return TypedResults.NotFound();
        if (request.Version is { } version && version != item.Version)
            return TypedResults.Problem(title: L["ErrorStale"], statusCode: StatusCodes.Status409Conflict);
        if (DisclosureItemWorkflow.Check(act, item.Status, scope.Roles) is { } reason)
            return TypedResults.Problem(title: L[reason == "disclosure.role" ? "ErrorForbiddenAction" : "Disclosure.ErrorState"],
                statusCode: reason == "disclosure.role" ? StatusCodes.Status403Forbidden : StatusCodes.Status409Conflict,
                extensions: new Dictionary<string, object?> { ["code"] = reason });

        var today = ChinaTime.Today(time);
        var problems = new Problems(L);
        if (act is DisclosureItemAction.Return or DisclosureItemAction.Withdraw or DisclosureItemAction.Repeal)
            problems.Text(request.Reason, "reason", 2000);
        var outlets = new List<(Outlet Outlet, string? Category, DateOnly On)>();
        if (act is DisclosureItemAction.Approve or DisclosureItemAction.Publish)
        {
            var existing = await db.Publications.Where(p => p.DisclosureItemId == item.Id).Select(p => p.Outlet).ToListAsync(ct);
            if (request.Outlets is not { Count: > 0 }) problems.Add("outlets", "Disclosure.ErrorOutletsNone");
            foreach (var (o, i) in (request.Outlets ?? []).Select((o, i) => (o, i)))
            {
                var field = $"outlets[{i}]";
                if (!Enum.IsDefined(o.Outlet)) { problems.Add(field, "ErrorEnum", "outlet"); continue; }
                var category = string.IsNullOrWhiteSpace(o.Category) ? null : o.Category.Trim();
                if (Outlets.NeedsCategory(o.Outlet) && (category is null || !Outlets.AccountCategories.Contains(category)))
                    problems.Add(field, "Disclosure.ErrorOutletCategory", string.Join("、", Outlets.AccountCategories));
                if (!Outlets.NeedsCategory(o.Outlet) && category is not null)
                    problems.Add(field, "Disclosure.ErrorWebsiteCategory");
                // One record per outlet and item: the annual report counts each publication once per outlet.
                if (existing.Contains(Outlets.StoredName(o.Outlet)) || outlets.Any(x => x.Outlet == o.Outlet))
                    problems.Add(field, "Disclosure.ErrorOutletTwice", Outlets.StoredName(o.Outlet));
                var on = today;
                if (!string.IsNullOrWhiteSpace(o.PublishedOn))
                {
                    if (!DateOnly.TryParseExact(o.PublishedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out on))
                        problems.Add(field, "ErrorDate", L["Field.publishedOn"].Value);
                    else if (on > today || on < item.FormedOn)
                        problems.Add(field, "Disclosure.ErrorPublishedOn");
                }
                outlets.Add((o.Outlet, category, on));
            }
        }
        if (problems.Any) return problems.ToResult();

        var before = Snapshot(item);
        var rule = DisclosureItemWorkflow.Rule(act);
        item.Status = rule.To;
        switch (act)
        {
            case DisclosureItemAction.Approve or DisclosureItemAction.Publish:
                var first = outlets.Min(o => o.On);
                if (item.IndexNumber is null)
                {
                    // The organ's running number in the year of first publication.
                    var year = first.Year;
                    var last = await db.DisclosureItems.Where(i => i.OrganisationId == item.OrganisationId && i.IndexYear == year).MaxAsync(i => i.IndexSequence, ct) ?? 0;
                    item.IndexYear = year;
                    item.IndexSequence = last + 1;
                    item.IndexNumber = IndexNumberPattern.Format(PatternOf(configuration), item.Organisation!.DivisionCode, item.OrganisationId, year, last + 1);
                }
                item.PublishedOn = item.PublishedOn is { } published && published < first ? published : first;
                foreach (var (outlet, category, on) in outlets)
                {
                    db.Publications.Add(new Publication
                    {
                        DisclosureItemId = item.Id,
                        IndexNumber = item.IndexNumber,
                        Title = item.Title,
                        Column = category ?? item.Column!.Name,
                        Outlet = Outlets.StoredName(outlet),
                        OutletCategory = category,
                        OrganisationId = item.OrganisationId,
                        DocumentNumber = item.DocumentNumber,
                        FormedOn = item.FormedOn,
                        PublishedOn = on,
                        Body = item.Body,
                        IsValid = item.Validity == DisclosureValidity.Valid,
                    });
                }
                break;
            case DisclosureItemAction.Repeal:
                item.Validity = DisclosureValidity.Repealed;
                await db.Publications.Where(p => p.DisclosureItemId == item.Id).ForEachAsync(p => p.IsValid = false, ct);
                break;
            case DisclosureItemAction.Withdraw:
                // Off the portal; the item and its publication records stay, as published that day (annual report).
                item.WithdrawnOn = today;
                break;
        }
        item.Version++;
        item.UpdatedAt = time.GetUtcNow().UtcDateTime;
        audit.Record(scope, "disclosure.item-" + act.ToString().ToLowerInvariant(), EntityType, item.Id, before,
            new { item.Status, item.IndexNumber, item.PublishedOn, item.Validity, item.WithdrawnOn, Outlets = outlets.Select(o => new { Outlet = Outlets.StoredName(o.Outlet), o.Category, o.On }) },
            string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim());
        return await SaveAsync(db, item, L, ct);
    }
}
