using System.Security.Cryptography;
using Sunshine.Web.Features.Petitions.Search;
using static Sunshine.Web.Tests.Search.SearchData;

namespace Sunshine.Web.Tests.Search;

/// <summary>
/// Repeat detection at intake (重件): earlier petitions of the same person by the keyed hash, and near-identical texts
/// of anyone by the content fingerprint, within the window. The letters of all tests are near-identical on purpose
/// (a form letter with one particular changed), so each test works in a year of its own, beyond the others' windows.
/// </summary>
public abstract class RepeatFinderTests(TestApp app)
{
    // A letter with particulars of its own (a marker stands for the company), and the same letter sent again.
    private static string Letter(string marker) =>
        $"我们十二名工人于2026年3月起在{marker}公司承建的阳光花园项目工地务工，工程早已完工验收，但工资共计18.5万元至今没有结清。" +
        "我们多次找包工头讨要，他说开发商没有拨付工程款，公司又说钱已经给了包工头，双方互相推诿。马上就要过年了，大家都等着这笔钱回家。" +
        $"请求劳动保障部门督促{marker}公司尽快支付拖欠的工资。";

    private static string Resent(string marker) =>
        "本人曾于2026年7月反映此问题，至今未得到解决，现再次反映。" + Letter(marker).Replace("多次", "好几次", StringComparison.Ordinal).Replace("马上就要过年了，", "", StringComparison.Ordinal);

    // The same topic, another matter: other particulars and the writer's own words.
    private static string OtherMatter(string marker) =>
        $"我和二十名工友受雇于{marker}商贸公司，在迎泽区幸福家园工程做钢筋和木工，活干完了，可六万元工钱一直拖着不给。" +
        "找公司要钱，公司说资金紧张让我们等，我们去劳动监察大队反映过，对方让我们等通知。恳请有关部门依法追讨欠薪，维护农民工的合法权益。";

    private static byte[] Person() => RandomNumberGenerator.GetBytes(32);

    private async Task<IReadOnlyList<RepeatCandidate>> FindAsync(byte[]? person, string summary, string content, DateOnly on, int window = 365, long? exclude = null)
    {
        await using var db = app.NewContext();
        return await RepeatFinder.FindAsync(db, person, PetitionIndex.Tokens(summary, content), on, window, exclude, CancellationToken.None);
    }

    [Fact]
    public async Task The_same_person_is_found_by_the_keyed_hash_whatever_they_write()
    {
        var unit = await app.OrganisationAsync("小店区信访局");
        var person = Person();
        var marker = Marker();
        var today = new DateOnly(2010, 9, 16);
        var ids = await SaveAsync(app, Petition(unit, "反映供暖问题", "入冬以来小区暖气一直不热，请求督促供热公司整改。" + marker, new DateOnly(2010, 6, 1), personKey: person));

        var found = await FindAsync(person, "反映拖欠工资问题", Letter(Marker()), today);
        var hit = Assert.Single(found);
        Assert.Equal((ids[0], "person"), (hit.PetitionId, hit.Reason));
        Assert.Equal(new DateOnly(2010, 6, 1), hit.ReceivedOn);
        Assert.Empty(await FindAsync(Person(), "反映拖欠工资问题", Letter(Marker()), today));
    }

    [Fact]
    public async Task A_near_identical_text_from_someone_else_is_found_by_content()
    {
        var unit = await app.OrganisationAsync("小店区信访局");
        var marker = Marker();
        var today = new DateOnly(2013, 9, 16);
        var ids = await SaveAsync(app, Petition(unit, "反映拖欠农民工工资问题", Letter(marker), new DateOnly(2013, 8, 20), personKey: Person()));

        var found = await FindAsync(Person(), "再次反映拖欠农民工工资问题", Resent(marker), today);
        var hit = Assert.Single(found);
        Assert.Equal((ids[0], "content"), (hit.PetitionId, hit.Reason));
        Assert.InRange(hit.Similarity, 0.6, 1.0);
        // Without any person key, too (an anonymous letter).
        Assert.Equal([ids[0]], (await FindAsync(null, "再次反映拖欠农民工工资问题", Resent(marker), today)).Select(c => c.PetitionId));
    }

    [Fact]
    public async Task The_same_person_with_the_same_text_is_person_and_content_and_itself_is_excluded()
    {
        var unit = await app.OrganisationAsync("小店区信访局");
        var person = Person();
        var marker = Marker();
        var ids = await SaveAsync(app,
            Petition(unit, "反映拖欠农民工工资问题", Letter(marker), new DateOnly(2016, 8, 1), personKey: person),
            Petition(unit, "再次反映拖欠农民工工资问题", Resent(marker), new DateOnly(2016, 9, 1), personKey: person));

        var found = await FindAsync(person, "再次反映拖欠农民工工资问题", Resent(marker), new DateOnly(2016, 9, 1), exclude: ids[1]);
        var hit = Assert.Single(found);
        Assert.Equal((ids[0], "person+content"), (hit.PetitionId, hit.Reason));
        Assert.True(hit.Similarity >= 0.6);

        var again = await FindAsync(person, "反映拖欠农民工工资问题", Letter(marker), new DateOnly(2016, 9, 16));
        Assert.Equal([ids[1], ids[0]], again.Select(c => c.PetitionId));  // newest first
        Assert.All(again, c => Assert.Equal("person+content", c.Reason));
    }

    [Fact]
    public async Task A_different_matter_on_the_same_topic_is_not_flagged()
    {
        var unit = await app.OrganisationAsync("小店区信访局");
        var marker = Marker();
        await SaveAsync(app, Petition(unit, "反映拖欠农民工工资问题", OtherMatter(marker), new DateOnly(2019, 9, 1), personKey: Person()));

        Assert.Empty(await FindAsync(Person(), "反映拖欠农民工工资问题", Letter(marker), new DateOnly(2019, 9, 16)));
    }

    [Fact]
    public async Task Petitions_outside_the_window_are_not_flagged()
    {
        var unit = await app.OrganisationAsync("小店区信访局");
        var person = Person();
        var marker = Marker();
        var ids = await SaveAsync(app,
            Petition(unit, "反映拖欠农民工工资问题", Letter(marker), new DateOnly(2022, 9, 15), personKey: person),
            Petition(unit, "反映拖欠农民工工资问题", Letter(marker), new DateOnly(2023, 9, 17), personKey: person));
        var today = new DateOnly(2023, 9, 16);

        Assert.Empty(await FindAsync(person, "再次反映", Resent(marker), today, window: 365));        // 2022-09-15 is 366 days back; 09-17 is after
        Assert.Equal([ids[0]], (await FindAsync(person, "再次反映", Resent(marker), today, window: 366)).Select(c => c.PetitionId));
        Assert.Empty(await FindAsync(null, "再次反映", Resent(marker), today, window: 30));
    }
}

[Collection("sqlite")]
public sealed class SqliteRepeatFinderTests(SqliteApp app) : RepeatFinderTests(app), IClassFixture<SqliteApp>;

[Collection("postgres")]
public sealed class PostgresRepeatFinderTests(PostgresApp app) : RepeatFinderTests(app), IClassFixture<PostgresApp>;
