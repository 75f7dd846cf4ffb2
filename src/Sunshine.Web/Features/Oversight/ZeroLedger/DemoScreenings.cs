using Microsoft.EntityFrameworkCore;
using Sunshine.Data;
using Sunshine.Data.Entities;
using Sunshine.Domain.Directory;
using Sunshine.Domain.Oversight;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web.Features.Oversight.ZeroLedger;

/// <summary>
/// Demo dispute screenings for the zero-petition ledger: a few entries a month over the last six months for some
/// townships, deterministic by seed. A few hundred rows, written in one batch.
/// </summary>
public static class DemoScreenings
{
    private static readonly string[] Matters =
    [
        "邻里宅基地界址纠纷", "土地承包经营权流转纠纷", "农民工工资拖欠", "婚姻家庭赡养纠纷", "山林权属争议", "征地补偿款分配",
        "物业服务收费纠纷", "道路施工噪音扰民", "灌溉用水纠纷", "房屋租赁押金纠纷", "养殖污染引发邻里矛盾", "村集体收益分配",
    ];
    private static readonly string[] Measures =
    [
        "村调委会组织双方调解，达成口头协议", "乡镇司法所介入调解，签订调解协议", "网格员走访了解诉求，协调相关部门答复",
        "包村干部牵头召开协调会，明确整改时限", "引导当事人通过劳动仲裁依法解决", "会同自然资源所现场勘界",
    ];
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "郭", "马", "韩", "武", "阎"];
    private static readonly string[] Given = ["建国", "秀英", "志强", "桂兰", "海军", "丽娟", "春生", "玉梅", "文斌", "红霞", "永刚", "翠平"];
    private static readonly string[] Officials = ["乡镇综治中心主任", "司法所所长", "包村干部", "村党支部书记", "网格长"];

    public const int Townships = 60;

    public static async Task WriteAsync(SunshineDbContext db, PersonalData personalData, int seed, DateOnly until, CancellationToken ct)
    {
        var townships = await db.Organisations.AsNoTracking()
            .Where(o => o.Kind == OrganisationKind.Government && o.DivisionCode.Substring(6, 3) != "000" && o.DivisionCode.Substring(9, 3) == "000")
            .OrderBy(o => o.DivisionCode).Select(o => new { o.Id, o.DivisionCode }).ToListAsync(ct);
        if (townships.Count == 0) return;
        var random = new Random(seed);
        // Spread over the province: every n-th township, so each city has a few.
        var step = Math.Max(1, townships.Count / Townships);
        var rows = new List<DisputeScreening>();
        var now = DateTime.SpecifyKind(until.ToDateTime(new TimeOnly(2, 0)), DateTimeKind.Utc);
        for (var i = 0; i < townships.Count && rows.Count < Townships * 6; i += step)
        {
            var t = townships[i];
            var count = random.Next(2, 7);
            for (var k = 0; k < count; k++)
            {
                var found = until.AddDays(-random.Next(0, 180));
                var roll = random.Next(100);
                var status = roll < 60 ? DisputeStatus.Resolved : roll < 75 ? DisputeStatus.Resolving : roll < 92 ? DisputeStatus.Screening : DisputeStatus.HandedUp;
                DateOnly? closed = status is DisputeStatus.Resolved or DisputeStatus.HandedUp ? Min(found.AddDays(random.Next(1, 40)), until) : null;
                var parties = string.Join("、", Enumerable.Range(0, random.Next(1, 4)).Select(_ => Surnames[random.Next(Surnames.Length)] + Given[random.Next(Given.Length)]));
                rows.Add(new DisputeScreening
                {
                    DivisionCode = t.DivisionCode,
                    TownshipCode = t.DivisionCode,
                    Matter = Matters[random.Next(Matters.Length)],
                    PartiesProtected = personalData.Protect(parties)!,
                    ResponsiblePerson = Officials[random.Next(Officials.Length)] + Surnames[random.Next(Surnames.Length)] + Given[random.Next(Given.Length)][..1],
                    Measures = Measures[random.Next(Measures.Length)],
                    Status = status,
                    FoundOn = found,
                    ClosedOn = closed,
                    RecordedByOrganisationId = t.Id,
                    CreatedAt = now,
                    UpdatedAt = now,
                });
            }
        }
        db.DisputeScreenings.AddRange(rows);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
