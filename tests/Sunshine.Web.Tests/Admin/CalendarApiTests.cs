using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sunshine.Domain.Directory;

namespace Sunshine.Web.Tests.Admin;

/// <summary>The holiday table as administrators keep it, and deadlines explained through the API.</summary>
public abstract class CalendarApiTests(TestApp app)
{
    private async Task<HttpClient> AdminAsync()
    {
        var bureau = await app.OrganisationAsync("山西省信访局");
        var (user, password) = await app.CreateUserAsync(bureau.Id, true, StaffRoles.Administrator);
        return await app.SignedInClientAsync(user, password);
    }

    [Fact]
    public async Task The_handling_deadline_is_explained_with_its_rule_and_extension()
    {
        using var client = await AdminAsync();
        // DOMAIN.md §1.4: accepted 2021-01-14 under the 2005 《信访条例》 → due 2021-03-15; +30 日 approved 2021-03-01 → 2021-04-14.
        var body = await client.GetFromJsonAsync<JsonElement>("/api/calendar/deadline?rule=petition.handling&start=2021-01-14&extension=30&extensionApprovedOn=2021-03-01");
        Assert.Equal("2021-04-14", body.GetProperty("dueOn").GetString());
        var explanation = string.Join("\n", body.GetProperty("explanation").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("2021-03-15", explanation, StringComparison.Ordinal);
        Assert.Contains("《信访条例》第三十三条", explanation, StringComparison.Ordinal);

        // 2022 rules from 2022-05-01: the objection limit of Art. 23 counts working days over the Dragon Boat Festival.
        // Received 2022-05-31 (Tue): 6/1 Wed, 6/2 Thu, (6/3–6/5 holiday), 6/6 Mon, 6/7 Tue, 6/8 Wed → due 2022-06-08.
        var objection = await client.GetFromJsonAsync<JsonElement>("/api/calendar/deadline?rule=petition.objection&start=2022-05-31");
        Assert.Equal("2022-06-08", objection.GetProperty("dueOn").GetString());
    }

    [Fact]
    public async Task Bad_deadline_questions_get_problem_details()
    {
        using var client = await AdminAsync();
        var badDate = await client.GetAsync("/api/calendar/deadline?rule=petition.handling&start=2021-02-30");
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        var unknownRule = await client.GetAsync("/api/calendar/deadline?rule=no.such.rule&start=2021-02-03");
        Assert.Equal(HttpStatusCode.BadRequest, unknownRule.StatusCode);
        var overCap = await client.GetAsync("/api/calendar/deadline?rule=petition.handling&start=2023-03-01&extension=45&extensionApprovedOn=2023-04-20");
        Assert.Equal(HttpStatusCode.BadRequest, overCap.StatusCode);
        Assert.Equal("application/problem+json", overCap.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_new_years_notice_is_entered_and_then_counts()
    {
        using var client = await AdminAsync();
        var before = await client.GetFromJsonAsync<JsonElement>("/api/calendar/2027");
        Assert.False(before.GetProperty("noticeLoaded").GetBoolean());
        var warned = await client.GetFromJsonAsync<JsonElement>("/api/calendar/deadline?rule=petition.objection&start=2026-12-30");
        Assert.NotEqual(0, warned.GetProperty("warnings").GetArrayLength());

        // A make-up day must be a weekend day: 2027-01-04 is a Monday.
        var wrong = await client.PutAsJsonAsync("/api/calendar/days/2027-01-04", new { kind = "MakeUpWorkingDay", note = "元旦调休" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var error = (await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("kind")[0].GetString();
        Assert.Equal("调休上班日只能是星期六或星期日。", error);

        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync("/api/calendar/days/2027-01-01", new { kind = "PublicHoliday", note = "元旦" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsJsonAsync("/api/calendar/notices/2027", new { source = "国务院办公厅关于2027年部分节假日安排的通知" })).StatusCode);
        var after = await client.GetFromJsonAsync<JsonElement>("/api/calendar/2027");
        Assert.True(after.GetProperty("noticeLoaded").GetBoolean());
        Assert.Single(after.GetProperty("days").EnumerateArray());

        // 2026-12-30 (Wed) + 5 working days: 12/31 Thu, (1/1 holiday, 1/2–1/3 weekend), 1/4 Mon, 1/5, 1/6, 1/7 → 2027-01-07.
        var counted = await client.GetFromJsonAsync<JsonElement>("/api/calendar/deadline?rule=petition.objection&start=2026-12-30");
        Assert.Equal("2027-01-07", counted.GetProperty("dueOn").GetString());
        Assert.Equal(0, counted.GetProperty("warnings").GetArrayLength());

        await using var db = app.NewContext();
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == "calendar.set" && e.EntityId == "2027-01-01"));
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == "calendar.notice" && e.EntityId == "2027"));
    }
}

[Collection("sqlite")]
public sealed class SqliteCalendarApiTests(SqliteApp app) : CalendarApiTests(app), IClassFixture<SqliteApp>;

[Collection("postgres")]
public sealed class PostgresCalendarApiTests(PostgresApp app) : CalendarApiTests(app), IClassFixture<PostgresApp>;
