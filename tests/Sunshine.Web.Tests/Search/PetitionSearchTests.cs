using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Sunshine.Data.Entities;
using Sunshine.Domain.Petitions;
using Sunshine.Web.Features.Petitions.Search;
using Sunshine.Web.Infrastructure;
using static Sunshine.Web.Tests.Search.SearchData;

namespace Sunshine.Web.Tests.Search;

/// <summary>
/// Chinese full-text search with filters, scope and keyset pages, on the database's own index (FTS5 / GIN). Each test
/// tags its petitions with a unique word, so tests sharing the database never see each other's data.
/// </summary>
public abstract class PetitionSearchTests(TestApp app)
{
    private const string Wages = "本人于2026年在小店区某建筑工地务工，包工头拖欠农民工工资共计十八万元，多次讨要无果，请求有关部门督促支付。";
    private const string Heating = "入冬以来小区暖气一直不热，室内温度只有十二度，老人孩子冻得感冒，请求督促供热公司整改。";

    [Fact]
    public async Task A_word_inside_a_longer_compound_finds_the_petition_and_unrelated_ones_stay_out()
    {
        var unit = await app.OrganisationAsync("小店区信访局");
        var marker = Marker();
        var ids = await SaveAsync(app,
            Petition(unit, "反映拖欠农民工工资问题 " + marker, Wages),
            Petition(unit, "反映小区供暖不达标问题 " + marker, Heating));
        var scope = Scope(unit, includeSubordinates: false);

        foreach (var word in new[] { "工资", "农民工", "拖欠农民工工资", "农民工 工资", "讨要" })
            Assert.Equal([ids[0]], await IdsAsync(app, scope, Text(word + " " + marker)));
        Assert.Equal([ids[1]], await IdsAsync(app, scope, Text("供热公司 " + marker)));
        Assert.Equal([ids[1], ids[0]], await IdsAsync(app, scope, Text(marker)));
        Assert.Empty(await IdsAsync(app, scope, Text("环保 " + marker)));
    }

    [Fact]
    public async Task Filters_narrow_the_hits()
    {
        var unit = await app.OrganisationAsync("小店区信访局");
        var other = await app.OrganisationAsync("小店区人力资源和社会保障局");
        var category = await CategoryAsync(app, level: 2);
        await using (var db = app.NewContext())
        {
            var parent = await db.Categories.Where(c => c.Id == category).Select(c => c.ParentId).SingleAsync();
            Assert.NotNull(parent);
        }
        var marker = Marker();
        var ids = await SaveAsync(app,
            Petition(unit, "工资 " + marker, Wages, new DateOnly(2026, 1, 10), Channel.Letter, Purpose.Request, PetitionStatus.Registered, category, other.Id, "140105001000"),
            Petition(unit, "工资 " + marker, Wages, new DateOnly(2026, 2, 10), Channel.Visit, Purpose.Appeal, PetitionStatus.Accepted, null, null, "140106000000"),
            Petition(unit, "工资 " + marker, Wages, new DateOnly(2026, 3, 10), Channel.Online, Purpose.Request, PetitionStatus.Registered, null, null, "140105002000"));
        var scope = Scope(unit, includeSubordinates: false);
        PetitionQuery Q(Channel? channel = null, int? categoryId = null, string? locality = null, Purpose? purpose = null, PetitionStatus? status = null,
            int? responsible = null, DateOnly? from = null, DateOnly? to = null) =>
            new("工资 " + marker, channel, categoryId, locality, purpose, status, responsible, from, to, null);

        Assert.Equal([ids[1]], await IdsAsync(app, scope, Q(channel: Channel.Visit)));
        Assert.Equal([ids[0]], await IdsAsync(app, scope, Q(categoryId: category)));
        var parentCategory = await ParentAsync(category);
        Assert.Equal([ids[0]], await IdsAsync(app, scope, Q(categoryId: parentCategory)));  // a subtree
        Assert.Equal([ids[2], ids[0]], await IdsAsync(app, scope, Q(locality: "140105")));
        Assert.Equal([ids[2], ids[0]], await IdsAsync(app, scope, Q(locality: "140105000000")));  // a code means its subtree
        Assert.Equal([ids[0]], await IdsAsync(app, scope, Q(locality: "140105001000")));
        Assert.Equal([ids[1]], await IdsAsync(app, scope, Q(purpose: Purpose.Appeal)));
        Assert.Equal([ids[1]], await IdsAsync(app, scope, Q(status: PetitionStatus.Accepted)));
        Assert.Equal([ids[0]], await IdsAsync(app, scope, Q(responsible: other.Id)));
        Assert.Equal([ids[2], ids[1]], await IdsAsync(app, scope, Q(from: new DateOnly(2026, 2, 10))));
        Assert.Equal([ids[1], ids[0]], await IdsAsync(app, scope, Q(to: new DateOnly(2026, 2, 10))));
        Assert.Equal([ids[2]], await IdsAsync(app, scope, Q(channel: Channel.Online, locality: "1401", from: new DateOnly(2026, 3, 1), to: new DateOnly(2026, 3, 31))));
    }

