using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sunshine.Data.Entities;
using Sunshine.Domain.Directory;
using Sunshine.Domain.Petitions;

namespace Sunshine.Web.Tests.Security;

/// <summary>
/// One authorization mechanism for every endpoint: a user of county A can neither read nor change anything of
/// county B, while the provincial bureau (acting for the province) sees both.
/// </summary>
public abstract class ScopeTests(TestApp app)
{
    private async Task<(Organisation A, Organisation B, long PetitionA, long PetitionB)> TwoCountiesAsync()
    {
        var a = await app.OrganisationAsync("小店区信访局");
        var b = await app.OrganisationAsync("迎泽区信访局");
        await using var db = app.NewContext();
        var category = await db.Categories.FirstAsync(c => c.Level == 2);
        Petition New(Organisation unit, string number) => new()
        {
            CaseNumber = number + Guid.NewGuid().ToString("N")[..8],
            QueryCodeHash = new byte[32],
            Channel = Channel.Letter,
            Purpose = Purpose.Request,
            CategoryId = category.Id,
            IssueLocalityCode = unit.DivisionCode,
            PetitionerName = "张三",
            Summary = "反映拖欠工资问题",
            Content = "本人在某工地务工，工资被拖欠三个月。",
            ReceivedOn = new DateOnly(2026, 3, 2),
            RegisteredAt = new DateTime(2026, 3, 2, 2, 0, 0, DateTimeKind.Utc),
            RegisteringOrganisationId = unit.Id,
            Status = PetitionStatus.Registered,
            RuleSetCode = "xf2022",
        };
        var pa = New(a, "A");
        var pb = New(b, "B");
        db.Petitions.AddRange(pa, pb);
        await db.SaveChangesAsync();
        return (a, b, pa.Id, pb.Id);
    }

    [Fact]
    public async Task County_A_user_cannot_read_county_B_organisation_or_petition()
    {
        var (a, b, petitionA, petitionB) = await TwoCountiesAsync();
        var (user, password) = await app.CreateUserAsync(a.Id, includeSubordinates: false, StaffRoles.Registrar);
        using var client = await app.SignedInClientAsync(user, password);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/organisations/{a.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/organisations/{b.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/petitions/{petitionA}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/petitions/{petitionB}")).StatusCode);

        var list = await client.GetFromJsonAsync<JsonElement>("/api/petitions");
        var ids = list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToList();
        Assert.Contains(petitionA, ids);
        Assert.DoesNotContain(petitionB, ids);

        var search = await client.GetFromJsonAsync<JsonElement>("/api/organisations?q=" + Uri.EscapeDataString("迎泽区"));
        Assert.Equal(0, search.GetArrayLength());
    }

    [Fact]
    public async Task County_A_administrator_cannot_change_county_B()
    {
        var (a, b, _, _) = await TwoCountiesAsync();
        var government = await app.OrganisationAsync("小店区人民政府");
        var (user, password) = await app.CreateUserAsync(government.Id, includeSubordinates: true, StaffRoles.Administrator);
        using var client = await app.SignedInClientAsync(user, password);

        var rename = await client.PutAsJsonAsync($"/api/organisations/{b.Id}", new { name = "改名", isActive = false });
        Assert.Equal(HttpStatusCode.NotFound, rename.StatusCode);
        var child = await client.PostAsJsonAsync("/api/organisations", new { name = "迎泽区某办公室", kind = "Department", parentId = b.Id });
        Assert.Equal(HttpStatusCode.NotFound, child.StatusCode);
        var account = await client.PostAsJsonAsync("/api/users", new { userName = "intruder", displayName = "越权", organisationId = b.Id, includeSubordinates = false, roles = new[] { "Registrar" } });
        Assert.Equal(HttpStatusCode.BadRequest, account.StatusCode);
        var token = await client.PostAsJsonAsync("/api/tokens", new { name = "越权令牌", organisationId = b.Id });
        Assert.Equal(HttpStatusCode.BadRequest, token.StatusCode);

        // Within its own subtree the same administrator may act.
        var own = await client.PutAsJsonAsync($"/api/organisations/{a.Id}", new { name = a.Name, isActive = true });
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);

        await using var db = app.NewContext();
        var unchanged = await db.Organisations.SingleAsync(o => o.Id == b.Id);
        Assert.Equal("迎泽区信访局", unchanged.Name);
        Assert.True(unchanged.IsActive);
        Assert.False(await db.Users.AnyAsync(u => u.UserName == "intruder"));
    }

    [Fact]
    public async Task The_provincial_bureau_sees_every_county()
    {
        var (_, _, petitionA, petitionB) = await TwoCountiesAsync();
        var bureau = await app.OrganisationAsync("山西省信访局");
        var (user, password) = await app.CreateUserAsync(bureau.Id, includeSubordinates: true, StaffRoles.BureauLeader);
        using var client = await app.SignedInClientAsync(user, password);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/petitions/{petitionA}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/petitions/{petitionB}")).StatusCode);
    }

    [Fact]
    public async Task Non_administrators_cannot_use_administration_endpoints()
    {
        var a = await app.OrganisationAsync("小店区信访局");
        var (user, password) = await app.CreateUserAsync(a.Id, includeSubordinates: true, StaffRoles.Registrar);
        using var client = await app.SignedInClientAsync(user, password);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/tokens")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PutAsJsonAsync($"/api/organisations/{a.Id}", new { name = "x", isActive = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PutAsJsonAsync("/api/calendar/days/2027-01-01", new { kind = "PublicHoliday", note = "元旦" })).StatusCode);
    }

    [Fact]
    public async Task Anonymous_callers_get_401_from_the_api_and_a_login_redirect_from_the_console()
    {
        using var client = app.NewClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/petitions")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/dashboard")).StatusCode);
        var console = await client.GetAsync("/console");
        Assert.Equal(HttpStatusCode.Redirect, console.StatusCode);
        Assert.StartsWith("/account/login", console.Headers.Location!.OriginalString.Replace(app.BaseAddress.ToString().TrimEnd('/'), "", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}

[Collection("sqlite")]
public sealed class SqliteScopeTests(SqliteApp app) : ScopeTests(app), IClassFixture<SqliteApp>;

[Collection("postgres")]
public sealed class PostgresScopeTests(PostgresApp app) : ScopeTests(app), IClassFixture<PostgresApp>;
