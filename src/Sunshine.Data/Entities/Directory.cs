using Microsoft.AspNetCore.Identity;
using Sunshine.Domain.Directory;

namespace Sunshine.Data.Entities;

/// <summary>An administrative division (行政区划) with its 12-digit code. Geography, not a unit.</summary>
public sealed class Division
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public DivisionLevel Level { get; set; }
    public string? ParentCode { get; set; }
}

/// <summary>A unit that handles petitions or publishes information: a government, the bureau, a department.</summary>
public sealed class Organisation
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public OrganisationKind Kind { get; set; }
    public required string DivisionCode { get; set; }
    public int? ParentId { get; set; }
    public Organisation? Parent { get; set; }
    /// <summary>Materialised path of ids, "/1/7/42/": a subtree is a prefix match on an index.</summary>
    public string Path { get; set; } = "/";
    /// <summary>The path whose subtree this unit oversees: a bureau oversees its government's whole subtree.</summary>
    public string ScopePath { get; set; } = "/";
    public bool IsActive { get; set; } = true;
    public int SortOrder { get; set; }
}

/// <summary>A staff account. Every user belongs to one organisation (DOMAIN.md §3).</summary>
public sealed class StaffUser : IdentityUser
{
    public required string DisplayName { get; set; }
    public int OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    /// <summary>Granted: the user also acts within the organisation's subordinates.</summary>
    public bool IncludeSubordinates { get; set; }
    public bool MustChangePassword { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>A token for a system integration (mailbox channels). Only a SHA-256 of the secret is stored.</summary>
public sealed class ApiToken
{
    public int Id { get; set; }
    public required string Name { get; set; }
    /// <summary>Public lookup part of the token, shown in lists.</summary>
    public required string Prefix { get; set; }
    public required byte[] SecretHash { get; set; }
    public int OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public string? Channel { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime? RevokedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
}

/// <summary>Append-only record of a change: who, when, what, why, before/after.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public string? UserId { get; set; }
    public string? UserName { get; set; }
    public required string Action { get; set; }
    public required string EntityType { get; set; }
    public required string EntityId { get; set; }
    public string? Reason { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
}