    private async Task<int> ParentAsync(int category)
    {
        await using var db = app.NewContext();
        return (await db.Categories.Where(c => c.Id == category).Select(c => c.ParentId).SingleAsync())!.Value;
    }

    [Fact]
    public async Task A_county_user_never_sees_another_countys_petitions_and_the_province_sees_both()
    {
        var a = await app.OrganisationAsync("小店区信访局");
        var b = await app.OrganisationAsync("迎泽区信访局");
        var marker = Marker();
        var ids = await SaveAsync(app, Petition(a, "工资 " + marker, Wages), Petition(b, "工资 " + marker, Wages));

        Assert.Equal([ids[0]], await IdsAsync(app, Scope(a, false), Text("工资 " + marker)));
        Assert.Equal([ids[0]], await IdsAsync(app, Scope(a, true), Text("工资 " + marker)));
        Assert.Equal([ids[1]], await IdsAsync(app, Scope(b, true), Text(marker)));
        var province = await app.OrganisationAsync("山西省信访局");
        Assert.Equal([ids[1], ids[0]], await IdsAsync(app, Scope(province, true), Text("工资 " + marker)));

        // Without text too, and the count agrees.
        await using var db = app.NewContext();
        var (_, count, capped) = await PetitionSearch.SearchAsync(db, Scope(a, false), new PetitionQuery(null, null, null, null, null, null, null, null, null, null, Take: 1), CancellationToken.None);
        var own = await db.Petitions.CountAsync(p => p.RegisteringOrganisationId == a.Id || p.ResponsibleOrganisationId == a.Id);
        Assert.Equal(own, count);
        Assert.False(capped);
    }

    [Fact]
    public async Task A_county_search_keeps_to_the_county_and_hides_the_accusations_it_may_not_see_on_the_page_and_in_the_count()
    {
        // The narrow scope's search first keeps the hits to its units' petitions, then applies the scope (ScopeQueries):
        // both must hold, for the page and the count, and agree with the scope rule itself.
        var county = await app.OrganisationAsync("小店区人民政府");
        var bureau = await app.OrganisationAsync("小店区信访局");
        var labour = await app.OrganisationAsync("小店区人力资源和社会保障局");
        var other = await app.OrganisationAsync("迎泽区信访局");
        var province = await app.OrganisationAsync("山西省信访局");
        var marker = Marker();
        Sunshine.Data.Entities.Petition Accusing(Sunshine.Data.Entities.Organisation unit, int accused, int? responsible = null)
        {
            var p = Petition(unit, "工资 " + marker, Wages, purpose: Purpose.Accusation, responsibleId: responsible);
            p.AccusedOrganisationId = accused;
            return p;
        }
        var ids = await SaveAsync(app,
            Petition(bureau, "工资 " + marker, Wages),                              // 0: registered in the county
            Petition(other, "工资 " + marker, Wages, responsibleId: labour.Id),     // 1: sent to a county unit from outside
            Petition(other, "工资 " + marker, Wages),                              // 2: another county's
            Accusing(bureau, accused: county.Id),                                   // 3: accuses the county government itself
            Accusing(bureau, accused: other.Id, responsible: labour.Id),            // 4: an accusation handled in the county
            Accusing(other, accused: labour.Id, responsible: other.Id));            // 5: accuses a county unit, elsewhere

        await using var db = app.NewContext();
        foreach (var (scope, expected) in new[]
        {
            (Scope(county, true), new[] { ids[1], ids[0] }),                 // a government office: no accusations of others, none against itself
            (Scope(bureau, true) with { AtBureau = true }, new[] { ids[4], ids[3], ids[1], ids[0] }),  // the county's bureau sees its accusations, not #5
            (Scope(labour, false), new[] { ids[4], ids[1] }),                // a unit: its own cases
            (Scope(province, true) with { AtBureau = true }, new[] { ids[5], ids[4], ids[3], ids[2], ids[1], ids[0] }),
        })
        {
            var truth = await db.Petitions.WithinScope(scope).Where(p => ids.Contains(p.Id)).Select(p => p.Id).OrderByDescending(id => id).ToListAsync();
            Assert.Equal(expected, truth);
            var (page, count, capped) = await PetitionSearch.SearchAsync(db, scope, Text("工资 " + marker, take: 2), CancellationToken.None);
            Assert.Equal(expected.Take(2), page);
            Assert.Equal(expected.Length, count);
            Assert.False(capped);
            Assert.Equal(expected, await IdsAsync(app, scope, Text("工资 " + marker)));
        }
    }

