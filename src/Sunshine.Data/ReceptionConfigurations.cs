using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sunshine.Data.Entities;

namespace Sunshine.Data;

internal sealed class ReceptionSessionConfiguration : IEntityTypeConfiguration<ReceptionSession>
{
    public void Configure(EntityTypeBuilder<ReceptionSession> e)
    {
        e.Property(x => x.LeaderName).HasMaxLength(64);
        e.Property(x => x.LeaderTitle).HasMaxLength(128);
        e.Property(x => x.Place).HasMaxLength(256);
        e.Property(x => x.Matters).HasMaxLength(512);
        e.Property(x => x.Record).HasMaxLength(4000);
        e.HasIndex(x => new { x.OrganisationId, x.StartsAt });
        e.HasIndex(x => new { x.IsPublished, x.StartsAt });
        e.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        // The database itself refuses an overbooked session, whatever the code does.
        e.ToTable(t => t.HasCheckConstraint("CK_ReceptionSessions_Booked", "\"Booked\" >= 0 AND \"Booked\" <= \"Capacity\""));
    }
}

internal sealed class AppointmentConfiguration : IEntityTypeConfiguration<Appointment>
{
    public void Configure(EntityTypeBuilder<Appointment> e)
    {
        e.Property(x => x.CodeHash).HasMaxLength(32);
        e.Property(x => x.Name).HasMaxLength(128);
        e.Property(x => x.PhoneProtected).HasMaxLength(256);
        e.Property(x => x.Matter).HasMaxLength(512);
        e.HasIndex(x => x.CodeHash).IsUnique();
        e.HasIndex(x => new { x.SessionId, x.Status });
        e.HasOne<ReceptionSession>().WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Petition>().WithMany().HasForeignKey(x => x.PetitionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AppointmentReminderConfiguration : IEntityTypeConfiguration<AppointmentReminder>
{
    public void Configure(EntityTypeBuilder<AppointmentReminder> e)
    {
        e.Property(x => x.Channel).HasMaxLength(16);
        // The sender reads the reminders due: unsent, by due time.
        e.HasIndex(x => new { x.SentAt, x.DueAt });
        e.HasOne<Appointment>().WithMany().HasForeignKey(x => x.AppointmentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReceptionWindowConfiguration : IEntityTypeConfiguration<ReceptionWindow>
{
    public void Configure(EntityTypeBuilder<ReceptionWindow> e)
    {
        e.Property(x => x.Name).HasMaxLength(64);
        e.HasIndex(x => new { x.CentreOrganisationId, x.SortOrder });
        e.HasOne<Organisation>().WithMany().HasForeignKey(x => x.CentreOrganisationId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Category>().WithMany().HasForeignKey(x => x.CategoryId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class VisitConfiguration : IEntityTypeConfiguration<Visit>
{
    public void Configure(EntityTypeBuilder<Visit> e)
    {
        e.Property(x => x.VisitorName).HasMaxLength(128);
        e.Property(x => x.Matter).HasMaxLength(512);
        e.Property(x => x.Representatives).HasMaxLength(400);
        e.Property(x => x.Said).HasMaxLength(20_000);
        e.Property(x => x.Decided).HasMaxLength(4000);
        e.Property(x => x.LeaderName).HasMaxLength(64);
        e.Property(x => x.RecordedBy).HasMaxLength(256);
        // Two desks recording the same visit at once: the second save finds the status changed and is refused.
        e.Property(x => x.Status).IsConcurrencyToken();
        // One queue number per centre and day: a concurrent arrival that takes the same number retries with the next.
        e.HasIndex(x => new { x.OrganisationId, x.VisitDate, x.QueueNumber }).IsUnique();
        e.HasIndex(x => new { x.WindowId, x.VisitDate });
        e.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<ReceptionWindow>().WithMany().HasForeignKey(x => x.WindowId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<ReceptionSession>().WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Appointment>().WithMany().HasForeignKey(x => x.AppointmentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Petition>().WithMany().HasForeignKey(x => x.PetitionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class LeaderCaseOwnershipConfiguration : IEntityTypeConfiguration<LeaderCaseOwnership>
{
    public void Configure(EntityTypeBuilder<LeaderCaseOwnership> e)
    {
        e.Property(x => x.LeaderName).HasMaxLength(64);
        e.Property(x => x.LeaderTitle).HasMaxLength(128);
        e.HasIndex(x => x.PetitionId);
        e.HasOne<Petition>().WithMany().HasForeignKey(x => x.PetitionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class HearingConfiguration : IEntityTypeConfiguration<Hearing>
{
    public void Configure(EntityTypeBuilder<Hearing> e)
    {
        e.Property(x => x.Place).HasMaxLength(256);
        e.Property(x => x.Participants).HasMaxLength(2000);
        e.Property(x => x.Outcome).HasMaxLength(4000);
        e.HasIndex(x => x.PetitionId);
        e.HasOne<Petition>().WithMany().HasForeignKey(x => x.PetitionId).OnDelete(DeleteBehavior.Restrict);
    }
}
