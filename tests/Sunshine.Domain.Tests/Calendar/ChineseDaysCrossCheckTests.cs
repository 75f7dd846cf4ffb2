using System.Text.Json;
using Sunshine.Domain.Calendar;
using static Sunshine.Domain.Tests.Calendar.Dates;

namespace Sunshine.Domain.Tests.Calendar;

/// <summary>
/// Cross-checks the shipped notices against an independent transcription of the same State Council notices: the npm
/// package chinese-days (pinned in this project's package.json / package-lock.json; restore it with `npm ci`).
/// </summary>
public class ChineseDaysCrossCheckTests
{
    private const string DataFile = "node_modules/chinese-days/dist/chinese-days.json";

    [Fact]
    public void Every_date_2021_to_2026_has_the_same_working_or_rest_status_as_chinese_days()
    {
        var (holidays, workdays) = LoadChineseDays();
        var mismatches = new List<string>();
        for (var d = D("2021-01-01"); d <= D("2026-12-31"); d = d.AddDays(1))
        {
            var theirs = workdays.Contains(d) || (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays.Contains(d));
            if (theirs != HolidayCalendar.Shipped.IsWorkingDay(d))
            {
                mismatches.Add($"{d:yyyy-MM-dd}: chinese-days says {(theirs ? "working" : "rest")}");
            }
        }

        Assert.True(mismatches.Count == 0, string.Join(Environment.NewLine, mismatches));
    }

    [Fact]
    public void The_listed_holidays_and_make_up_days_are_the_same_as_chinese_days()
    {
        // Stronger than the working/rest check: also weekend days inside a holiday block (e.g. 2022-12-31) must agree.
        var (holidays, workdays) = LoadChineseDays();
        static bool InRange(DateOnly d) => d.Year is >= 2021 and <= 2026;
        Assert.Equal(holidays.Where(InRange).Order(),
            ShippedHolidayNotices.Entries.Where(e => e.Kind == DayKind.PublicHoliday && InRange(e.Date)).Select(e => e.Date).Order());
        Assert.Equal(workdays.Where(InRange).Order(),
            ShippedHolidayNotices.Entries.Where(e => e.Kind == DayKind.MakeUpWorkingDay && InRange(e.Date)).Select(e => e.Date).Order());
    }

    private static (HashSet<DateOnly> Holidays, HashSet<DateOnly> Workdays) LoadChineseDays()
    {
        var project = FindProjectDirectory();
        var path = Path.Combine(project, DataFile);
        Assert.True(File.Exists(path),
            $"{path} is missing: run `npm ci` in {project} to restore the chinese-days package used for this cross-check.");

        using var json = JsonDocument.Parse(File.ReadAllText(path));
        HashSet<DateOnly> Dates(string property) =>
            json.RootElement.GetProperty(property).EnumerateObject().Select(p => D(p.Name)).ToHashSet();
        return (Dates("holidays"), Dates("workdays"));
    }

    // Walk up from the test assembly to the folder that holds this project's package.json.
    private static string FindProjectDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "package.json")) && File.Exists(Path.Combine(dir.FullName, "Sunshine.Domain.Tests.csproj")))
            {
                return dir.FullName;
            }
        }

        Assert.Fail($"No folder above {AppContext.BaseDirectory} holds package.json and Sunshine.Domain.Tests.csproj; " +
                    "run `npm ci` in tests/Sunshine.Domain.Tests.");
        return "";
    }
}
