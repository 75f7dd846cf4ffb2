using Sunshine.Data;
using Sunshine.Domain.Calendar;

namespace Sunshine.Web.Features.Calendar;

/// <summary>
/// The holiday calendar as the pages that only show deadlines count with it — the deadline colours of the staff lists,
/// queues and boards (<see cref="Petitions.Queues.DeadlineColouring"/>) and the public progress lookup — held in memory
/// instead of read on every request. Reading it (a few hundred rows into a <see cref="HolidayCalendar"/>) was nearly half
/// of a staff search request's time (profile in docs/performance.md, session 9).
/// </summary>
/// <remarks>
/// The calendar changes a few times a year: the State Council's notice, a make-up day corrected by an administrator.
/// The endpoints that change it call <see cref="Invalidate"/> once their change is saved, so in this process the next
/// reader reads it again. Another instance of the app holds its copy at most <c>Calendar:CacheSeconds</c> (default 60;
/// 0 reads it on every use). Registration, handling and every due date that is stored keep reading the calendar
/// themselves (<see cref="CalendarEndpoints.LoadAsync"/>), so no stored date ever depends on a held copy.
/// </remarks>
public sealed class CalendarCache(TimeProvider time, TimeSpan lifetime)
{
    private sealed record Held(HolidayCalendar Calendar, DateTimeOffset Until, long Generation);

    // Swapped whole: a reader sees the old copy or the new one. Two readers that find it stale at once both read it.
    private Held? _held;

    // Raised by each saved change. A copy is used only while it carries the current generation, and it carries the one
    // read before the rows: a copy read while a change was being saved can never be used after that change.
    private long _generation;

    public async Task<HolidayCalendar> GetAsync(SunshineDbContext db, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var generation = Interlocked.Read(ref _generation);
        if (_held is { } held && held.Generation == generation && now < held.Until) return held.Calendar;
        var calendar = await CalendarEndpoints.LoadAsync(db, ct);
        if (lifetime > TimeSpan.Zero) _held = new Held(calendar, now + lifetime, generation);
        return calendar;
    }

    /// <summary>Called after a change to the calendar has been saved: the next reader reads it again.</summary>
    public void Invalidate() => Interlocked.Increment(ref _generation);
}

public static class CalendarCacheSetup
{
    public static IServiceCollection AddCalendarCache(this IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton(sp => new CalendarCache(sp.GetRequiredService<TimeProvider>(),
            TimeSpan.FromSeconds(Math.Max(0, configuration.GetValue("Calendar:CacheSeconds", 60)))));
}