    [Fact]
    public async Task Every_page_in_a_subtree_is_its_newest_visible_hits_however_many_of_the_newest_the_scope_turns_away()
    {
        // PostgreSQL reads a subtree's newest hits first and applies the scope to those alone (twice the page); when the
        // scope turns too many away it must find the page the long way. Here the newest three hits are accusations against
        // the county's bureau, hidden from it (Art. 30) and, as accusations, from the county government too.
        var county = await app.OrganisationAsync("小店区人民政府");
        var bureau = await app.OrganisationAsync("小店区信访局");
        var labour = await app.OrganisationAsync("小店区人力资源和社会保障局");
        var province = await app.OrganisationAsync("山西省信访局");
        var marker = Marker();
        Sunshine.Data.Entities.Petition Accusation()
        {
            var p = Petition(province, "工资 " + marker, Wages, purpose: Purpose.Accusation, responsibleId: labour.Id);
            p.AccusedOrganisationId = bureau.Id;
            return p;
        }
        var ids = await SaveAsync(app,
            Petition(bureau, "工资 " + marker, Wages),
            Petition(labour, "工资 " + marker, Wages),
            Accusation(),
            Petition(province, "工资 " + marker, Wages, responsibleId: labour.Id),
            Accusation(), Accusation(), Accusation());

        await using var db = app.NewContext();
        foreach (var scope in new[] { Scope(bureau, true) with { AtBureau = true }, Scope(county, true) })
        {
            var truth = await db.Petitions.WithinScope(scope).Where(p => ids.Contains(p.Id)).Select(p => p.Id).OrderByDescending(id => id).ToListAsync();
            Assert.Equal([ids[3], ids[1], ids[0]], truth);
            foreach (var take in new[] { 1, 2, 3, 4 })
            {
                var seen = new List<long>();
                long? before = null;
                while (true)
                {
                    var query = Text("工资 " + marker, take) with { Before = before };
                    var (page, count, capped) = await PetitionSearch.SearchAsync(db, scope, query, CancellationToken.None);
                    Assert.Equal(truth.Skip(seen.Count).Take(take), page);
                    if (before is null) Assert.Equal((truth.Count, false), (count, capped));
                    if (page.Count < take) break;
                    seen.AddRange(page);
                    before = page[^1];
                }
            }
        }
    }

