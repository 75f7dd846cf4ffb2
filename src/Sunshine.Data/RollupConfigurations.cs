using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sunshine.Data.Entities;

namespace Sunshine.Data;

internal sealed class PetitionDailyRollupConfiguration : IEntityTypeConfiguration<PetitionDailyRollup>
{
    public void Configure(EntityTypeBuilder<PetitionDailyRollup> e)
    {
        e.Property(x => x.County).HasMaxLength(6);
        e.HasIndex(x => x.Day);
        e.HasOne(x => x.RegisteringOrganisation).WithMany().HasForeignKey(x => x.RegisteringOrganisationId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.ResponsibleOrganisation).WithMany().HasForeignKey(x => x.ResponsibleOrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PetitionTermRollupConfiguration : IEntityTypeConfiguration<PetitionTermRollup>
{
    public void Configure(EntityTypeBuilder<PetitionTermRollup> e)
    {
        e.Property(x => x.Term).HasMaxLength(64);
        e.HasIndex(x => new { x.Month, x.Term });
        e.HasOne(x => x.RegisteringOrganisation).WithMany().HasForeignKey(x => x.RegisteringOrganisationId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.ResponsibleOrganisation).WithMany().HasForeignKey(x => x.ResponsibleOrganisationId).OnDelete(DeleteBehavior.Restrict);
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
