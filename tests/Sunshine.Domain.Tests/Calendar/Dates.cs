using System.Globalization;

namespace Sunshine.Domain.Tests.Calendar;

/// <summary>Attributes cannot hold DateOnly, so test rows carry ISO strings.</summary>
internal static class Dates
{
    public static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