    [Fact]
    public async Task A_transferred_case_is_found_under_its_new_units_scope_and_no_longer_under_the_old_one()
    {
        // SQLite finds a subtree's hits through scope tokens in the text index (migration SearchScopeTokens); a transfer
        // changes the responsible unit, and the index must follow in the same save, on the page and in the count.
        var province = await app.OrganisationAsync("山西省信访局");
        var xiaodian = await app.OrganisationAsync("小店区信访局");
        var xiaodianLabour = await app.OrganisationAsync("小店区人力资源和社会保障局");
        var yingze = await app.OrganisationAsync("迎泽区信访局");
        var marker = Marker();
        // Registered at the province (above both counties), so only the responsible unit places it in a county.
        var ids = await SaveAsync(app,
            Petition(province, "工资 " + marker, Wages, responsibleId: xiaodianLabour.Id),
            Petition(xiaodian, "工资 " + marker, Wages));
        var atXiaodian = Scope(xiaodian, true) with { AtBureau = true };
        var atYingze = Scope(yingze, true) with { AtBureau = true };

        async Task AssertFoundAsync(UserScope scope, long[] expected)
        {
            await using var db = app.NewContext();
            var (page, count, _) = await PetitionSearch.SearchAsync(db, scope, Text("工资 " + marker, take: 1), CancellationToken.None);
            Assert.Equal(expected.Take(1), page);
            if (expected.Length >= 1) Assert.Equal(expected.Length, count);
            Assert.Equal(expected, await IdsAsync(app, scope, Text("工资 " + marker)));
            var truth = await db.Petitions.WithinScope(scope).Where(p => ids.Contains(p.Id)).Select(p => p.Id).OrderByDescending(id => id).ToListAsync();
            Assert.Equal(expected, truth);
        }

        await AssertFoundAsync(atXiaodian, [ids[1], ids[0]]);
        await AssertFoundAsync(atYingze, []);

        await using (var db = app.NewContext())
        {
            var petition = await db.Petitions.SingleAsync(p => p.Id == ids[0]);
            petition.ResponsibleOrganisationId = yingze.Id;  // 转送 to the other county's bureau
            await db.SaveChangesAsync();
        }
        await AssertFoundAsync(atXiaodian, [ids[1]]);
        await AssertFoundAsync(atYingze, [ids[0]]);
        await AssertFoundAsync(Scope(province, true) with { AtBureau = true }, [ids[1], ids[0]]);
    }

    [Fact]
    public async Task An_accusation_against_the_bureau_itself_is_neither_shown_nor_counted_for_that_bureau()
    {
        // The bureau's count comes from the text index within its subtree, less the accusations against the bureau
        // itself (Art. 30): those must be taken out of the count as they are out of the page.
        var bureau = await app.OrganisationAsync("小店区信访局");
        var labour = await app.OrganisationAsync("小店区人力资源和社会保障局");
        var province = await app.OrganisationAsync("山西省信访局");
        var marker = Marker();
        var accusation = Petition(province, "工资 " + marker, Wages, purpose: Purpose.Accusation, responsibleId: labour.Id);
        accusation.AccusedOrganisationId = bureau.Id;
        var ids = await SaveAsync(app,
            Petition(bureau, "工资 " + marker, Wages),
            accusation,
            Petition(labour, "工资 " + marker, Wages));

        await using var db = app.NewContext();
        foreach (var (scope, expected) in new[]
        {
            (Scope(bureau, true) with { AtBureau = true }, new[] { ids[2], ids[0] }),
            (Scope(province, true) with { AtBureau = true }, new[] { ids[2], ids[1], ids[0] }),
        })
        {
            var truth = await db.Petitions.WithinScope(scope).Where(p => ids.Contains(p.Id)).Select(p => p.Id).OrderByDescending(id => id).ToListAsync();
            Assert.Equal(expected, truth);
            var (page, count, capped) = await PetitionSearch.SearchAsync(db, scope, Text("工资 " + marker, take: 1), CancellationToken.None);
            Assert.Equal(expected.Take(1), page);
            Assert.Equal(expected.Length, count);
            Assert.False(capped);
            Assert.Equal(expected, await IdsAsync(app, scope, Text("工资 " + marker)));
        }
    }

