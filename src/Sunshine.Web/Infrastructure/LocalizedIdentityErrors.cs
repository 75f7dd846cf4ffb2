using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Sunshine.Web.Infrastructure;

/// <summary>Identity's account and password errors in the user's language (its defaults are English only).</summary>
public sealed class LocalizedIdentityErrors(IStringLocalizer<SharedResource> L) : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = L["IdentityPasswordTooShort", length] };
    public override IdentityError PasswordRequiresDigit() => new() { Code = nameof(PasswordRequiresDigit), Description = L["IdentityPasswordRequiresDigit"] };
    public override IdentityError PasswordRequiresLower() => new() { Code = nameof(PasswordRequiresLower), Description = L["IdentityPasswordRequiresLower"] };
    public override IdentityError PasswordRequiresUpper() => new() { Code = nameof(PasswordRequiresUpper), Description = L["IdentityPasswordRequiresUpper"] };
    public override IdentityError PasswordMismatch() => new() { Code = nameof(PasswordMismatch), Description = L["PasswordWrong"] };
    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = L["IdentityDuplicateUserName", userName] };
    public override IdentityError InvalidUserName(string? userName) => new() { Code = nameof(InvalidUserName), Description = L["IdentityInvalidUserName", userName ?? ""] };
}
