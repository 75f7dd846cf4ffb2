using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Sunshine.Data.Entities;
using Sunshine.Domain.Directory;
using Sunshine.Domain.Petitions;

namespace Sunshine.Web.Tests.Reception;

/// <summary>
/// Hearings (听证) and the statutory clock, on a clock that starts at 2026-09-16 10:00 in Beijing and is moved on by the
/// test. Each test class has its own app, so moving its clock touches no other test.
/// </summary>
public abstract class HearingTestBase(TestApp app)
{
    protected TestApp App => app;

    protected FakeTimeProvider Clock => (FakeTimeProvider)app.Services.GetRequiredService<TimeProvider>();

    protected void SetBeijing(DateTime local) => Clock.SetUtcNow(new DateTimeOffset(local.AddHours(-8), TimeSpan.Zero));

    protected async Task<HttpClient> UnitOfficerAsync()
    {
        var unit = await app.OrganisationAsync("小店区人力资源和社会保障局");
        var (user, password) = await app.CreateUserAsync(unit.Id, false, StaffRoles.HandlingOfficer);
        return await app.SignedInClientAsync(user, password);
    }

    /// <summary>A letter registered on 2026-09-16 and brought, in its history, to the given state at the unit on that day.</summary>
    protected async Task<long> CaseAsync(PetitionStatus status)
    {
        var bureau = await app.OrganisationAsync("小店区信访局");
        var unit = await app.OrganisationAsync("小店区人力资源和社会保障局");
        var (user, password) = await app.CreateUserAsync(bureau.Id, true, StaffRoles.Registrar);
        var registrar = await app.SignedInClientAsync(user, password);
        var response = await registrar.PostAsJsonAsync("/api/petitions", new
        {
            channel = "Letter", purpose = "Request", issueLocalityCode = "140105000000", summary = "反映养老保险待遇", content = "养老保险待遇核定有误，请求重新核定。",
            petitioner = new { name = "韩梅", phone = "13500005555" },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var on = new DateOnly(2026, 9, 16);
        await using var db = app.NewContext();
        var petition = await db.Petitions.SingleAsync(p => p.Id == id);
        petition.Status = status;
        petition.ResponsibleOrganisationId = unit.Id;
        petition.TransferredOn = on;
        petition.AcceptedOn = on;
        // The steps before (tested with the workflow) as the history records them.
        string[] steps = status == PetitionStatus.UnderReexamination
            ? ["transfer", "accept", "issue-opinion", "request-review", "issue-review-opinion", "request-reexamination"]
            : ["transfer", "accept"];
        if (status == PetitionStatus.UnderReexamination) petition.OpinionIssuedOn = on;
        foreach (var step in steps)
            db.PetitionEvents.Add(new PetitionEvent { PetitionId = id, At = new DateTime(2026, 9, 16, 2, 0, 0, DateTimeKind.Utc), On = on, Action = step, ToStatus = status, IsPublic = true });
        // Re-examination: 30 日 from 9/16 (Art. 36) — 14 days to 9/30 and 16 in October → 2026-10-16. Handling: 60 日 → 2026-11-15.
        petition.DueOn = status == PetitionStatus.UnderReexamination ? new DateOnly(2026, 10, 16) : new DateOnly(2026, 11, 15);
        await db.SaveChangesAsync();
        return id;
    }

    protected static async Task<JsonElement> PostAsync(HttpClient client, string url, object body, HttpStatusCode expected)
    {
        var response = await client.PostAsJsonAsync(url, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{url}: expected {expected}, got {response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}

/// <summary>Art. 36: hearing days are not counted in the re-examination's 30 日.</summary>
public abstract class ReexaminationHearingTests(TestApp app) : HearingTestBase(app)
{
    [Fact]
    public async Task A_hearing_in_reexamination_stops_the_clock_and_its_end_moves_the_stored_due_date()
    {
        SetBeijing(new DateTime(2026, 9, 16, 10, 0, 0));
        var id = await CaseAsync(PetitionStatus.UnderReexamination);
        var officer = await UnitOfficerAsync();

        var scheduled = await PostAsync(officer, $"/api/petitions/{id}/hearings", new
        {
            scheduledAt = "2026-09-21T09:30:00", place = "区信访局听证室", participants = "韩梅（信访人）\n区人社局（承办单位）\n听证员三名",
        }, HttpStatusCode.Created);
        Assert.True(scheduled.GetProperty("pausesClock").GetBoolean());
        var hearing = scheduled.GetProperty("id").GetInt64();
        await PostAsync(officer, $"/api/petitions/{id}/hearings/{hearing}/notice", new { }, HttpStatusCode.NoContent);
        await PostAsync(officer, $"/api/petitions/{id}/hearings", new { scheduledAt = "2026-09-22T09:30:00", place = "另一地点", participants = "甲" }, HttpStatusCode.Conflict);
        var early = await PostAsync(officer, $"/api/petitions/{id}/hearings/{hearing}/end", new { outcome = "结果" }, HttpStatusCode.Conflict);
        Assert.Equal("听证当前状态不允许此操作。", early.GetProperty("title").GetString());

        // The hearing starts on Monday 2026-09-21: that day is not counted, so the re-examination is due a day later, 10/17.
        SetBeijing(new DateTime(2026, 9, 21, 9, 30, 0));
        officer = await UnitOfficerAsync();
        var started = await PostAsync(officer, $"/api/petitions/{id}/hearings/{hearing}/start", new { }, HttpStatusCode.OK);
        Assert.Equal("2026-10-17", started.GetProperty("dueOn").GetString());

        // Two days on, the deadline view counts the running hearing through today: 9/21–9/23, 3 日 → 2026-10-19.
        SetBeijing(new DateTime(2026, 9, 23, 16, 0, 0));
        officer = await UnitOfficerAsync();
        var running = await officer.GetFromJsonAsync<JsonElement>($"/api/petitions/{id}");
        Assert.Equal("2026-10-19", running.GetProperty("dueOn").GetString());
        await using (var during = App.NewContext())
            Assert.Equal(new DateOnly(2026, 10, 17), (await during.Petitions.SingleAsync(p => p.Id == id)).DueOn);   // stored on the start, moved at the end
        var noOpinion = await PostAsync(officer, $"/api/petitions/{id}/actions/IssueReexaminationOpinion", new { opinion = "Support" }, HttpStatusCode.Forbidden);
        Assert.Equal(JsonValueKind.Object, noOpinion.ValueKind);

        var ended = await PostAsync(officer, $"/api/petitions/{id}/hearings/{hearing}/end", new { outcome = "听证认为原复查意见认定事实清楚，建议维持。" }, HttpStatusCode.OK);
        // Ended on 9/23: 9/21, 9/22 and 9/23 are not counted (a stop from A to B excludes both, DOMAIN.md §1.4): 10/16 + 3 = 2026-10-19.
        Assert.Equal("2026-10-19", ended.GetProperty("dueOn").GetString());
        await using var db = App.NewContext();
        var petition = await db.Petitions.SingleAsync(p => p.Id == id);
        Assert.Equal(new DateOnly(2026, 10, 19), petition.DueOn);
        var stored = await db.Hearings.SingleAsync(h => h.Id == hearing);
        Assert.Equal((HearingStatus.Held, new DateOnly(2026, 9, 21), new DateOnly(2026, 9, 23)), (stored.Status, stored.HeldFrom!.Value, stored.HeldTo!.Value));
        var actions = await db.PetitionEvents.Where(e => e.PetitionId == id && e.Id > 0).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync();
        Assert.Equal(["hearing-scheduled", "hearing-notice", "start-hearing", "end-hearing"], actions.SkipWhile(a => a != "hearing-scheduled").ToArray());
        Assert.True(await db.PetitionEvents.AnyAsync(e => e.PetitionId == id && e.Action == "hearing-notice" && e.IsPublic));

        // Ten days later the view still says 10/19 — the hearing is over — and shows the pause with its article.
        SetBeijing(new DateTime(2026, 10, 3, 10, 0, 0));
        officer = await UnitOfficerAsync();
        var view = await officer.GetFromJsonAsync<JsonElement>($"/api/petitions/{id}");
        Assert.Equal("2026-10-19", view.GetProperty("dueOn").GetString());
        var lines = view.GetProperty("dueExplanation").EnumerateArray().Select(l => l.GetString()!).ToList();
        Assert.Contains(lines, l => l.Contains("第三十六条", StringComparison.Ordinal) && l.Contains("due 2026-10-16", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("clock stopped 2026-09-21 to 2026-09-23 (听证)", StringComparison.Ordinal) && l.Contains("3 日 not counted: due 2026-10-19", StringComparison.Ordinal));
    }
}

/// <summary>During handling (Art. 34) the statute stops no clock for a hearing.</summary>
public abstract class HandlingHearingTests(TestApp app) : HearingTestBase(app)
{
    [Fact]
    public async Task A_hearing_while_handling_is_recorded_but_the_clock_runs_on()
    {
        SetBeijing(new DateTime(2026, 9, 16, 10, 0, 0));
        var id = await CaseAsync(PetitionStatus.Accepted);
        var officer = await UnitOfficerAsync();
        var scheduled = await PostAsync(officer, $"/api/petitions/{id}/hearings", new { scheduledAt = "2026-09-17T09:00:00", place = "区人社局会议室", participants = "韩梅" }, HttpStatusCode.Created);
        Assert.False(scheduled.GetProperty("pausesClock").GetBoolean());
        var hearing = scheduled.GetProperty("id").GetInt64();
        var missing = await PostAsync(officer, $"/api/petitions/{id}/hearings", new { place = "", participants = "" }, HttpStatusCode.BadRequest);
        Assert.True(missing.GetProperty("errors").TryGetProperty("scheduledAt", out _));

        SetBeijing(new DateTime(2026, 9, 17, 9, 0, 0));
        officer = await UnitOfficerAsync();
        await PostAsync(officer, $"/api/petitions/{id}/hearings/{hearing}/start", new { }, HttpStatusCode.OK);
        var noOutcome = await PostAsync(officer, $"/api/petitions/{id}/hearings/{hearing}/end", new { }, HttpStatusCode.BadRequest);
        Assert.True(noOutcome.GetProperty("errors").TryGetProperty("outcome", out _));
        var ended = await PostAsync(officer, $"/api/petitions/{id}/hearings/{hearing}/end", new { outcome = "双方陈述意见，已记录在案。" }, HttpStatusCode.OK);
        // Art. 34's 60 日 from 9/16 have no clock stop for hearings: still 2026-11-15.
        Assert.Equal("2026-11-15", ended.GetProperty("dueOn").GetString());
        await using var db = App.NewContext();
        Assert.Equal(["hearing-scheduled", "hearing-started", "hearing-held"],
            await db.PetitionEvents.Where(e => e.PetitionId == id && e.Action.StartsWith("hearing")).OrderBy(e => e.Id).Select(e => e.Action).ToArrayAsync());
    }
}

[Collection("sqlite")]
public sealed class SqliteReexaminationHearingTests(SqliteClockApp app) : ReexaminationHearingTests(app), IClassFixture<SqliteClockApp>;

[Collection("postgres")]
public sealed class PostgresReexaminationHearingTests(PostgresClockApp app) : ReexaminationHearingTests(app), IClassFixture<PostgresClockApp>;

[Collection("sqlite")]
public sealed class SqliteHandlingHearingTests(SqliteClockApp app) : HandlingHearingTests(app), IClassFixture<SqliteClockApp>;

[Collection("postgres")]
public sealed class PostgresHandlingHearingTests(PostgresClockApp app) : HandlingHearingTests(app), IClassFixture<PostgresClockApp>;
