using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Domain.Petitions;
using Sunshine.Domain.Petitions.Workflow;
using Sunshine.Web.Features.Petitions.Intake;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Petitions.National;

/// <summary>
/// What the national file said about a case beyond what the registration record holds, kept as the detail of the
/// case's <see cref="NationalImport.EventAction"/> event. No personal data: that is encrypted in the case itself.
/// </summary>
/// <param name="CaseNumber">信访件编号 in the national system (also the case's <c>ExternalId</c>).</param>
/// <param name="State">信访事项状态, one of the 15 (DOMAIN.md §1.3), on the day of the file.</param>
/// <param name="TakenOverAs">The status the case was given here: Registered, Declined or Concluded.</param>
public sealed record NationalRecord(
    string CaseNumber,
    string State,
    bool Closed,
    DateOnly? DueOn,
    string? RegisteringUnit,
    string? RegisteringOfficer,
    string? ResponsibleUnit,
    string? Category,
    string? Attachments,
    PetitionStatus TakenOverAs)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static NationalRecord? FromJson(string? json) => json is null ? null : JsonSerializer.Deserialize<NationalRecord>(json, Json);
}

/// <summary>
/// <c>sunshine import petitions FILE --format national</c>: a national petition information system file (XLSX or CSV,
/// the headers of <see cref="NationalFormat.Headers"/>) registered row by row through the same path as every other
/// import (<see cref="PetitionImport.RunAsync"/> → <see cref="RegisterPetition"/>): bad rows reported with their line,
/// good rows kept, each row whole or not at all. See docs/national-exchange.md.
/// <list type="bullet">
/// <item>Channel and key: each row's 信访形式 gives its channel; its 信访件编号 becomes the case's external id, so a file
/// sent twice creates nothing twice (channel + external id, as for every import). A 信访件编号 that is one of this
/// system's own case numbers, with that case's summary, issue locality and registration date, is its own case coming
/// back from the national system: already there.</item>
/// <item>登记日期 becomes the case's registration date: the 15 日 of Art. 22 run from the first registration for the
/// whole transfer chain (DOMAIN.md §1.3), not from the day of the import.</item>
/// <item>The state is taken over only where no date is needed to hold it truthfully: 受理申请审查中 stays registered;
/// 不予受理 and 不再受理 become declined; 审核认定办结, or 是否办结 = 是, concluded. The other states run a statutory
/// clock from dates the national columns do not carry (acceptance, opinion, review …): the case stays registered here,
/// and the national state is kept in its history and reported back until someone acts on the case here.</item>
/// </list>
/// </summary>
public static class NationalImport
{
    /// <summary>The history event of a case that came in from the national system.</summary>
    public const string EventAction = "national-import";

