using Microsoft.EntityFrameworkCore;
using Sunshine.Data;
using Sunshine.Data.Entities;

namespace Sunshine.Web.Features.PolicyLibrary;

/// <summary>
/// The policy library's starting point: its default categories (always, on an empty list; administrators change them
/// afterwards) and, with the demo data, a small shelf of real statutes. Titles, issuing bodies, document numbers and
/// dates are the statutes' facts; the bodies are short summaries written for this demo, not the statutes' text — the
/// source link points readers to the official text.
/// </summary>
public static class PolicyLibrarySeed
{
    public static readonly string[] DefaultCategories = ["法律", "行政法规", "党内法规", "部门规章", "地方性法规", "规范性文件"];

    /// <summary>At start-up: the default categories; with the demo data (<c>Demo:Petitions</c> &gt; 0), the demo shelf on an empty library.</summary>
    public static async Task PrepareAsync(IServiceProvider services, IConfiguration configuration, CancellationToken ct)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<SunshineDbContext>>().CreateDbContextAsync(ct);
        if (configuration.GetValue("Demo:Petitions", 0) > 0) await SeedDocumentsAsync(db, services.GetRequiredService<TimeProvider>(), ct);
        else await SeedCategoriesAsync(db, ct);
    }

    /// <summary>Adds the default categories when there are none. Returns how many were added.</summary>
    public static async Task<int> SeedCategoriesAsync(SunshineDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await db.PolicyCategories.AnyAsync(ct)) return 0;
        db.PolicyCategories.AddRange(DefaultCategories.Select((name, i) => new PolicyCategory { Name = name, SortOrder = (i + 1) * 10 }));
        await db.SaveChangesAsync(ct);
        return DefaultCategories.Length;
    }

    /// <summary>Adds the demo documents (with their search entries) to an empty library. Returns how many were added.</summary>
    public static async Task<int> SeedDocumentsAsync(SunshineDbContext db, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        await SeedCategoriesAsync(db, ct);
        if (await db.PolicyDocuments.AnyAsync(ct)) return 0;
        return await AddShelfAsync(db, time, ct);
    }

    /// <summary>Adds the demo documents whatever the library holds (tests build on a known shelf).</summary>
    public static async Task<int> AddShelfAsync(SunshineDbContext db, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        await SeedCategoriesAsync(db, ct);
        var categories = await db.PolicyCategories.ToDictionaryAsync(c => c.Name, c => c.Id, ct);
        var fallback = categories.Values.Min();
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var s in Shelf)
        {
            var document = new PolicyDocument
            {
                Title = s.Title,
                IssuingBody = s.IssuingBody,
                DocumentNumber = s.Number,
                CategoryId = categories.GetValueOrDefault(s.Category, fallback),
                IssuedOn = DateOnly.Parse(s.Issued, System.Globalization.CultureInfo.InvariantCulture),
                EffectiveOn = s.Effective is null ? null : DateOnly.Parse(s.Effective, System.Globalization.CultureInfo.InvariantCulture),
                IsValid = s.Repealed is null,
                RepealedOn = s.Repealed is null ? null : DateOnly.Parse(s.Repealed, System.Globalization.CultureInfo.InvariantCulture),
                Body = s.Body.Trim(),
                SourceUrl = s.Source,
                UpdatedAt = now,
            };
            db.PolicyDocuments.Add(document);
            await PolicySearch.IndexAsync(db, document, ct);
        }
        await db.SaveChangesAsync(ct);
        return Shelf.Length;
    }

    private sealed record Statute(string Title, string IssuingBody, string? Number, string Category, string Issued, string? Effective, string Body,
        string? Repealed = null, string? Source = null);

    private const string Flk = "https://flk.npc.gov.cn/";
    private const string Gov = "https://www.gov.cn/zhengce/";

    private static readonly Statute[] Shelf =
    [
        new("信访工作条例", "中共中央、国务院", null, "党内法规", "2022-01-24", "2022-05-01", """
            本条例是当前信访工作的基本依据，明确信访工作坚持党的领导、以人民为中心，把信访作为了解民情、集中民智的重要渠道。
            信访人可以采用信息网络、书信、电话、传真、走访等形式提出信访事项；各级机关应当向社会公布通信地址、网站和接待时间地点。
            对属于本机关职权范围的信访事项应当自收到之日起15日内告知信访人是否受理；受理后一般应当在60日内办结，情况复杂的经批准可适当延长，延长期限不超过30日。
            信访人对处理意见不服的，可以请求原办理机关的上一级机关复查，对复查意见不服的可以请求复核。
            """, Source: Gov),
        new("信访条例", "国务院", "国务院令第431号", "行政法规", "2005-01-10", "2005-05-01", """
            2005年施行的信访条例曾规定信访渠道、信访事项的提出与受理、办理和督办等制度。
            该条例规定有关行政机关收到信访事项后，能够当场答复的应当当场答复，不能当场答复的应当自收到之日起15日内书面告知信访人。
            《信访工作条例》自2022年5月1日起施行后，本条例不再适用，此处保留供查阅历史规定。
            """, Repealed: "2022-05-01"),
        new("中华人民共和国行政复议法", "全国人民代表大会常务委员会", "中华人民共和国主席令第九号", "法律", "2023-09-01", "2024-01-01", """
            行政复议是公民、法人或者其他组织认为行政行为侵犯其合法权益时，向行政复议机关申请审查的法定途径，由县级以上地方人民政府统一行使复议职责。
            申请期限：一般应当自知道或者应当知道该行政行为之日起六十日内提出行政复议申请，法律规定的申请期限超过六十日的除外。
            行政复议机关一般应当自受理申请之日起六十日内作出复议决定；情况复杂的，经批准可以适当延长，但延长期限最多不超过三十日。
            修订后的法律扩大了受案范围，增加了调解和简易程序，并明确对当场作出或者依据电子技术监控设备记录作出的部分行政处罚可以申请复议。
            """, Source: Flk),
        new("中华人民共和国行政复议法实施条例", "国务院", "国务院令第499号", "行政法规", "2007-05-29", "2007-08-01", """
            本条例细化了行政复议申请、受理、审理和决定的程序，规定了申请人、第三人和代理人的权利。
            条例对复议期限的计算、申请材料的补正、听取意见和实地调查等作出了具体安排，并规定行政复议机关可以按照自愿、合法原则进行调解。
            """, Source: Gov),
        new("中华人民共和国行政诉讼法", "全国人民代表大会常务委员会", "中华人民共和国主席令第七十一号", "法律", "2017-06-27", "2017-07-01", """
            公民、法人或者其他组织认为行政机关和行政机关工作人员的行政行为侵犯其合法权益，有权依法向人民法院提起诉讼。
            直接向人民法院提起诉讼的，一般应当自知道或者应当知道作出行政行为之日起六个月内提出；经行政复议的，可以在收到复议决定书之日起十五日内起诉。
            2017年修正增加了检察机关提起行政公益诉讼的规定。
            """, Source: Flk),
        new("中华人民共和国政府信息公开条例", "国务院", "国务院令第711号", "行政法规", "2019-04-03", "2019-05-15", """
            条例规定行政机关应当坚持以公开为常态、不公开为例外，主动公开与社会密切相关的政府信息，并建立政府信息公开申请渠道。
            行政机关收到政府信息公开申请，能够当场答复的应当当场答复；不能当场答复的，应当自收到申请之日起20个工作日内予以答复，需要延长的经批准可延长，延长期限最长不超过20个工作日。
            行政机关应当在每年1月31日前公布本机关上一年度政府信息公开工作年度报告。
            """, Source: Gov),
        new("中华人民共和国劳动争议调解仲裁法", "全国人民代表大会常务委员会", "中华人民共和国主席令第八十号", "法律", "2007-12-29", "2008-05-01", """
            本法适用于因确认劳动关系、订立履行变更解除劳动合同、工作时间和休息休假、社会保险、劳动报酬、工伤医疗费和经济补偿等发生的劳动争议。
            劳动争议申请仲裁的时效期间为一年，自当事人知道或者应当知道其权利被侵害之日起计算；拖欠劳动报酬争议在劳动关系存续期间不受此限。
            仲裁庭一般应当自受理仲裁申请之日起四十五日内结束；案情复杂需要延期的，经批准可以延长，但延长期限不得超过十五日。劳动争议仲裁不收费。
            """, Source: Flk),
        new("中华人民共和国劳动合同法", "全国人民代表大会常务委员会", "中华人民共和国主席令第七十三号", "法律", "2012-12-28", "2013-07-01", """
            本法规范劳动合同的订立、履行、变更、解除和终止，保护劳动者的合法权益。
            用人单位自用工之日起即与劳动者建立劳动关系，应当订立书面劳动合同；超过一个月不满一年未订立的，应当向劳动者每月支付二倍的工资。
            用人单位应当按照劳动合同约定和国家规定，及时足额支付劳动报酬；拖欠或者未足额支付的，劳动者可以依法向当地人民法院申请支付令。
            """, Source: Flk),
        new("保障农民工工资支付条例", "国务院", "国务院令第724号", "行政法规", "2019-12-30", "2020-05-01", """
            条例针对拖欠农民工工资问题，明确用人单位对农民工工资支付负主体责任，工资应当以货币形式通过银行转账或者现金支付给农民工本人。
            工程建设领域推行农民工工资专用账户、总包单位代发工资和工资保证金等制度，建设单位与施工总承包单位对欠薪承担相应清偿责任。
            农民工可以通过投诉举报电话、网络平台等渠道反映欠薪问题，人力资源社会保障部门应当依法处理。
            """, Source: Gov),
        new("最低工资规定", "劳动和社会保障部", "劳动和社会保障部令第21号", "部门规章", "2004-01-20", "2004-03-01", """
            最低工资标准是劳动者在法定工作时间内提供了正常劳动的前提下，用人单位依法应支付的最低劳动报酬。
            最低工资标准由省级人民政府劳动保障行政部门会同有关方面拟订，报批后发布，一般每两年至少调整一次。
            用人单位支付给劳动者的工资低于当地最低工资标准的，由劳动保障行政部门责令限期补发所欠劳动者工资。
            """, Source: Gov),
        new("工伤保险条例", "国务院", "国务院令第586号", "行政法规", "2010-12-20", "2011-01-01", """
            条例保障因工作遭受事故伤害或者患职业病的职工获得医疗救治和经济补偿，促进工伤预防和职业康复。
            职工发生事故伤害或者被诊断为职业病，所在单位应当自事故伤害发生之日或者被诊断、鉴定为职业病之日起30日内提出工伤认定申请；单位未提出的，职工或者其近亲属可以在1年内提出。
            """, Source: Gov),
        new("中华人民共和国社会保险法", "全国人民代表大会常务委员会", "中华人民共和国主席令第三十五号", "法律", "2010-10-28", "2011-07-01", """
            本法建立基本养老保险、基本医疗保险、工伤保险、失业保险和生育保险等社会保险制度，保障公民在年老、疾病、工伤、失业、生育等情况下依法从国家和社会获得物质帮助。
            用人单位不办理社会保险登记或者未按时足额缴纳社会保险费的，由社会保险费征收机构责令限期缴纳或者补足。
            """, Source: Flk),
        new("中华人民共和国土地管理法", "全国人民代表大会常务委员会", "中华人民共和国主席令第三十二号", "法律", "2019-08-26", "2020-01-01", """
            本法规定土地的所有权和使用权、土地利用总体规划、耕地保护、建设用地和监督检查制度。
            征收土地应当给予公平、合理的补偿，保障被征地农民原有生活水平不降低、长远生计有保障；征地补偿安置方案应当公告并听取被征地的农村集体经济组织及其成员的意见。
            征收土地的补偿费用包括土地补偿费、安置补助费以及农村村民住宅、其他地上附着物和青苗等的补偿费用，并安排被征地农民的社会保障费用。
            """, Source: Flk),
        new("国有土地上房屋征收与补偿条例", "国务院", "国务院令第590号", "行政法规", "2011-01-21", "2011-01-21", """
            条例规范国有土地上房屋征收与补偿活动，要求为了公共利益的需要才能征收，并对被征收房屋所有权人给予公平补偿。
            对被征收房屋价值的补偿，不得低于房屋征收决定公告之日被征收房屋类似房地产的市场价格，由具有相应资质的房地产价格评估机构评估确定。
            被征收人对征收决定不服的，可以依法申请行政复议，也可以依法提起行政诉讼。
            """, Source: Gov),
        new("中华人民共和国农村土地承包法", "全国人民代表大会常务委员会", "中华人民共和国主席令第十七号", "法律", "2018-12-29", "2019-01-01", """
            本法稳定和完善以家庭承包经营为基础、统分结合的双层经营体制，赋予农民长期而有保障的土地经营权。
            耕地承包期为三十年，承包期届满后再延长三十年；修正后的法律确立了承包权与经营权分置的制度。
            因土地承包经营发生纠纷的，可以通过协商、调解解决，也可以向农村土地承包仲裁机构申请仲裁或者直接向人民法院起诉。
            """, Source: Flk),
        new("中华人民共和国人民调解法", "全国人民代表大会常务委员会", "中华人民共和国主席令第三十四号", "法律", "2010-08-28", "2011-01-01", """
            人民调解委员会是依法设立的调解民间纠纷的群众性组织，调解应当遵循自愿、平等、不违背法律法规和国家政策的原则，不收取任何费用。
            经人民调解委员会调解达成的调解协议具有法律约束力，双方当事人可以共同向人民法院申请司法确认。
            """, Source: Flk),
        new("中华人民共和国法律援助法", "全国人民代表大会常务委员会", "中华人民共和国主席令第九十三号", "法律", "2021-08-20", "2022-01-01", """
            法律援助是国家建立的为经济困难公民和符合法定条件的其他当事人无偿提供法律咨询、代理、刑事辩护等法律服务的制度。
            请求支付劳动报酬、给予社会保险待遇、请求工伤事故人身损害赔偿等事项，当事人因经济困难没有委托代理人的，可以申请法律援助。
            """, Source: Flk),
        new("中华人民共和国个人信息保护法", "全国人民代表大会常务委员会", "中华人民共和国主席令第九十一号", "法律", "2021-08-20", "2021-11-01", """
            本法规范个人信息处理活动，处理个人信息应当遵循合法、正当、必要和诚信原则，并取得个人同意或者具备法定的其他情形。
            身份证件号码、金融账户、医疗健康、行踪轨迹等属于敏感个人信息，只有在具有特定目的和充分必要性并采取严格保护措施的情形下方可处理。
            国家机关为履行法定职责处理个人信息，不得超出履行法定职责所必需的范围和限度。
            """, Source: Flk),
        new("中华人民共和国民法典", "全国人民代表大会", "中华人民共和国主席令第四十五号", "法律", "2020-05-28", "2021-01-01", """
            民法典分为总则、物权、合同、人格权、婚姻家庭、继承和侵权责任等编，是调整平等主体之间人身关系和财产关系的基本法律。
            向人民法院请求保护民事权利的诉讼时效期间一般为三年，自权利人知道或者应当知道权利受到损害以及义务人之日起计算。
            """, Source: Flk),
    ];
}
