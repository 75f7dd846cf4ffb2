using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sunshine.Data.Entities;

namespace Sunshine.Data;

internal sealed class DisputeScreeningConfiguration : IEntityTypeConfiguration<DisputeScreening>
{
    public void Configure(EntityTypeBuilder<DisputeScreening> e)
    {
        e.Property(x => x.DivisionCode).HasMaxLength(12);
        e.Property(x => x.TownshipCode).HasMaxLength(12);
        e.Property(x => x.Matter).HasMaxLength(512);
        e.Property(x => x.PartiesProtected).HasMaxLength(2048);
        e.Property(x => x.ResponsiblePerson).HasMaxLength(64);
        e.Property(x => x.Measures).HasMaxLength(2000);
        e.Property(x => x.RecordedByUserId).HasMaxLength(450);
        // The ledger reads a township's (or a county's, by prefix) disputes of a period.
        e.HasIndex(x => new { x.TownshipCode, x.FoundOn });
        e.HasIndex(x => x.DivisionCode);
        e.HasOne<Division>().WithMany().HasForeignKey(x => x.DivisionCode).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Organisation>().WithMany().HasForeignKey(x => x.RecordedByOrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}
