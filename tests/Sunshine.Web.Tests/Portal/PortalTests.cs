using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;
using Sunshine.Domain.Directory;
using Sunshine.Domain.Petitions;
using Sunshine.Web.Features.Petitions;
using Sunshine.Web.Features.Portal;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Tests.Portal;

/// <summary>
/// The citizen's side over HTTP, on a clock standing at 2026-09-16 10:00 in Beijing. Each test speaks from its own
/// loopback address (127.10.x.y), so the per-client limits and the query-code throttle of one test do not touch another.
/// Dates are counted by hand from the statute: petition limits are calendar days that do not roll over rest days.
/// </summary>
public abstract class PortalTests(TestApp app)
{
    private static int _clients;

    /// <summary>An HTTP client whose connections come from a loopback address of its own.</summary>
    private HttpClient Citizen()
    {
        var n = Interlocked.Increment(ref _clients);
        var address = new IPAddress([127, 10, (byte)(n / 250), (byte)(n % 250 + 1)]);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            CookieContainer = new CookieContainer(),
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(address, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var client = new HttpClient(handler) { BaseAddress = app.BaseAddress };
        client.DefaultRequestHeaders.Add("X-Test-Client", address.ToString());
        return client;
    }

    private static string AddressOf(HttpClient client) => client.DefaultRequestHeaders.GetValues("X-Test-Client").Single();

    private static object Petition(string locality = "140105001000", string purpose = "Request", string? idNumber = "11010519491231002X", string? submissionId = null) => new
    {
        issueLocalityCode = locality,
        purpose,
        summary = "反映小区冬季供暖温度不达标",
        content = "本人居住的小区自入冬以来室内温度长期低于十六度，多次向物业和供热公司反映均未解决，请求有关部门督促整改。",
        name = "李秀兰",
        idNumber,
        phone = "13912345678",
        address = "山西省太原市小店区坞城街道某小区5号楼",
        acceptPrivacyNotice = true,
        submissionId,
    };

    private static async Task<JsonElement> SubmitAsync(HttpClient client, object petition, HttpStatusCode expected = HttpStatusCode.Created)
    {
        var response = await client.PostAsJsonAsync("/api/public/petitions", petition);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(expected == response.StatusCode, $"expected {expected}, got {response.StatusCode}: {body}");
        return body;
    }

    private static Task<HttpResponseMessage> LookupAsync(HttpClient client, string caseNumber, string code) =>
        client.PostAsJsonAsync("/api/public/progress", new { caseNumber, queryCode = code });

    private async Task<HttpClient> StaffAsync(string unit, string role)
    {
        var organisation = await app.OrganisationAsync(unit);
        var (user, password) = await app.CreateUserAsync(organisation.Id, role == StaffRoles.Registrar, role);
        return await app.SignedInClientAsync(user, password);
    }

    private static async Task ActAsync(HttpClient staff, long id, string action, object body)
    {
        var response = await staff.PostAsJsonAsync($"/api/petitions/{id}/actions/{action}", body);
        Assert.True(response.IsSuccessStatusCode, $"{action}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private async Task<long> IdOfAsync(string caseNumber)
    {
        await using var db = app.NewContext();
        return await db.Petitions.Where(p => p.CaseNumber == caseNumber).Select(p => p.Id).SingleAsync();
    }

    /// <summary>
    /// A page that adds its own HeadContent replaces the layout's block, stylesheet included (the disclosure catalogue
    /// once went out unstyled that way): every public page carries the stylesheet and the feed link.
    /// </summary>
    [Theory]
    [InlineData("/")]
    [InlineData("/portal/petition")]
    [InlineData("/portal/progress")]
    [InlineData("/portal/policies")]
    [InlineData("/portal/guide")]
    [InlineData("/portal/replies")]
    [InlineData("/portal/reception")]
    [InlineData("/portal/disclosure")]
    [InlineData("/portal/disclosure/request")]
    [InlineData("/portal/disclosure/reports")]
    [InlineData("/kiosk")]
    public async Task Every_public_page_is_styled_and_announces_the_disclosure_feed(string path)
    {
        var response = await Citizen().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Matches(new Regex("<link rel=\"stylesheet\" href=\"[^\"]*portal\\.[^\"]*css\""), html);
        Assert.Contains("href=\"/portal/disclosure/feed.atom\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_page_is_explained_in_Chinese_while_the_API_keeps_problem_details()
    {
        var client = Citizen();
        var page = await client.GetAsync("/portal/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<h1>页面不存在</h1>", html, StringComparison.Ordinal);
        Assert.Contains("portal.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("ant-design", html, StringComparison.Ordinal);

        var api = await client.GetAsync("/api/no-such-endpoint");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Bad_submissions_are_explained_field_by_field_in_Chinese_and_nothing_is_written()
    {
        using var citizen = Citizen();
        await using (var before = app.NewContext())
        {
            var count = await before.Petitions.CountAsync();

            var empty = await SubmitAsync(citizen, new { issueLocalityCode = "140105001000" }, HttpStatusCode.BadRequest);
            var errors = empty.GetProperty("errors");
            Assert.Equal("提交的内容有误", empty.GetProperty("title").GetString());
            Assert.Equal("请选择信访目的。", errors.GetProperty("purpose")[0].GetString());
            Assert.Equal("请填写概况。", errors.GetProperty("summary")[0].GetString());
            Assert.Equal("请填写信访内容。", errors.GetProperty("content")[0].GetString());
            Assert.Equal("请填写信访人姓名。", errors.GetProperty("petitioner.name")[0].GetString());
            Assert.Equal("请填写联系电话。", errors.GetProperty("petitioner.phone")[0].GetString());
            Assert.Equal("请填写身份证号码。", errors.GetProperty("petitioner.idNumber")[0].GetString());
            Assert.Equal("请阅读并同意个人信息处理说明。", errors.GetProperty("acceptPrivacyNotice")[0].GetString());

            var badId = await SubmitAsync(citizen, Petition(idNumber: "110105194912310021"), HttpStatusCode.BadRequest);
            Assert.StartsWith("身份证号码不正确", badId.GetProperty("errors").GetProperty("petitioner.idNumber")[0].GetString(), StringComparison.Ordinal);
            var nowhere = await SubmitAsync(citizen, Petition(locality: "149999000000"), HttpStatusCode.BadRequest);
            Assert.Equal("行政区划代码 149999000000 不存在。", nowhere.GetProperty("errors").GetProperty("issueLocalityCode")[0].GetString());
            var notAgreed = await SubmitAsync(citizen, new { issueLocalityCode = "140105001000", purpose = "Suggestion", summary = "建议", content = "建议增设公交站点", name = "郑好", phone = "13700001111", acceptPrivacyNotice = false }, HttpStatusCode.BadRequest);
            Assert.Equal(["acceptPrivacyNotice"], notAgreed.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToArray());

            // The caller's language: English on request.
            var english = await citizen.PostAsJsonAsync("/api/public/petitions?culture=en-US", new { issueLocalityCode = "140105001000" });
            var englishErrors = (await english.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
            Assert.Equal("Choose the purpose of your petition.", englishErrors.GetProperty("purpose")[0].GetString());

            await using var after = app.NewContext();
            Assert.Equal(count, await after.Petitions.CountAsync());
        }

        // The page shows the same errors above the form, each linked to its field, and marks the fields.
        var (page, token, submission) = await FormAsync(citizen, "140105001000");
        Assert.Contains("坞城街道", page, StringComparison.Ordinal);
        var answer = await citizen.PostAsync("/portal/petition/form?place=140105001000", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["_handler"] = "petition", ["Form.Place"] = "140105001000", ["Form.SubmissionId"] = submission,
            ["Form.Purpose"] = "Request", ["Form.Summary"] = "反映供暖问题", ["Form.Name"] = "李秀兰", ["Form.Phone"] = "12345",
        }));
        var html = await answer.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("<title>错误： 网上信访", html, StringComparison.Ordinal);
        Assert.Matches("<a href=\"#f-content\">请填写信访内容。</a>", html);
        Assert.Matches("<a href=\"#f-phone\">联系电话不正确", html);
        Assert.Matches("id=\"f-phone\"[^>]*aria-invalid=\"true\"[^>]*aria-describedby=\"f-phone-error\"", html);
        Assert.Contains("value=\"反映供暖问题\"", html, StringComparison.Ordinal);   // what was typed is kept
        // Without its antiforgery token the form is refused.
        var forged = await citizen.PostAsync("/portal/petition/form?place=140105001000", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "petition", ["Form.Place"] = "140105001000", ["Form.Purpose"] = "Request",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    /// <summary>
    /// Online petitions go through the write queue like the integration API: a burst of citizens submitting at once is
    /// committed in groups, each answered only after the commit that holds its case (the case, its history event and its
    /// text message are readable the moment the answer arrives), a row the queue refuses (an unknown category, found only
    /// against the database) is answered with problem details and leaves nothing, and a form sent twice at once is one case.
    /// </summary>
    [Fact]
    public async Task A_burst_of_online_petitions_is_committed_through_the_write_queue_each_answered_after_its_commit()
    {
        var citizens = Enumerable.Range(0, 16).Select(_ => Citizen()).ToList();
        var twice = PublicPetitions.NewSubmissionId();
        var tasks = citizens.Select((citizen, i) => Task.Run(async () =>
        {
            object body = i switch
            {
                0 => new
                {
                    issueLocalityCode = "140105001000", purpose = "Request", categoryId = 987_654, summary = "未知分类的诉求", content = "分类编号不存在，此件应被拒绝且不留任何记录。",
                    name = "错分类", idNumber = "11010519491231002X", phone = "13900000000", acceptPrivacyNotice = true, submissionId = PublicPetitions.NewSubmissionId(),
                },
                1 or 2 => Petition(submissionId: twice),
                _ => new
                {
                    issueLocalityCode = "140105001000", purpose = "Suggestion", summary = $"建议第{i}号", content = $"第{i}位市民建议在小区门口增设公交站点，方便老人出行。",
                    name = $"市民{i}", phone = $"1370000{i:D4}", acceptPrivacyNotice = true, submissionId = PublicPetitions.NewSubmissionId(),
                },
            };
            var response = await citizen.PostAsJsonAsync("/api/public/petitions", body);
            var json = await response.Content.ReadFromJsonAsync<JsonElement>();
            // Answered after the commit: what the answer names is already stored, with its event and its message.
            string? stored = null;
            if (response.IsSuccessStatusCode)
            {
                await using var db = app.NewContext();
                var caseNumber = json.GetProperty("caseNumber").GetString()!;
                var petition = await db.Petitions.AsNoTracking().SingleAsync(p => p.CaseNumber == caseNumber);
                Assert.Equal(1, await db.PetitionEvents.CountAsync(e => e.PetitionId == petition.Id && e.Action == "register"));
                Assert.Equal(1, await db.Notifications.CountAsync(n => n.PetitionId == petition.Id));
                Assert.Equal(Channel.Online, petition.Channel);
                stored = petition.CaseNumber;
            }
            return (i, response.StatusCode, json, stored);
        })).ToList();
        var answers = await Task.WhenAll(tasks);
        foreach (var c in citizens) c.Dispose();

        var refused = answers.Single(a => a.i == 0);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("内容分类不存在。", refused.json.GetProperty("errors").GetProperty("categoryId")[0].GetString());
        var fresh = answers.Where(a => a.i >= 3).ToList();
        Assert.All(fresh, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        Assert.All(fresh, a => Assert.Equal(a.json.GetProperty("caseNumber").GetString(), a.stored));
        Assert.Equal(fresh.Count, fresh.Select(a => a.stored).Distinct().Count());
        Assert.All(fresh, a => Assert.Matches("^[A-HJ-NP-Z2-9]{8}$", a.json.GetProperty("queryCode").GetString()!));
        // The form sent twice: one case, one answer with the code and one saying it was already submitted.
        var pair = answers.Where(a => a.i is 1 or 2).OrderBy(a => a.StatusCode).ToList();
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Created], pair.Select(a => a.StatusCode).OrderBy(s => s).ToList());
        Assert.Equal(pair[0].stored, pair[1].stored);
        await using (var db = app.NewContext())
        {
            Assert.Equal(0, await db.Petitions.CountAsync(p => p.PetitionerName == "错分类"));
            Assert.Equal(1, await db.Petitions.CountAsync(p => p.ExternalId == twice && p.Channel == Channel.Online));
        }
    }

    [Fact]
    public async Task An_online_petition_is_registered_at_the_bureau_of_its_place_with_channel_online_and_a_working_code()
    {
        using var citizen = Citizen();
        var submission = PublicPetitions.NewSubmissionId();
        var receipt = await SubmitAsync(citizen, Petition(submissionId: submission));
        var caseNumber = receipt.GetProperty("caseNumber").GetString()!;
        var code = receipt.GetProperty("queryCode").GetString()!;
        Assert.Matches("^XF20260916[0-9]{7,}$", caseNumber);
        Assert.Matches("^[A-HJ-NP-Z2-9]{8}$", code);
        // 坞城街道 is a township of 小店区: its county's bureau registers it.
        Assert.Equal("小店区信访局", receipt.GetProperty("bureau").GetString());
        Assert.Equal("2026-09-16", receipt.GetProperty("submittedOn").GetString());
        // Art. 22: 15 日 from registration on 2026-09-16 → 2026-10-01 (14 days to 9/30, one more).
        Assert.Equal("2026-10-01", receipt.GetProperty("transferDueOn").GetString());
        Assert.False(receipt.TryGetProperty("possibleRepeats", out _));

        var bureau = await app.OrganisationAsync("小店区信访局");
        await using (var db = app.NewContext())
        {
            var petition = await db.Petitions.SingleAsync(p => p.CaseNumber == caseNumber);
            Assert.Equal(Channel.Online, petition.Channel);
            Assert.Equal(bureau.Id, petition.RegisteringOrganisationId);
            Assert.Equal("140105001000", petition.IssueLocalityCode);
            Assert.Equal(PetitionStatus.Registered, petition.Status);
            Assert.Equal(PetitionConventions.HashQueryCode(code), petition.QueryCodeHash);
            Assert.DoesNotContain("13912345678", petition.PhoneProtected!, StringComparison.Ordinal);
            Assert.Null(petition.RegisteredByUserId);
            Assert.Equal("register", (await db.PetitionEvents.SingleAsync(e => e.PetitionId == petition.Id)).Action);
        }

        // The code opens the case, typed in any case; a wrong one does not.
        var found = await LookupAsync(citizen, caseNumber.ToLowerInvariant(), code.ToLowerInvariant());
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Equal(caseNumber, (await found.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseNumber").GetString());
        var wrong = await LookupAsync(citizen, caseNumber, code == "AAAAAAAA" ? "BBBBBBBB" : "AAAAAAAA");
        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
        Assert.Equal("信访件编号或查询码不正确。", (await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());

        // The same form sent again registers nothing and shows no code.
        var again = await SubmitAsync(citizen, Petition(submissionId: submission), HttpStatusCode.OK);
        Assert.Equal(caseNumber, again.GetProperty("caseNumber").GetString());
        Assert.True(again.GetProperty("alreadySubmitted").GetBoolean());
        Assert.Equal(JsonValueKind.Null, again.GetProperty("queryCode").ValueKind);

        // A city-wide matter goes to the city's bureau, a province-wide one to the province's; a suggestion needs no ID number.
        var city = await SubmitAsync(citizen, Petition(locality: "140100000000", purpose: "Suggestion", idNumber: null));
        Assert.Equal("太原市信访局", city.GetProperty("bureau").GetString());
        var province = await SubmitAsync(citizen, Petition(locality: "140000000000"));
        Assert.Equal("山西省信访局", province.GetProperty("bureau").GetString());
    }

    [Fact]
    public async Task The_receipt_page_shows_the_code_once_and_its_QR_code_holds_the_case_number_only()
    {
        using var citizen = Citizen();
        var (_, token, submission) = await FormAsync(citizen, "140105001000");
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["_handler"] = "petition", ["Form.Place"] = "140105001000", ["Form.SubmissionId"] = submission,
            ["Form.Purpose"] = "Request", ["Form.CategoryId"] = "", ["Form.Summary"] = "反映小区冬季供暖温度不达标",
            ["Form.Content"] = "室内温度长期低于十六度，请求督促供热公司整改。", ["Form.Name"] = "李秀兰", ["Form.IdNumber"] = "11010519491231002X",
            ["Form.Phone"] = "13912345678", ["Form.AcceptPrivacyNotice"] = "true",
        };
        var response = await citizen.PostAsync("/portal/petition/form?place=140105001000", new FormUrlEncodedContent(fields));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        var caseNumber = Regex.Match(html, "data-testid=\"case-number\">([^<]+)<").Groups[1].Value;
        var code = Regex.Match(html, "data-testid=\"query-code\">([^<]+)<").Groups[1].Value;
        Assert.Matches("^XF20260916[0-9]{7,}$", caseNumber);
        Assert.Matches("^[A-HJ-NP-Z2-9]{8}$", code);

        // The QR code in the page is exactly the code of the progress address with the case number, nothing more.
        var expected = app.BaseAddress.ToString().TrimEnd('/') + "/portal/progress?case=" + caseNumber;
        Assert.DoesNotContain(code, expected, StringComparison.Ordinal);
        var svg = Regex.Match(html, "data-testid=\"qr\">(<svg.*?</svg>)", RegexOptions.Singleline).Groups[1].Value;
        Assert.StartsWith("<svg", svg, StringComparison.Ordinal);
        Assert.Equal(PublicPetitions.QrSvg(expected), svg);
        Assert.NotEqual(PublicPetitions.QrSvg(expected + "&code=" + code), svg);
        Assert.Contains($"data-testid=\"progress-url\">{expected}<", html, StringComparison.Ordinal);
        Assert.Equal(1, Regex.Count(html, code));   // shown once, in its own place

        // Reloading the posted form does not register again and does not show the code again.
        var again = await citizen.PostAsync("/portal/petition/form?place=140105001000", new FormUrlEncodedContent(fields));
        var second = await again.Content.ReadAsStringAsync();
        Assert.Contains($"data-testid=\"case-number\">{caseNumber}<", second, StringComparison.Ordinal);
        Assert.DoesNotContain(code, second, StringComparison.Ordinal);
        await using var db = app.NewContext();
        Assert.Equal(1, await db.Petitions.CountAsync(p => p.ExternalId == submission));
    }

    [Fact]
    public async Task Progress_shows_the_public_steps_only_with_personal_data_masked()
    {
        using var citizen = Citizen();
        var receipt = await SubmitAsync(citizen, Petition());
        var caseNumber = receipt.GetProperty("caseNumber").GetString()!;
        var code = receipt.GetProperty("queryCode").GetString()!;
        var id = await IdOfAsync(caseNumber);

        var registrar = await StaffAsync("小店区信访局", StaffRoles.Registrar);
        var wrongUnit = await StaffAsync("小店区人力资源和社会保障局", StaffRoles.HandlingOfficer);
        var officer = await StaffAsync("小店区住房和城乡建设局", StaffRoles.HandlingOfficer);
        var leader = await StaffAsync("小店区住房和城乡建设局", StaffRoles.UnitLeader);
        var hrb = await app.OrganisationAsync("小店区人力资源和社会保障局");
        var housing = await app.OrganisationAsync("小店区住房和城乡建设局");
        await ActAsync(registrar, id, "Transfer", new { targetOrganisationId = hrb.Id, reason = "内部备注：该户曾多次来访" });
        await ActAsync(wrongUnit, id, "Object", new { reason = "供暖不属于本局职责，退回重新转送" });
        await ActAsync(registrar, id, "Transfer", new { targetOrganisationId = housing.Id });
        await ActAsync(officer, id, "Accept", new { });
        await ActAsync(leader, id, "Extend", new { extensionDays = 30, reason = "需要会同供热公司现场检测室温" });

        var response = await LookupAsync(citizen, caseNumber, code);
        var text = await response.Content.ReadAsStringAsync();
        var view = JsonDocument.Parse(text).RootElement;
        var steps = view.GetProperty("events").EnumerateArray().ToList();
        // The objection is between the units and the bureau (internal); the rest is the petitioner's to see.
        Assert.Equal(new[] { "register", "transfer", "transfer", "accept", "extend" }, steps.Select(e => e.GetProperty("action").GetString()!).ToArray());
        Assert.Equal("小店区信访局", steps[1].GetProperty("by").GetString());
        Assert.Equal("小店区人力资源和社会保障局", steps[1].GetProperty("to").GetString());
        Assert.Equal("小店区住房和城乡建设局", steps[2].GetProperty("to").GetString());
        Assert.Equal("需要会同供热公司现场检测室温", steps[4].GetProperty("reason").GetString());   // told why (Art. 34)
        Assert.Equal("延长 30 日", steps[4].GetProperty("note").GetString());
        Assert.DoesNotContain("内部备注", text, StringComparison.Ordinal);
        Assert.DoesNotContain("退回重新转送", text, StringComparison.Ordinal);
        Assert.DoesNotContain("测试用户", text, StringComparison.Ordinal);   // no staff names
        Assert.DoesNotContain("13912345678", text, StringComparison.Ordinal);
        Assert.DoesNotContain("1949", text, StringComparison.Ordinal);
        Assert.DoesNotContain("5号楼", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"id\"", text, StringComparison.Ordinal);
        Assert.Equal("李**", view.GetProperty("petitioner").GetString());
        Assert.Equal("小店区住房和城乡建设局", view.GetProperty("responsibleUnit").GetString());
        // Accepted on 2026-09-16: 60 日 → 2026-11-15 (Art. 34), extended by 30 日 → 2026-12-15.
        Assert.Equal("2026-12-15", view.GetProperty("dueOn").GetString());
        Assert.Equal("出具处理意见的期限（第三十四条）", view.GetProperty("dueText").GetString());
        Assert.False(view.GetProperty("evaluation").GetProperty("isOpen").GetBoolean());
        Assert.Equal("收到答复后可以评价。", view.GetProperty("evaluation").GetProperty("note").GetString());

        // Another petitioner's code does not open this case.
        var other = await SubmitAsync(citizen, Petition());
        Assert.Equal(HttpStatusCode.NotFound, (await LookupAsync(citizen, caseNumber, other.GetProperty("queryCode").GetString()!)).StatusCode);

        // The page shows the same, after the code was typed into its form.
        var page = await citizen.GetStringAsync("/portal/progress?case=" + caseNumber);
        Assert.Contains($"value=\"{caseNumber}\"", page, StringComparison.Ordinal);
        var shown = await citizen.PostAsync("/portal/progress?case=" + caseNumber, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(page), ["_handler"] = "progress", ["Lookup.CaseNumber"] = caseNumber, ["Lookup.QueryCode"] = code,
        }));
        var html = await shown.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"due-on\">2026-12-15<", html, StringComparison.Ordinal);
        Assert.Equal(5, Regex.Count(html, "<span class=\"when\">"));
        Assert.DoesNotContain("内部备注", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_codes_wait_longer_and_longer_after_five_but_the_right_code_never_waits()
    {
        using var citizen = Citizen();
        var (caseNumber, code, wrong, clock) = await CaseToGuessAsync(citizen);

        // Five mistakes are free: each answered without waiting.
        for (var i = 1; i <= QueryCodeThrottle.FreeFailures; i++)
        {
            var free = await LookupAsync(citizen, caseNumber, wrong);
            Assert.Equal(HttpStatusCode.NotFound, free.StatusCode);
            Assert.Equal(0, (await free.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("delaySeconds").GetInt32());
        }

        // The sixth waits 1 s and the seventh 2 s on the app's clock; while the sixth waits, the right code from the same
        // client is answered at once.
        foreach (var expectedSeconds in new[] { 1, 2 })
        {
            var pending = LookupAsync(citizen, caseNumber, wrong);
            Assert.NotSame(pending, await Task.WhenAny(pending, Task.Delay(700)));
            var right = LookupAsync(citizen, caseNumber, code);
            Assert.Same(right, await Task.WhenAny(right, Task.Delay(15_000)));
            Assert.Equal(HttpStatusCode.OK, (await right).StatusCode);
            Assert.False(pending.IsCompleted);

            var advanced = TimeSpan.Zero;
            while (!pending.IsCompleted && advanced < TimeSpan.FromSeconds(30))
            {
                clock.Advance(TimeSpan.FromMilliseconds(250));
                advanced += TimeSpan.FromMilliseconds(250);
                await Task.WhenAny(pending, Task.Delay(100));
            }
            var answer = await pending;
            Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
            Assert.Equal(expectedSeconds, (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("delaySeconds").GetInt32());
            Assert.True(advanced >= TimeSpan.FromSeconds(expectedSeconds), $"answered after {advanced} of the app's time");
        }

        // The count is kept in the database under a keyed hash of the client, not its address.
        await using (var db = app.NewContext())
        {
            var key = app.Services.GetRequiredService<PersonalData>().KeyedHash("query-client:" + AddressOf(citizen))!;
            Assert.Equal(QueryCodeThrottle.FreeFailures + 2, await db.QueryThrottles.Where(t => t.ClientKey == key).Select(t => t.Failures).SingleAsync());
        }

        // Another client is not slowed by this one's mistakes.
        using var neighbour = Citizen();
        var first = await LookupAsync(neighbour, caseNumber, wrong);
        Assert.Equal(0, (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("delaySeconds").GetInt32());
        Assert.Equal(new[] { 1, 2, 4, 8, 16, 32, 60, 60 }, Enumerable.Range(6, 8).Select(n => (int)QueryCodeThrottle.DelayAfter(n).TotalSeconds).ToArray());
    }

    /// <summary>A case submitted by <paramref name="citizen"/>: its number, its code, a wrong code, and the app's clock.</summary>
    private async Task<(string CaseNumber, string Code, string Wrong, FakeTimeProvider Clock)> CaseToGuessAsync(HttpClient citizen)
    {
        var receipt = await SubmitAsync(citizen, Petition());
        var code = receipt.GetProperty("queryCode").GetString()!;
        return (receipt.GetProperty("caseNumber").GetString()!, code, code == "AAAAAAAA" ? "BBBBBBBB" : "AAAAAAAA",
            (FakeTimeProvider)app.Services.GetRequiredService<TimeProvider>());
    }

    /// <summary>
    /// A wrong pair's delay is waited with the database connection given back: more clients sitting out their delays
    /// than the lookup's pool has connections (8 on PostgreSQL) do not keep a right pair from being answered.
    /// </summary>
    [Fact]
    public async Task Clients_waiting_out_their_delays_do_not_hold_the_lookups_connections()
    {
        using var owner = Citizen();
        var (caseNumber, code, wrong, clock) = await CaseToGuessAsync(owner);

        var guessers = Enumerable.Range(0, 10).Select(_ => Citizen()).ToList();
        foreach (var guesser in guessers)
            for (var i = 1; i <= QueryCodeThrottle.FreeFailures; i++)
                Assert.Equal(HttpStatusCode.NotFound, (await LookupAsync(guesser, caseNumber, wrong)).StatusCode);
        // Each guesser's sixth mistake waits 1 s on the app's clock, which stands still until the right pair is answered.
        var pending = guessers.Select(g => LookupAsync(g, caseNumber, wrong)).ToList();
        await Task.Delay(1000);
        Assert.All(pending, p => Assert.False(p.IsCompleted));
        var right = LookupAsync(owner, caseNumber, code);
        Assert.Same(right, await Task.WhenAny(right, Task.Delay(10_000)));
        Assert.Equal(HttpStatusCode.OK, (await right).StatusCode);

        while (pending.Any(p => !p.IsCompleted))
        {
            clock.Advance(TimeSpan.FromMilliseconds(250));
            await Task.WhenAny(Task.WhenAll(pending), Task.Delay(100));
        }
        foreach (var answer in await Task.WhenAll(pending))
            Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        foreach (var guesser in guessers) guesser.Dispose();
    }

    /// <summary>
    /// A request item registered on 2026-07-01, transferred to 小店区人力资源和社会保障局, accepted, and answered with a
    /// handling opinion on <paramref name="opinionOn"/> — all recorded by staff with their real dates. Registration
    /// stamps today's date, so the test moves the case's registration back to July first: that is its only shortcut.
    /// </summary>
    private async Task<(string CaseNumber, string Code, long Id)> AnsweredCaseAsync(DateOnly opinionOn)
    {
        using var citizen = Citizen();
        var receipt = await SubmitAsync(citizen, Petition(locality: "140105000000"));
        var caseNumber = receipt.GetProperty("caseNumber").GetString()!;
        var id = await IdOfAsync(caseNumber);
        var july = new DateOnly(2026, 7, 1);
        await using (var db = app.NewContext())
        {
            await db.Petitions.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.RegisteredOn, july).SetProperty(p => p.ReceivedOn, july));
            await db.PetitionEvents.Where(e => e.PetitionId == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.On, july));
        }
        var unit = await app.OrganisationAsync("小店区人力资源和社会保障局");
        await ActAsync(await StaffAsync("小店区信访局", StaffRoles.Registrar), id, "Transfer", new { targetOrganisationId = unit.Id, on = "2026-07-02" });
        await ActAsync(await StaffAsync("小店区人力资源和社会保障局", StaffRoles.HandlingOfficer), id, "Accept", new { on = "2026-07-03" });
        await ActAsync(await StaffAsync("小店区人力资源和社会保障局", StaffRoles.UnitLeader), id, "IssueOpinion",
            new { opinion = "Explain", reason = "经核实，供热公司已于七月完成管网改造，冬季将按标准供暖。", on = opinionOn.ToString("yyyy-MM-dd") });
        return (caseNumber, receipt.GetProperty("queryCode").GetString()!, id);
    }

    [Fact]
    public async Task The_petitioner_rates_bureau_and_unit_separately_within_30_days_of_the_reply()
    {
        using var citizen = Citizen();
        // Opinion on 2026-08-17: the window (default 30 日 from the reply) ends 2026-09-16 — today, its last day.
        var (caseNumber, code, id) = await AnsweredCaseAsync(new DateOnly(2026, 8, 17));
        var view = await (await LookupAsync(citizen, caseNumber, code)).Content.ReadFromJsonAsync<JsonElement>();
        var evaluation = view.GetProperty("evaluation");
        Assert.True(evaluation.GetProperty("isOpen").GetBoolean());
        Assert.Equal("2026-09-16", evaluation.GetProperty("openUntil").GetString());
        Assert.Equal("小店区人力资源和社会保障局", evaluation.GetProperty("unit").GetString());
        Assert.Equal("解释说明", view.GetProperty("events")[3].GetProperty("note").GetString());

        var nothing = await citizen.PostAsJsonAsync($"/api/public/petitions/{caseNumber}/evaluation", new { queryCode = code });
        Assert.Equal(HttpStatusCode.BadRequest, nothing.StatusCode);
        var wrongCode = await citizen.PostAsJsonAsync($"/api/public/petitions/{caseNumber}/evaluation", new { queryCode = "ZZZZZZZZ", bureau = "Satisfied" });
        Assert.Equal(HttpStatusCode.NotFound, wrongCode.StatusCode);

        var bureauOnly = await citizen.PostAsJsonAsync($"/api/public/petitions/{caseNumber}/evaluation", new { queryCode = code, bureau = "Satisfied" });
        Assert.Equal(HttpStatusCode.OK, bureauOnly.StatusCode);
        var unitLater = await citizen.PostAsJsonAsync($"/api/public/petitions/{caseNumber}/evaluation",
            new { queryCode = code, unit = "Dissatisfied", comment = "供暖仍不达标" });
        var after = await unitLater.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, unitLater.StatusCode);
        // After 不满意 the review (复查) is offered, to the organ above the unit, until 2026-09-16 (30 日 from the opinion, Art. 35).
        Assert.True(after.GetProperty("review").GetProperty("isOpen").GetBoolean());
        Assert.Equal("2026-09-16", after.GetProperty("review").GetProperty("openUntil").GetString());
        Assert.Equal("小店区人民政府", after.GetProperty("review").GetProperty("organ").GetString());
        // On PostgreSQL the lookup reads the case, its history and the organisations in one query; the evaluation (and the
        // lookup on SQLite) reads them one by one. Both give the same view, the organ above the issuer included.
        var looked = await (await LookupAsync(citizen, caseNumber, code)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(after.GetRawText(), looked.GetRawText());
        var twice = await citizen.PostAsJsonAsync($"/api/public/petitions/{caseNumber}/evaluation", new { queryCode = code, unit = "Satisfied" });
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Equal("这一项已经评价过了。", (await twice.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("unit")[0].GetString());

        await using (var db = app.NewContext())
        {
            var petition = await db.Petitions.SingleAsync(p => p.Id == id);
            Assert.Equal(SatisfactionEvaluation.Satisfied, petition.BureauEvaluation);
            Assert.Equal(SatisfactionEvaluation.Dissatisfied, petition.UnitEvaluation);
            var events = await db.PetitionEvents.Where(e => e.PetitionId == id && e.Action == PublicProgress.EvaluateAction).OrderBy(e => e.Id).ToListAsync();
            Assert.Equal(2, events.Count);
            Assert.Equal("供暖仍不达标", events[1].Reason);
            Assert.Equal((await app.OrganisationAsync("小店区人力资源和社会保障局")).Id, events[1].TargetOrganisationId);
            Assert.Contains("\"unit\":\"Dissatisfied\"", events[1].Detail, StringComparison.Ordinal);
        }

        // Opinion on 2026-08-16: the window ended 2026-09-15, yesterday.
        var (late, lateCode, _) = await AnsweredCaseAsync(new DateOnly(2026, 8, 16));
        var closed = await citizen.PostAsJsonAsync($"/api/public/petitions/{late}/evaluation", new { queryCode = lateCode, unit = "Satisfied" });
        Assert.Equal(HttpStatusCode.Conflict, closed.StatusCode);
        Assert.Equal("评价期限已于 2026-09-15 届满。", (await closed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_review_request_within_30_days_goes_through_the_workflow_to_the_organ_one_level_up()
    {
        using var citizen = Citizen();
        var (caseNumber, code, id) = await AnsweredCaseAsync(new DateOnly(2026, 8, 17));
        var noReason = await citizen.PostAsJsonAsync($"/api/public/petitions/{caseNumber}/review", new { queryCode = code });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        var response = await citizen.PostAsJsonAsync($"/api/public/petitions/{caseNumber}/review", new { queryCode = code, reason = "供热公司的改造没有解决我家的问题，请求复查。" });
        var view = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Requested on 2026-09-16: the review opinion is due 30 日 later, 2026-10-16 (Art. 35).
        Assert.Equal("2026-10-16", view.GetProperty("dueOn").GetString());
        Assert.Equal("UnderReview", view.GetProperty("status").GetString());
        Assert.Equal("request-review", view.GetProperty("events").EnumerateArray().Last().GetProperty("action").GetString());

        var government = await app.OrganisationAsync("小店区人民政府");
        await using (var db = app.NewContext())
        {
            var petition = await db.Petitions.SingleAsync(p => p.Id == id);
            Assert.Equal(PetitionStatus.UnderReview, petition.Status);
            Assert.Equal(government.Id, petition.ResponsibleOrganisationId);
            Assert.Equal(new DateOnly(2026, 10, 16), petition.DueOn);
            var request = await db.PetitionEvents.Where(e => e.PetitionId == id).OrderBy(e => e.Id).LastAsync();
            Assert.Equal("request-review", request.Action);
            Assert.Null(request.ActorUserId);
            Assert.Null(request.OrganisationId);
            Assert.Equal(government.Id, request.TargetOrganisationId);
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "petition.request-review" && a.EntityId == id.ToString() && a.UserId == null));
        }
        // Once asked, not again.
        var again = await citizen.PostAsJsonAsync($"/api/public/petitions/{caseNumber}/review", new { queryCode = code, reason = "再次申请" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        // Opinion on 2026-08-16: 30 日 ended on 2026-09-15, so the request of 2026-09-16 is too late.
        var (late, lateCode, lateId) = await AnsweredCaseAsync(new DateOnly(2026, 8, 16));
        var refused = await citizen.PostAsJsonAsync($"/api/public/petitions/{late}/review", new { queryCode = lateCode, reason = "请求复查" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("workflow.review-window-closed", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        await using var check = app.NewContext();
        Assert.Equal(PetitionStatus.OpinionIssued, (await check.Petitions.SingleAsync(p => p.Id == lateId)).Status);
    }

    [Fact]
    public async Task One_client_cannot_flood_the_queue_with_submissions()
    {
        using var flooder = Citizen();
        var limit = app.Services.GetRequiredService<IConfiguration>().GetValue("Portal:Submissions:PermitLimit", 20);
        for (var i = 0; i < limit; i++)
            Assert.Equal(HttpStatusCode.BadRequest, (await flooder.PostAsJsonAsync("/api/public/petitions", new { })).StatusCode);
        var refused = await flooder.PostAsJsonAsync("/api/public/petitions", Petition());
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter is not null);
        Assert.Equal("您提交得太频繁了，请稍后再试。", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        // A browser posting the form is sent to a page that says so.
        var form = await flooder.PostAsync("/portal/petition/form?place=140105001000", new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "petition" }));
        Assert.Equal(HttpStatusCode.SeeOther, form.StatusCode);
        Assert.Equal("/portal/busy", form.Headers.Location!.ToString());
        // Reading pages is not limited, and another client is not affected.
        Assert.Equal(HttpStatusCode.OK, (await flooder.GetAsync("/portal/petition/form?place=140105001000")).StatusCode);
        using var other = Citizen();
        Assert.Equal(HttpStatusCode.Created, (await other.PostAsJsonAsync("/api/public/petitions", Petition())).StatusCode);
    }

    private static string Token(string html) =>
        Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

    private static async Task<(string Page, string Token, string SubmissionId)> FormAsync(HttpClient client, string place)
    {
        var page = await client.GetStringAsync("/portal/petition/form?place=" + place);
        var submission = Regex.Match(page, "name=\"Form.SubmissionId\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(Token(page)), "the form carries an antiforgery token");
        return (page, Token(page), submission);
    }
}

[Collection("sqlite")]
public sealed class SqlitePortalTests(SqliteClockApp app) : PortalTests(app), IClassFixture<SqliteClockApp>;

[Collection("postgres")]
public sealed class PostgresPortalTests(PostgresClockApp app) : PortalTests(app), IClassFixture<PostgresClockApp>;
