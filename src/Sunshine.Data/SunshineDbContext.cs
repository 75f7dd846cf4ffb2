using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Sunshine.Data.Entities;
using Sunshine.Data.Search;

namespace Sunshine.Data;

/// <summary>
/// The one DbContext. Nothing provider-specific lives here but the mapping of SQLite's text index as a function
/// (<see cref="PetitionFtsHits"/>): the SQLite and PostgreSQL projects hold the migrations and the full-text pieces.
/// </summary>
public sealed class SunshineDbContext(DbContextOptions<SunshineDbContext> options)
    : IdentityDbContext<StaffUser>(options), IDataProtectionKeyContext
{
    public DbSet<Division> Divisions => Set<Division>();
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<CalendarDay> CalendarDays => Set<CalendarDay>();
    public DbSet<HolidayNotice> HolidayNotices => Set<HolidayNotice>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<Petition> Petitions => Set<Petition>();
    public DbSet<PetitionEvent> PetitionEvents => Set<PetitionEvent>();
    public DbSet<PetitionHop> PetitionHops => Set<PetitionHop>();
    public DbSet<PetitionAttachment> PetitionAttachments => Set<PetitionAttachment>();
    public DbSet<PetitionSearchEntry> PetitionSearchEntries => Set<PetitionSearchEntry>();
    public DbSet<PetitionFingerprint> PetitionFingerprints => Set<PetitionFingerprint>();
    public DbSet<NoticeTemplate> NoticeTemplates => Set<NoticeTemplate>();
    public DbSet<NoticeTemplateVersion> NoticeTemplateVersions => Set<NoticeTemplateVersion>();
    public DbSet<Publication> Publications => Set<Publication>();
    public DbSet<DisclosureRequest> DisclosureRequests => Set<DisclosureRequest>();
    public DbSet<CatalogueColumn> CatalogueColumns => Set<CatalogueColumn>();
    public DbSet<DisclosureItem> DisclosureItems => Set<DisclosureItem>();
    public DbSet<DisclosureAttachment> DisclosureAttachments => Set<DisclosureAttachment>();
    public DbSet<DisclosureConsultation> DisclosureConsultations => Set<DisclosureConsultation>();
    public DbSet<DisclosureSettings> DisclosureSettings => Set<DisclosureSettings>();
    public DbSet<RegisterEntry> RegisterEntries => Set<RegisterEntry>();
    public DbSet<DisclosureAppeal> DisclosureAppeals => Set<DisclosureAppeal>();
    public DbSet<AnnualReport> AnnualReports => Set<AnnualReport>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<QueryThrottle> QueryThrottles => Set<QueryThrottle>();
    public DbSet<ReceptionSession> ReceptionSessions => Set<ReceptionSession>();
    public DbSet<Appointment> Appointments => Set<Appointment>();
    public DbSet<AppointmentReminder> AppointmentReminders => Set<AppointmentReminder>();
    public DbSet<ReceptionWindow> ReceptionWindows => Set<ReceptionWindow>();
    public DbSet<Visit> Visits => Set<Visit>();
    public DbSet<LeaderCaseOwnership> LeaderCaseOwnerships => Set<LeaderCaseOwnership>();
    public DbSet<Hearing> Hearings => Set<Hearing>();
    public DbSet<LegalGuideRoute> LegalGuideRoutes => Set<LegalGuideRoute>();
    public DbSet<LegalGuideChoice> LegalGuideChoices => Set<LegalGuideChoice>();
    public DbSet<PolicyCategory> PolicyCategories => Set<PolicyCategory>();
    public DbSet<PolicyDocument> PolicyDocuments => Set<PolicyDocument>();
    public DbSet<PolicySearchEntry> PolicySearchEntries => Set<PolicySearchEntry>();
    public DbSet<PublicReply> PublicReplies => Set<PublicReply>();
    public DbSet<BackgroundLease> BackgroundLeases => Set<BackgroundLease>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<DisputeScreening> DisputeScreenings => Set<DisputeScreening>();
    public DbSet<WarningAlert> WarningAlerts => Set<WarningAlert>();
    public DbSet<WarningAlertCase> WarningAlertCases => Set<WarningAlertCase>();
    public DbSet<WarningWatermark> WarningWatermarks => Set<WarningWatermark>();
    public DbSet<SupervisionOrder> SupervisionOrders => Set<SupervisionOrder>();
    public DbSet<InspectionSample> InspectionSamples => Set<InspectionSample>();
    public DbSet<InspectionEntry> InspectionEntries => Set<InspectionEntry>();
    public DbSet<PetitionRollup> PetitionRollups => Set<PetitionRollup>();
    public DbSet<PetitionTermRollup> PetitionTermRollups => Set<PetitionTermRollup>();
    public DbSet<RollupMark> RollupMarks => Set<RollupMark>();
    public DbSet<AssessmentRollup> AssessmentRollups => Set<AssessmentRollup>();
    public DbSet<AssessmentRollupMonth> AssessmentRollupMonths => Set<AssessmentRollupMonth>();

    /// <summary>Instants are UTC everywhere: written as UTC and read back marked UTC on both providers.</summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    /// <summary>
    /// SQLite only: the petitions' text index (FTS5 table <c>"PetitionFts"</c>, SQLite migrations <c>PetitionWorkflow</c> and <c>SearchScopeTokens</c>) asked as
    /// the table-valued function FTS5 tables are — <c>"PetitionFts"(@match)</c> is <c>WHERE "PetitionFts" MATCH @match</c>.
    /// Raw SQL (<c>SqlQuery</c>) would do the same, but EF builds the SQL of a query holding raw SQL again on every call;
    /// through a mapped function it keeps it. A profile of the staff search at 1M put building it at 15 % of a request;
    /// with the code warmed up, the requests were no faster beyond the noise (docs/performance.md, session 11).
    /// PostgreSQL has no such function.
    /// </summary>
    public IQueryable<TextIndexHit> PetitionFtsHits(string match) => FromExpression(() => PetitionFtsHits(match));

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(SunshineDbContext).Assembly);
        // A function's result only: no table, nothing for the migrations. FTS5's rowid is the petition's id.
        builder.Entity<TextIndexHit>().HasNoKey().ToTable((string?)null).Property(h => h.Id).HasColumnName("rowid");
        builder.HasDbFunction(typeof(SunshineDbContext).GetMethod(nameof(PetitionFtsHits), [typeof(string)])!).HasName("PetitionFts");
    }
}

internal sealed class UtcDateTimeConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
