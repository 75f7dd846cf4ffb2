using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Sunshine.Data.Entities;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Account;

public sealed record LoginForm(string? UserName, string? Password, string? ReturnUrl);
public sealed record TwoFactorForm(string? Code, string? ReturnUrl);
public sealed record ChangePasswordForm(string? CurrentPassword, string? NewPassword, string? ConfirmPassword);

/// <summary>
/// Sign-in for staff, as plain HTML form posts so the login works without JavaScript. Failed attempts count toward
/// lockout; a first login with a one-time password must choose a new one.
/// </summary>
public static class AccountEndpoints
{
    public const string MustChangePasswordClaim = "sunshine:must_change_password";

    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/account").ExcludeFromDescription();
        group.MapPost("/login", LoginAsync);
        group.MapPost("/login-2fa", TwoFactorAsync);
        group.MapPost("/change-password", ChangePasswordAsync).RequireAuthorization(Policies.Staff);
        group.MapPost("/logout", async (SignInManager<StaffUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("/");
        });
    }

    public static void MapCultureEndpoint(this IEndpointRouteBuilder app) =>
        app.MapGet("/culture", (string? name, string? redirect, HttpContext http) =>
        {
            var culture = SunshineApp.Cultures.FirstOrDefault(c => c.Name == name) ?? SunshineApp.Cultures[0];
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.MaxValue.AddDays(-1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            return TypedResults.LocalRedirect(SafeReturn(redirect, "/"));
        }).ExcludeFromDescription();

    private static async Task<IResult> LoginAsync([FromForm] LoginForm form, SignInManager<StaffUser> signIn, UserManager<StaffUser> users)
    {
        var returnUrl = SafeReturn(form.ReturnUrl, "/console");
        if (string.IsNullOrWhiteSpace(form.UserName) || string.IsNullOrEmpty(form.Password))
            return Back("/account/login", "missing", returnUrl);
        var result = await signIn.PasswordSignInAsync(form.UserName.Trim(), form.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.RequiresTwoFactor) return Back("/account/login-2fa", null, returnUrl);
        if (result.IsLockedOut) return Back("/account/login", "locked", returnUrl);
        if (!result.Succeeded) return Back("/account/login", "invalid", returnUrl);
        var user = await users.FindByNameAsync(form.UserName.Trim());
        return TypedResults.LocalRedirect(user!.MustChangePassword ? "/account/change-password" : returnUrl);
    }

    private static async Task<IResult> TwoFactorAsync([FromForm] TwoFactorForm form, SignInManager<StaffUser> signIn)
    {
        var returnUrl = SafeReturn(form.ReturnUrl, "/console");
        var code = (form.Code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (code.Length == 0) return Back("/account/login-2fa", "missing", returnUrl);
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.IsLockedOut) return Back("/account/login", "locked", returnUrl);
        if (!result.Succeeded) return Back("/account/login-2fa", "invalid", returnUrl);
        return TypedResults.LocalRedirect(returnUrl);
    }

    private static async Task<IResult> ChangePasswordAsync([FromForm] ChangePasswordForm form, HttpContext http, UserManager<StaffUser> users, SignInManager<StaffUser> signIn, Audit audit, Sunshine.Data.SunshineDbContext db)
    {
        var user = await users.GetUserAsync(http.User);
        if (user is null) return TypedResults.LocalRedirect("/account/login");
        if (string.IsNullOrEmpty(form.CurrentPassword) || string.IsNullOrEmpty(form.NewPassword))
            return TypedResults.LocalRedirect("/account/change-password?error=missing");
        if (form.NewPassword != form.ConfirmPassword)
            return TypedResults.LocalRedirect("/account/change-password?error=mismatch");
        var result = await users.ChangePasswordAsync(user, form.CurrentPassword, form.NewPassword);
        if (!result.Succeeded)
        {
            var code = result.Errors.Any(e => e.Code == "PasswordMismatch") ? "wrong" : "weak";
            return TypedResults.LocalRedirect("/account/change-password?error=" + code);
        }
        user.MustChangePassword = false;
        await users.UpdateAsync(user);
        audit.Record(UserScope.From(http.User), "user.password", nameof(StaffUser), user.Id);
        await db.SaveChangesAsync();
        await signIn.RefreshSignInAsync(user);
        return TypedResults.LocalRedirect("/console");
    }

    private static IResult Back(string page, string? error, string returnUrl)
    {
        var query = "?returnUrl=" + Uri.EscapeDataString(returnUrl) + (error is null ? "" : "&error=" + error);
        return TypedResults.LocalRedirect(page + query);
    }

    /// <summary>Only local paths: an open redirect would let a phishing link borrow our login page.</summary>
    public static string SafeReturn(string? url, string fallback) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : fallback;
}
