using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sunshine.Data.Entities;

namespace Sunshine.Data;

internal sealed class PetitionRollupConfiguration : IEntityTypeConfiguration<PetitionRollup>
{
    public void Configure(EntityTypeBuilder<PetitionRollup> e)
    {
        e.Property(x => x.Key).HasMaxLength(12);
        // The dashboard's read: one organisation, one dimension, a range of months.
        e.HasIndex(x => new { x.OrganisationId, x.Dimension, x.Month, x.Key }).IsUnique();
        // The pass replaces a month's rows.
        e.HasIndex(x => x.Month);
        e.HasOne(x => x.Organisation).WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PetitionTermRollupConfiguration : IEntityTypeConfiguration<PetitionTermRollup>
{
    public void Configure(EntityTypeBuilder<PetitionTermRollup> e)
    {
        e.Property(x => x.Term).HasMaxLength(64);
        e.HasIndex(x => new { x.OrganisationId, x.Month, x.Term }).IsUnique();
        e.HasIndex(x => x.Month);
        e.HasOne(x => x.Organisation).WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RollupMarkConfiguration : IEntityTypeConfiguration<RollupMark>
{
    public void Configure(EntityTypeBuilder<RollupMark> e)
    {
        e.HasKey(x => x.Name);
        e.Property(x => x.Name).HasMaxLength(100);
    }
}

internal sealed class AssessmentRollupConfiguration : IEntityTypeConfiguration<AssessmentRollup>
{
    public void Configure(EntityTypeBuilder<AssessmentRollup> e)
    {
        // The table's read (a range of spans) and the pass's replacement of one span are both by the span's first day first.
        // A month span and the span of its first day start on the same day: the last day tells them apart.
        e.HasKey(x => new { x.Month, x.LastDay, x.OrganisationId });
        e.HasOne(x => x.Organisation).WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AssessmentRollupMonthConfiguration : IEntityTypeConfiguration<AssessmentRollupMonth>
{
    public void Configure(EntityTypeBuilder<AssessmentRollupMonth> e) => e.HasKey(x => new { x.Month, x.LastDay });
}
