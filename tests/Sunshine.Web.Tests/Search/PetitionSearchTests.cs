using Microsoft.EntityFrameworkCore;
using Sunshine.Domain.Petitions;
using Sunshine.Web.Features.Petitions.Search;
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
