namespace Sunshine.Data.Search;

/// <summary>One hit of SQLite's text index (<see cref="SunshineDbContext.PetitionFtsHits"/>): the petition's id.</summary>
public sealed class TextIndexHit
{
    public long Id { get; private set; }
}