    [Fact]
    public async Task A_province_bureau_beside_another_top_level_unit_finds_and_counts_only_its_own_tree()
    {
        // A subtree that holds every unit asks the text index without its subtree token (SQLite); once another top-level
        // unit exists, the token is needed again, or the count read off the index would take in the other tree's hits.
        var province = await app.OrganisationAsync("山西省信访局");
        var county = await app.OrganisationAsync("小店区信访局");
        var marker = Marker();
        var ids = await SaveAsync(app, Petition(county, "工资 " + marker, Wages), Petition(county, "工资 " + marker, Wages));
        var scope = Scope(province, true) with { AtBureau = true };

        await using var db = app.NewContext();
        var (page, count, _) = await PetitionSearch.SearchAsync(db, scope, Text("工资 " + marker, take: 1), CancellationToken.None);
        Assert.Equal([ids[1]], page);
        Assert.Equal(2, count);

        // The second tree lives inside a transaction that is rolled back, so no other test ever sees it.
        await using var transaction = await db.Database.BeginTransactionAsync();
        var other = new Organisation { Name = "另一省人民政府" + marker, Kind = Sunshine.Domain.Directory.OrganisationKind.Government, DivisionCode = county.DivisionCode };
        db.Organisations.Add(other);
        await db.SaveChangesAsync();
        other.Path = other.ScopePath = "/" + other.Id + "/";
        await db.SaveChangesAsync();
        var elsewhere = Petition(other, "工资 " + marker, Wages);
        db.Petitions.Add(elsewhere);
        PetitionIndex.Add(db, elsewhere);
        await db.SaveChangesAsync();

        (page, count, _) = await PetitionSearch.SearchAsync(db, scope, Text("工资 " + marker, take: 1), CancellationToken.None);
        Assert.Equal([ids[1]], page);
        Assert.Equal(2, count);
        (page, count, _) = await PetitionSearch.SearchAsync(db, Scope(other, true), Text("工资 " + marker, take: 1), CancellationToken.None);
        Assert.Equal([elsewhere.Id], page);
        Assert.Equal(1, count);
        await transaction.RollbackAsync();
    }

