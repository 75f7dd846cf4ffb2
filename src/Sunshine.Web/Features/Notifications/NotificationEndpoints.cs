using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Notifications;

public sealed record InboxItem(long Id, string Kind, string Subject, string Text, long? PetitionId, DateTime CreatedAt, DateTime? ReadAt);

public sealed record InboxPage(IReadOnlyList<InboxItem> Items, int Page, int PageSize, int Total, int Unread);

/// <summary>
/// The console inbox: the signed-in user's own console notifications, and nobody else's — every query is filtered by
/// the caller's user id, so another user's message is "not found", never shown or marked.
/// </summary>
public static class NotificationEndpoints
{
    public const int PageSize = 50;

    public static void MapNotificationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/notifications").WithTags("Notifications").RequireAuthorization(Policies.Staff);
        group.MapGet("", List);
        group.MapGet("/unread-count", UnreadCount);
        group.MapPost("/{id:long}/read", MarkRead);
        group.MapPost("/read-all", MarkAllRead);
    }

    private static IQueryable<Notification> Mine(SunshineDbContext db, ClaimsPrincipal user)
    {
        var userId = UserScope.From(user)!.UserId;
        return db.Notifications.Where(n => n.RecipientUserId == userId && n.Channel == NotificationChannel.Console);
    }

    public static async Task<IResult> List(ClaimsPrincipal user, SunshineDbContext db, IStringLocalizer<SharedResource> L, CancellationToken ct,
        string? page = null, string? unread = null)
    {
        var problems = new Problems(L);
        var number = 1;
        if (page is not null && (!int.TryParse(page, out number) || number is < 1 or > 100_000))
            problems.Add("page", "Nt.ErrorPage");
        var onlyUnread = false;
        if (unread is not null && !bool.TryParse(unread, out onlyUnread))
            problems.Add("unread", "Nt.ErrorUnread");
        if (problems.Any) return problems.ToResult();

        var mine = Mine(db, user).AsNoTracking();
        var filtered = onlyUnread ? mine.Where(n => n.ReadAt == null) : mine;
        var total = await filtered.CountAsync(ct);
        var unreadCount = await mine.CountAsync(n => n.ReadAt == null, ct);
        var items = await filtered.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Skip((number - 1) * PageSize).Take(PageSize)
            .Select(n => new InboxItem(n.Id, n.Kind, n.Subject, n.Text, n.PetitionId, n.CreatedAt, n.ReadAt))
            .ToListAsync(ct);
        return TypedResults.Ok(new InboxPage(items, number, PageSize, total, unreadCount));
    }

    public static async Task<IResult> UnreadCount(ClaimsPrincipal user, SunshineDbContext db, CancellationToken ct) =>
        TypedResults.Ok(new { count = await Mine(db, user).CountAsync(n => n.ReadAt == null, ct) });

    public static async Task<IResult> MarkRead(long id, ClaimsPrincipal user, SunshineDbContext db, TimeProvider time, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (!await Mine(db, user).AnyAsync(n => n.Id == id, ct))
            return TypedResults.Problem(title: L["Nt.ErrorNotFound"], statusCode: StatusCodes.Status404NotFound);
        await Mine(db, user).Where(n => n.Id == id && n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
        return TypedResults.NoContent();
    }

    public static async Task<IResult> MarkAllRead(ClaimsPrincipal user, SunshineDbContext db, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var marked = await Mine(db, user).Where(n => n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
        return TypedResults.Ok(new { marked });
    }
}

/// <summary>The unread count the console header shows, refreshed by the inbox page when it marks messages read (one per circuit).</summary>
public sealed class InboxCounter
{
    public event Action? Changed;

    public void Notify() => Changed?.Invoke();
}
