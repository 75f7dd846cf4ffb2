using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using QRCoder;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Domain.Directory;
using Sunshine.Domain.Petitions;
using Sunshine.Web.Features.Petitions.Attachments;
using Sunshine.Web.Features.Petitions.Intake;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Portal;

/// <summary>An online petition as the citizen writes it. <paramref name="SubmissionId"/> makes a re-sent form register nothing twice.</summary>
public sealed record PublicPetitionRequest(
    string? IssueLocalityCode,
    Purpose? Purpose,
    int? CategoryId,
    string? Summary,
    string? Content,
    string? Name,
    string? IdNumber,
    string? Phone,
    string? Address,
    bool AcceptPrivacyNotice,
    string? SubmissionId = null);

/// <summary>
/// What the citizen keeps. The query code is shown this once (only its hash is stored); it is null when the same form
/// was already submitted. <paramref name="ProgressUrl"/> — the QR code's content — carries the case number only.
/// </summary>
public sealed record PublicReceipt(string CaseNumber, string? QueryCode, DateOnly SubmittedOn, string Bureau, DateOnly? TransferDueOn, string ProgressUrl, bool AlreadySubmitted,
    int Attachments = 0);

/// <summary>
/// 网上信访: a citizen submits a petition online (《信访工作条例》第十七条: information networks are a statutory form). It is
/// registered at the Letters and Calls Bureau of the government whose division covers the place of the problem
/// (属地管理), on the one registration path every channel takes — numbering, repeat detection, search index, history.
/// </summary>
public static class PublicPetitions
{
    public static async Task<IResult> Submit(PublicPetitionRequest request, HttpContext http, SunshineDbContext db, PersonalData personalData, Audit audit,
        IntakeQueue queue, TimeProvider time, IStringLocalizer<SharedResource> L, IConfiguration configuration, CancellationToken ct)
    {
        var outcome = await SubmitAsync(request, [], null, queue, SiteAddress(http, configuration), db, personalData, audit, time, L, ct);
        if (outcome.Problems is { } problems) return problems.ToResult();
        var receipt = outcome.Receipt!;
        return receipt.AlreadySubmitted ? TypedResults.Ok(receipt) : TypedResults.Created(receipt.ProgressUrl, receipt);
    }

    public sealed record Outcome(PublicReceipt? Receipt, Problems? Problems);