    [Fact]
    public async Task A_count_above_the_cap_is_given_as_the_cap_and_marked_capped_in_the_api()
    {
        var unit = await app.OrganisationAsync("小店区信访局");
        var marker = Marker();
        // Short texts (no fingerprint), saved in one go: CountCap + 5 hits for the unit.
        await SaveAsync(app, Enumerable.Range(0, PetitionSearch.CountCap + 5).Select(i => Petition(unit, marker, "工资")).ToArray());

        await using (var db = app.NewContext())
        {
            // A generous budget: this asserts the cap, not the speed (the shared test host may be busy).
            var (page, count, capped) = await PetitionSearch.SearchAsync(db, Scope(unit, false), Text(marker, take: 20), TimeSpan.FromMinutes(2), CancellationToken.None);
            Assert.Equal(20, page.Count);
            Assert.Equal(PetitionSearch.CountCap, count);
            Assert.True(capped);
        }

        var (user, password) = await app.CreateUserAsync(unit.Id, false, Sunshine.Domain.Directory.StaffRoles.Registrar);
        using var client = await app.SignedInClientAsync(user, password);
        var found = await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/petitions?q=" + Uri.EscapeDataString(marker));
        // The list's own budget (250 ms) applies here: on a busy host it may give up counting (count null, "many, not
        // counted"); what it must never do is show a number below the cap as exact.
        if (found.GetProperty("count").ValueKind != System.Text.Json.JsonValueKind.Null)
        {
            Assert.Equal(PetitionSearch.CountCap, found.GetProperty("count").GetInt32());
            Assert.True(found.GetProperty("countCapped").GetBoolean());
        }
        Assert.Equal(50, found.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_bureaus_count_from_the_index_is_exact_at_the_cap_and_capped_one_above_it()
    {
        // A bureau with subordinates and no filter is counted off the text index (SQLite FTS5 scope tokens, PostgreSQL
        // the GIN index's "Scope" key), less the matching accusations against the bureau itself. At the boundary the
        // hidden accusation must not push an exact count of 10,000 to "10,000+", and one more visible hit must.
        var bureau = await app.OrganisationAsync("小店区信访局");
        var labour = await app.OrganisationAsync("小店区人力资源和社会保障局");
        var province = await app.OrganisationAsync("山西省信访局");
        var marker = Marker();
        var accusation = Petition(province, marker, "工资", purpose: Purpose.Accusation, responsibleId: labour.Id);
        accusation.AccusedOrganisationId = bureau.Id;
        await SaveAsync(app, [.. Enumerable.Range(0, PetitionSearch.CountCap).Select(i => Petition(labour, marker, "工资")), accusation]);
        var atBureau = Scope(bureau, true) with { AtBureau = true };
        var atProvince = Scope(province, true) with { AtBureau = true };

        async Task AssertCountAsync(UserScope scope, int expected, bool capped)
        {
            await using var db = app.NewContext();
            var ids = await db.PetitionSearchEntries.Where(s => s.Tokens.Contains(marker)).Select(s => s.PetitionId).ToListAsync();
            Assert.Equal(expected + (capped ? 1 : 0), await db.Petitions.WithinScope(scope).CountAsync(p => ids.Contains(p.Id)));
            // A generous budget: this asserts the count, not the speed (the shared test host may be busy).
            var (page, count, countCapped) = await PetitionSearch.SearchAsync(db, scope, Text(marker, take: 20), TimeSpan.FromMinutes(2), CancellationToken.None);
            Assert.Equal(20, page.Count);
            Assert.Equal(expected, count);
            Assert.Equal(capped, countCapped);
        }

        await AssertCountAsync(atBureau, PetitionSearch.CountCap, capped: false);
        await AssertCountAsync(atProvince, PetitionSearch.CountCap, capped: true);
        await SaveAsync(app, Petition(bureau, marker, "工资"));
        await AssertCountAsync(atBureau, PetitionSearch.CountCap, capped: true);
    }

    [Fact]
    public async Task Keyset_pages_neither_repeat_nor_skip_and_the_first_page_has_the_count()
    {
        var unit = await app.OrganisationAsync("小店区信访局");
        var marker = Marker();
        var ids = await SaveAsync(app, Enumerable.Range(0, 23).Select(i => Petition(unit, "工资 " + marker, Wages + i)).ToArray());
        var scope = Scope(unit, includeSubordinates: false);

        var seen = new List<long>();
        long? before = null;
        int? firstCount = null;
        while (true)
        {
            await using var db = app.NewContext();
            var (page, count, capped) = await PetitionSearch.SearchAsync(db, scope, new PetitionQuery("工资 " + marker, null, null, null, null, null, null, null, null, before, Take: 5), CancellationToken.None);
            Assert.False(capped);
            if (before is null) firstCount = count;
            else Assert.Null(count);
            if (page.Count == 0) break;
            seen.AddRange(page);
            before = page[^1];
        }
        Assert.Equal(23, firstCount);
        Assert.Equal(ids.OrderDescending(), seen);
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("工资\" OR \"")]
    [InlineData("工资 OR 供暖")]
    [InlineData("工资*")]
    [InlineData("NEAR(工资 供暖)")]
    [InlineData("Tokens:工资")]
    [InlineData("工资 AND NOT 供暖")]
    [InlineData("-工资 ^供暖 {工资} (供暖)")]
    [InlineData("工资 & !供暖 | 供暖:* <-> '")]
    [InlineData("'; DROP TABLE \"Petitions\"; --")]
    public async Task Query_syntax_in_the_text_is_only_words(string text)
    {
        var unit = await app.OrganisationAsync("小店区信访局");
        var marker = Marker();
        var ids = await SaveAsync(app, Petition(unit, "工资 " + marker, Wages), Petition(unit, "供暖 " + marker, Heating));
        var scope = Scope(unit, includeSubordinates: false);

        var hits = await IdsAsync(app, scope, Text(text + " " + marker));
        // No operator takes effect: every word of the text must occur, so nothing is broadened; words that occur
        // in neither petition (or, near, tokens, drop …) leave no hit at all.
        var words = Sunshine.Data.Search.ChineseSegmenter.Tokens(text);
        if (words.Contains("工资") && words.Contains("供暖") || words.Any(w => w is "or" or "near" or "tokens" or "and" or "not" or "drop" or "table" or "petitions"))
            Assert.Empty(hits);
        else if (words.Contains("工资"))
            Assert.Equal([ids[0]], hits);
        else
            Assert.Equal([ids[1], ids[0]], hits);
        await using var db = app.NewContext();
        Assert.True(await db.Petitions.AnyAsync());
    }

    [Fact]
    public async Task A_text_without_words_means_no_text_condition()
    {
        var unit = await app.OrganisationAsync("小店区信访局");
        var scope = Scope(unit, includeSubordinates: false);
        await SaveAsync(app, Petition(unit, "工资 " + Marker(), Wages));
        var all = await IdsAsync(app, scope, Text(null, take: 200));
        Assert.Equal(all, await IdsAsync(app, scope, Text("，。！ ", take: 200)));
        Assert.NotEmpty(all);
    }
}

[Collection("sqlite")]
public sealed class SqlitePetitionSearchTests(SqliteApp app) : PetitionSearchTests(app), IClassFixture<SqliteApp>;

[Collection("postgres")]
public sealed class PostgresPetitionSearchTests(PostgresApp app) : PetitionSearchTests(app), IClassFixture<PostgresApp>;

/// <summary>
/// PostgreSQL only: a province bureau's count of a very common word is given as "10,000+" from the planner's measured
/// estimate, without counting. That shortcut must only trust a measured frequency of a single lexeme.
/// </summary>
[Collection("postgres")]
public sealed class PostgresSearchEstimateTests(PostgresApp app) : IClassFixture<PostgresApp>
{
    [Fact]
    public async Task Only_a_single_word_with_measured_statistics_far_above_the_cap_is_given_as_capped_uncounted()
    {
        var unit = await app.OrganisationAsync("小店区信访局");
        var province = await app.OrganisationAsync("山西省信访局");
        var marker = Marker();
        await SaveAsync(app, [.. Enumerable.Range(0, 40).Select(i => Petition(unit, marker + " 工资", "拖欠工资" + i))]);
        var scope = Scope(province, true) with { AtBureau = true };
        var one = Sunshine.Data.Search.ChineseSegmenter.ToMatchQuery(marker);
        var two = Sunshine.Data.Search.ChineseSegmenter.ToMatchQuery(marker + " 工资");
        // A cap of 10 here, so that 40 hits are "far above" it (3 × 11 = 33); the planner's estimate is given as huge,
        // so only the measured frequency decides.
        await using var db = app.NewContext();
        // No statistics yet (the index has never been analysed with rows in it): the planner's figure is a default guess.
        Assert.False(await PetitionSearch.FarAboveCapAsync(db, scope, one, 1e9, CancellationToken.None, cap: 10));

        await db.Database.ExecuteSqlRawAsync("""ANALYZE "PetitionSearchEntries" """);
        Assert.True(await PetitionSearch.FarAboveCapAsync(db, scope, one, 1e9, CancellationToken.None, cap: 10));
        // 40 measured hits are not 3 × 14: counted.
        Assert.False(await PetitionSearch.FarAboveCapAsync(db, scope, one, 1e9, CancellationToken.None, cap: 13));
        // The planner's own figure below the margin: counted without reading the statistics.
        Assert.False(await PetitionSearch.FarAboveCapAsync(db, scope, one, 32, CancellationToken.None, cap: 10));
        // Two words are estimated as if independent, which may overstate their common hits: counted.
        Assert.False(await PetitionSearch.FarAboveCapAsync(db, scope, two, 1e9, CancellationToken.None, cap: 10));
        // A word the statistics do not track: counted.
        Assert.False(await PetitionSearch.FarAboveCapAsync(db, scope, Sunshine.Data.Search.ChineseSegmenter.ToMatchQuery(Marker()), 1e9, CancellationToken.None, cap: 10));

        // The real estimate of 40 hits is nowhere near: the search counts them, exactly.
        var (_, count, capped) = await PetitionSearch.SearchAsync(db, scope, Text(marker, take: 5), CancellationToken.None);
        Assert.Equal(40, count);
        Assert.False(capped);

        // The measured figures are kept until the table is analysed again: 40 more hits count only after the next ANALYZE.
        await SaveAsync(app, [.. Enumerable.Range(0, 40).Select(i => Petition(unit, marker + " 工资", "拖欠工资" + (40 + i)))]);
        Assert.False(await PetitionSearch.FarAboveCapAsync(db, scope, one, 1e9, CancellationToken.None, cap: 13));
        await db.Database.ExecuteSqlRawAsync("""ANALYZE "PetitionSearchEntries" """);
        Assert.True(await PetitionSearch.FarAboveCapAsync(db, scope, one, 1e9, CancellationToken.None, cap: 13));
    }
}
