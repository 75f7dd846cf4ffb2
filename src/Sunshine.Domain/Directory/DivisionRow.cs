namespace Sunshine.Domain.Directory;

/// <summary>
/// One administrative division of a seed or import table.
/// </summary>
/// <param name="Code">The 12-digit division code.</param>
/// <param name="Name">The official name, e.g. 小店区.</param>
/// <param name="Level">The level; equals <c>Code.Level</c> in rows produced by <see cref="DivisionCsv"/> and
/// <see cref="ChinaDivisionTables"/>.</param>
/// <param name="ParentCode">The division it belongs to in the real hierarchy, <c>null</c> for a province. Usually
/// <c>Code.Parent</c>, but it can be higher up: a municipality's districts and the counties directly under a
/// province (济源市 419001000000) have the province as parent.</param>
public sealed record DivisionRow(DivisionCode Code, string Name, DivisionLevel Level, DivisionCode? ParentCode);
