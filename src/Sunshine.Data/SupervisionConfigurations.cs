using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sunshine.Data.Entities;

namespace Sunshine.Data;

internal sealed class SupervisionOrderConfiguration : IEntityTypeConfiguration<SupervisionOrder>
{
    public void Configure(EntityTypeBuilder<SupervisionOrder> e)
    {
        e.Property(x => x.Instructions).HasMaxLength(2000);
        e.Property(x => x.IssuedByUserId).HasMaxLength(64);
        e.Property(x => x.IssuedByName).HasMaxLength(128);
        e.Property(x => x.Answer).HasMaxLength(4000);
        e.Property(x => x.AnsweredByName).HasMaxLength(128);
        e.Property(x => x.Remark).HasMaxLength(2000);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasIndex(x => new { x.TargetOrganisationId, x.Status, x.DueOn });
        e.HasIndex(x => x.PetitionId);
        e.HasIndex(x => x.EscalatedFromId);
        e.HasOne<Petition>().WithMany().HasForeignKey(x => x.PetitionId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Organisation>().WithMany().HasForeignKey(x => x.TargetOrganisationId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Organisation>().WithMany().HasForeignKey(x => x.IssuingOrganisationId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<SupervisionOrder>().WithMany().HasForeignKey(x => x.EscalatedFromId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class InspectionSampleConfiguration : IEntityTypeConfiguration<InspectionSample>
{
    public void Configure(EntityTypeBuilder<InspectionSample> e)
    {
        e.Property(x => x.DrawnByName).HasMaxLength(128);
        e.Property(x => x.Criteria).HasMaxLength(1000);
        e.HasIndex(x => x.OrganisationId);
        e.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class InspectionEntryConfiguration : IEntityTypeConfiguration<InspectionEntry>
{
    public void Configure(EntityTypeBuilder<InspectionEntry> e)
    {
        e.Property(x => x.Scores).HasMaxLength(1000);
        e.Property(x => x.Reason).HasMaxLength(2000);
        e.Property(x => x.InspectedByName).HasMaxLength(128);
        e.HasIndex(x => new { x.PetitionId, x.Outcome });
        e.HasIndex(x => new { x.SampleId, x.PetitionId }).IsUnique();
        // A dissatisfied case enters the queue once, whoever opens it first: the database refuses a second copy.
        e.HasIndex(x => x.PetitionId).IsUnique().HasFilter("\"Source\" = 2").HasDatabaseName("IX_InspectionEntries_Dissatisfied");
        e.HasOne<Petition>().WithMany().HasForeignKey(x => x.PetitionId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<InspectionSample>().WithMany().HasForeignKey(x => x.SampleId).OnDelete(DeleteBehavior.Restrict);
    }
}
