using Sunshine.Data;
using Sunshine.Domain.Calendar;
using Sunshine.Web.Features.Calendar;

namespace Sunshine.Web.Features.Portal;

/// <summary>
/// The holiday calendar as the public progress lookup counts deadlines with it, read from the database at most once
/// per <c>Portal:CalendarCacheSeconds</c> (default 60; 0 reads it on every lookup). Every lookup needs it to compute the
/// current deadline and the evaluation and review windows, and it changes a few times a year (the State Council's
/// notice, a make-up day corrected by an administrator): a deadline shown to a petitioner may follow such a change up to
/// that long later. Staff pages and the workflow keep reading the calendar themselves. One per app (a singleton).
/// </summary>
public sealed class PublicCalendar(TimeProvider time, TimeSpan lifetime)
{
    private sealed record Held(HolidayCalendar Calendar, DateTimeOffset Until);

    // Swapped whole: a reader sees the old copy or the new one. Two lookups that find it stale at once both read it.
    private Held? _held;

    public async Task<HolidayCalendar> GetAsync(SunshineDbContext db, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_held is { } held && now < held.Until) return held.Calendar;
        var calendar = await CalendarEndpoints.LoadAsync(db, ct);
        if (lifetime > TimeSpan.Zero) _held = new Held(calendar, now + lifetime);
        return calendar;
    }
}

public static class PublicCalendarSetup
{
    public static IServiceCollection AddPublicCalendar(this IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton(sp => new PublicCalendar(sp.GetRequiredService<TimeProvider>(),
            TimeSpan.FromSeconds(Math.Max(0, configuration.GetValue("Portal:CalendarCacheSeconds", 60)))));
}
