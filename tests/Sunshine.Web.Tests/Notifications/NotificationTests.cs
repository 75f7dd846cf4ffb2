using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Domain.Directory;
using Sunshine.Web.Features.Notifications;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Tests.Notifications;

/// <summary>An app on the 2026-09-16 clock with the SMS file sink and an SMTP server of its own.</summary>
public class NotificationApp : TestApp
{
    private NotificationApp(DatabaseProvider provider, FakeSmtpServer smtp, string smsPath) : base(provider, time: TestClock.New(), settings: new Dictionary<string, string?>
    {
        ["Notifications:Sms:Gateway"] = "File",
        ["Notifications:Sms:Path"] = smsPath,
        ["Notifications:Smtp:Host"] = "127.0.0.1",
        ["Notifications:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Notifications:Smtp:Security"] = "None",
        ["Notifications:Smtp:From"] = "阳光信访 <noreply@sunshine.test>",
    })
    {
        Smtp = smtp;
        SmsPath = smsPath;
    }

    protected NotificationApp(DatabaseProvider provider)
        : this(provider, new FakeSmtpServer(), Path.Combine(Path.GetTempPath(), "sunshine-sms-" + Guid.NewGuid().ToString("N") + ".jsonl"))
    {
    }

    public FakeSmtpServer Smtp { get; }
    public string SmsPath { get; }

    /// <summary>The lines the SMS file sink has written so far.</summary>
    public List<JsonElement> SmsLines() =>
        File.Exists(SmsPath) ? File.ReadAllLines(SmsPath).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList() : [];
}

public sealed class SqliteNotificationApp() : NotificationApp(DatabaseProvider.Sqlite);
public sealed class PostgresNotificationApp() : NotificationApp(DatabaseProvider.Postgres);

/// <summary>
/// Deadline reminders, petitioners' texts and the delivery of both, on a clock standing at 2026-09-16 (a Wednesday).
/// Sweeps run at instants the test names; every reminder date below is counted by hand from the statute and the 2026
/// holiday notice (9/25–9/27 and 10/1–10/7 off, 9/20 and 10/10 worked). Each test works in a unit of its own, so the
/// people responsible are exactly the ones it creates.
/// </summary>
public abstract class NotificationTests(NotificationApp app)
{
    private sealed record Staff(HttpClient Client, string UserId);

    /// <summary>09:00 in Beijing on that day of 2026.</summary>
    private static DateTime At(int month, int day) => new(2026, month, day, 1, 0, 0, DateTimeKind.Utc);

    private async Task<Staff> StaffAsync(int organisationId, params string[] roles)
    {
        var (name, password) = await app.CreateUserAsync(organisationId, false, roles);
        await using var db = app.NewContext();
        var id = await db.Users.Where(u => u.UserName == name).Select(u => u.Id).SingleAsync();
        return new Staff(await app.SignedInClientAsync(name, password), id);
    }

    /// <summary>A department's desk officer (registers and handles: Art. 23, the unit that receives an item handles it) and its leader.</summary>
    private async Task<(int Unit, Staff Desk, Staff Leader)> UnitAsync(string name)
    {
        var unit = await app.OrganisationAsync(name);
        return (unit.Id, await StaffAsync(unit.Id, StaffRoles.Registrar, StaffRoles.HandlingOfficer), await StaffAsync(unit.Id, StaffRoles.UnitLeader));
    }

