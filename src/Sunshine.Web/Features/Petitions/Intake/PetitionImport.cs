using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Localization;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Sunshine.Domain.Calendar;
using Sunshine.Web.Features.Calendar;
using Sunshine.Data;
using Sunshine.Domain.Petitions;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Petitions.Intake;

public sealed record ImportRowError(int Line, string Reason);
public sealed record ImportReport(int Rows, int Created, int AlreadyThere, IReadOnlyList<ImportRowError> Errors);

/// <summary>
/// <c>sunshine import petitions FILE --channel NAME</c>: CSV, XLSX or JSON Lines in the column set of
/// docs/import-petitions.md. Rows are registered in batches by the rules of the API's path (<see cref="PetitionBatch"/>):
/// a bad row is reported with its line number and reason, good rows are kept, and no row is ever half-written. A file sent
/// twice creates nothing twice (rows are keyed on channel + external id).
/// </summary>
public static class PetitionImport
{
    // Each column accepts its English name or the Chinese header of the national system's exports.
    private static readonly Dictionary<string, string> Headers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["external_id"] = "external_id", ["外部编号"] = "external_id", ["信访件编号"] = "external_id",
        ["name"] = "name", ["信访人"] = "name", ["信访人姓名"] = "name", ["姓名"] = "name",
        ["id_number"] = "id_number", ["证件号码"] = "id_number", ["身份证号码"] = "id_number",
        ["phone"] = "phone", ["手机号码"] = "phone", ["联系电话"] = "phone",
        ["address"] = "address", ["住址"] = "address", ["地址"] = "address",
        ["head_count"] = "head_count", ["信访人数"] = "head_count",
        ["issue_locality"] = "issue_locality", ["问题属地"] = "issue_locality",
        ["purpose"] = "purpose", ["信访目的"] = "purpose",
        ["category"] = "category", ["内容分类"] = "category",
        ["summary"] = "summary", ["概况"] = "summary", ["标题"] = "summary",
        ["content"] = "content", ["信访内容"] = "content", ["内容"] = "content",
        ["received_on"] = "received_on", ["信访日期"] = "received_on", ["来信日期"] = "received_on",
    };

    internal static readonly Dictionary<string, Purpose> Purposes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["求决"] = Purpose.Request, ["意见建议"] = Purpose.Suggestion, ["建议"] = Purpose.Suggestion, ["申诉"] = Purpose.Appeal,
        ["揭发控告"] = Purpose.Accusation, ["咨询"] = Purpose.Inquiry, ["其他"] = Purpose.Other,
    };

    public static async Task<ImportReport> ImportAsync(string path, Channel channel, int registeringOrganisationId, IServiceProvider services, CancellationToken ct)
    {
        var categories = await CategoryLookupAsync(services, ct);
        return await RunAsync(path, services, (values, sp, _) =>
        {
            var L = sp.GetRequiredService<IStringLocalizer<SharedResource>>();
            if (!TryMap(values, channel, categories, out var request, out var mappingError))
                return Task.FromResult(ImportRow.Bad(mappingError));
            if (string.IsNullOrWhiteSpace(request.ExternalId))
                return Task.FromResult(ImportRow.Bad(L["ErrorRequired", L["Field.externalId"].Value]));
            return Task.FromResult(new ImportRow(request, registeringOrganisationId, null, null, false));
        }, ct);
    }

    /// <summary>One row made ready by a format's mapper: registered through the API's path, known already, or bad.</summary>
    internal sealed record ImportRow(RegisterPetitionRequest? Request, int RegisteringOrganisationId, RegisterPetition.ImportedRegistration? Imported,
        string? Error, bool AlreadyThere)
    {
        public static ImportRow Bad(string reason) => new(null, 0, null, reason, false);

        public static ImportRow Known() => new(null, 0, null, null, true);
    }

    /// <summary>Rows registered per transaction: large enough that a commit and the batch's lookups are paid rarely,
    /// small enough that a failed batch is quickly registered again row by row.</summary>
    public const int BatchSize = 2_000;

    /// <summary>
    /// The loop every import format shares: rows in batches of <see cref="BatchSize"/>, each batch in one DI scope and one
    /// transaction through <see cref="PetitionBatch.RegisterAsync"/> — every rule of a one-by-one registration applied
    /// per row, the calendar read once. A row that fails validation is reported with its line and left out; if the
    /// database refuses the batch, nothing of it stays and its rows are registered one by one, so the bad row is
    /// reported with the database's reason and the others are kept.
    /// </summary>
    internal static async Task<ImportReport> RunAsync(string path, IServiceProvider services,
        Func<Dictionary<string, string?>, IServiceProvider, CancellationToken, Task<ImportRow>> map, CancellationToken ct)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var rows = Read(path).ToList();
        PetitionBatch.Lap(watch, "read-file");
        var errors = new List<ImportRowError>();
        int created = 0, existing = 0;
        HolidayCalendar? calendar = null;
        foreach (var batch in rows.Chunk(BatchSize))
        {
            ct.ThrowIfCancellationRequested();
            watch.Restart();
            await using var scope = services.CreateAsyncScope();
            var sp = scope.ServiceProvider;
            var db = sp.GetRequiredService<SunshineDbContext>();
            var personalData = sp.GetRequiredService<PersonalData>();
            var time = sp.GetRequiredService<TimeProvider>();
            var L = sp.GetRequiredService<IStringLocalizer<SharedResource>>();
            calendar ??= await CalendarEndpoints.LoadAsync(db, ct);
            var pending = new List<PendingRegistration>();
            var lines = new List<int>();
            foreach (var (line, values) in batch)
            {
                var row = await map(values, sp, ct);
                if (row.Error is { } mappingError) errors.Add(new ImportRowError(line, mappingError));
                else if (row.AlreadyThere) existing++;
                else
                {
                    pending.Add(new PendingRegistration(row.Request!, row.RegisteringOrganisationId, null, row.Imported));
                    lines.Add(line);
                }
            }
            PetitionBatch.Lap(watch, "map-rows");
            if (pending.Count == 0) continue;
            RegisterPetition.Outcome?[] outcomes;
            try
            {
                outcomes = await PetitionBatch.RegisterAsync(pending, db, personalData, time, L, calendar, ct);
            }
            catch (Exception ex) when (ex is DbException or DbUpdateException)
            {
                db.ChangeTracker.Clear();
                outcomes = await PetitionBatch.RegisterEachAsync(pending, db, personalData, sp.GetRequiredService<Audit>(), time, L,
                    (i, failure) => errors.Add(new ImportRowError(lines[i], (failure.InnerException ?? failure).Message)), ct);
            }
            for (var i = 0; i < outcomes.Length; i++)
            {
                if (outcomes[i] is not { } outcome) continue;
                if (outcome.Problems is { } problems)
                    errors.Add(new ImportRowError(lines[i], string.Join(" ", Problems.Messages(problems.ToResult()))));
                else if (outcome.Registered!.AlreadyRegistered) existing++;
                else created++;
            }
        }
        errors.Sort((a, b) => a.Line.CompareTo(b.Line));
        return new ImportReport(rows.Count, created, existing, errors);
    }

    /// <summary>Rows with their line numbers in the file (the header is line 1 in CSV and XLSX).</summary>
    internal static IEnumerable<(int Line, Dictionary<string, string?> Values)> Read(string path)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is ".jsonl" or ".ndjson")
        {
            var line = 0;
            foreach (var text in File.ReadLines(path))
            {
                line++;
                if (string.IsNullOrWhiteSpace(text)) continue;
                Dictionary<string, string?> values;
                try
                {
                    using var json = JsonDocument.Parse(text);
                    values = json.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText(), StringComparer.OrdinalIgnoreCase);
                }
                catch (JsonException ex)
                {
                    values = new(StringComparer.OrdinalIgnoreCase) { ["__error"] = ex.Message };
                }
                yield return (line, values);
            }
            yield break;
        }
        var type = extension switch
        {
            ".csv" => ExcelType.CSV,
            ".xlsx" => ExcelType.XLSX,
            _ => throw new ArgumentException($"{extension} files are not supported; use .csv, .xlsx or .jsonl."),
        };
        var number = 1;
        foreach (IDictionary<string, object?> row in MiniExcel.Query(path, useHeaderRow: true, excelType: type))
        {
            number++;
            yield return (number, row.ToDictionary(kv => kv.Key, kv => kv.Value switch
            {
                null => null,
                DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                // Line breaks as LF, whatever wrote the file (MiniExcel's CSV reader joins a quoted value's lines with CR LF).
                string s => s.Replace("\r\n", "\n", StringComparison.Ordinal),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                var v => v.ToString(),
            }, StringComparer.OrdinalIgnoreCase));
        }
    }

    private static bool TryMap(Dictionary<string, string?> raw, Channel channel, IReadOnlyDictionary<string, int> categories, out RegisterPetitionRequest request, out string error)
    {
        request = default!;
        if (raw.TryGetValue("__error", out var parseError))
        {
            error = "JSON: " + parseError;
            return false;
        }
        var v = new Dictionary<string, string?>();
        foreach (var (key, value) in raw)
        {
            if (Headers.TryGetValue(key.Trim(), out var column)) v[column] = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        }
        string? Get(string column) => v.GetValueOrDefault(column);

        var purposeText = Get("purpose") ?? "其他";
        if (!Purposes.TryGetValue(purposeText, out var purpose) && !Enum.TryParse(purposeText, true, out purpose))
        {
            error = $"purpose '{purposeText}' is not one of 求决, 意见建议, 申诉, 揭发控告, 咨询, 其他";
            return false;
        }
        int? categoryId = null;
        if (Get("category") is { } category)
        {
            if (!categories.TryGetValue(category, out var id))
            {
                error = $"category '{category}' is not in the 2018 scheme";
                return false;
            }
            categoryId = id;
        }
        DateOnly? receivedOn = null;
        if (Get("received_on") is { } date)
        {
            if (!DateOnly.TryParse(date[..Math.Min(10, date.Length)], CultureInfo.InvariantCulture, out var d))
            {
                error = $"received_on '{date}' is not a date (yyyy-MM-dd)";
                return false;
            }
            receivedOn = d;
        }
        var headCount = 1;
        if (Get("head_count") is { } heads && !int.TryParse(heads, NumberStyles.Integer, CultureInfo.InvariantCulture, out headCount))
        {
            error = $"head_count '{heads}' is not a whole number";
            return false;
        }
        request = new RegisterPetitionRequest(channel, purpose, categoryId, Get("issue_locality"), Get("summary"), Get("content"), receivedOn,
            new PetitionerInput(Get("name"), Get("id_number"), Get("phone"), Get("address")), headCount, ExternalId: Get("external_id"));
        error = "";
        return true;
    }

    /// <summary>Categories by their second-level name, and by "一级/二级" where a name recurs (其他).</summary>
    internal static async Task<IReadOnlyDictionary<string, int>> CategoryLookupAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SunshineDbContext>();
        var all = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.Categories.Where(c => c.Scheme == "2018"), ct);
        var names = all.ToDictionary(c => c.Id, c => c.Name);
        var lookup = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var c in all)
        {
            var path = c.ParentId is { } p ? names[p] + "/" + c.Name : c.Name;
            lookup[path] = c.Id;
            if (all.Count(x => x.Name == c.Name) == 1) lookup[c.Name] = c.Id;
        }
        return lookup;
    }
}
