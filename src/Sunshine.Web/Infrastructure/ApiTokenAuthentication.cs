using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Sunshine.Data;

namespace Sunshine.Web.Infrastructure;

/// <summary>
/// Bearer tokens for system integrations (mailbox channels): <c>sun_{prefix}_{secret}</c>. The prefix finds the row;
/// the secret is compared by its SHA-256 in constant time. Revoked tokens fail.
/// </summary>
public sealed class ApiTokenAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, SunshineDbContext db, TimeProvider time,
    ApiTokenLastUse lastUse)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";
    public const string IntegrationRole = "Integration";

    /// <summary>How stale <c>ApiToken.LastUsedAt</c> may be.</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public static (string Token, string Prefix, byte[] Hash) NewToken()
    {
        var prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        return ($"sun_{prefix}_{secret}", prefix, SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer sun_", StringComparison.Ordinal)) return AuthenticateResult.NoResult();
        var parts = header["Bearer ".Length..].Split('_', 3);
        if (parts.Length != 3) return AuthenticateResult.Fail("Malformed token.");
        var token = await db.ApiTokens.AsNoTracking().Include(t => t.Organisation).SingleOrDefaultAsync(t => t.Prefix == parts[1]);
        if (token is null || token.RevokedAt is not null) return AuthenticateResult.Fail("Unknown or revoked token.");
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(parts[2]));
        if (!CryptographicOperations.FixedTimeEquals(hash, token.SecretHash)) return AuthenticateResult.Fail("Unknown or revoked token.");

        // The last use is shown to the minute (admin token list), so it is written at most once a minute: written on every
        // call it made each integration message a write transaction of its own (on SQLite one write lock and one fsync
        // each) before the intake queue could commit the messages together. Of the calls that find it stale at once (a
        // client's first burst all read the same row) only the one that claims the write updates it; the others do not
        // wait on the row's lock. The update is conditional, so another node's write of the same minute is kept.
        var now = time.GetUtcNow().UtcDateTime;
        if (lastUse.Claim(token.Id, token.LastUsedAt, now))
        {
            var stale = now - LastUsedResolution;
            await db.ApiTokens.Where(t => t.Id == token.Id && (t.LastUsedAt == null || t.LastUsedAt <= stale))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now));
        }
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, "token:" + token.Id),
                new Claim(ClaimTypes.Name, "token:" + token.Name),
                new Claim(ClaimTypes.Role, IntegrationRole),
                .. UserScope.ClaimsFor(token.Organisation!, includeSubordinates: false),
                .. token.Channel is null ? Array.Empty<Claim>() : [new Claim("sunshine:channel", token.Channel)],
            ],
            SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}

/// <summary>
/// The API tokens whose last use this app node has claimed to write, and when: the first call after
/// <see cref="ApiTokenAuthentication.LastUsedResolution"/> claims the write, the calls running beside it skip it.
/// </summary>
public sealed class ApiTokenLastUse
{
    private readonly ConcurrentDictionary<int, DateTime> _claimed = new();

    /// <summary>True for exactly one caller while the token's stored and claimed last use are both older than the resolution.</summary>
    public bool Claim(int tokenId, DateTime? stored, DateTime now)
    {
        var known = _claimed.TryGetValue(tokenId, out var claimed);
        var last = known && (stored is null || claimed > stored) ? claimed : stored;
        if (last is { } at && now - at < ApiTokenAuthentication.LastUsedResolution) return false;
        return known ? _claimed.TryUpdate(tokenId, now, claimed) : _claimed.TryAdd(tokenId, now);
    }
}
