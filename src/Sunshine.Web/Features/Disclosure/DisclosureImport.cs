using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Domain.Calendar;
using Sunshine.Domain.Disclosure;
using Sunshine.Web.Features.Calendar;
using Sunshine.Web.Features.Disclosure.AnnualReports;
using Sunshine.Web.Features.Disclosure.Catalogue;
using Sunshine.Web.Features.Petitions.Intake;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Disclosure;

public sealed record DisclosureImportReport(int Rows, int Created, int Updated, int AlreadyThere, IReadOnlyList<ImportRowError> Errors);

/// <summary>
/// <c>sunshine import disclosure FILE</c>: catalogue items, Article 20 register figures, requests (依申请公开) and
/// reconsideration/litigation cases from CSV, XLSX or JSON Lines (docs/annual-report.md, "Import"), so a bureau can
/// start mid-year or rebuild past reports. Each row says what it is in column <c>record</c> (or it is guessed from the
/// columns it fills). The whole file is one transaction: if any row is bad, each bad row is reported with its line and
/// field and nothing is written. Importing the same file again changes nothing: an item is known by its organ and
/// index number (or, without one, its title and date formed), a register figure by organ, year, kind, title and 文号,
/// a request by its source id (kept as its request number), a case by organ and 案号 — a record whose values changed
/// is updated in place.
/// </summary>
public static class DisclosureImport
{
    private static readonly Dictionary<string, string> Headers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["record"] = "record", ["记录类型"] = "record",
        ["organisation"] = "organisation", ["机关"] = "organisation", ["单位"] = "organisation",
        ["year"] = "year", ["年度"] = "year",
        ["kind"] = "kind", ["类别"] = "kind", ["案件类型"] = "kind",
        ["value"] = "value", ["数量或金额"] = "value", ["数值"] = "value",
        ["title"] = "title", ["标题"] = "title", ["文件名称"] = "title",
        ["document_number"] = "document_number", ["文号"] = "document_number",
        ["column"] = "column", ["栏目"] = "column",
        ["index_number"] = "index_number", ["索引号"] = "index_number",
        ["subject"] = "subject", ["主题"] = "subject",
        ["formed_on"] = "formed_on", ["成文日期"] = "formed_on",
        ["published_on"] = "published_on", ["发布日期"] = "published_on",
        ["validity"] = "validity", ["有效性"] = "validity",
        ["outlet"] = "outlet", ["发布渠道"] = "outlet",
        ["body"] = "body", ["正文"] = "body",
        ["id"] = "id", ["编号"] = "id", ["申请编号"] = "id", ["案号"] = "id",
        ["received_on"] = "received_on", ["收到日期"] = "received_on",
        ["channel"] = "channel", ["申请方式"] = "channel",
        ["applicant_type"] = "applicant_type", ["申请人类型"] = "applicant_type",
        ["applicant_name"] = "applicant_name", ["申请人"] = "applicant_name",
        ["description"] = "description", ["申请内容"] = "description",
        ["concluded_on"] = "concluded_on", ["办结日期"] = "concluded_on",
        ["outcome"] = "outcome", ["办理结果"] = "outcome",
        ["fee"] = "fee", ["信息处理费"] = "fee",
        ["result"] = "result", ["结果"] = "result",
        ["filed_on"] = "filed_on", ["提起日期"] = "filed_on",
        ["decided_on"] = "decided_on", ["审结日期"] = "decided_on",
    };

    /// <summary>The file column each validated field comes from, so an error names the column the user filled.</summary>
    private static readonly Dictionary<string, string> Columns = new(StringComparer.Ordinal)
    {
        ["organisationId"] = "organisation", ["columnId"] = "column", ["documentNumber"] = "document_number", ["indexNumber"] = "index_number",
        ["formedOn"] = "formed_on", ["publishedOn"] = "published_on", ["caseNumber"] = "id", ["sourceId"] = "id", ["receivedOn"] = "received_on",
        ["applicantType"] = "applicant_type", ["applicantName"] = "applicant_name", ["concludedOn"] = "concluded_on", ["filedOn"] = "filed_on",
        ["decidedOn"] = "decided_on",
    };

    /// <summary>
    /// The outcome codes of the file, one per row of table three (the rows' stable keys in the report's JSON, e.g.
    /// <c>withheld.1</c> = 三（三）1.属于国家秘密), each mapped to the stored outcome. Every row has exactly one code.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> OutcomeCodes =
        RequestOutcomes.All.ToDictionary(o => AnnualReportBuilder.OutcomeRow(o, ReportFormat.Format2021)!, o => o, StringComparer.Ordinal);

    private static readonly Dictionary<string, RequestChannel> Channels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["InPerson"] = RequestChannel.InPerson, ["当面"] = RequestChannel.InPerson, ["当面提交"] = RequestChannel.InPerson,
        ["RegisteredPost"] = RequestChannel.RegisteredPost, ["邮寄"] = RequestChannel.RegisteredPost, ["挂号信"] = RequestChannel.RegisteredPost,
        ["OrdinaryPost"] = RequestChannel.OrdinaryPost, ["平常信函"] = RequestChannel.OrdinaryPost,
        ["Online"] = RequestChannel.Online, ["网络"] = RequestChannel.Online, ["互联网"] = RequestChannel.Online,
        ["Email"] = RequestChannel.Email, ["电子邮件"] = RequestChannel.Email,
        ["Fax"] = RequestChannel.Fax, ["传真"] = RequestChannel.Fax,
    };

    private static readonly Dictionary<string, AppealKind> AppealKinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Reconsideration"] = AppealKind.Reconsideration, ["行政复议"] = AppealKind.Reconsideration,
        ["DirectSuit"] = AppealKind.DirectSuit, ["未经复议直接起诉"] = AppealKind.DirectSuit,
        ["SuitAfterReconsideration"] = AppealKind.SuitAfterReconsideration, ["复议后起诉"] = AppealKind.SuitAfterReconsideration,
    };

    private static readonly Dictionary<string, AppealResult> AppealResults = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Upheld"] = AppealResult.Upheld, ["维持"] = AppealResult.Upheld, ["结果维持"] = AppealResult.Upheld,
        ["Corrected"] = AppealResult.Corrected, ["纠正"] = AppealResult.Corrected, ["结果纠正"] = AppealResult.Corrected,
        ["Other"] = AppealResult.Other, ["其他"] = AppealResult.Other, ["其他结果"] = AppealResult.Other,
        ["Pending"] = AppealResult.Pending, ["尚未审结"] = AppealResult.Pending,
    };

    public static async Task<DisclosureImportReport> ImportAsync(string path, IServiceProvider services, CancellationToken ct)
    {
        var rows = PetitionImport.Read(path).ToList();
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<SunshineDbContext>();
        var L = sp.GetRequiredService<IStringLocalizer<SharedResource>>();
        var time = sp.GetRequiredService<TimeProvider>();
        var configuration = sp.GetRequiredService<IConfiguration>();
        var organisations = await db.Organisations.AsNoTracking().Select(o => new { o.Id, o.Name, o.DivisionCode }).ToListAsync(ct);
        var byName = organisations.GroupBy(o => o.Name).Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single().Id, StringComparer.Ordinal);
        var divisions = organisations.ToDictionary(o => o.Id, o => o.DivisionCode);
        var columns = (await db.CatalogueColumns.AsNoTracking().Where(c => c.IsActive).OrderBy(c => c.Id).ToListAsync(ct))
            .GroupBy(c => c.Name).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var calendar = await CalendarEndpoints.LoadAsync(db, ct);
        var today = ChinaTime.Today(time);
        var errors = new List<ImportRowError>();
        int created = 0, updated = 0, known = 0;

        // One transaction for the whole file: a bad row anywhere leaves nothing behind.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var (line, raw) in rows)
        {
            if (raw.TryGetValue("__error", out var jsonError))
            {
                errors.Add(new(line, "JSON: " + jsonError));
                continue;
            }
            var v = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var (key, value) in raw)
                if (Headers.TryGetValue(key.Trim(), out var name)) v[name] = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
            if (v.Values.All(x => x is null)) continue;
            var organ = v.GetValueOrDefault("organisation") ?? "";
            int? organisationId = int.TryParse(organ, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && divisions.ContainsKey(id) ? id
                : byName.TryGetValue(organ, out var named) ? named : null;
            var record = v.GetValueOrDefault("record")?.ToLowerInvariant() switch
            {
                "item" or "目录" or "目录信息" => "item",
                "register" or "登记" or "登记数据" => "register",
                "request" or "申请" or "依申请公开" => "request",
                "appeal" or "复议诉讼" or "行政复议诉讼" => "appeal",
                null => v.ContainsKey("outcome") || v.ContainsKey("received_on") ? "request"
                    : v.ContainsKey("result") || v.ContainsKey("filed_on") ? "appeal"
                    : v.ContainsKey("kind") ? "register" : v.ContainsKey("column") ? "item" : null,
                _ => null,
            };
            var problems = new Problems(L);
            if (organisationId is null) problems.Add("organisationId", "Report.ErrorOrganisation");
            string outcome;
            if (record == "register")
            {
                var entry = RegisterEndpoints.Validate(new SaveRegisterEntry(organisationId ?? 0,
                    int.TryParse(v.GetValueOrDefault("year"), NumberStyles.None, CultureInfo.InvariantCulture, out var year) ? year : null,
                    v.GetValueOrDefault("kind"), v.GetValueOrDefault("value"), v.GetValueOrDefault("title"), v.GetValueOrDefault("document_number")), problems, L, today);
                if (problems.Any || entry is null)
                {
                    errors.Add(new(line, Describe(problems)));
                    continue;
                }
                outcome = await SaveRegisterAsync(db, entry, time, ct);
            }
            else if (record == "item")
            {
                var item = ValidateItem(v, organisationId, columns, divisions, calendar, problems, today);
                if (problems.Any || item is null)
                {
                    errors.Add(new(line, Describe(problems)));
                    continue;
                }
                outcome = await SaveItemAsync(db, item.Value, DisclosureItems.PatternOf(configuration), divisions[item.Value.Item.OrganisationId], time, ct);
            }
            else if (record == "request")
            {
                var request = ValidateRequest(v, organisationId, divisions, calendar, problems, L, today);
                if (problems.Any || request is null)
                {
                    errors.Add(new(line, Describe(problems)));
                    continue;
                }
                outcome = await SaveRequestAsync(db, request, ct);
                if (outcome == "taken")
                {
                    problems.Add("sourceId", "Disclosure.ImportIdTaken", request.RequestNumber);
                    errors.Add(new(line, Describe(problems)));
                    continue;
                }
            }
            else if (record == "appeal")
            {
                var appeal = ValidateAppeal(v, organisationId, problems, today);
                if (problems.Any || appeal is null)
                {
                    errors.Add(new(line, Describe(problems)));
                    continue;
                }
                appeal.CreatedAt = time.GetUtcNow().UtcDateTime;
                outcome = await SaveAppealAsync(db, appeal, ct);
            }
            else
            {
                errors.Add(new(line, "record: " + L["Disclosure.ImportRecordKind"]));
                continue;
            }
            if (outcome == "created") created++;
            else if (outcome == "updated") updated++;
            else known++;
        }
        if (errors.Count > 0)
        {
            await transaction.RollbackAsync(ct);
            return new DisclosureImportReport(rows.Count, 0, 0, 0, errors);
        }
        if (created + updated > 0)
        {
            sp.GetRequiredService<Audit>().Record(null, "disclosure.import", "DisclosureImport", Path.GetFileName(path), after: new { rows = rows.Count, created, updated, known });
            await db.SaveChangesAsync(ct);
        }
        await transaction.CommitAsync(ct);
        return new DisclosureImportReport(rows.Count, created, updated, known, errors);
    }

    /// <summary>One line per bad row: each field as the file's column name, then what is wrong with it.</summary>
    private static string Describe(Problems problems) =>
        string.Join(" ", problems.ToResult().ProblemDetails.Errors.SelectMany(e => e.Value.Select(m => $"{Columns.GetValueOrDefault(e.Key, e.Key)}: {m}")));

    /// <summary>
    /// A historical request: its source id becomes its request number, its receipt date is taken as given (the Art. 31
    /// rule was applied when it was registered), and its reply due date is 20 工作日 from receipt (Art. 33) on the
    /// holiday calendar. Concluded requests carry exactly one row of table three; open ones none (they are carried over).
    /// </summary>
    private static DisclosureRequest? ValidateRequest(Dictionary<string, string?> v, int? organisationId, Dictionary<int, string> divisions,
        HolidayCalendar calendar, Problems problems, IStringLocalizer<SharedResource> L, DateOnly today)
    {
        var number = v.GetValueOrDefault("id");
        problems.Text(number, "sourceId", 32);
        problems.Date(v.GetValueOrDefault("received_on"), "receivedOn", out var received);
        if (received != default) problems.Require(received <= today && received.Year >= 2008, "receivedOn", "Disclosure.ImportReceivedOn");
        var channelText = v.GetValueOrDefault("channel");
        RequestChannel channel = RequestChannel.InPerson;
        if (channelText is null) problems.Missing("channel");
        else problems.Require(Channels.TryGetValue(channelText, out channel), "channel", "ErrorEnum", L["Field.channel"].Value);
        var applicant = v.GetValueOrDefault("applicant_type");
        if (applicant is null) problems.Missing("applicantType");
        else problems.Require(ApplicantTypes.IsValid(applicant), "applicantType", "ErrorEnum", L["Field.applicantType"].Value);
        DateOnly? concluded = null;
        if (v.GetValueOrDefault("concluded_on") is { } concludedText)
        {
            problems.Date(concludedText, "concludedOn", out var c);
            if (c != default && received != default) problems.Require(c >= received && c <= today, "concludedOn", "Disclosure.ImportConcludedOn");
            concluded = c;
        }
        string? outcome = null;
        if (v.GetValueOrDefault("outcome") is { } code)
        {
            // The code of the row (withheld.1) or the row's own words as stored (不予公开/属于国家秘密).
            outcome = OutcomeCodes.TryGetValue(code, out var stored) ? stored : RequestOutcomes.IsValid(code) ? code : null;
            if (outcome is null) problems.Add("outcome", "Disclosure.ImportOutcome", code);
        }
        problems.Require((concluded is null) == (v.GetValueOrDefault("outcome") is null), "outcome", "Disclosure.ImportOutcomeOpen");
        long fee = 0;
        if (v.GetValueOrDefault("fee") is { } feeText) problems.Require(Money.TryParseYuan(feeText, out fee), "fee", "Disclosure.ImportFee", feeText);
        // Table three's rule 12: a request abandoned for an unpaid fee paid none.
        problems.Require(!(outcome == RequestOutcomes.AbandonedFeeUnpaid && fee > 0), "fee", "Disclosure.ImportFeeUnpaid");
        problems.Text(v.GetValueOrDefault("applicant_name"), "applicantName", 128, required: false).Text(v.GetValueOrDefault("description"), "description", 4000, required: false);
        if (problems.Any || organisationId is not { } organ) return null;
        var due = DisclosureClock.Compute(new DisclosureClockInput(received), concluded ?? today, RuleBook.Default, divisions[organ], calendar).ReplyDueOn ?? received;
        return new DisclosureRequest
        {
            RequestNumber = number!, OrganisationId = organ, ApplicantType = applicant!, Channel = channel,
            // Personal data stays in the source system: an imported record needs only what the annual report counts.
            ApplicantName = v.GetValueOrDefault("applicant_name") ?? "（导入的历史申请）",
            Description = v.GetValueOrDefault("description") ?? "（导入的历史申请）",
            ArrivedOn = received, ConfirmedOn = ReceiptDate.NeedsConfirmation(channel, false) ? received : null, ReceivedOn = received, DueOn = due,
            ConcludedOn = concluded, Outcome = outcome, FeeFen = fee,
            Status = concluded is null ? DisclosureRequestStatus.InProgress : DisclosureRequestStatus.Concluded,
        };
    }

    private static async Task<string> SaveRequestAsync(SunshineDbContext db, DisclosureRequest request, CancellationToken ct)
    {
        var existing = await db.DisclosureRequests.SingleOrDefaultAsync(r => r.RequestNumber == request.RequestNumber, ct);
        if (existing is null)
        {
            db.DisclosureRequests.Add(request);
            await db.SaveChangesAsync(ct);
            return "created";
        }
        if (existing.OrganisationId != request.OrganisationId) return "taken";
        if ((existing.ReceivedOn, existing.Channel, existing.ApplicantType, existing.ConcludedOn, existing.Outcome, existing.FeeFen)
            == (request.ReceivedOn, request.Channel, request.ApplicantType, request.ConcludedOn, request.Outcome, request.FeeFen))
            return "known";
        (existing.ReceivedOn, existing.ArrivedOn, existing.Channel, existing.ApplicantType, existing.ConcludedOn, existing.Outcome, existing.FeeFen, existing.Status, existing.DueOn) =
            (request.ReceivedOn, request.ArrivedOn, request.Channel, request.ApplicantType, request.ConcludedOn, request.Outcome, request.FeeFen, request.Status, request.DueOn);
        existing.Version++;
        await db.SaveChangesAsync(ct);
        return "updated";
    }

    /// <summary>A reconsideration or lawsuit (table four): kind, result, filed and decided dates; a pending case has no decision date.</summary>
    private static DisclosureAppeal? ValidateAppeal(Dictionary<string, string?> v, int? organisationId, Problems problems, DateOnly today)
    {
        var number = v.GetValueOrDefault("id");
        problems.Text(number, "caseNumber", 64);
        var kindText = v.GetValueOrDefault("kind");
        var kind = AppealKind.Reconsideration;
        problems.Require(kindText is not null && AppealKinds.TryGetValue(kindText, out kind), "kind", "Report.ErrorAppealKind");
        var resultText = v.GetValueOrDefault("result");
        var result = AppealResult.Pending;
        problems.Require(resultText is not null && AppealResults.TryGetValue(resultText, out result), "result", "Report.ErrorAppealResult");
        problems.Date(v.GetValueOrDefault("filed_on"), "filedOn", out var filed);
        DateOnly? decided = null;
        if (v.GetValueOrDefault("decided_on") is { } decidedText)
        {
            problems.Date(decidedText, "decidedOn", out var d);
            decided = d;
        }
        if (problems.Any || organisationId is not { } organ) return null;
        problems.Require(filed <= today, "filedOn", "Report.ErrorFuture");
        problems.Require(decided is null || (decided >= filed && decided <= today), "decidedOn", "Report.ErrorDecidedOn");
        problems.Require((result == AppealResult.Pending) == (decided is null), "decidedOn", "Report.ErrorDecidedPending");
        if (problems.Any) return null;
        return new DisclosureAppeal { OrganisationId = organ, Kind = kind.ToString(), Result = result.ToString(), CaseNumber = number!, FiledOn = filed, DecidedOn = decided };
    }

    private static async Task<string> SaveAppealAsync(SunshineDbContext db, DisclosureAppeal appeal, CancellationToken ct)
    {
        var existing = await db.DisclosureAppeals.FirstOrDefaultAsync(a => a.OrganisationId == appeal.OrganisationId && a.CaseNumber == appeal.CaseNumber, ct);
        if (existing is null)
        {
            db.DisclosureAppeals.Add(appeal);
            await db.SaveChangesAsync(ct);
            return "created";
        }
        if ((existing.Kind, existing.Result, existing.FiledOn, existing.DecidedOn) == (appeal.Kind, appeal.Result, appeal.FiledOn, appeal.DecidedOn)) return "known";
        (existing.Kind, existing.Result, existing.FiledOn, existing.DecidedOn) = (appeal.Kind, appeal.Result, appeal.FiledOn, appeal.DecidedOn);
        await db.SaveChangesAsync(ct);
        return "updated";
    }

    private static async Task<string> SaveRegisterAsync(SunshineDbContext db, RegisterEntry entry, TimeProvider time, CancellationToken ct)
    {
        var existing = await db.RegisterEntries.FirstOrDefaultAsync(e => e.OrganisationId == entry.OrganisationId && e.Year == entry.Year && e.Kind == entry.Kind
            && e.Title == entry.Title && e.DocumentNumber == entry.DocumentNumber, ct);
        if (existing is not null)
        {
            if (existing.Value == entry.Value) return "known";
            existing.Value = entry.Value;
            await db.SaveChangesAsync(ct);
            return "updated";
        }
        entry.CreatedAt = time.GetUtcNow().UtcDateTime;
        entry.CreatedBy = "import";
        db.RegisterEntries.Add(entry);
        await db.SaveChangesAsync(ct);
        return "created";
    }

    private readonly record struct ImportedItem(DisclosureItem Item, string ColumnName, string Outlet);

    private static ImportedItem? ValidateItem(Dictionary<string, string?> v, int? organisationId, Dictionary<string, CatalogueColumn> columns,
        Dictionary<int, string> divisions, Sunshine.Domain.Calendar.HolidayCalendar calendar, Problems problems, DateOnly today)
    {
        var title = v.GetValueOrDefault("title");
        problems.Text(title, "title", 256).Text(v.GetValueOrDefault("document_number"), "documentNumber", 64, required: false)
            .Text(v.GetValueOrDefault("subject"), "subject", 64, required: false).Text(v.GetValueOrDefault("index_number"), "indexNumber", 64, required: false);
        var column = v.GetValueOrDefault("column") is { } c && columns.TryGetValue(c, out var found) ? found : null;
        if (column is null) problems.Add("columnId", "Disclosure.ErrorColumn");
        problems.Date(v.GetValueOrDefault("formed_on"), "formedOn", out var formedOn);
        if (formedOn != default && (formedOn > today || formedOn.Year < 2000)) problems.Add("formedOn", "Disclosure.ErrorFormedOn");
        DateOnly? publishedOn = null;
        if (v.GetValueOrDefault("published_on") is { } published)
        {
            problems.Date(published, "publishedOn", out var p);
            if (p != default && (p > today || (formedOn != default && p < formedOn))) problems.Add("publishedOn", "Disclosure.ImportPublishedOn");
            publishedOn = p;
        }
        var validity = v.GetValueOrDefault("validity") switch
        {
            null or "有效" or "valid" or "Valid" => DisclosureValidity.Valid,
            "废止" or "失效" or "repealed" or "Repealed" => DisclosureValidity.Repealed,
            _ => (DisclosureValidity?)null,
        };
        if (validity is null) problems.Add("validity", "ErrorEnum", "validity");
        var outlet = v.GetValueOrDefault("outlet") switch
        {
            null or "网站" or "Website" => Outlets.StoredName(Outlet.Website),
            "微信公众号" or "WeChat" => Outlets.StoredName(Outlet.WeChat),
            "政务头条" or "Toutiao" => Outlets.StoredName(Outlet.Toutiao),
            _ => null,
        };
        if (outlet is null) problems.Add("outlet", "ErrorEnum", "outlet");
        // A body is optional for a historical record: the title stands in for it.
        var body = DisclosureHtml.Clean(v.GetValueOrDefault("body") ?? "<p>" + WebUtility.HtmlEncode(title ?? "") + "</p>");
        if (DisclosureHtml.IsEmpty(body)) problems.Missing("body");
        else problems.Text(body, "body", 200_000);
        if (problems.Any || organisationId is not { } organ) return null;
        var item = new DisclosureItem
        {
            OrganisationId = organ, ColumnId = column!.Id, Title = title!, Body = body, DocumentNumber = v.GetValueOrDefault("document_number"),
            Subject = v.GetValueOrDefault("subject"), IndexNumber = v.GetValueOrDefault("index_number"), FormedOn = formedOn, Validity = validity!.Value,
            // Timeliness as for items entered by hand: 20 工作日 from the day formed (《政府信息公开条例》第二十六条).
            DueOn = ProactiveTimeliness.DueOn(formedOn, divisions[organ], calendar).DueOn,
            PublishedOn = publishedOn, Status = publishedOn is null ? DisclosureItemStatus.Draft : DisclosureItemStatus.Published,
            CreatedBy = "import",
        };
        return new ImportedItem(item, column.Name, outlet!);
    }

    private static async Task<string> SaveItemAsync(SunshineDbContext db, ImportedItem imported, string pattern, string divisionCode, TimeProvider time, CancellationToken ct)
    {
        var item = imported.Item;
        var exists = item.IndexNumber is { } index
            ? await db.DisclosureItems.AnyAsync(i => i.OrganisationId == item.OrganisationId && i.IndexNumber == index, ct)
            : await db.DisclosureItems.AnyAsync(i => i.OrganisationId == item.OrganisationId && i.Title == item.Title && i.FormedOn == item.FormedOn, ct);
        if (exists) return "known";
        var now = time.GetUtcNow().UtcDateTime;
        item.CreatedAt = item.UpdatedAt = now;
        if (item.PublishedOn is { } publishedOn && item.IndexNumber is null)
        {
            // The organ's running number in the year of publication, as when an item is published in the console.
            var last = await db.DisclosureItems.Where(i => i.OrganisationId == item.OrganisationId && i.IndexYear == publishedOn.Year).MaxAsync(i => i.IndexSequence, ct) ?? 0;
            item.IndexYear = publishedOn.Year;
            item.IndexSequence = last + 1;
            item.IndexNumber = IndexNumberPattern.Format(pattern, divisionCode, item.OrganisationId, publishedOn.Year, last + 1);
        }
        db.DisclosureItems.Add(item);
        await db.SaveChangesAsync(ct);
        if (item.PublishedOn is { } on)
        {
            // One publication record, so the annual report counts the item on its outlet and column.
            db.Publications.Add(new Publication
            {
                DisclosureItemId = item.Id, IndexNumber = item.IndexNumber!, Title = item.Title, Column = imported.ColumnName, Outlet = imported.Outlet,
                OrganisationId = item.OrganisationId, DocumentNumber = item.DocumentNumber, FormedOn = item.FormedOn, PublishedOn = on, Body = item.Body,
                IsValid = item.Validity == DisclosureValidity.Valid,
            });
            await db.SaveChangesAsync(ct);
        }
        return "created";
    }
}
