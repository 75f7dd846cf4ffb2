using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Sunshine.Data.Entities;
using Sunshine.Domain.Directory;

namespace Sunshine.Web.Tests.Security;

public abstract class AccountTests(TestApp app)
{
    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_for_the_right_password()
    {
        var unit = await app.OrganisationAsync("太原市信访局");
        var (user, password) = await app.CreateUserAsync(unit.Id, false, StaffRoles.Registrar);
        using var client = app.NewClient();
        for (var i = 0; i < 5; i++)
        {
            var wrong = await TestApp.LoginAsync(client, user, "Wrong-Password-1");
            Assert.Contains("error=", wrong.Headers.Location!.ToString(), StringComparison.Ordinal);
        }
        var right = await TestApp.LoginAsync(client, user, password);
        Assert.Contains("error=locked", right.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/dashboard")).StatusCode);
    }

    [Fact]
    public async Task The_first_administrator_must_replace_the_one_time_password_before_working()
    {
        var bureau = await app.OrganisationAsync("山西省信访局");
        var created = await CreateViaApiAsync(bureau.Id);
        using var client = app.NewClient();
        var login = await TestApp.LoginAsync(client, created.UserName, created.Password);
        Assert.EndsWith("/account/change-password", login.Headers.Location!.ToString(), StringComparison.Ordinal);
        var blocked = await client.GetAsync("/api/dashboard");
        Assert.Equal(HttpStatusCode.Forbidden, blocked.StatusCode);

        var page = await client.GetStringAsync("/account/change-password");
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var change = await client.PostAsync("/account/change-password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["CurrentPassword"] = created.Password,
            ["NewPassword"] = "Brand-New-Pass-1",
            ["ConfirmPassword"] = "Brand-New-Pass-1",
            ["__RequestVerificationToken"] = token,
        }));
        Assert.EndsWith("/console", change.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/dashboard")).StatusCode);
        await using var db = app.NewContext();
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == "user.password" && e.EntityId == created.Id));
    }

    private async Task<(string Id, string UserName, string Password)> CreateViaApiAsync(int organisationId)
    {
        var (admin, password) = await app.CreateUserAsync(organisationId, true, StaffRoles.Administrator);
        using var client = await app.SignedInClientAsync(admin, password);
        var name = "new" + Guid.NewGuid().ToString("N")[..8];
        var response = await client.PostAsJsonAsync("/api/users", new { userName = name, displayName = "新同事", organisationId, includeSubordinates = false, roles = new[] { "Registrar" } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("id").GetString()!, name, body.GetProperty("oneTimePassword").GetString()!);
    }

    [Fact]
    public async Task An_administrator_resets_a_locked_out_password_within_scope_only()
    {
        var city = await app.OrganisationAsync("太原市信访局");
        var (user, oldPassword) = await app.CreateUserAsync(city.Id, false, StaffRoles.Registrar);
        using (var locked = app.NewClient())
            for (var i = 0; i < 5; i++) await TestApp.LoginAsync(locked, user, "Wrong-Password-1");
        string id;
        await using (var db = app.NewContext())
            id = (await db.Users.SingleAsync(u => u.UserName == user)).Id;

        // An administrator of another city cannot reach the account, and nothing changes.
        var other = await app.OrganisationAsync("大同市信访局");
        var (outsider, outsiderPassword) = await app.CreateUserAsync(other.Id, true, StaffRoles.Administrator);
        using (var client = await app.SignedInClientAsync(outsider, outsiderPassword))
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/users/{id}/reset-password", null)).StatusCode);
        await using (var db = app.NewContext())
            Assert.False(await db.AuditEntries.AnyAsync(e => e.Action == "user.reset-password" && e.EntityId == id));

        // A handling officer is not an administrator.
        var (officer, officerPassword) = await app.CreateUserAsync(city.Id, true, StaffRoles.HandlingOfficer);
        using (var client = await app.SignedInClientAsync(officer, officerPassword))
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync($"/api/users/{id}/reset-password", null)).StatusCode);

        var (admin, adminPassword) = await app.CreateUserAsync(city.Id, true, StaffRoles.Administrator);
        string oneTime;
        using (var client = await app.SignedInClientAsync(admin, adminPassword))
        {
            var reset = await client.PostAsync($"/api/users/{id}/reset-password", null);
            Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
            var body = await reset.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(user, body.GetProperty("userName").GetString());
            oneTime = body.GetProperty("oneTimePassword").GetString()!;
            var listed = await client.GetFromJsonAsync<JsonElement>("/api/users");
            Assert.False(listed.EnumerateArray().Single(u => u.GetProperty("id").GetString() == id).GetProperty("isLockedOut").GetBoolean());
        }
        Assert.NotEqual(oldPassword, oneTime);

        using var own = app.NewClient();
        var refused = await TestApp.LoginAsync(own, user, oldPassword);
        Assert.Contains("error=", refused.Headers.Location!.ToString(), StringComparison.Ordinal);
        var login = await TestApp.LoginAsync(own, user, oneTime);
        Assert.EndsWith("/account/change-password", login.Headers.Location!.ToString(), StringComparison.Ordinal);
        await using (var db = app.NewContext())
        {
            var entry = await db.AuditEntries.SingleAsync(e => e.Action == "user.reset-password" && e.EntityId == id);
            Assert.DoesNotContain(oneTime, entry.After ?? "", StringComparison.Ordinal);
            var account = await db.Users.SingleAsync(u => u.Id == id);
            Assert.True(account.MustChangePassword);
            Assert.DoesNotContain(oneTime, account.PasswordHash!, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Bad_input_gets_problem_details_in_Chinese_and_writes_nothing()
    {
        var bureau = await app.OrganisationAsync("山西省信访局");
        var (admin, password) = await app.CreateUserAsync(bureau.Id, true, StaffRoles.Administrator);
        using var client = await app.SignedInClientAsync(admin, password);
        await using var before = app.NewContext();
        var count = await before.Organisations.CountAsync();

        var response = await client.PostAsJsonAsync("/api/organisations", new { name = "", kind = "Department", parentId = bureau.ParentId });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("请填写名称。", problem.GetProperty("errors").GetProperty("name")[0].GetString());

        var weak = await client.PostAsJsonAsync("/api/users", new { userName = "bad name!", displayName = "", organisationId = bureau.Id, roles = new[] { "King" } });
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        var errors = (await weak.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("请填写姓名。", errors.GetProperty("displayName")[0].GetString());
        Assert.Equal("“King”不是有效的角色。", errors.GetProperty("roles")[0].GetString());

        var english = await client.PostAsJsonAsync("/api/organisations?culture=en-US", new { name = "", kind = "Department", parentId = bureau.ParentId });
        var englishProblem = await english.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("name is required.", englishProblem.GetProperty("errors").GetProperty("name")[0].GetString());

        var malformed = await client.PostAsync("/api/organisations", new StringContent("{\"name\": ", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);

        await using var after = app.NewContext();
        Assert.Equal(count, await after.Organisations.CountAsync());
    }

    [Fact]
    public async Task Api_tokens_work_until_revoked_and_only_their_hash_is_stored()
    {
        var bureau = await app.OrganisationAsync("山西省信访局");
        var (admin, password) = await app.CreateUserAsync(bureau.Id, true, StaffRoles.Administrator);
        using var client = await app.SignedInClientAsync(admin, password);
        var created = await client.PostAsJsonAsync("/api/tokens", new { name = "省长信箱接口", organisationId = bureau.Id, channel = "GovernorMailbox" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var token = body.GetProperty("token").GetString()!;
        var id = body.GetProperty("id").GetInt32();

        using var integration = app.NewClient();
        integration.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var whoami = await integration.GetFromJsonAsync<JsonElement>("/api/integration/whoami");
        Assert.Equal(bureau.Id, whoami.GetProperty("organisationId").GetInt32());
        Assert.Equal("GovernorMailbox", whoami.GetProperty("channel").GetString());
        // A token is not a staff login.
        Assert.Equal(HttpStatusCode.Unauthorized, (await integration.GetAsync("/api/dashboard")).StatusCode);

        await using (var db = app.NewContext())
        {
            var row = await db.ApiTokens.SingleAsync(t => t.Id == id);
            Assert.DoesNotContain(token.Split('_')[2], Convert.ToHexStringLower(row.SecretHash), StringComparison.Ordinal);
            Assert.Equal(32, row.SecretHash.Length);
            Assert.NotNull(row.LastUsedAt);
        }
        // The last use is kept to the minute: a second call right after writes nothing (each write would be a
        // transaction of its own in front of the intake queue's group commit).
        DateTime? firstUse;
        await using (var db = app.NewContext()) firstUse = (await db.ApiTokens.SingleAsync(t => t.Id == id)).LastUsedAt;
        await integration.GetFromJsonAsync<JsonElement>("/api/integration/whoami");
        await using (var db = app.NewContext()) Assert.Equal(firstUse, (await db.ApiTokens.SingleAsync(t => t.Id == id)).LastUsedAt);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/tokens/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await integration.GetAsync("/api/integration/whoami")).StatusCode);
        using var forged = app.NewClient();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token[..^2] + "00");
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/integration/whoami")).StatusCode);
    }

    /// <summary>
    /// A client's first burst of calls all find the token's last use stale at once; each writing it queued them on the
    /// token's row (up to 397 ms each at 1M on PostgreSQL). Every call of the burst is answered and the last use is set.
    /// </summary>
    [Fact]
    public async Task A_fresh_tokens_first_calls_at_once_are_all_answered_and_its_last_use_is_set()
    {
        var bureau = await app.OrganisationAsync("山西省信访局");
        var (admin, password) = await app.CreateUserAsync(bureau.Id, true, StaffRoles.Administrator);
        using var client = await app.SignedInClientAsync(admin, password);
        var created = await (await client.PostAsJsonAsync("/api/tokens", new { name = "并发接口", organisationId = bureau.Id, channel = "GovernorMailbox" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetInt32();
        using var integration = app.NewClient();
        integration.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.GetProperty("token").GetString());

        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => integration.GetAsync("/api/integration/whoami")));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        await using var db = app.NewContext();
        Assert.NotNull((await db.ApiTokens.SingleAsync(t => t.Id == id)).LastUsedAt);
    }

    /// <summary>Of the calls that find a token's last use stale at once, one writes it; a minute later the next one does.</summary>
    [Fact]
    public void One_call_at_a_time_claims_a_tokens_last_use_write()
    {
        var lastUse = new Sunshine.Web.Infrastructure.ApiTokenLastUse();
        var now = new DateTime(2026, 11, 27, 8, 0, 0, DateTimeKind.Utc);
        Assert.Equal(1, Enumerable.Range(0, 64).AsParallel().Count(_ => lastUse.Claim(1, null, now)));
        Assert.False(lastUse.Claim(1, null, now.AddSeconds(59)));
        Assert.True(lastUse.Claim(1, null, now.AddSeconds(60)));
        // Written by another node (the stored value) within the minute: not written again; a stale one is.
        Assert.False(lastUse.Claim(2, now.AddSeconds(-30), now));
        Assert.True(lastUse.Claim(3, now.AddMinutes(-2), now));
    }

    [Fact]
    public async Task Totp_two_factor_is_asked_for_after_the_password()
    {
        var unit = await app.OrganisationAsync("大同市信访局");
        var (user, password) = await app.CreateUserAsync(unit.Id, false, StaffRoles.Registrar);
        string key;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var account = await users.FindByNameAsync(user);
            await users.ResetAuthenticatorKeyAsync(account!);
            key = (await users.GetAuthenticatorKeyAsync(account!))!;
            await users.SetTwoFactorEnabledAsync(account!, true);
        }
        using var client = app.NewClient();
        var login = await TestApp.LoginAsync(client, user, password);
        Assert.Contains("/account/login-2fa", login.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/dashboard")).StatusCode);

        async Task<HttpResponseMessage> SendCode(string code)
        {
            var page = await client.GetStringAsync("/account/login-2fa");
            var antiforgery = Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
            return await client.PostAsync("/account/login-2fa", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Code"] = code, ["ReturnUrl"] = "/console", ["__RequestVerificationToken"] = antiforgery,
            }));
        }
        var wrong = await SendCode("000000" == Totp.Code(key, DateTimeOffset.FromUnixTimeSeconds(0)) ? "111111" : "000000");
        Assert.Contains("error=invalid", wrong.Headers.Location!.ToString(), StringComparison.Ordinal);
        var right = await SendCode(Totp.Code(key, TimeProvider.System.GetUtcNow()));
        Assert.EndsWith("/console", right.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/dashboard")).StatusCode);
    }
}

[Collection("sqlite")]
public sealed class SqliteAccountTests(SqliteApp app) : AccountTests(app), IClassFixture<SqliteApp>;

[Collection("postgres")]
public sealed class PostgresAccountTests(PostgresApp app) : AccountTests(app), IClassFixture<PostgresApp>;
