using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Domain.Calendar;
using Microsoft.Extensions.Localization;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Calendar;

public sealed record CalendarYearDto(int Year, bool NoticeLoaded, string? Source, int WorkingDays, IReadOnlyList<CalendarDayDto> Days);
public sealed record CalendarDayDto(DateOnly Date, DayKind Kind, string Note);
public sealed record SetCalendarDay(DayKind Kind, string? Note);
public sealed record LoadNotice(string? Source);
public sealed record DeadlineDto(string Rule, string RuleSet, DateOnly Start, DateOnly DueOn, IReadOnlyList<string> Explanation, IReadOnlyList<string> Warnings);

/// <summary>
/// The holiday table administrators keep (DOMAIN.md §5) and the statutory clock computed on it.
/// </summary>
public static class CalendarEndpoints
{
    public static void MapCalendarEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/calendar").WithTags("Calendar").RequireAuthorization(Policies.Staff);
        group.MapGet("/{year:int}", GetYear);
        group.MapPut("/days/{date}", SetDay).RequireAuthorization(Policies.Administrator);
        group.MapDelete("/days/{date}", RemoveDay).RequireAuthorization(Policies.Administrator);
        group.MapPut("/notices/{year:int}", MarkNoticeLoaded).RequireAuthorization(Policies.Administrator);
        group.MapGet("/deadline", ComputeDeadline);
    }

    /// <summary>The calendar as the database holds it now; a few hundred rows, read per use (pages that only show
    /// deadlines take it from <see cref="CalendarCache"/>).</summary>
    public static async Task<HolidayCalendar> LoadAsync(SunshineDbContext db, CancellationToken ct = default)
    {
        var days = await db.CalendarDays.AsNoTracking().ToListAsync(ct);
        var years = await db.HolidayNotices.AsNoTracking().Select(n => n.Year).ToListAsync(ct);
        return new HolidayCalendar(days.Select(d => new CalendarEntry(d.Date, d.Kind, d.Note)), years);
    }

    public static async Task<IResult> GetYear(int year, SunshineDbContext db, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        if (year is < 1990 or > 2100) return new Problems(L).Require(false, "year", "ErrorYear").ToResult();
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        var days = await db.CalendarDays.AsNoTracking().Where(d => d.Date >= from && d.Date <= to).OrderBy(d => d.Date)
            .Select(d => new CalendarDayDto(d.Date, d.Kind, d.Note)).ToListAsync(ct);
        var notice = await db.HolidayNotices.AsNoTracking().SingleOrDefaultAsync(n => n.Year == year, ct);
        var calendar = await LoadAsync(db, ct);
        return TypedResults.Ok(new CalendarYearDto(year, notice is not null, notice?.Source, calendar.WorkingDaysInYear(year), days));
    }

    public static async Task<IResult> SetDay(string date, SetCalendarDay request, ClaimsPrincipal user, SunshineDbContext db, CalendarCache calendars, Audit audit, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var problems = new Problems(L);
        problems.Date(date, "date", out var day);
        problems.Require(Enum.IsDefined(request.Kind), "kind", "ErrorDayKind")
            .Text(request.Note, "note", 32, required: false);
        if (!problems.Any && request.Kind == DayKind.MakeUpWorkingDay && day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            problems.Add("kind", "ErrorMakeUpDayWeekend");
        if (problems.Any) return problems.ToResult();
        var row = await db.CalendarDays.SingleOrDefaultAsync(d => d.Date == day, ct);
        var before = row is null ? null : new { row.Kind, row.Note };
        if (row is null) db.CalendarDays.Add(row = new CalendarDay { Date = day });
        row.Kind = request.Kind;
        row.Note = request.Note?.Trim() ?? "";
        audit.Record(UserScope.From(user), "calendar.set", nameof(CalendarDay), day.ToString("yyyy-MM-dd", null), before, new { row.Kind, row.Note });
        await db.SaveChangesAsync(ct);
        calendars.Invalidate();
        return TypedResults.Ok(new CalendarDayDto(row.Date, row.Kind, row.Note));
    }

    public static async Task<IResult> RemoveDay(string date, ClaimsPrincipal user, SunshineDbContext db, CalendarCache calendars, Audit audit, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var problems = new Problems(L).Date(date, "date", out var day);
        if (problems.Any) return problems.ToResult();
        var row = await db.CalendarDays.SingleOrDefaultAsync(d => d.Date == day, ct);
        if (row is null) return TypedResults.NotFound();
        db.CalendarDays.Remove(row);
        audit.Record(UserScope.From(user), "calendar.remove", nameof(CalendarDay), date, new { row.Kind, row.Note });
        await db.SaveChangesAsync(ct);
        calendars.Invalidate();
        return TypedResults.NoContent();
    }

    public static async Task<IResult> MarkNoticeLoaded(int year, LoadNotice request, ClaimsPrincipal user, SunshineDbContext db, CalendarCache calendars, Audit audit, TimeProvider time, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var problems = new Problems(L).Require(year is >= 1990 and <= 2100, "year", "ErrorYear").Text(request.Source, "source", 256);
        if (problems.Any) return problems.ToResult();
        var notice = await db.HolidayNotices.SingleOrDefaultAsync(n => n.Year == year, ct);
        if (notice is null) db.HolidayNotices.Add(notice = new HolidayNotice { Year = year });
        notice.Source = request.Source!.Trim();
        notice.LoadedAt = time.GetUtcNow().UtcDateTime;
        audit.Record(UserScope.From(user), "calendar.notice", nameof(HolidayNotice), year, after: new { notice.Source });
        await db.SaveChangesAsync(ct);
        calendars.Invalidate();
        return TypedResults.NoContent();
    }

    /// <summary>Explains a due date: which rule of which period and jurisdiction, and each step of the count.</summary>
    public static async Task<IResult> ComputeDeadline(string? rule, string? start, string? division, string? pauseFrom, string? pauseTo, int? extension, string? extensionApprovedOn, SunshineDbContext db, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var problems = new Problems(L).Text(rule, "rule", 64);
        problems.Date(start, "start", out var startDate);
        DateOnly? pFrom = null, pTo = null, approved = null;
        if (pauseFrom is not null || pauseTo is not null)
        {
            if (DateOnly.TryParseExact(pauseFrom ?? "", "yyyy-MM-dd", out var a) && DateOnly.TryParseExact(pauseTo ?? "", "yyyy-MM-dd", out var b) && a <= b) (pFrom, pTo) = (a, b);
            else problems.Add("pauseFrom", "ErrorPause");
        }
        if (extension is not null)
        {
            if (DateOnly.TryParseExact(extensionApprovedOn ?? "", "yyyy-MM-dd", out var c)) approved = c;
            else problems.Add("extensionApprovedOn", "ErrorDate", L["Field.extensionApprovedOn"].Value);
        }
        if (problems.Any) return problems.ToResult();
        var book = RuleBook.Default;
        var divisionCode = string.IsNullOrWhiteSpace(division) ? "140000000000" : division.Trim();
        RuleSet set;
        TimeLimitRule limit;
        try
        {
            set = book.For(divisionCode, startDate);
            limit = book.Rule(rule!, divisionCode, startDate);
        }
        catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            problems.AddText("rule", ex.Message);
            return problems.ToResult();
        }
        var calendar = await LoadAsync(db, ct);
        try
        {
            var deadline = StatutoryClock.Compute(limit, startDate, calendar,
                pFrom is null ? null : [new ClockPause(pFrom.Value, pTo!.Value, "pause")],
                extension is null ? null : new ClockExtension(extension.Value, approved!.Value, "extension"));
            return TypedResults.Ok(new DeadlineDto(limit.Code, set.Code, startDate, deadline.DueOn, deadline.Explanation, deadline.Warnings));
        }
        catch (ArgumentException ex)
        {
            problems.AddText("extension", ex.Message);
            return problems.ToResult();
        }
    }
}