    public static async Task<ImportReport> ImportAsync(string path, int defaultRegisteringOrganisationId, IServiceProvider services, CancellationToken ct)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is not (".xlsx" or ".csv"))
            throw new ArgumentException($"{extension} files are not national files; use the .xlsx or .csv the national system exports.");
        if (PetitionImport.Read(path).FirstOrDefault() is { Values: var first })
        {
            var missing = NationalFormat.RequiredHeaders.Where(h => !first.Keys.Any(k => k.Trim() == h)).ToList();
            if (missing.Count > 0)
                throw new ArgumentException($"the file lacks the national column(s) {string.Join(", ", missing)}; see docs/national-exchange.md.");
        }
        var categories = await PetitionImport.CategoryLookupAsync(services, ct);
        var organisations = await OrganisationLookupAsync(services, ct);
        return await PetitionImport.RunAsync(path, services,
            (values, sp, token) => MapAsync(values, sp, categories, organisations, defaultRegisteringOrganisationId, token), ct);
    }

    private static async Task<PetitionImport.ImportRow> MapAsync(Dictionary<string, string?> raw, IServiceProvider sp, IReadOnlyDictionary<string, int> categories,
        IReadOnlyDictionary<string, int> organisations, int defaultOrganisationId, CancellationToken ct)
    {
        var v = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in raw)
        {
            if (!string.IsNullOrWhiteSpace(value)) v[key.Trim()] = value.Trim();
        }
        string? Get(string header) => v.GetValueOrDefault(header);
        static PetitionImport.ImportRow Bad(string reason) => PetitionImport.ImportRow.Bad(reason);

        if (Get("信访件编号") is not { } number) return Bad("信访件编号 is empty: it is the key that makes sending a file again harmless");
        if (number.Length > 64) return Bad("信访件编号 is longer than 64 characters");
        // A masked export (张**, 1401**********1234) must not become cases with made-up people.
        foreach (var personal in new[] { "信访人姓名", "证件号码", "手机号码", "住址" })
        {
            if (Get(personal)?.Contains('*', StringComparison.Ordinal) == true)
                return Bad($"{personal} is masked (*): import a file exported with personal data in clear");
        }

        var channelName = Get("信访形式") ?? "";
        if (!NationalFormat.TryChannel(channelName, out var channel))
            return Bad($"信访形式 '{channelName}' is not one of 来信, 来访, 网上信访, 手机信访, 微信信访, 网上建议, 电话信访, 传真, 领导信箱, 省长信箱, 地方领导留言板, 总理信箱");
        var purposeName = Get("信访目的") ?? "其他";
        if (!PetitionImport.Purposes.TryGetValue(purposeName, out var purpose) && !(Enum.TryParse(purposeName, true, out purpose) && Enum.IsDefined(purpose)))
            return Bad($"信访目的 '{purposeName}' is not one of 求决, 意见建议, 申诉, 揭发控告, 咨询, 其他");

        int? categoryId = null;
        if (Get("内容分类") is { } category)
        {
            // The 2018 scheme's first two levels are held (DOMAIN.md §1.2); a third level falls back to its second, and the
            // full name stays in the history.
            var levels = category.Split('/', StringSplitOptions.TrimEntries);
            if (categories.TryGetValue(category, out var id) || (levels.Length == 3 && categories.TryGetValue(levels[0] + "/" + levels[1], out id)))
                categoryId = id;
            else
                return Bad($"内容分类 '{category}' is not in the 2018 scheme (一级/二级)");
        }

        if (!TryDate(Get("信访日期"), out var receivedOn)) return Bad($"信访日期 '{Get("信访日期")}' is not a date (yyyy-MM-dd)");
        if (!TryDate(Get("登记日期"), out var registeredOn)) return Bad($"登记日期 '{Get("登记日期")}' is not a date (yyyy-MM-dd)");
        if (!TryDate(Get("办理期限"), out var dueOn)) return Bad($"办理期限 '{Get("办理期限")}' is not a date (yyyy-MM-dd)");
        var headCount = 1;
        if (Get("信访人数") is { } heads && !int.TryParse(heads, NumberStyles.Integer, CultureInfo.InvariantCulture, out headCount))
            return Bad($"信访人数 '{heads}' is not a whole number");

        if (Get("证件类型") is { } idType && idType is not (NationalFormat.ResidentId or "身份证") && Get("证件号码") is not null)
            return Bad($"证件类型 '{idType}': only 居民身份证 numbers can be validated and held; leave the number out or register the case by hand");

        bool? closed = null, firstNationally = null, jointOrCollective = null;
        foreach (var (header, set) in new (string, Action<bool?>)[]
                 { ("是否办结", x => closed = x), ("是否全国初次信访", x => firstNationally = x), ("是否联名信或集体访", x => jointOrCollective = x) })
        {
            if (!NationalFormat.TryFlag(Get(header), out var flag)) return Bad($"{header} '{Get(header)}' is neither 是 nor 否");
            set(flag);
        }

        var stateName = Get("信访事项状态") ?? NationalStatus.Name(NationalState.UnderAcceptanceExamination);
        if (!NationalFormat.TryState(stateName, out var state))
            return Bad($"信访事项状态 '{stateName}' is not one of the national system's 15 states");
        if (TakeOver(state, closed) is not { } takenOver)
            return Bad($"是否办结 '否' contradicts 信访事项状态 '{stateName}'");

        // Our own case coming back: its number, and the facts that number stands for. Another system may number its cases
        // the same way (XF + date + sequence), so a number alone could name someone else's case.
        var db = sp.GetRequiredService<SunshineDbContext>();
        var summary = Get("概况");
        var locality = Get("问题属地");
        if (await db.Petitions.AnyAsync(p => p.CaseNumber == number && p.Summary == summary && p.IssueLocalityCode == locality
                                             && (registeredOn == null || p.RegisteredOn == registeredOn), ct))
            return PetitionImport.ImportRow.Known();

        var registeringUnit = Get("登记单位");
        var organisationId = registeringUnit is not null && organisations.TryGetValue(registeringUnit, out var known) ? known : defaultOrganisationId;
        var record = new NationalRecord(number, stateName, closed ?? NationalFormat.IsClosed(takenOver), dueOn, registeringUnit, Get("登记人"),
            Get("责任单位"), Get("内容分类"), Get("附件"), takenOver);
        var request = new RegisterPetitionRequest(channel, purpose, categoryId, locality, summary, Get("信访内容"), receivedOn ?? registeredOn,
            new PetitionerInput(Get("信访人姓名"), Get("证件号码"), Get("手机号码"), Get("住址")), headCount,
            IsJointLetter: jointOrCollective == true && channel != Channel.Visit, ExternalId: number);

        var audit = sp.GetRequiredService<Audit>();
        var time = sp.GetRequiredService<TimeProvider>();
        void Complete(Petition petition)
        {
            petition.IsFirstNationally = firstNationally ?? true;
            if (channel == Channel.Visit && jointOrCollective is { } collective) petition.IsCollective = collective;
            var from = petition.Status;
            petition.Status = takenOver;
            if (takenOver != from) petition.DueOn = null; // a closed case runs no clock
            db.PetitionEvents.Add(new PetitionEvent
            {
                PetitionId = petition.Id,
                At = time.GetUtcNow().UtcDateTime,
                On = ChinaTime.Today(time),
                Action = EventAction,
                FromStatus = from,
                ToStatus = takenOver,
                OrganisationId = petition.RegisteringOrganisationId,
                Detail = record.ToJson(),
                IsPublic = takenOver != from,
            });
            audit.Record(null, "petition." + EventAction, nameof(Petition), petition.Id, after: new { NationalCaseNumber = number, State = stateName, petition.Status });
        }
        return new PetitionImport.ImportRow(request, organisationId, new RegisterPetition.ImportedRegistration(registeredOn, Complete), null, false);
    }

    /// <summary>
    /// The status a case in national <paramref name="state"/> can be given here without inventing a date; null when the
    /// closed flag contradicts the state. Closing needs no date to be true; acceptance, an opinion or a review do (their
    /// 60 / 30 日 run from them), so those cases stay registered and keep their national state in the history.
    /// </summary>
    public static PetitionStatus? TakeOver(NationalState state, bool? closed) => state switch
    {
        NationalState.NotAccepted or NationalState.NoLongerAccepted => closed == false ? null : PetitionStatus.Declined,
        NationalState.ConfirmedConcluded => closed == false ? null : PetitionStatus.Concluded,
        _ => closed == true ? PetitionStatus.Concluded : PetitionStatus.Registered,
    };

    /// <summary>
    /// The national state, due date, closed flag and responsible unit reported for a case. While nothing has happened to an
    /// imported case here since its import, this system knows nothing newer than the national system: report what it said.
    /// After the first step here, the case's own state as of <paramref name="today"/>.
    /// </summary>
    public static (string State, DateOnly? DueOn, bool Closed, string? ResponsibleUnit)? Untouched(NationalRecord? record, string? lastAction) =>
        record is not null && lastAction == EventAction ? (record.State, record.DueOn, record.Closed, record.ResponsibleUnit) : null;

    /// <summary>The import record of one case, when its last event is its import (for the case page).</summary>
    public static async Task<NationalRecord?> UntouchedRecordAsync(SunshineDbContext db, long petitionId, CancellationToken ct)
    {
        var last = await db.PetitionEvents.AsNoTracking().Where(e => e.PetitionId == petitionId).OrderByDescending(e => e.Id)
            .Select(e => new { e.Action, e.Detail }).FirstOrDefaultAsync(ct);
        return last?.Action == EventAction ? NationalRecord.FromJson(last.Detail) : null;
    }

    // yyyy-MM-dd, also yyyy/M/d and with a time of day after it (spreadsheets edited by hand).
    private static bool TryDate(string? text, out DateOnly? date)
    {
        date = null;
        if (text is null) return true;
        var day = text.Split(' ', 'T')[0].Replace('/', '-');
        if (!DateOnly.TryParseExact(day, ["yyyy-MM-dd", "yyyy-M-d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)) return false;
        date = parsed;
        return true;
    }

    /// <summary>Organisations by name, where the name is unique: 登记单位 names the unit that registered the case.</summary>
    private static async Task<IReadOnlyDictionary<string, int>> OrganisationLookupAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SunshineDbContext>();
        var all = await db.Organisations.AsNoTracking().Where(o => o.IsActive).Select(o => new { o.Id, o.Name }).ToListAsync(ct);
        return all.GroupBy(o => o.Name, StringComparer.Ordinal).Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single().Id, StringComparer.Ordinal);
    }
}
