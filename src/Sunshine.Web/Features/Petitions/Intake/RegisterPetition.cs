using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Data.Search;
using Sunshine.Domain.Calendar;
using Sunshine.Domain.Directory;
using Sunshine.Domain.Petitions;
using Sunshine.Web.Features.Calendar;
using Sunshine.Web.Features.Petitions.Search;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Petitions.Intake;

public sealed record PetitionerInput(string? Name, string? IdNumber, string? Phone, string? Address);

public sealed record RegisterPetitionRequest(
    Channel Channel,
    Purpose Purpose,
    int? CategoryId,
    string? IssueLocalityCode,
    string? Summary,
    string? Content,
    DateOnly? ReceivedOn,
    PetitionerInput? Petitioner,
    int HeadCount = 1,
    bool IsJointLetter = false,
    bool IsLevelSkipping = false,
    bool IsProvinceVisit = false,
    bool IsBeijingVisit = false,
    bool IsThreatening = false,
    string? ExternalId = null,
    IReadOnlyList<string>? Representatives = null,
    int? AccusedOrganisationId = null,
    string? AccusedParty = null);

/// <param name="StillInLimit">The earlier case is open and within its time limit: filing the same matter upward now is not
/// accepted (不予受理, 《信访工作条例》第十九条) — the registrar is told so and may decline it.</param>
public sealed record RepeatHint(long PetitionId, string CaseNumber, DateOnly ReceivedOn, string Reason, double Similarity, bool StillInLimit = false);

/// <summary>What the caller gets back. The query code is shown once: only its hash is stored.</summary>
public sealed record RegisteredPetition(long Id, string CaseNumber, string? QueryCode, DateOnly TransferDueOn, IReadOnlyList<string> DueExplanation, bool AlreadyRegistered, IReadOnlyList<RepeatHint> PossibleRepeats);

/// <summary>
/// Registration (登记) of a petition from any channel — staff desk, online form or an external mailbox — into the one
/// queue (《信访工作条例》第二十一条: every item is entered and flows online). Validation, segmentation, fingerprints and
/// encryption happen before the transaction; the case, its first history event and its search entries are written in one.
/// </summary>
public static class RegisterPetition
{
    /// <summary>Head count from which a visit counts as collective: local policy (DOMAIN.md §1.1), default 5.</summary>
    public const int CollectiveHeadCount = 5;

    /// <summary>A collective visit elects at most 5 representatives (《信访工作条例》第二十条).</summary>
    public const int MaxRepresentatives = 5;

    /// <summary>How far back intake looks for repeats by the same person or with the same content.</summary>
    public const int RepeatWindowDays = 365;