    private static async Task<JsonElement> RegisterAsync(HttpClient desk, string? phone = "13700002222")
    {
        var response = await desk.PostAsJsonAsync("/api/petitions", new
        {
            channel = "Letter", purpose = "Request", issueLocalityCode = "140105000000",
            summary = "反映公司拖欠工资", content = "某公司自今年五月起拖欠员工工资，请求督促支付。",
            petitioner = new { name = "陈明", phone },
        });
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.Created, json.ToString());
        return json;
    }

    private static async Task<JsonElement> ActAsync(HttpClient client, long id, string action, object body)
    {
        var response = await client.PostAsJsonAsync($"/api/petitions/{id}/actions/{action}", body);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{action}: {response.StatusCode}: {json}");
        return json;
    }

    private static DeadlineSweep SweepOf(IServiceProvider services) => services.GetServices<IHostedService>().OfType<DeadlineSweep>().Single();

    private static NotificationDelivery DeliveryOf(IServiceProvider services) => services.GetServices<IHostedService>().OfType<NotificationDelivery>().Single();

    private async Task<int> SweepAsync(DateTime now)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await SweepOf(app.Services).RunAtAsync(scope.ServiceProvider, now, default);
    }

    private async Task<int> DeliverAsync(DateTime now)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await DeliveryOf(app.Services).RunAtAsync(scope.ServiceProvider, now, default);
    }

    private async Task<List<Notification>> RowsAsync(params long[] petitions)
    {
        await using var db = app.NewContext();
        return await db.Notifications.AsNoTracking().Where(n => n.PetitionId != null && petitions.Contains(n.PetitionId.Value)).OrderBy(n => n.Id).ToListAsync();
    }

    /// <summary>The staff reminders of these cases as "kind:case:due:user", in a fixed order.</summary>
    private async Task<string[]> RemindersAsync(params long[] petitions) =>
        (await RowsAsync(petitions)).Where(n => n.Kind.StartsWith("deadline-", StringComparison.Ordinal))
            .Select(n => n.EventKey[..n.EventKey.LastIndexOf(':')]).Order(StringComparer.Ordinal).ToArray();

    private static string Key(string kind, long petition, string due, Staff who) => $"{kind}:{petition}:{due}:{who.UserId}";

    [Fact]
    public async Task Reminders_fall_on_the_days_counted_by_hand_in_days_and_in_working_days()
    {
        var (_, desk, leader) = await UnitAsync("小店区教育局");

        // A: registered on 2026-09-16 and left waiting. 15 日 (Art. 22) → 2026-10-01, counted in 日; a petition limit does
        // not roll past the National Day holiday (DOMAIN.md §1.4).
        var a = await RegisterAsync(desk.Client, phone: null);
        Assert.Equal("2026-10-01", a.GetProperty("transferDueOn").GetString());
        var caseA = a.GetProperty("id").GetInt64();

        // B: accepted for simplified handling on 2026-09-16: 10 工作日 — 9/17 (1), 9/18 (2), 9/19 Sat off, 9/20 Sun worked (3),
        // 9/21–9/24 (4–7), 9/25–9/27 Mid-Autumn off, 9/28 (8), 9/29 (9), 9/30 (10) → 2026-09-30.
        var caseB = (await RegisterAsync(desk.Client, phone: null)).GetProperty("id").GetInt64();
        Assert.Equal("2026-09-30", (await ActAsync(desk.Client, caseB, "Accept", new { simplified = true })).GetProperty("dueOn").GetString());

        // 3 units before: B on 9/23 still has 4 working days left (9/24, 9/28, 9/29, 9/30): nothing yet.
        await SweepAsync(At(9, 23));
        Assert.Empty(await RemindersAsync(caseA, caseB));

        // 9/24: 3 working days left (9/28, 9/29, 9/30) — in calendar days it would be 6: the holiday counts for nothing.
        await SweepAsync(At(9, 24));
        string[] afterB = [Key("deadline-before", caseB, "2026-09-30", desk), Key("deadline-before", caseB, "2026-09-30", leader)];
        Assert.Equal(afterB.Order(StringComparer.Ordinal), await RemindersAsync(caseA, caseB));

        // The holiday weekend: B still yellow (3 working days left), nothing again; on 9/27 A has 4 days left (9/28–10/01).
        await SweepAsync(At(9, 26));
        await SweepAsync(At(9, 27));
        Assert.Equal(afterB.Order(StringComparer.Ordinal), await RemindersAsync(caseA, caseB));

        // 9/28: A has 3 days left (9/29, 9/30, 10/01) → its reminder.
        await SweepAsync(At(9, 28));
        // 10/01, the day after B's due date (a holiday, which does not matter once a date has passed): B overdue; A is due today.
        await SweepAsync(At(10, 1));
        Assert.DoesNotContain(await RemindersAsync(caseA), k => k.StartsWith("deadline-overdue", StringComparison.Ordinal));
        // 10/02: A overdue.
        await SweepAsync(At(10, 2));
        await SweepAsync(At(10, 9));

        string[] expected =
        [
            .. afterB,
            Key("deadline-overdue", caseB, "2026-09-30", desk), Key("deadline-overdue", caseB, "2026-09-30", leader),
            // While A waits for its transfer the registering unit's registrar is told too; the desk is both.
            Key("deadline-before", caseA, "2026-10-01", desk), Key("deadline-before", caseA, "2026-10-01", leader),
            Key("deadline-overdue", caseA, "2026-10-01", desk), Key("deadline-overdue", caseA, "2026-10-01", leader),
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), await RemindersAsync(caseA, caseB));
        var rows = await RowsAsync(caseA, caseB);
        // Console only: neither person has an e-mail address or a phone on record.
        Assert.All(rows, n => Assert.Equal(NotificationChannel.Console, n.Channel));
        var overdueA = rows.Single(n => n.EventKey.StartsWith(Key("deadline-overdue", caseA, "2026-10-01", leader), StringComparison.Ordinal));
        Assert.Contains(a.GetProperty("caseNumber").GetString()!, overdueA.Text, StringComparison.Ordinal);
        Assert.Contains("2026-10-01", overdueA.Text, StringComparison.Ordinal);
        Assert.Contains("超期", overdueA.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sweeping_again_adds_nothing_and_an_extension_brings_a_new_reminder()
    {
        var (_, desk, leader) = await UnitAsync("小店区民政局");
        var id = (await RegisterAsync(desk.Client, phone: null)).GetProperty("id").GetInt64();
        // Accepted on 9/16: 60 日 (Art. 34) → 2026-11-15.
        Assert.Equal("2026-11-15", (await ActAsync(desk.Client, id, "Accept", new { })).GetProperty("dueOn").GetString());

        await SweepAsync(At(11, 11));   // 4 days left
        Assert.Empty(await RemindersAsync(id));
        await SweepAsync(At(11, 12));   // 3 days left
        string[] first = [Key("deadline-before", id, "2026-11-15", desk), Key("deadline-before", id, "2026-11-15", leader)];
        Assert.Equal(first.Order(StringComparer.Ordinal), await RemindersAsync(id));

        // The same pass again, on the same day and the next: the outbox already holds these events.
        await SweepAsync(At(11, 12));
        await SweepAsync(At(11, 14));
        Assert.Equal(2, (await RowsAsync(id)).Count);

        // The leader extends by 30 日: 2026-11-15 + 30 → 2026-12-15. No overdue reminder for the old date.
        Assert.Equal("2026-12-15", (await ActAsync(leader.Client, id, "Extend", new { extensionDays = 30, reason = "涉及多名当事人，需进一步调查" })).GetProperty("dueOn").GetString());
        await SweepAsync(At(11, 16));
        Assert.Equal(first.Order(StringComparer.Ordinal), await RemindersAsync(id));
        await SweepAsync(At(12, 12));
        await SweepAsync(At(12, 12));
        await SweepAsync(At(12, 16));
        string[] all =
        [
            .. first,
            Key("deadline-before", id, "2026-12-15", desk), Key("deadline-before", id, "2026-12-15", leader),
            Key("deadline-overdue", id, "2026-12-15", desk), Key("deadline-overdue", id, "2026-12-15", leader),
        ];
        Assert.Equal(all.Order(StringComparer.Ordinal), await RemindersAsync(id));
    }

    [Fact]
    public async Task The_petitioner_gets_the_query_code_and_the_reply_by_text_once_with_the_phone_kept_encrypted()
    {
        var (_, desk, leader) = await UnitAsync("小店区农业农村局");
        var registered = await RegisterAsync(desk.Client, phone: "13912345678");
        var id = registered.GetProperty("id").GetInt64();
        var caseNumber = registered.GetProperty("caseNumber").GetString()!;
        var queryCode = registered.GetProperty("queryCode").GetString()!;
        var silent = (await RegisterAsync(desk.Client, phone: null)).GetProperty("id").GetInt64();

        // Written with the case: the phone and the text (which holds the query code) are both encrypted in the outbox.
        var row = Assert.Single(await RowsAsync(id));
        Assert.Equal((PetitionerMessages.RegisteredKind, NotificationChannel.Sms, NotificationState.Pending), (row.Kind, row.Channel, row.State));
        Assert.True(row.TextProtected);
        Assert.DoesNotContain(queryCode, row.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("13912345678", row.AddressProtected!, StringComparison.Ordinal);
        Assert.Empty(await RowsAsync(silent));

        var now = TestClock.Start.UtcDateTime.AddMinutes(1);
        await DeliverAsync(now);
        await DeliverAsync(now.AddMinutes(5));
        var line = Assert.Single(app.SmsLines(), l => l.GetProperty("reference").GetInt64() == row.Id);
        Assert.Equal("13912345678", line.GetProperty("to").GetString());
        Assert.Contains(caseNumber, line.GetProperty("text").GetString()!, StringComparison.Ordinal);
        Assert.Contains(queryCode, line.GetProperty("text").GetString()!, StringComparison.Ordinal);

        // The handling opinion opens the evaluation and review window (Art. 35): the petitioner hears of it once.
        await ActAsync(desk.Client, id, "Accept", new { });
        await ActAsync(leader.Client, id, "IssueOpinion", new { opinion = "Support", reason = "经核实，责令该公司于十日内支付拖欠工资。" });
        await SweepAsync(now.AddHours(1));
        await SweepAsync(now.AddHours(2));
        var reply = Assert.Single(await RowsAsync(id), n => n.Kind == DeadlineSweep.ReplyKind);
        await DeliverAsync(now.AddHours(2));
        await DeliverAsync(now.AddHours(3));
        var replyLine = Assert.Single(app.SmsLines(), l => l.GetProperty("reference").GetInt64() == reply.Id);
        Assert.Contains(caseNumber, replyLine.GetProperty("text").GetString()!, StringComparison.Ordinal);
        Assert.DoesNotContain(queryCode, replyLine.GetProperty("text").GetString()!, StringComparison.Ordinal);
        await using var db = app.NewContext();
        Assert.Equal(NotificationState.Sent, (await db.Notifications.SingleAsync(n => n.Id == reply.Id)).State);
    }

    [Fact]
    public async Task A_reception_appointment_reminder_goes_out_through_the_outbox_the_day_before()
    {
        var bureau = await app.OrganisationAsync("小店区信访局");
        var (user, password) = await app.CreateUserAsync(bureau.Id, true, StaffRoles.Registrar);
        var registrar = await app.SignedInClientAsync(user, password);
        var startsAt = new DateTime(2026, 9, 18, 9, 0, 0);   // Beijing time
        var session = await registrar.PostAsJsonAsync("/api/reception/sessions", new
        {
            kind = "LeaderReception", leaderName = "王建国", leaderTitle = "区长", startsAt, endsAt = startsAt.AddHours(3),
            place = "小店区群众来访接待中心", matters = "劳动和社会保障", capacity = 5, isPublished = true,
        });
        Assert.Equal(HttpStatusCode.Created, session.StatusCode);
        var sessionId = (await session.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var booked = await app.NewClient().PostAsJsonAsync("/api/public/reception/appointments", new
        {
            sessionId, name = "李红", phone = "13812340000", matter = "单位拖欠工资三个月", attendees = 1, acceptPrivacyNotice = true,
        });
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        await using var db = app.NewContext();
        var reminder = await db.AppointmentReminders.AsNoTracking()
            .SingleAsync(m => db.Appointments.Any(a => a.Id == m.AppointmentId && a.SessionId == sessionId));
        // Due a day ahead: 9/17 09:00 in Beijing, 01:00 UTC.
        Assert.Equal(new DateTime(2026, 9, 17, 1, 0, 0, DateTimeKind.Utc), reminder.DueAt);

        await SweepAsync(new DateTime(2026, 9, 17, 0, 59, 0, DateTimeKind.Utc));
        Assert.False(await db.Notifications.AnyAsync(n => n.EventKey.StartsWith($"{DeadlineSweep.AppointmentKind}:{reminder.Id}:")));
        await SweepAsync(new DateTime(2026, 9, 17, 1, 0, 0, DateTimeKind.Utc));
        await SweepAsync(new DateTime(2026, 9, 17, 1, 30, 0, DateTimeKind.Utc));
        var row = await db.Notifications.AsNoTracking().SingleAsync(n => n.EventKey.StartsWith($"{DeadlineSweep.AppointmentKind}:{reminder.Id}:"));
        Assert.NotNull((await db.AppointmentReminders.AsNoTracking().SingleAsync(m => m.Id == reminder.Id)).SentAt);
        await DeliverAsync(new DateTime(2026, 9, 17, 1, 31, 0, DateTimeKind.Utc));
        var line = Assert.Single(app.SmsLines(), l => l.GetProperty("reference").GetInt64() == row.Id);
        Assert.Equal("13812340000", line.GetProperty("to").GetString());
        Assert.Contains("2026-09-18 09:00", line.GetProperty("text").GetString()!, StringComparison.Ordinal);
        Assert.Contains("小店区群众来访接待中心", line.GetProperty("text").GetString()!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_inbox_shows_each_user_only_their_own_and_explains_bad_input()
    {
        var (unit, desk, leader) = await UnitAsync("小店区公安局");
        var stranger = await StaffAsync((await app.OrganisationAsync("小店区交通运输局")).Id, StaffRoles.HandlingOfficer, StaffRoles.UnitLeader);
        var id = (await RegisterAsync(desk.Client, phone: null)).GetProperty("id").GetInt64();
        await SweepAsync(At(9, 28));   // due 10/01: the 3-day reminder

        var mine = await desk.Client.GetFromJsonAsync<JsonElement>("/api/notifications");
        var item = Assert.Single(mine.GetProperty("items").EnumerateArray(), i => i.GetProperty("petitionId").GetInt64() == id);
        Assert.Equal(1, mine.GetProperty("unread").GetInt32());
        var itemId = item.GetProperty("id").GetInt64();

        var theirs = await stranger.Client.GetFromJsonAsync<JsonElement>("/api/notifications");
        Assert.Equal(0, theirs.GetProperty("total").GetInt32());
        var notTheirs = await stranger.Client.PostAsync($"/api/notifications/{itemId}/read", null);
        Assert.Equal(HttpStatusCode.NotFound, notTheirs.StatusCode);
        Assert.Equal("没有这条消息。", (await notTheirs.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        // The leader's own copy is another row: marking the desk's leaves the leader's unread.
        Assert.Equal(HttpStatusCode.NoContent, (await desk.Client.PostAsync($"/api/notifications/{itemId}/read", null)).StatusCode);
        Assert.Equal(0, (await desk.Client.GetFromJsonAsync<JsonElement>("/api/notifications/unread-count")).GetProperty("count").GetInt32());
        Assert.Equal(1, (await leader.Client.GetFromJsonAsync<JsonElement>("/api/notifications/unread-count")).GetProperty("count").GetInt32());
        Assert.Equal(0, (await desk.Client.GetFromJsonAsync<JsonElement>("/api/notifications?unread=true")).GetProperty("total").GetInt32());
        var all = await leader.Client.PostAsync("/api/notifications/read-all", null);
        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        Assert.Equal(1, (await all.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("marked").GetInt32());

        var bad = await desk.Client.GetAsync("/api/notifications?page=0&unread=maybe");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("页码须为 1 至 100000 之间的整数。", problem.GetProperty("errors").GetProperty("page")[0].GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("unread", out _));
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.NewClient().GetAsync("/api/notifications")).StatusCode);

        // The console page and the header link, rendered for the leader (who has one more reminder after the overdue pass).
        await SweepAsync(At(10, 2));
        var page = await leader.Client.GetStringAsync("/console/notifications");
        Assert.Contains("data-testid=\"inbox-link\"", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"inbox-count\">1<", page, StringComparison.Ordinal);
        Assert.Contains("已超期", page, StringComparison.Ordinal);
        _ = unit;
    }

    [Fact]
    public async Task An_email_that_fails_is_recorded_and_retried_later_and_sent_once()
    {
        var (_, desk, leader) = await UnitAsync("小店区卫生健康局");
        await using (var db = app.NewContext())
            await db.Users.Where(u => u.Id == leader.UserId).ExecuteUpdateAsync(s => s.SetProperty(u => u.Email, "leader@weijian.test"));
        var id = (await RegisterAsync(desk.Client, phone: null)).GetProperty("id").GetInt64();
        var t = At(9, 28);
        await SweepAsync(t);
        var email = Assert.Single(await RowsAsync(id), n => n.Channel == NotificationChannel.Email);
        Assert.Equal(leader.UserId, email.RecipientUserId);
        Assert.DoesNotContain("leader@weijian.test", email.AddressProtected!, StringComparison.Ordinal);

        // The message as built: from the configured sender to the leader, subject and text of the reminder, and a
        // Message-Id made from the outbox row, the same on every attempt.
        var mime = app.Services.GetRequiredService<EmailSender>().Build(email.Id, "leader@weijian.test", email.Subject, email.Text);
        Assert.Equal("noreply@sunshine.test", mime.From.Mailboxes.Single().Address);
        Assert.Equal("leader@weijian.test", mime.To.Mailboxes.Single().Address);
        Assert.Equal(email.Subject, mime.Subject);
        Assert.Equal($"notification-{email.Id}@sunshine.test", mime.MessageId);
        Assert.Contains("2026-10-01", mime.TextBody, StringComparison.Ordinal);

        var before = app.Smtp.Messages.Count;
        app.Smtp.Refuse = true;
        await DeliverAsync(t);
        await using (var db = app.NewContext())
        {
            var failed = await db.Notifications.AsNoTracking().SingleAsync(n => n.Id == email.Id);
            Assert.Equal((NotificationState.Pending, 1, t.AddMinutes(1)), (failed.State, failed.Attempts, failed.NextAttemptAt));
            Assert.Contains("421", failed.LastError!, StringComparison.Ordinal);
            Assert.DoesNotContain("leader@weijian.test", failed.LastError!, StringComparison.Ordinal);
        }
        // Not before its next attempt is due, even with the server back.
        app.Smtp.Refuse = false;
        await DeliverAsync(t.AddSeconds(30));
        await using (var db = app.NewContext())
            Assert.Equal(1, (await db.Notifications.AsNoTracking().SingleAsync(n => n.Id == email.Id)).Attempts);
        Assert.Equal(before, app.Smtp.Messages.Count);

        await DeliverAsync(t.AddMinutes(1));
        await DeliverAsync(t.AddMinutes(2));
        await using (var db = app.NewContext())
        {
            var sent = await db.Notifications.AsNoTracking().SingleAsync(n => n.Id == email.Id);
            Assert.Equal((NotificationState.Sent, 2, (string?)null), (sent.State, sent.Attempts, sent.LastError));
        }
        var delivered = Assert.Single(app.Smtp.Messages, m => m.Contains($"notification-{email.Id}@sunshine.test", StringComparison.Ordinal));
        Assert.Contains("leader@weijian.test", delivered, StringComparison.Ordinal);
    }

    /// <summary>
    /// Two app instances on one database — separate service providers, DbContexts and worker instances with their own
    /// holder names — sweep and deliver at the same moment, several times: one outbox row and one SMS per event.
    /// </summary>
    protected async Task Two_instances_send_each_message_once()
    {
        var (unit, desk, leader) = await UnitAsync("小店区自然资源局");
        await using (var db = app.NewContext())
        {
            await db.Users.Where(u => u.Id == desk.UserId).ExecuteUpdateAsync(s => s.SetProperty(u => u.PhoneNumber, "13600000001"));
            await db.Users.Where(u => u.Id == leader.UserId).ExecuteUpdateAsync(s => s.SetProperty(u => u.PhoneNumber, "13600000002"));
        }
        var cases = new List<long>();
        for (var i = 0; i < 6; i++)
            cases.Add((await RegisterAsync(desk.Client, phone: "1350000000" + i)).GetProperty("id").GetInt64());

        var configuration = app.Services.GetRequiredService<IConfiguration>();
        var builder = SunshineApp.CreateBuilder(["--environment", "Testing"], b =>
            b.Configuration.AddInMemoryCollection(configuration.AsEnumerable().Where(kv => kv.Value is not null)));
        await using var second = SunshineApp.Build(builder);
        Assert.NotEqual(DeliveryOf(app.Services).Holder, DeliveryOf(second.Services).Holder);

        var now = At(10, 9);   // after the due date (10/01): overdue reminders for every case
        using var gate = new ManualResetEventSlim(false);
        async Task<int> Pass(IServiceProvider services, bool sweep)
        {
            await using var scope = services.CreateAsyncScope();
            gate.Wait();
            return sweep ? await SweepOf(services).RunAtAsync(scope.ServiceProvider, now, default)
                : await DeliveryOf(services).RunAtAsync(scope.ServiceProvider, now, default);
        }
        for (var round = 0; round < 3; round++)
        {
            gate.Reset();
            var passes = new[] { app.Services, second.Services, app.Services, second.Services }
                .SelectMany(s => new[] { Task.Run(() => Pass(s, true)), Task.Run(() => Pass(s, false)) }).ToList();
            gate.Set();
            await Task.WhenAll(passes);
        }
        // A last delivery each, so whatever the last sweeps added is sent too.
        gate.Set();
        await Task.WhenAll(Task.Run(() => Pass(app.Services, false)), Task.Run(() => Pass(second.Services, false)));

        var rows = await RowsAsync([.. cases]);
        // Per case: the registration text, and the overdue reminder to two people on two channels (console, SMS).
        Assert.Equal(cases.Count * 5, rows.Count);
        Assert.Equal(rows.Count, rows.Select(r => r.EventKey).Distinct().Count());
        var sms = rows.Where(r => r.Channel == NotificationChannel.Sms).ToList();
        Assert.Equal(cases.Count * 3, sms.Count);
        Assert.All(sms, r => Assert.Equal(NotificationState.Sent, r.State));
        var lines = app.SmsLines();
        foreach (var row in sms)
            Assert.Single(lines, l => l.GetProperty("reference").GetInt64() == row.Id);
        Assert.Equal(lines.Count, lines.Select(l => l.GetProperty("reference").GetInt64()).Distinct().Count());
        Assert.Equal(cases.Count * 2, lines.Count(l => l.GetProperty("to").GetString() is "13600000001" or "13600000002"
            && rows.Any(r => r.Id == l.GetProperty("reference").GetInt64())));
        _ = unit;
    }
}

[Collection("sqlite")]
public sealed class SqliteNotificationTests(SqliteNotificationApp app) : NotificationTests(app), IClassFixture<SqliteNotificationApp>;

[Collection("postgres")]
public sealed class PostgresNotificationTests(PostgresNotificationApp app) : NotificationTests(app), IClassFixture<PostgresNotificationApp>
{
    [Fact]
    public Task Two_app_instances_on_one_postgresql_send_each_message_once() => Two_instances_send_each_message_once();
}
