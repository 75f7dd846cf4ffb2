using System.Security.Claims;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using MiniExcelLibs.Csv;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Domain.Calendar;
using Sunshine.Domain.Directory;
using Sunshine.Domain.Petitions;
using Sunshine.Domain.Petitions.Workflow;
using Sunshine.Web.Features.Calendar;
using Sunshine.Web.Features.Petitions.Search;
using Sunshine.Web.Features.Petitions.Workflow;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Petitions.National;

/// <summary>
/// The case list (same filters, same scope, newest first) in the national petition information system's column set
/// (DOMAIN.md §1.2), each case reported in the national system's 15 states as of today (§1.3,
/// <see cref="NationalStatus"/>). XLSX, or CSV (UTF-8 with a byte-order mark, so Excel opens it as UTF-8).
/// <para>Personal data (PIPL Art. 28, 51; DOMAIN.md §3): names, ID numbers, phones and addresses go out in clear only
/// to a registrar or bureau leader of a Letters and Calls Bureau — the staff who exchange cases with the national
/// system — unless they ask for a masked copy; everyone else gets them masked. Every export is audited with its row
/// count, its filters and whether it was in clear.</para>
/// </summary>
public static class NationalExport
{
    public static void MapNationalExchangeEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/petitions").WithTags("Petitions").RequireAuthorization(Policies.Staff);
        group.MapGet("/national.xlsx", Xlsx);
        group.MapGet("/national.csv", Csv);
    }

    public static Task<IResult> Xlsx(ClaimsPrincipal user, SunshineDbContext db, PersonalData personalData, Audit audit, TimeProvider time,
        string? q, Channel? channel, PetitionStatus? status, Purpose? purpose, int? categoryId, string? locality, int? unit, DateOnly? from, DateOnly? to,
        bool? masked, CancellationToken ct) =>
        ExportAsync(ExcelType.XLSX, user, db, personalData, audit, time, new Filters(q, channel, status, purpose, categoryId, locality, unit, from, to), masked == true, ct);

    public static Task<IResult> Csv(ClaimsPrincipal user, SunshineDbContext db, PersonalData personalData, Audit audit, TimeProvider time,
        string? q, Channel? channel, PetitionStatus? status, Purpose? purpose, int? categoryId, string? locality, int? unit, DateOnly? from, DateOnly? to,
        bool? masked, CancellationToken ct) =>
        ExportAsync(ExcelType.CSV, user, db, personalData, audit, time, new Filters(q, channel, status, purpose, categoryId, locality, unit, from, to), masked == true, ct);

    private sealed record Filters(string? Q, Channel? Channel, PetitionStatus? Status, Purpose? Purpose, int? CategoryId, string? Locality, int? Unit, DateOnly? From, DateOnly? To);

    /// <summary>The roles at a Letters and Calls Bureau that may take personal data out in clear for the exchange.</summary>
    public static async Task<bool> MayUnmaskAsync(SunshineDbContext db, UserScope scope, CancellationToken ct) =>
        (scope.IsInRole(StaffRoles.Registrar) || scope.IsInRole(StaffRoles.BureauLeader))
        && await db.Organisations.AnyAsync(o => o.Id == scope.OrganisationId && o.Kind == OrganisationKind.PetitionBureau, ct);

    private static async Task<IResult> ExportAsync(ExcelType type, ClaimsPrincipal user, SunshineDbContext db, PersonalData personalData, Audit audit,
        TimeProvider time, Filters f, bool maskedAsked, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        var clear = !maskedAsked && await MayUnmaskAsync(db, scope, ct);
        var today = ChinaTime.Today(time);
        var context = new RowContext(personalData, clear, today, await CalendarEndpoints.LoadAsync(db, ct), await CategoryPathsAsync(db, ct));
        var locality = DivisionCode.TryParse(f.Locality?.Trim(), out var code) ? code.Prefix : null;

        var rows = new List<NationalRow>();
        long? before = null;
        while (rows.Count < PetitionEndpoints.ExportLimit)
        {
            var query = new PetitionQuery(f.Q, f.Channel, f.CategoryId, locality, f.Purpose, f.Status, f.Unit, f.From, f.To, before, PetitionSearch.MaxTake);
            var (ids, _, _) = await PetitionSearch.SearchAsync(db, scope, query, ct);
            if (ids.Count == 0) break;
            rows.AddRange(await RowsAsync(db, ids, context, ct));
            before = ids[^1];
            if (ids.Count < PetitionSearch.MaxTake) break;
        }
        if (rows.Count > PetitionEndpoints.ExportLimit) rows.RemoveRange(PetitionEndpoints.ExportLimit, rows.Count - PetitionEndpoints.ExportLimit);

        var extension = type == ExcelType.XLSX ? "xlsx" : "csv";
        audit.Record(scope, "petition.export-national", nameof(Petition), "national." + extension,
            after: new { Rows = rows.Count, PersonalDataInClear = clear, Filters = f });
        await db.SaveChangesAsync(ct);

        var stream = new MemoryStream();
        if (type == ExcelType.XLSX)
            await MiniExcel.SaveAsAsync(stream, rows, excelType: ExcelType.XLSX, cancellationToken: ct);
        else
            await MiniExcel.SaveAsAsync(stream, rows, excelType: ExcelType.CSV,
                configuration: new CsvConfiguration { StreamWriterFunc = s => new StreamWriter(s, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)) },
                cancellationToken: ct);
        stream.Position = 0;
        var name = $"petitions-national-{NationalFormat.Date(today)}.{extension}";
        return type == ExcelType.XLSX
            ? TypedResults.File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name)
            : TypedResults.File(stream, "text/csv; charset=utf-8", name);
    }

    private sealed record RowContext(PersonalData PersonalData, bool Clear, DateOnly Today, HolidayCalendar Calendar, IReadOnlyDictionary<int, string> Categories);

    /// <summary>One page of cases (newest first), read in a fixed number of queries whatever the page size.</summary>
    private static async Task<List<NationalRow>> RowsAsync(SunshineDbContext db, IReadOnlyList<long> ids, RowContext c, CancellationToken ct)
    {
        var petitions = await db.Petitions.AsNoTracking().Where(p => ids.Contains(p.Id))
            .Include(p => p.RegisteringOrganisation).Include(p => p.ResponsibleOrganisation)
            .ToDictionaryAsync(p => p.Id, ct);
        var events = (await db.PetitionEvents.AsNoTracking().Where(e => ids.Contains(e.PetitionId)).OrderBy(e => e.Id)
                .Select(e => new { e.PetitionId, e.Action, e.On, Detail = e.Action == NationalImport.EventAction ? e.Detail : null })
                .ToListAsync(ct))
            .ToLookup(e => e.PetitionId);
        var originals = petitions.Values.Select(p => p.OriginalPetitionId).OfType<long>().Distinct().ToList();
        var reexamined = originals.Count == 0 ? [] : (await db.PetitionEvents.AsNoTracking()
            .Where(e => originals.Contains(e.PetitionId) && e.Action == PetitionActions.Code(PetitionAction.IssueReexaminationOpinion))
            .Select(e => e.PetitionId).Distinct().ToListAsync(ct)).ToHashSet();
        var userIds = petitions.Values.Select(p => p.RegisteredByUserId).OfType<string>().Distinct().ToList();
        var officers = userIds.Count == 0 ? new Dictionary<string, string>()
            : await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var attachments = (await db.PetitionAttachments.AsNoTracking().Where(a => ids.Contains(a.PetitionId)).OrderBy(a => a.Id)
            .Select(a => new { a.PetitionId, a.FileName }).ToListAsync(ct)).ToLookup(a => a.PetitionId, a => a.FileName);

        var rows = new List<NationalRow>(ids.Count);
        foreach (var id in ids)
        {
            if (!petitions.TryGetValue(id, out var p)) continue;
            var history = events[id].ToList();
            var state = PetitionActions.CaseOf(p, history.Select(e => (e.Action, e.On)).ToList(),
                p.OriginalPetitionId is { } original && reexamined.Contains(original));
            var imported = NationalRecord.FromJson(history.LastOrDefault(e => e.Action == NationalImport.EventAction)?.Detail);
            var standing = NationalImport.Untouched(imported, history.LastOrDefault()?.Action)
                ?? (NationalStatus.NameOf(state, c.Today, RuleBook.Default, c.Calendar),
                    PetitionClock.Current(state, c.Today, RuleBook.Default, c.Calendar)?.DueOn,
                    NationalFormat.IsClosed(p.Status),
                    p.ResponsibleOrganisation?.Name);

            var name = p.PetitionerName;
            var idNumber = c.PersonalData.Unprotect(p.IdNumberProtected);
            var phone = c.PersonalData.Unprotect(p.PhoneProtected);
            var address = c.PersonalData.Unprotect(p.AddressProtected);
            rows.Add(new NationalRow
            {
                // A case that came from the national system goes back under the national number and registration it came with.
                CaseNumber = imported is not null ? p.ExternalId ?? p.CaseNumber : p.CaseNumber,
                PetitionerName = c.Clear ? name : PersonalData.MaskName(name),
                HeadCount = p.HeadCount,
                Address = c.Clear ? address : NullIfEmpty(PersonalData.MaskAddress(address)),
                Phone = c.Clear ? phone : NullIfEmpty(PersonalData.MaskPhone(phone)),
                IdNumber = c.Clear ? idNumber : NullIfEmpty(PersonalData.MaskIdNumber(idNumber)),
                IdType = idNumber is null ? null : NationalFormat.ResidentId,
                IssueLocality = p.IssueLocalityCode,
                Purpose = NationalFormat.PurposeName(p.Purpose),
                Category = p.CategoryId is { } category ? c.Categories.GetValueOrDefault(category) : null,
                ReceivedOn = NationalFormat.Date(p.ReceivedOn),
                RegisteredOn = NationalFormat.Date(p.RegisteredOn),
                DueOn = standing.DueOn is { } due ? NationalFormat.Date(due) : null,
                Channel = NationalFormat.ChannelName(p.Channel),
                Summary = p.Summary,
                Content = p.Content,
                Attachments = attachments[id].Any() ? string.Join("；", attachments[id]) : null,
                Closed = NationalFormat.Flag(standing.Closed),
                FirstNationally = NationalFormat.Flag(p.IsFirstNationally),
                JointOrCollective = NationalFormat.Flag(p.IsJointLetter || p.IsCollective),
                State = standing.State,
                RegisteringUnit = imported?.RegisteringUnit ?? p.RegisteringOrganisation!.Name,
                RegisteringOfficer = imported is not null ? imported.RegisteringOfficer
                    : p.RegisteredByUserId is { } user ? officers.GetValueOrDefault(user) : null,
                ResponsibleUnit = standing.ResponsibleUnit,
            });
        }
        return rows;
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    /// <summary>内容分类 as "一级/二级" (the form the imports accept), by category id.</summary>
    private static async Task<IReadOnlyDictionary<int, string>> CategoryPathsAsync(SunshineDbContext db, CancellationToken ct)
    {
        var all = await db.Categories.AsNoTracking().Select(c => new { c.Id, c.Name, c.ParentId }).ToListAsync(ct);
        var byId = all.ToDictionary(c => c.Id);
        string PathOf(int id) => byId[id].ParentId is { } parent && byId.ContainsKey(parent) ? PathOf(parent) + "/" + byId[id].Name : byId[id].Name;
        return all.ToDictionary(c => c.Id, c => PathOf(c.Id));
    }
}