    /// <summary>
    /// The online petition with the citizen's files (the page's multipart form). The files pass the same checks as
    /// staff uploads (<see cref="AttachmentBatch"/>: type by content, size, count) before anything is registered, and
    /// the case and its attachments are saved in one transaction: a refused file registers no case, a failed
    /// registration keeps no file. Without files the petition goes through the write queue (<see cref="IntakeQueue"/>)
    /// like the integration API's messages: concurrent submissions share one commit and each is answered after it.
    /// </summary>
    public static async Task<Outcome> SubmitAsync(PublicPetitionRequest r, IReadOnlyList<IncomingFile> files, AttachmentStore? store, IntakeQueue queue, string siteAddress,
        SunshineDbContext db, PersonalData personalData, Audit audit, TimeProvider time, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var purpose = r.Purpose is { } given && Enum.IsDefined(given) ? given : Purpose.Other;
        var locality = Blank(r.IssueLocalityCode);
        var registration = new RegisterPetitionRequest(Channel.Online, purpose, r.CategoryId, locality, r.Summary, r.Content, null,
            new PetitionerInput(Blank(r.Name), Blank(r.IdNumber), Blank(r.Phone), Blank(r.Address)), ExternalId: Blank(r.SubmissionId));
        var problems = RegisterPetition.Validate(registration, ChinaTime.Today(time), L)
            .Require(r.Purpose is { } p && Enum.IsDefined(p), "purpose", "Portal.ErrorPurpose")
            // The bureau must be able to reach the petitioner with its notices (Art. 23): a phone number is required online.
            .Require(Blank(r.Phone) is not null, "petitioner.phone", "ErrorRequired", L["Field.petitioner.phone"].Value)
            // Requests, appeals and accusations are matched to earlier ones by ID number (repeat petitions); a suggestion
            // or an inquiry may come without one.
            .Require(purpose is Purpose.Suggestion or Purpose.Inquiry || Blank(r.IdNumber) is not null, "petitioner.idNumber", "ErrorRequired", L["Field.petitioner.idNumber"].Value)
            // 《个人信息保护法》第十四条、第二十九条: consent to processing sensitive personal information, given after being told.
            .Require(r.AcceptPrivacyNotice, "acceptPrivacyNotice", "Portal.ErrorPrivacy")
            .Require(r.SubmissionId is null || IsSubmissionId(r.SubmissionId), "submissionId", "Portal.ErrorSubmissionId");
        await using var batch = files.Count > 0 && store is not null ? new AttachmentBatch(store, L) : null;
        if (batch is not null)
        {
            foreach (var file in files) await batch.AddAsync(file, ct);
            if (batch.RefusalForNewCase() is { } refused)
                foreach (var (field, messages) in refused.ToResult().ProblemDetails.Errors)
                    foreach (var message in messages) problems.AddText(field, message);
        }
        if (problems.Any) return new Outcome(null, problems);

        if (!await db.Divisions.AnyAsync(d => d.Code == locality, ct))
        {
            problems.Add("issueLocalityCode", "ErrorUnknownDivision", locality!);
            return new Outcome(null, problems);
        }
        var bureau = await BureauForAsync(db, locality!, ct);
        if (bureau is null)
        {
            problems.Add("issueLocalityCode", "Portal.ErrorNoBureau");
            return new Outcome(null, problems);
        }

        var attached = 0;
        RegisterPetition.Outcome outcome;
        if (batch is null)
            outcome = await queue.RegisterAsync(new PendingRegistration(registration, bureau.Id, null), ct);
        else
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            try
            {
                outcome = await RegisterPetition.RegisterAsync(registration, bureau.Id, null, db, personalData, audit, time, L, ct);
            }
            catch (DbUpdateException)
            {
                // The same form was sent twice at once and the other copy won: answer with its case, attach nothing twice.
                await tx.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                outcome = await RegisterPetition.RegisterAsync(registration, bureau.Id, null, db, personalData, audit, time, L, ct);
            }
            if (outcome.Registered is { AlreadyRegistered: false } fresh)
            {
                var petition = await db.Petitions.SingleAsync(p => p.Id == fresh.Id, ct);
                var saved = await batch.SaveAsync(petition, null, db, audit, time, ct);
                if (!ConsoleActions.Succeeded(saved))
                {
                    // Rolled back with the case: nothing of this submission stays.
                    await tx.RollbackAsync(ct);
                    db.ChangeTracker.Clear();
                    var failed = new Problems(L);
                    foreach (var message in Problems.Messages(saved)) failed.AddText("files", message);
                    return new Outcome(null, failed);
                }
                attached = ConsoleActions.ValueOf<AttachmentUploadResult>(saved)?.Added ?? 0;
            }
            if (db.Database.CurrentTransaction is not null) await tx.CommitAsync(ct);
        }
        if (outcome.Problems is { } rejected) return new Outcome(null, rejected);
        // Possible repeats are for staff: they name other people's cases and never reach the public.
        var registered = outcome.Registered!;
        var stored = await db.Petitions.AsNoTracking().Where(p => p.Id == registered.Id)
            .Select(p => new { p.RegisteredOn, Bureau = p.RegisteringOrganisation!.Name }).SingleAsync(ct);
        return new Outcome(new PublicReceipt(registered.CaseNumber, registered.QueryCode, stored.RegisteredOn, stored.Bureau,
            registered.AlreadyRegistered ? null : registered.TransferDueOn, ProgressUrl(siteAddress, registered.CaseNumber), registered.AlreadyRegistered, attached), null);
    }

    /// <summary>
    /// The bureau that registers an item about <paramref name="divisionCode"/>: that of the nearest government at or above
    /// the place that has one (a township's item goes to its county's bureau). One query over the structural ancestors.
    /// </summary>
    public static async Task<Organisation?> BureauForAsync(SunshineDbContext db, string divisionCode, CancellationToken ct)
    {
        if (!DivisionCode.TryParse(divisionCode, out var code)) return null;
        var chain = new List<string>();
        for (DivisionCode? c = code; c is { } current; c = current.Parent) chain.Add(current.Value);
        var bureaus = await db.Organisations.AsNoTracking()
            .Where(o => o.Kind == OrganisationKind.PetitionBureau && o.IsActive && chain.Contains(o.DivisionCode)).ToListAsync(ct);
        return chain.Select(c => bureaus.Where(b => b.DivisionCode == c).MinBy(b => b.Id)).FirstOrDefault(b => b is not null);
    }

    /// <summary>The progress page for a case: the address in the QR code. The case number only — never the query code.</summary>
    public static string ProgressUrl(string siteAddress, string caseNumber) =>
        siteAddress.TrimEnd('/') + "/portal/progress?case=" + Uri.EscapeDataString(caseNumber);

    /// <summary>The site's public address: configured (behind a proxy), else the address this request came to.</summary>
    public static string SiteAddress(HttpContext http, IConfiguration configuration) =>
        configuration["Portal:PublicAddress"] is { Length: > 0 } configured ? configured : $"{http.Request.Scheme}://{http.Request.Host}";

    /// <summary>The QR code of <paramref name="payload"/> as scalable SVG markup (prints sharp on a receipt).</summary>
    public static string QrSvg(string payload)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(8, "#000000", "#ffffff", true, SvgQRCode.SizingMode.ViewBoxAttribute);
    }

    /// <summary>A fresh id for one filled-in form (32 hex digits).</summary>
    public static string NewSubmissionId() => Guid.NewGuid().ToString("N");

    private static bool IsSubmissionId(string id) => id.Length is >= 16 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