    public static void MapIntakeEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/petitions", RegisterByStaff).WithTags("Petitions").RequireAuthorization(Policies.Staff);
        app.MapPost("/api/integration/petitions", RegisterByIntegration).WithTags("Integration").RequireAuthorization(Policies.Integration);
    }

    public static async Task<IResult> RegisterByStaff(RegisterPetitionRequest request, ClaimsPrincipal user, SunshineDbContext db, PersonalData personalData,
        Audit audit, TimeProvider time, IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        if (!scope.IsInRole(StaffRoles.Registrar))
            return TypedResults.Problem(title: L["ErrorForbiddenAction"], statusCode: StatusCodes.Status403Forbidden);
        var outcome = await RegisterAsync(request, scope.OrganisationId, scope, db, personalData, audit, time, L, ct);
        return outcome.Problems is { } problems ? problems.ToResult()
            : outcome.Registered!.AlreadyRegistered ? TypedResults.Ok(outcome.Registered)
            : TypedResults.Created($"/api/petitions/{outcome.Registered.Id}", outcome.Registered);
    }

    /// <summary>
    /// A mailbox system sends its messages; the token fixes the registering unit and, if set, the channel. Valid messages
    /// go through the write queue (<see cref="IntakeQueue"/>): concurrent messages are committed together, each answered
    /// after that commit with its case number. Invalid ones are answered 400 before they are queued.
    /// </summary>
    public static async Task<IResult> RegisterByIntegration(RegisterPetitionRequest request, ClaimsPrincipal user, IntakeQueue queue, TimeProvider time,
        IStringLocalizer<SharedResource> L, CancellationToken ct)
    {
        var scope = UserScope.From(user)!;
        var tokenChannel = user.FindFirstValue("sunshine:channel");
        if (tokenChannel is not null && Enum.TryParse<Channel>(tokenChannel, out var fixedChannel) && fixedChannel != request.Channel)
            return new Problems(L).Require(false, "channel", "ErrorTokenChannel", tokenChannel).ToResult();
        var problems = new Problems(L).Text(request.ExternalId, "externalId", 64);
        if (problems.Any) return problems.ToResult();
        var invalid = Validate(request, ChinaTime.Today(time), L);
        if (invalid.Any) return invalid.ToResult();
        var outcome = await queue.RegisterAsync(new PendingRegistration(request, scope.OrganisationId, scope), ct);
        return outcome.Problems is { } errors ? errors.ToResult()
            : outcome.Registered!.AlreadyRegistered ? TypedResults.Ok(outcome.Registered)
            : TypedResults.Created($"/api/petitions/{outcome.Registered.Id}", outcome.Registered);
    }

    public sealed record Outcome(RegisteredPetition? Registered, Problems? Problems);

    /// <summary>
    /// What an import from another system adds to a registration. <paramref name="FirstRegisteredOn"/>: the day the item
    /// was first registered there — the 15 日 of Art. 22 run from the first registration for the whole transfer chain
    /// (DOMAIN.md §1.3). <paramref name="Complete"/> runs after the case, its number and its first event are added and
    /// before the commit, so whatever it writes lands in the same transaction or not at all.
    /// </summary>
    public sealed record ImportedRegistration(DateOnly? FirstRegisteredOn, Action<Petition>? Complete);

    public static Task<Outcome> RegisterAsync(RegisterPetitionRequest request, int registeringOrganisationId, UserScope? actor,
        SunshineDbContext db, PersonalData personalData, Audit audit, TimeProvider time, IStringLocalizer<SharedResource> L, CancellationToken ct) =>
        RegisterAsync(request, registeringOrganisationId, actor, db, personalData, audit, time, L, null, ct);

    public static async Task<Outcome> RegisterAsync(RegisterPetitionRequest request, int registeringOrganisationId, UserScope? actor,
        SunshineDbContext db, PersonalData personalData, Audit audit, TimeProvider time, IStringLocalizer<SharedResource> L,
        ImportedRegistration? imported, CancellationToken ct)
    {
        var today = ChinaTime.Today(time);
        var problems = Validate(request, today, L);
        if (imported?.FirstRegisteredOn is { } first)
            problems.Require(first <= today && first >= (request.ReceivedOn ?? first) && first >= new DateOnly(2000, 1, 1), "registeredOn", "ErrorRegisteredOn");
        var locality = request.IssueLocalityCode?.Trim() ?? "";
        if (!problems.Any && !await db.Divisions.AnyAsync(d => d.Code == locality, ct))
            problems.Add("issueLocalityCode", "ErrorUnknownDivision", locality);
        if (request.CategoryId is { } categoryId && !await db.Categories.AnyAsync(c => c.Id == categoryId, ct))
            problems.Add("categoryId", "ErrorUnknownCategory");
        if (request.AccusedOrganisationId is { } accused && !await db.Organisations.AnyAsync(o => o.Id == accused, ct))
            problems.Add("accusedOrganisationId", "ErrorUnknownOrganisation");
        if (problems.Any) return new Outcome(null, problems);

        var externalId = string.IsNullOrWhiteSpace(request.ExternalId) ? null : request.ExternalId.Trim();
        if (externalId is not null && await ExistingAsync(db, request.Channel, externalId, ct) is { } existing)
            return new Outcome(existing, null);

        // Everything that needs no transaction is done first: segmenting, fingerprints, encryption, the clock.
        var registeredOn = imported?.FirstRegisteredOn ?? today;
        var receivedOn = request.ReceivedOn ?? registeredOn;
        var petitioner = request.Petitioner!;
        var tokens = ChineseSegmenter.Tokens(request.Summary!.Trim() + "\n" + request.Content!.Trim());
        var personKey = personalData.KeyedHash(petitioner.IdNumber) ?? personalData.KeyedHash(petitioner.Phone);
        var calendar = await CalendarEndpoints.LoadAsync(db, ct);
        var rule = RuleBook.Default.Rule(RuleCodes.TransferOrAssign, locality, registeredOn);
        var due = StatutoryClock.Compute(rule, registeredOn, calendar);
        var repeats = await RepeatFinder.FindAsync(db, personKey, tokens, receivedOn, RepeatWindowDays, null, ct);
        // Hints name only cases the registrar may see (an accusation elsewhere stays invisible, Art. 30).
        var hints = await RepeatHints.ForAsync(db, actor, repeats, today, ct);
        var queryCode = PetitionConventions.NewQueryCode();
        var now = time.GetUtcNow().UtcDateTime;
        // Art. 23: a department or township receiving directly handles the case itself (see NewPetition).
        var receivedDirectly = await db.Organisations.AnyAsync(o => o.Id == registeringOrganisationId && o.Kind != OrganisationKind.PetitionBureau, ct);

        var petition = NewPetition(request, locality, externalId, personKey, queryCode, registeredOn, due, now, registeringOrganisationId, receivedDirectly, actor, personalData);

        // Joins the caller's transaction when there is one (the public form registers the case with its attachments).
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        db.Petitions.Add(petition);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (externalId is not null && tx is not null)
        {
            // A concurrent resend of the same message won the race: answer with the case it created.
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return new Outcome(await ExistingAsync(db, request.Channel, externalId, ct), null);
        }
        petition.CaseNumber = PetitionConventions.CaseNumber(registeredOn, petition.Id);
        PetitionIndex.Add(db, petition, tokens);
        db.PetitionEvents.Add(RegistrationEvent(petition, actor, due, hints, now));
        audit.Record(RegistrationAudit(petition, actor, now));
        if (imported is null) Notifications.PetitionerMessages.QueueRegistered(db, personalData, L, petition, queryCode, now);
        imported?.Complete?.Invoke(petition);
        await db.SaveChangesAsync(ct);
        if (tx is not null) await tx.CommitAsync(ct);

        return new Outcome(new RegisteredPetition(petition.Id, petition.CaseNumber, queryCode, due.DueOn, due.Explanation, false,
            hints), null);
    }

    /// <summary>
    /// The case as registration stores it, from a validated request: the one place that maps a registration onto the
    /// petition row, for one-by-one registration and for <see cref="PetitionBatch"/>. The case number is filled in once
    /// the database id is known.
    /// </summary>
    /// <param name="receivedDirectly">
    /// Art. 23: an organ that receives a petition directly — a department or a township government at its own desk —
    /// handles what is within its competence: it is the responsible unit from the start and accepts (or objects, or
    /// routes) itself. Only a Letters and Calls Bureau registers in order to transfer or assign (Art. 22).
    /// </param>
    internal static Petition NewPetition(RegisterPetitionRequest request, string locality, string? externalId, byte[]? personKey, string queryCode,
        DateOnly registeredOn, Deadline due, DateTime now, int registeringOrganisationId, bool receivedDirectly, UserScope? actor, PersonalData personalData)
    {
        var petitioner = request.Petitioner!;
        return new Petition
        {
            CaseNumber = "pending",
            QueryCodeHash = PetitionConventions.HashQueryCode(queryCode),
            Channel = request.Channel,
            Purpose = request.Purpose,
            CategoryId = request.CategoryId,
            IssueLocalityCode = locality,
            ExternalId = externalId,
            PetitionerName = petitioner.Name!.Trim(),
            IdNumberProtected = personalData.Protect(petitioner.IdNumber?.Trim()),
            PhoneProtected = personalData.Protect(petitioner.Phone?.Trim()),
            AddressProtected = personalData.Protect(petitioner.Address?.Trim()),
            PersonKey = personKey,
            HeadCount = request.HeadCount,
            IsCollective = request.Channel == Channel.Visit && request.HeadCount >= CollectiveHeadCount,
            IsJointLetter = request.IsJointLetter,
            IsLevelSkipping = request.IsLevelSkipping,
            IsProvinceVisit = request.IsProvinceVisit,
            IsBeijingVisit = request.IsBeijingVisit,
            IsThreatening = request.IsThreatening,
            Representatives = request.Representatives is { Count: > 0 } names ? string.Join('、', names.Select(n => n.Trim())) : null,
            AccusedOrganisationId = request.AccusedOrganisationId,
            AccusedParty = string.IsNullOrWhiteSpace(request.AccusedParty) ? null : request.AccusedParty.Trim(),
            Summary = request.Summary!.Trim(),
            Content = request.Content!.Trim(),
            ReceivedOn = request.ReceivedOn ?? registeredOn,
            RegisteredOn = registeredOn,
            RegisteredAt = now,
            RegisteringOrganisationId = registeringOrganisationId,
            ResponsibleOrganisationId = receivedDirectly ? registeringOrganisationId : null,
            RegisteredByUserId = actor?.UserId is { Length: > 0 } id && !id.StartsWith("token:", StringComparison.Ordinal) ? id : null,
            Status = PetitionStatus.Registered,
            RuleSetCode = PetitionConventions.RuleSetCode(RuleBook.Default, locality, registeredOn),
            DueOn = due.DueOn,
        };
    }

    /// <summary>The case's first history event (public: the petitioner sees that it was registered and the transfer deadline).</summary>
    internal static PetitionEvent RegistrationEvent(Petition petition, UserScope? actor, Deadline due, IReadOnlyList<RepeatHint> hints, DateTime now) => new()
    {
        PetitionId = petition.Id,
        At = now,
        On = petition.RegisteredOn,
        Action = "register",
        ToStatus = PetitionStatus.Registered,
        ActorUserId = petition.RegisteredByUserId,
        ActorName = actor?.UserName,
        OrganisationId = petition.RegisteringOrganisationId,
        Detail = JsonSerializer.Serialize(new { channel = petition.Channel.ToString(), due = due.DueOn, explanation = due.Explanation, repeats = hints.Select(r => r.PetitionId) }),
        IsPublic = true,
    };

    /// <summary>The audit entry of a registration, one by one (through <see cref="Audit"/>) or in a batch.</summary>
    internal static AuditEntry RegistrationAudit(Petition petition, UserScope? actor, DateTime now) =>
        Audit.Entry(now, actor, "petition.register", nameof(Petition), petition.Id,
            after: new { petition.CaseNumber, petition.Channel, petition.Purpose, petition.IssueLocalityCode });

    private static async Task<RegisteredPetition?> ExistingAsync(SunshineDbContext db, Channel channel, string externalId, CancellationToken ct)
    {
        var row = await db.Petitions.AsNoTracking().Where(p => p.Channel == channel && p.ExternalId == externalId)
            .Select(p => new { p.Id, p.CaseNumber, p.RegisteredOn, p.DueOn }).SingleOrDefaultAsync(ct);
        return row is null ? null : new RegisteredPetition(row.Id, row.CaseNumber, null, row.DueOn ?? row.RegisteredOn, [], true, []);
    }

    internal static Problems Validate(RegisterPetitionRequest r, DateOnly today, IStringLocalizer<SharedResource> L)
    {
        var problems = new Problems(L)
            .Require(Enum.IsDefined(r.Channel), "channel", "ErrorEnum", L["Field.channel"].Value)
            .Require(Enum.IsDefined(r.Purpose), "purpose", "ErrorEnum", L["Field.purpose"].Value)
            .Text(r.Summary, "summary", 512)
            .Text(r.Content, "content", 20_000)
            .Require(DivisionCode.TryParse(r.IssueLocalityCode?.Trim(), out _), "issueLocalityCode", "ErrorDivisionCode")
            .Require(r.HeadCount is >= 1 and <= 100_000, "headCount", "ErrorHeadCount")
            .Require(r.ReceivedOn is null || (r.ReceivedOn <= today && r.ReceivedOn >= new DateOnly(2000, 1, 1)), "receivedOn", "ErrorReceivedOn");
        if (r.Representatives is { } representatives)
        {
            problems.Require(representatives.Count <= MaxRepresentatives, "representatives", "ErrorTooManyRepresentatives", MaxRepresentatives)
                .Require(representatives.Count == 0 || r.HeadCount > 1, "representatives", "ErrorRepresentativesNeedGroup");
            for (var i = 0; i < representatives.Count; i++)
                problems.Text(representatives[i], "representatives", 64);
        }
        problems.Require(r.Purpose == Purpose.Accusation || (r.AccusedOrganisationId is null && r.AccusedParty is null), "accusedParty", "ErrorAccusedOnlyForAccusation")
            .Text(r.AccusedParty, "accusedParty", 256, required: false);
        if (r.Petitioner is null)
        {
            problems.Add("petitioner.name", "ErrorRequired", L["Field.petitioner.name"].Value);
            return problems;
        }
        problems.Text(r.Petitioner.Name, "petitioner.name", 128)
            .Text(r.Petitioner.Address, "petitioner.address", 512, required: false)
            .Require(r.Petitioner.IdNumber is null || IdentityNumbers.IsValid(r.Petitioner.IdNumber.Trim()), "petitioner.idNumber", "ErrorIdNumber")
            .Require(r.Petitioner.Phone is null || IdentityNumbers.IsPhone(r.Petitioner.Phone.Trim()), "petitioner.phone", "ErrorPhone");
        return problems;
    }
}
