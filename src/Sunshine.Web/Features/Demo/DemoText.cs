using Sunshine.Domain.Petitions;

namespace Sunshine.Web.Features.Demo;

/// <summary>Which unit a demo petition's template is sent to; matched against the seeded department names.</summary>
internal enum DemoDept
{
    Government = 0,
    Police,
    HumanResources,
    Housing,
    NaturalResources,
    Agriculture,
    Education,
    Health,
    Ecology,
    CivilAffairs,
    Transport,
    Market,
}

/// <summary>
/// One kind of petition: the 2018-scheme category it belongs to, its purpose, where it goes, and its summary and text
/// with slots (<c>{county}</c>, <c>{village}</c>, <c>{company:建筑工程}</c>, <c>{amount:5000-90000}</c> …) filled per petition.
/// </summary>
/// <param name="Township">The township government may handle it (村务、宅基地、低保 …).</param>
/// <param name="Legal">Mostly routed to a legal channel (诉讼、仲裁、复议) rather than handled (《信访工作条例》第三十一条).</param>
internal sealed record PetitionTemplate(
    string Top,
    string Sub,
    Purpose Purpose,
    DemoDept Dept,
    int Weight,
    string Summary,
    string Content,
    bool Township = false,
    bool Legal = false);

/// <summary>
/// The text material of the demo data: petition templates per top-level category, names, place-name parts,
/// publication titles and disclosure-request descriptions. All invented; place names come from the real division table.
/// </summary>
internal static class DemoText
{
    /// <summary>Relative weights of the 19 top-level categories (城乡建设 and 劳动社保 lead, as in published statistics).</summary>
    public static readonly (string Top, int Weight)[] TopWeights =
    [
        ("城乡建设", 190), ("劳动和社会保障", 150), ("农村农业", 115), ("自然资源", 95), ("政法", 95),
        ("民政与应急", 60), ("纪检监察", 45), ("卫生健康", 40), ("教育", 40), ("经济管理", 40),
        ("市场监管", 30), ("交通运输", 30), ("生态环境", 30), ("组织人事", 20), ("党务政务", 20),
        ("军队事务", 15), ("其他", 15), ("科技与信息产业", 8), ("文体旅游", 8),
    ];

    public static readonly PetitionTemplate[] Petitions =
    [
        // 农村农业
        new("农村农业", "村务管理", Purpose.Request, DemoDept.Government, 4,
            "反映{town}{village}村务、财务长期不公开问题",
            "{village}村委会近{n:2-6}年未按规定公开村级财务，{year:1-4}年村集体机动地承包收入约{amount:20000-600000}，至今未向村民公示去向。村民多次向镇里反映，未见答复。请求督促{village}公开村务、财务，并对集体资金使用情况进行审计。", Township: true),
        new("农村农业", "土地承包经营", Purpose.Request, DemoDept.Agriculture, 4,
            "反映{village}村委会违规收回本户承包地问题",
            "我家在{village}的{area:1-12}亩承包地于{year:1-6}年被村委会收回另行发包，事先未征得我家同意，也未给予任何补偿。二轮承包期内发包方不得随意收回承包地，请求依法恢复本户的土地承包经营权，并赔偿损失。", Township: true),
        new("农村农业", "土地承包经营", Purpose.Request, DemoDept.Agriculture, 2,
            "反映{company:农业开发}拖欠{village}土地流转费问题",
            "{year:2-6}年{village}{n:20-180}户村民将{area:50-900}亩耕地流转给{company:农业开发}，合同约定每年每亩流转费{amount:400-1200}，该公司已连续{n:1-3}年未支付，负责人联系不上。请求协调追缴流转费，保障村民权益。", Township: true),
        new("农村农业", "农村宅基地", Purpose.Request, DemoDept.NaturalResources, 3,
            "反映本户宅基地申请长期未获审批问题",
            "本户家庭人口{n:4-7}口，现住房屋为上世纪建的土坯房，已成危房。{year:1-4}年向{village}村委会提出宅基地申请，至今未获审批，而同村部分人员一户多宅。请求依法依规审批本户宅基地申请。", Township: true),
        new("农村农业", "惠农补贴", Purpose.Request, DemoDept.Agriculture, 3,
            "反映耕地地力保护补贴未足额发放问题",
            "{year:0-2}年度耕地地力保护补贴，本户{area:2-20}亩耕地应领取补贴约{amount:300-3000}，实际到账不足一半。询问村干部，答复称面积核减，但本户耕地面积没有变化。请求核实补贴面积并补发差额。", Township: true),
        new("农村农业", "扶贫开发", Purpose.Suggestion, DemoDept.Agriculture, 2,
            "建议盘活{town}闲置的扶贫车间",
            "{town}{year:2-6}年建设的扶贫车间自去年起停产闲置，设备无人维护，厂房日渐破损。建议引入经营主体盘活资产，吸纳周边脱贫群众就近务工，巩固拓展脱贫攻坚成果。"),
        new("农村农业", "水利水电", Purpose.Request, DemoDept.Agriculture, 2,
            "反映{village}灌溉渠道年久失修问题",
            "{village}的主干灌溉渠修建于上世纪七十年代，渠体多处坍塌渗漏，今年春灌时有{area:100-800}亩耕地浇不上水。村里无力维修，请求将该渠道纳入{county}农田水利设施维修改造计划。", Township: true),
        new("农村农业", "畜牧养殖", Purpose.Request, DemoDept.Agriculture, 1,
            "反映养殖场被划入禁养区后补偿未落实问题",
            "本人在{village}经营的养殖场于{year:2-6}年被划入禁养区并关停，当时承诺给予补偿，至今仅领到{amount:10000-60000}，与评估金额相差较大。请求按政策落实关停补偿。", Township: true),

        // 自然资源
        new("自然资源", "土地征收", Purpose.Request, DemoDept.NaturalResources, 5,
            "反映{road}改扩建工程征地补偿款未兑付问题",
            "{year:1-5}年{county}{road}改扩建工程征收{village}集体土地{area:20-300}亩，约定补偿标准为每亩{amount:30000-90000}。至今仍有部分补偿款未发放到户，涉及{n:10-120}户村民。请求督促有关部门尽快兑付征地补偿款，并公开补偿安置方案。"),
        new("自然资源", "土地征收", Purpose.Appeal, DemoDept.NaturalResources, 2,
            "对{village}征地补偿标准有异议",
            "{village}土地被征收用于{county}工业园区建设，补偿标准仍按{year:4-9}年的标准执行，明显低于周边同类地块。本人多次向镇政府和{county}自然资源局反映，答复为按文件执行。请求重新核定补偿标准。"),
        new("自然资源", "土地资源管理", Purpose.Accusation, DemoDept.NaturalResources, 3,
            "举报{village}有人违法占用耕地建房",
            "{village}有人在基本农田上违法建设厂房，占地约{area:2-20}亩，已经建成围墙和钢结构大棚。村民多次反映，至今未被制止。请求{county}自然资源部门依法查处，恢复耕地原状。", Township: true),
        new("自然资源", "不动产登记", Purpose.Request, DemoDept.NaturalResources, 4,
            "反映{estate}小区业主办理不动产权证难问题",
            "我们是{county}{estate}小区业主，房屋于{year:3-8}年交付使用，因开发商{company:房地产开发}欠缴土地出让金、未办理竣工验收备案，至今{n:100-800}余户无法办理不动产权证，子女上学、房屋交易都受影响。请求协调解决办证问题。"),
        new("自然资源", "矿产资源管理", Purpose.Request, DemoDept.NaturalResources, 4,
            "反映采煤造成{village}房屋开裂、地面塌陷问题",
            "{company:煤业}在{village}地下采煤，致村内{n:20-200}户房屋出现不同程度裂缝，部分耕地塌陷、水井干涸。村民多次找企业协商无果。请求组织鉴定损失，落实采煤沉陷区综合治理和搬迁安置政策。"),
        new("自然资源", "林业管理", Purpose.Accusation, DemoDept.NaturalResources, 2,
            "举报{village}集体林地树木被非法砍伐",
            "近期有人在{village}后山集体林地内砍伐树木，已砍伐杨树、松树{n:50-400}余棵，用货车连夜拉走。请求林业部门调查处理，追究相关人员责任。", Township: true),

        // 城乡建设
        new("城乡建设", "国有土地上房屋征收与补偿", Purpose.Request, DemoDept.Housing, 5,
            "反映{estate}棚改项目安置房逾期未交付问题",
            "我们是{county}{estate}棚户区改造项目的被征收户，按照征收补偿协议，安置房应于{year:1-3}年底交付，现已逾期{months:3-24}个月，工地时干时停，过渡费也从去年起停发。此事涉及{n:50-600}户，请求督促尽快交付安置房并补发过渡费。"),
        new("城乡建设", "集体土地上房屋拆迁与补偿", Purpose.Request, DemoDept.Housing, 3,
            "反映{village}拆迁补偿标准不一问题",
            "{village}因{county}城中村改造项目整体拆迁，同样结构的房屋，部分户每平方米补偿{amount:1200-2500}，另一部分户却明显偏低，评估过程也未公开。请求公开评估结果，统一补偿标准。"),
        new("城乡建设", "住房保障与房地产", Purpose.Request, DemoDept.Housing, 6,
            "反映{company:房地产开发}开发的{estate}项目延期交房问题",
            "本人于{year:2-5}年购买{company:房地产开发}开发的{estate}商品房，总价{amount:400000-1500000}，已按揭还款多年。合同约定的交房日期已过去{months:6-30}个月，项目仍处于停工状态。请求有关部门督促开发商复工复产，保交楼、稳民生。"),
        new("城乡建设", "住房保障与房地产", Purpose.Request, DemoDept.Housing, 3,
            "反映{estate}小区物业服务不到位、乱收费问题",
            "{county}{estate}小区物业公司{company:物业管理}长期不履行合同义务，电梯经常停运，楼道垃圾无人清理，却擅自上调物业费并强行收取停车费。业主多次沟通无果，请求主管部门督促整改。"),
        new("城乡建设", "城市建设和管理", Purpose.Request, DemoDept.Housing, 4,
            "反映{estate}小区冬季供暖温度不达标问题",
            "入冬以来，{county}{estate}小区室内温度长期在{n:12-16}摄氏度左右，老人孩子只能开电暖器取暖。向供热公司反映多次，只说管网老化正在排查。请求督促供热企业尽快整改，保障居民温暖过冬。"),
        new("城乡建设", "城市建设和管理", Purpose.Request, DemoDept.Housing, 3,
            "反映{town}{road}路段路面破损、雨后积水问题",
            "{town}{road}与周边小区交叉口一带路面坑洼不平，下水道堵塞，每逢下雨积水没过脚踝，路灯也坏了多处，群众出行很不方便，晚上多次有人摔倒。请求尽快维修。"),
        new("城乡建设", "城乡规划", Purpose.Appeal, DemoDept.Housing, 2,
            "对{estate}二期规划变更有异议",
            "{county}{estate}二期项目规划变更后容积率提高，新建高层与我们楼间距明显不足，严重影响采光。规划变更前未进行公示，也未听取业主意见。请求撤销违规变更。"),
        new("城乡建设", "建筑市场", Purpose.Request, DemoDept.Housing, 2,
            "反映{company:建筑工程}承建的{estate}工程质量问题",
            "{estate}交房不到{n:1-3}年，多栋楼出现外墙保温层脱落、屋面漏水、地下室渗水等问题，承建单位{company:建筑工程}推诿不修。请求住建部门组织质量检测，督促施工单位履行保修责任。"),
        new("城乡建设", "村镇建设", Purpose.Suggestion, DemoDept.Housing, 1,
            "建议加快{village}农村生活污水治理",
            "{village}生活污水沿街排放，夏天气味很大。建议将{village}纳入农村人居环境整治项目，建设污水收集管网，改善村容村貌。", Township: true),

        // 劳动和社会保障
        new("劳动和社会保障", "工资福利", Purpose.Request, DemoDept.HumanResources, 9,
            "反映{company:建筑工程}拖欠{n:5-60}名农民工工资问题",
            "我们{n:5-60}人于{year:0-1}年在{company:建筑工程}承建的{county}{estate}工地务工，工程已完工，但工资约{amount:80000-1200000}至今未结清。多次讨要，包工头推说开发商未拨付工程款。临近年关，大家都等着钱过年，请求协调解决。"),
        new("劳动和社会保障", "工资福利", Purpose.Request, DemoDept.HumanResources, 3,
            "反映{company:商贸}拖欠本人工资及经济补偿问题",
            "本人在{company:商贸}工作{n:2-9}年，公司于今年{months:1-9}月起停发工资，后以经营困难为由口头通知解除劳动关系，至今拖欠工资及经济补偿金共{amount:15000-90000}。请求劳动监察部门督促公司支付。"),
        new("劳动和社会保障", "城镇职工社会保险", Purpose.Request, DemoDept.HumanResources, 3,
            "反映原单位未为本人足额缴纳养老保险问题",
            "本人于{year:8-20}年进入{company:化工}工作，单位一直按最低基数为本人缴纳养老保险，期间还断缴{n:12-48}个月。本人即将达到退休年龄，请求督促原单位补缴社会保险费。"),
        new("劳动和社会保障", "退休政策及待遇", Purpose.Appeal, DemoDept.HumanResources, 3,
            "对退休待遇核定结果有异议",
            "本人{year:0-3}年从{company:煤业}退休，认为养老金核定时视同缴费年限计算有误，下乡知青经历未被认定，每月少领约{amount:300-1200}。曾向社保经办机构提出，答复为档案材料不全。请求重新核定。"),
        new("劳动和社会保障", "劳动关系", Purpose.Request, DemoDept.HumanResources, 2,
            "反映{company:商贸}未签订劳动合同即辞退员工问题",
            "本人在{company:商贸}工作{months:8-30}个月，公司一直未与本人签订书面劳动合同，上月突然以调整岗位为由将本人辞退。请求依法支付未签劳动合同的二倍工资差额。", Legal: true),
        new("劳动和社会保障", "城乡居民社会保险", Purpose.Inquiry, DemoDept.HumanResources, 2,
            "咨询城乡居民养老保险补缴政策",
            "本人今年{n:58-62}岁，此前在外地打工，城乡居民养老保险有{n:3-9}年没有缴费。想咨询现在能否补缴、补缴标准是多少、到哪里办理。"),
        new("劳动和社会保障", "就业培训", Purpose.Suggestion, DemoDept.HumanResources, 1,
            "建议增加{county}职业技能培训名额和工种",
            "{county}每年组织的免费职业技能培训名额少、工种单一，电工、焊工、养老护理等热门工种经常报不上名。建议增加培训名额和工种，并把培训班开到乡镇。"),

        // 卫生健康
        new("卫生健康", "医患纠纷", Purpose.Appeal, DemoDept.Health, 3,
            "反映在{county}人民医院治疗期间发生医疗纠纷问题",
            "本人家属于{year:0-2}年在{county}人民医院做手术后出现严重并发症，转院治疗花费{amount:50000-400000}。医院认为不存在过错，拒绝协商。请求卫健部门组织调查，依法认定责任。", Legal: true),
        new("卫生健康", "医政药政", Purpose.Request, DemoDept.Health, 2,
            "反映{town}卫生院服务态度差、重复收费问题",
            "{town}卫生院部分医护人员服务态度生硬，门诊和住院存在重复收费现象，本人住院{n:5-15}天被多收检查费{amount:200-2000}。请求调查处理并退还多收费用。"),
        new("卫生健康", "人口监测与家庭发展", Purpose.Request, DemoDept.Health, 2,
            "反映独生子女父母奖励扶助金未发放问题",
            "本人是农村独生子女家庭父母，今年已年满{n:60-65}周岁，按政策应享受奖励扶助金。{year:0-2}年提交申请至今未发放，村里说名单没有报上去。请求核实并落实政策。", Township: true),
        new("卫生健康", "公共卫生", Purpose.Suggestion, DemoDept.Health, 1,
            "建议在{town}增设夜间急诊服务",
            "{town}距离{county}城区较远，夜间老人孩子突发疾病只能打车进城。建议在镇卫生院开设夜间急诊，配备救护车，方便群众就医。"),

        // 教育
        new("教育", "教师队伍和待遇", Purpose.Request, DemoDept.Education, 3,
            "反映{county}乡村教师生活补助未按时发放问题",
            "我们是{county}{town}的乡村教师，按政策应享受乡村教师生活补助，但自{year:0-2}年起已拖欠{months:3-12}个月未发放，绩效工资也未按规定兑现。请求有关部门督促落实乡村教师待遇。"),
        new("教育", "考试招生", Purpose.Inquiry, DemoDept.Education, 2,
            "咨询{county}义务教育阶段入学划片政策",
            "本人户籍在外地，在{county}购房居住已满{n:2-5}年，孩子今年上一年级。想咨询随迁子女入学需要哪些材料，划片学区如何确定。"),
        new("教育", "教育收费", Purpose.Accusation, DemoDept.Education, 2,
            "举报{county}某学校违规收取资料费、补课费",
            "{county}某中学以购买复习资料和周末辅导为名，向每名学生收取{amount:300-1500}，不开具正规票据，不交的学生被老师点名批评。请求教育部门调查处理。"),
        new("教育", "教育行政管理", Purpose.Suggestion, DemoDept.Education, 2,
            "建议在{town}增加公办幼儿园学位",
            "{town}近年新建小区多、适龄儿童多，但只有一所公办幼儿园，学位严重不足，民办园收费高。建议新建或扩建公办幼儿园，解决入园难问题。"),
        new("教育", "失学辍学", Purpose.Request, DemoDept.Education, 1,
            "反映{village}小学撤并后学生上学路远问题",
            "{village}小学撤并后，孩子们要到{n:5-15}公里外的镇中心学校上学，没有校车，家长每天接送非常困难。请求开通校车或恢复教学点。", Township: true),

        // 经济管理
        new("经济管理", "金融", Purpose.Request, DemoDept.Government, 4,
            "反映{company:投资管理}非法集资、到期不兑付问题",
            "{company:投资管理}以高息理财为名向社会公众吸收资金，本人投入{amount:50000-500000}，约定年息{n:8-15}%，到期后公司拒不兑付，负责人已失联，受害群众有{n:100-900}余人。请求公安机关立案侦查，追缴资金。", Legal: true),
        new("经济管理", "营商环境", Purpose.Request, DemoDept.Government, 3,
            "反映拖欠{company:建筑工程}工程款问题",
            "我公司{company:建筑工程}于{year:2-6}年承建{county}{road}市政工程，工程已通过竣工验收，审计确认的工程款尚有{amount:500000-5000000}未支付，导致公司无法支付供应商货款和工人工资。请求协调清欠。"),
        new("经济管理", "能源管理", Purpose.Request, DemoDept.Government, 3,
            "反映{village}煤改气后供气不足、气价偏高问题",
            "{village}实施煤改气后，今冬多次出现气压不足、断气的情况，取暖费用比烧煤时高出不少，部分群众又偷偷烧起了散煤。请求协调燃气公司保障供气，落实取暖补贴。", Township: true),
        new("经济管理", "企业破产", Purpose.Request, DemoDept.Government, 1,
            "反映原{company:机械制造}破产后职工安置问题",
            "原{company:机械制造}于{year:5-12}年破产，至今仍有{n:30-300}名职工的安置费、集资款未兑现，部分人员社保断缴。请求政府协调解决历史遗留的职工安置问题。"),
        new("经济管理", "财税", Purpose.Inquiry, DemoDept.Government, 1,
            "咨询小微企业税费减免政策",
            "本人在{county}经营一家小型餐饮店，想咨询今年对个体工商户和小微企业有哪些税费减免政策，需要到哪里办理。"),

        // 市场监管
        new("市场监管", "食品药品", Purpose.Accusation, DemoDept.Market, 2,
            "举报{town}一小作坊生产销售不合格食品",
            "{town}有一家无证小作坊在居民楼里生产豆制品，卫生条件很差，产品直接批发给周边早餐店和菜市场。请求市场监管部门依法查处。"),
        new("市场监管", "市场秩序", Purpose.Request, DemoDept.Market, 3,
            "反映{company:健身服务}预付卡停业后无法退费问题",
            "本人在{company:健身服务}办理预付卡{amount:1000-8000}，使用不久商家突然关门停业，老板联系不上，办卡的会员有{n:50-500}多人。请求有关部门督促退费。"),
        new("市场监管", "质量管理", Purpose.Request, DemoDept.Market, 1,
            "反映购买的电动车存在质量问题商家拒不处理",
            "本人在{county}一家电动车专卖店购买电动车，使用{months:1-6}个月后电池鼓包、刹车失灵，商家以人为损坏为由拒绝维修和退换。请求依法处理。"),
        new("市场监管", "市场主体登记注册", Purpose.Inquiry, DemoDept.Market, 1,
            "咨询个体工商户注销办理流程",
            "本人在{county}经营的个体店铺因经营不善准备关闭，想咨询注销营业执照需要哪些材料，能否网上办理。"),

        // 交通运输
        new("交通运输", "建设管理", Purpose.Request, DemoDept.Transport, 3,
            "反映{town}通村公路破损严重问题",
            "{town}通往{village}的通村公路修建于{year:8-15}年，近年来重车碾压，路面坑洼、塌陷严重，雨天泥泞，群众出行和农产品外运非常困难。请求将该路纳入农村公路提质改造计划。"),
        new("交通运输", "客货运输", Purpose.Suggestion, DemoDept.Transport, 2,
            "建议增开{county}城区至{town}的公交线路",
            "{town}到{county}城区只有一趟班车，每天两个班次，学生和老人进城很不方便。建议增开城乡公交线路或增加班次。"),
        new("交通运输", "出租车管理", Purpose.Request, DemoDept.Transport, 1,
            "反映{city}火车站出租车拒载、不打表问题",
            "{city}火车站周边出租车普遍拒载短途乘客，不打表、一口价现象严重，外地旅客意见很大。请求交通运输部门加强监管。"),

        // 民政与应急
        new("民政与应急", "社会救助", Purpose.Request, DemoDept.CivilAffairs, 4,
            "申请将本户纳入最低生活保障",
            "本人家庭{n:3-5}口人，丈夫因病丧失劳动能力，孩子还在上学，全家仅靠本人打零工维持生活。去年申请低保未获批准，村里说名额已满。请求重新审核本户低保申请。", Township: true),
        new("民政与应急", "养老服务", Purpose.Suggestion, DemoDept.CivilAffairs, 2,
            "建议在{town}建设社区养老服务设施",
            "{town}留守老人多，子女大多在外务工，吃饭、看病都有困难。建议建设社区养老服务站，开办老年食堂，提供助餐、助医服务。"),
        new("民政与应急", "安全生产", Purpose.Accusation, DemoDept.Government, 2,
            "举报{company:煤业}存在安全生产隐患",
            "{company:煤业}为赶产量，存在超能力生产、违规越界开采的问题，井下通风设施老化，工人未经培训就下井作业。请求应急管理部门检查处理，防止发生事故。"),
        new("民政与应急", "灾害救助", Purpose.Request, DemoDept.CivilAffairs, 2,
            "反映暴雨灾害后房屋重建补助未到位问题",
            "{year:1-3}年秋季暴雨导致本户房屋倒塌，当时登记为重建户，按政策应享受重建补助{amount:20000-40000}，至今只拿到一部分。请求核实后足额发放。", Township: true),
        new("民政与应急", "基层选举和社区建设", Purpose.Accusation, DemoDept.Government, 1,
            "反映{village}村委会换届选举中存在拉票贿选问题",
            "{village}村委会换届选举前，有候选人以每票{amount:200-1000}的价格拉票，并组织人员代写选票。请求调查处理，依法重新选举。", Township: true),

        // 政法
        new("政法", "诉讼", Purpose.Appeal, DemoDept.Government, 3,
            "对{county}人民法院民事判决不服",
            "本人与{company:商贸}买卖合同纠纷一案，经{county}人民法院一审判决，本人认为认定事实不清，适用法律错误，已超过上诉期限。请求重新审理此案。", Legal: true),
        new("政法", "生效法律文书执行", Purpose.Request, DemoDept.Government, 4,
            "反映法院判决生效后长期未执行到位问题",
            "{county}人民法院于{year:1-4}年判决{company:商贸}支付本人货款{amount:30000-600000}，判决生效后对方拒不履行。本人申请强制执行已{months:6-36}个月，至今分文未执行到位。请求督促法院加大执行力度。", Legal: true),
        new("政法", "社会治安", Purpose.Request, DemoDept.Police, 3,
            "反映{town}{estate}周边夜间噪音扰民、治安混乱问题",
            "{town}{estate}小区门口的烧烤摊和酒吧每天营业到凌晨，酒后滋事、打架斗殴时有发生，严重影响居民休息。请求公安机关加强巡查整治。"),
        new("政法", "户籍证件", Purpose.Request, DemoDept.Police, 2,
            "反映办理户口迁移遇到困难",
            "本人在{county}购房后申请将户口从原籍迁入，派出所称还需提供原籍开具的多项证明，本人往返多次仍未办成。请求简化手续，帮助办理。"),
        new("政法", "警务督察", Purpose.Accusation, DemoDept.Police, 2,
            "反映{town}派出所民警接警后处置不力",
            "本人于{year:0-1}年{months:1-12}月报警称被人殴打，{town}派出所出警后未及时调取监控，也未对打人者作出处理，至今没有结果。请求督察部门调查。"),
        new("政法", "仲裁与调解", Purpose.Request, DemoDept.Government, 1,
            "反映邻里宅基地纠纷调解无果问题",
            "本人与邻居因宅基地界址发生纠纷，邻居建房时占用本户宅基地约{area:5-40}平方米。经村调委会调解两次未果，请求镇政府依法处理。", Township: true, Legal: true),

        // 军队事务
        new("军队事务", "退役士兵安置", Purpose.Request, DemoDept.CivilAffairs, 2,
            "反映退役士兵安置待遇未落实问题",
            "本人{year:5-15}年退出现役，按当时政策应安排工作，但至今未落实，也未领取一次性经济补助。请求退役军人事务部门核实后落实安置待遇。"),
        new("军队事务", "优待抚恤", Purpose.Request, DemoDept.CivilAffairs, 2,
            "反映优抚对象定期抚恤补助未按时发放",
            "本人父亲是参战退役人员，享受定期抚恤补助，但近{months:3-9}个月补助一直未到账，询问{town}民政办也没有明确答复。请求尽快核查发放。", Township: true),
        new("军队事务", "军转干部安置", Purpose.Request, DemoDept.HumanResources, 1,
            "反映军队转业干部工资待遇未落实问题",
            "本人{year:3-10}年从部队转业到{county}某事业单位，职级待遇至今未按政策落实，工资明显低于同职级人员。请求核实并落实。"),

        // 科技与信息产业
        new("科技与信息产业", "电信", Purpose.Request, DemoDept.Government, 2,
            "反映{village}移动网络信号差问题",
            "{village}地处山区，手机信号很弱，经常打不通电话，孩子上网课、村民网上办事都受影响。请求协调通信运营商在附近建设基站。", Township: true),
        new("科技与信息产业", "信息化建设", Purpose.Suggestion, DemoDept.Government, 1,
            "建议优化政务服务网上办事流程",
            "在政务服务网上办理社保、公积金业务时，需要重复上传身份证、户口本等材料，部分事项网上提交后仍需到现场。建议打通部门数据，实现一网通办。"),

        // 生态环境
        new("生态环境", "环境污染与生态破坏", Purpose.Accusation, DemoDept.Ecology, 4,
            "举报{company:焦化}夜间偷排废气问题",
            "{town}附近的{company:焦化}白天正常生产，夜间偷排废气，气味刺鼻，周边村民门窗不敢打开，晾晒的衣物都落满黑灰。请求生态环境部门夜间突击检查，依法查处。"),
        new("生态环境", "环境污染与生态破坏", Purpose.Request, DemoDept.Ecology, 3,
            "反映{village}附近洗煤厂污水直排河道问题",
            "{village}附近的洗煤厂将生产污水直接排入河道，河水发黑，下游农田灌溉受到影响，村里的井水也有异味。请求查处并责令整改。"),
        new("生态环境", "建设项目审批", Purpose.Suggestion, DemoDept.Ecology, 1,
            "对{town}拟建垃圾处理项目选址的意见",
            "听说{county}拟在{town}建设生活垃圾处理项目，选址距离居民区不足一公里。建议重新论证选址，依法公开环评信息并听取周边群众意见。"),
        new("生态环境", "环境管理", Purpose.Request, DemoDept.Ecology, 2,
            "反映{town}建筑工地扬尘、夜间施工噪音问题",
            "{town}{estate}项目工地未按规定覆盖裸土、冲洗车辆，扬尘很大，而且经常施工到深夜，严重影响周边居民休息。请求有关部门督促整改。"),

        // 文体旅游
        new("文体旅游", "文物管理", Purpose.Suggestion, DemoDept.Government, 1,
            "建议加强{village}古建筑保护",
            "{village}有一座明清时期的古庙和几处老院落，年久失修，屋顶漏雨、墙体开裂，壁画也在脱落。建议文物部门尽快勘察，列入保护修缮计划。", Township: true),
        new("文体旅游", "旅游管理", Purpose.Request, DemoDept.Government, 1,
            "反映{county}某景区强制消费问题",
            "本人随旅行团到{county}某景区游玩，导游强制游客到指定商店购物，不买就冷嘲热讽，景区内观光车收费也不明码标价。请求有关部门查处。"),
        new("文体旅游", "体育", Purpose.Suggestion, DemoDept.Government, 1,
            "建议在{town}增设全民健身设施",
            "{town}居民健身场地少，现有的健身器材大多损坏。建议利用闲置空地建设小型健身广场，增设健身器材，定期维护。"),

        // 党务政务
        new("党务政务", "政务服务", Purpose.Request, DemoDept.Government, 2,
            "反映在{county}政务服务中心办事多次跑腿问题",
            "本人到{county}政务服务中心办理营业执照变更，窗口每次只告知一项材料，前后跑了{n:3-6}趟仍未办成。请求规范一次性告知制度，提高办事效率。"),
        new("党务政务", "政务服务", Purpose.Suggestion, DemoDept.Government, 2,
            "对优化营商环境工作的建议",
            "建议{city}进一步压缩企业开办和工程建设项目审批时间，推行容缺受理，政务服务事项尽量做到网上办、就近办、一次办。"),
        new("党务政务", "宣传舆论", Purpose.Suggestion, DemoDept.Government, 1,
            "建议加强信访法治宣传",
            "很多群众不了解《信访工作条例》和法定途径，遇到问题就越级上访。建议通过电视、短视频等形式多宣传法律知识和依法信访的途径。"),

        // 组织人事
        new("组织人事", "招录辞退", Purpose.Appeal, DemoDept.HumanResources, 2,
            "对{county}事业单位公开招聘考试结果有异议",
            "本人参加{year:0-1}年{county}事业单位公开招聘考试，笔试成绩排名第一，面试后总成绩被反超，对面试评分过程有异议。请求公开面试评分细则并复核成绩。"),
        new("组织人事", "人力资源", Purpose.Request, DemoDept.HumanResources, 1,
            "反映{county}某事业单位工作人员工资调整未落实问题",
            "按照国家规定，机关事业单位工作人员应于{year:0-2}年调整基本工资标准，{county}部分事业单位至今未落实，也未补发。请求督促落实。"),
        new("组织人事", "选拔任用", Purpose.Accusation, DemoDept.Government, 1,
            "反映{county}某单位干部选拔任用程序不规范问题",
            "{county}某单位在中层干部竞聘中未按规定公示，个别人员资历不够却被提拔，群众议论较多。请求组织部门调查核实。"),
        new("组织人事", "离休", Purpose.Request, DemoDept.HumanResources, 1,
            "反映离休干部医疗费报销不及时问题",
            "本人父亲是离休干部，近年医疗费用报销周期长，垫付{amount:10000-80000}已半年多未报销。请求协调尽快报销。"),

        // 纪检监察
        new("纪检监察", "贪污贿赂", Purpose.Accusation, DemoDept.Government, 3,
            "反映{town}干部在{road}工程中收受好处问题",
            "{town}某干部在{road}工程招标中为{company:建筑工程}提供便利，事后收受好处费，该工程质量也存在问题。以上情况群众议论很多，请求纪检监察机关调查核实。"),
        new("纪检监察", "滥用职权", Purpose.Accusation, DemoDept.Government, 4,
            "反映{village}党支部书记侵占集体资金问题",
            "{village}党支部书记在任期间，虚报冒领征地补偿款和扶贫项目资金约{amount:50000-800000}，将集体机动地低价承包给亲属。请求纪检监察机关调查处理。", Township: true),
        new("纪检监察", "干部作风", Purpose.Accusation, DemoDept.Government, 3,
            "反映{county}某部门工作人员办事推诿、吃拿卡要问题",
            "本人到{county}某部门办理审批手续，工作人员以各种理由推诿，暗示需要“意思意思”才能办理，拖了{months:2-8}个月仍未办结。请求调查处理。"),
        new("纪检监察", "失职渎职", Purpose.Accusation, DemoDept.Government, 1,
            "反映{town}干部对违建问题不作为",
            "{town}有人在河道管理范围内违法建设，群众反映了{n:3-10}次，镇里干部只是口头答复会处理，至今未采取任何措施。请求追究相关干部失职责任。"),

        // 其他
        new("其他", "历史遗留问题", Purpose.Request, DemoDept.Government, 2,
            "反映原{company:机械制造}集资建房产权遗留问题",
            "上世纪九十年代，原{company:机械制造}组织职工集资建房，我们{n:30-200}户职工按要求交了集资款，至今已二十多年，房屋产权证一直办不下来。请求政府协调解决这一历史遗留问题。"),
        new("其他", "表达情感", Purpose.Other, DemoDept.Government, 1,
            "感谢{town}干部为群众办实事",
            "我村多年的吃水难问题，在{town}干部的积极协调下终于解决了，家家户户通上了自来水。特向有关干部表示感谢，希望继续保持为民服务的好作风。", Township: true),
        new("其他", "其他", Purpose.Inquiry, DemoDept.Government, 1,
            "咨询信访事项办理进度查询方式",
            "本人上月通过网上信访反映了问题，想咨询如何查询办理进度，多长时间能收到答复，对答复不满意可以向哪里申请复查。"),
        new("其他", "领导事务", Purpose.Suggestion, DemoDept.Government, 1,
            "对{city}城市发展的几点建议",
            "作为一名老{city}人，建议在老城区改造中注意保护历史街区风貌，多建口袋公园，完善停车设施，让群众在城市更新中有更多获得感。"),
    ];

    /// <summary>Opening sentences; the petition template follows.</summary>
    public static readonly string[] Openers =
    [
        "我是{county}{town}{village}村民。", "本人系{county}{town}居民。", "我叫{name}，家住{county}{town}{village}。",
        "尊敬的领导：您好！", "", "", "我是{city}{county}的一名普通群众。", "领导您好，我想反映一个问题。",
    ];

    public static readonly string[] Closers =
    [
        "恳请领导重视，尽快解决！", "望有关部门依法依规处理，给群众一个说法。", "请求上级部门督促落实，谢谢！",
        "以上情况属实，请予调查处理。", "", "盼复。", "希望能得到及时答复。",
    ];

    public static readonly string[] AccusationClosers =
    [
        "以上反映情况属实，本人愿意配合调查。", "请求依纪依法调查处理，并对举报人信息予以保密。", "",
    ];

    public static readonly string[] SuggestionClosers = ["以上建议，供领导参考。", "", "谢谢！"];

    // Surnames roughly by frequency in Shanxi; the generator favours the front of the list.
    public static readonly string[] Surnames =
    [
        "王", "李", "张", "刘", "郭", "杨", "赵", "陈", "武", "高", "贾", "田", "郝", "韩", "梁", "任", "杜", "孙", "马", "侯",
        "乔", "宋", "吴", "薛", "闫", "牛", "冯", "白", "周", "范", "段", "曹", "史", "程", "徐", "董", "秦", "胡", "卫", "裴",
        "霍", "申", "吕", "常", "石", "苏", "安", "温", "樊", "孟", "许", "郑", "黄", "朱", "康", "崔", "阎", "畅", "原", "麻",
    ];

    public static readonly string[] MaleGiven =
    [
        "建国", "建军", "国强", "志刚", "卫东", "红军", "海平", "晓东", "俊峰", "文斌", "永亮", "志勇", "晋生", "二虎", "三宝",
        "保平", "新民", "建华", "明亮", "振华", "鹏", "磊", "勇", "强", "军", "涛", "斌", "杰", "浩", "宇", "晨阳", "子豪",
        "金喜", "满仓", "福生", "来旺", "有德", "忠义", "富贵", "宏伟", "国栋", "志强", "海军", "小龙", "天佑",
    ];

    public static readonly string[] FemaleGiven =
    [
        "桂兰", "秀英", "玉梅", "俊梅", "丽萍", "晓燕", "红霞", "淑芳", "翠花", "润梅", "改莲", "爱珍", "金花", "美玲", "海燕",
        "娟", "静", "敏", "丽", "艳", "芳", "霞", "婷", "慧", "佳怡", "梓涵", "雨欣", "春燕", "彩霞", "巧云", "月娥", "素琴",
    ];

    public static readonly string[] VillagePrefixes =
    [
        "王家", "李家", "张家", "刘家", "赵家", "郭家", "杨家", "武家", "贾家", "田家", "韩家", "梁家", "侯家", "乔家", "薛家",
        "东", "西", "南", "北", "上", "下", "前", "后", "大", "小", "石", "柳", "杏", "枣", "榆", "槐", "红", "新", "高", "马",
        "官", "古", "龙", "白", "黄", "青", "柏", "桃", "泉", "沙",
    ];

    public static readonly string[] VillageSuffixes =
    [
        "庄村", "村", "峪村", "堡村", "沟村", "坡村", "坪村", "寨村", "河村", "营村", "头村", "底村", "窑村", "岭村", "湾村", "庄子村",
    ];

    public static readonly string[] CommunityNames =
    [
        "和平", "建设", "新华", "胜利", "朝阳", "幸福", "文化", "东风", "光明", "友谊", "安居", "阳光", "铁路", "滨河", "锦绣",
        "长风", "学府", "春华", "康乐", "富民", "兴华", "丽华", "晋阳", "南关", "北关", "西关", "东关",
    ];

    public static readonly string[] CompanyWords =
    [
        "恒达", "鑫源", "晋阳", "华鑫", "宏盛", "兴业", "永安", "汇通", "金地", "瑞丰", "天泽", "博远", "龙腾", "诚信", "顺发",
        "嘉禾", "德润", "锦程", "昌盛", "泰和", "晋丰", "中诚", "新元", "广厦", "盛世", "三晋", "汾河", "太行", "吕梁山", "黄河",
        "晋鹏", "鸿运", "东方", "聚丰", "润通", "金鼎", "华晋", "恒源",
    ];

    public static readonly string[] EstateNames =
    [
        "锦绣华庭", "阳光花园", "御景湾", "龙城佳苑", "滨河新城", "书香苑", "和平小区", "幸福家园", "金色家园", "翡翠城", "紫金苑",
        "香榭丽舍", "汾河湾", "世纪花园", "学府名居", "康馨苑", "盛世华府", "水岸名都", "东湖国际", "南湖春天", "城市之光", "铂悦府",
        "富力城", "清华园", "玉泉山庄", "太行明珠",
    ];

    public static readonly string[] RoadNames =
    [
        "建设路", "解放路", "新华街", "和平路", "长风街", "迎宾路", "滨河东路", "府前街", "人民路", "文化路", "工农路", "朝阳街",
        "南环路", "北环路", "东外环", "西外环", "车站街", "学府街", "兴华街", "体育路", "太行路", "汾河大道",
    ];

    // Publications (主动公开): columns and outlets as in the seed report (DOMAIN.md §2.1).
    public const string OutletWebsite = "网站";
    public const string OutletWeChat = "微信公众号";
    public const string OutletToutiao = "政务头条";

    /// <summary>Column, outlet and the seed report's 2021 count, used as weights (website 182, WeChat 135, 政务头条 146).</summary>
    public static readonly (string Column, string Outlet, int Weight)[] PublicationColumns =
    [
        ("法定主动公开内容", OutletWebsite, 22), ("焦点新闻", OutletWebsite, 94), ("工作要闻", OutletWebsite, 41),
        ("公告", OutletWebsite, 6), ("政策解读", OutletWebsite, 3), ("省长信箱留言", OutletWebsite, 12),
        ("工作动态", OutletWeChat, 135), ("经验交流", OutletToutiao, 44), ("政策宣传", OutletToutiao, 15), ("工作动态", OutletToutiao, 87),
    ];

    public const string ColumnAnnualReport = "年度报告";
    public const string ColumnBudget = "预算决算";

    public static readonly string[] NewsTopics =
    [
        "信访积案化解", "矛盾纠纷排查化解", "领导干部接访下访", "“枫桥经验”推广", "信访工作法治化", "网上信访", "初信初访办理",
        "重复信访治理", "信访事项办理质量", "“民生大接访”", "阳光信访", "源头治理", "信访干部业务培训", "“零上访”创建",
    ];

    public static readonly string[] NewsTitles =
    [
        "省信访局召开{topic}推进会", "{city}扎实推进{topic}工作", "我省深入开展{topic}专项行动", "省信访局领导赴{city}督导{topic}工作",
        "{city}{county}：以{topic}促进基层治理", "省信访局党组召开理论学习中心组学习会", "全省信访系统{topic}工作视频会议召开",
        "{county}创新{topic}机制取得实效", "省信访局召开{year}年全省信访工作会议",
    ];

    public static readonly string[] ExperienceTitles =
    [
        "{city}{county}：“{topic}”打造新时代信访工作样板", "{county}探索“{topic}+网格化”模式", "{city}：用好{topic}，把矛盾化解在基层",
        "{county}以{topic}推动信访工作提质增效",
    ];

    public static readonly string[] PolicyTitles =
    [
        "【以案释法】遇到{law}问题，应该走哪条法定途径？", "《信访工作条例》解读：{article}", "图解：{article}", "一图读懂{article}",
    ];

    public static readonly string[] PolicyArticles =
    [
        "信访事项的受理和办理时限", "信访人的权利和义务", "复查复核程序", "依法分类处理信访诉求", "网上信访怎么办", "信访事项的满意度评价",
        "诉访分离制度", "信访工作责任制",
    ];

    public static readonly string[] LawTopics = ["劳动争议", "土地承包", "征地补偿", "医疗纠纷", "物业纠纷", "欠薪", "交通事故赔偿", "婚姻家庭"];

    public static readonly string[] NoticeTitles =
    [
        "山西省信访局关于{year}年春节期间来访接待工作安排的公告", "山西省信访局关于{year}年国庆节期间来访接待工作安排的公告",
        "山西省信访局{year}年公开招聘事业单位工作人员公告", "关于调整省信访局来访接待场所的公告", "关于开展{year}年度信访工作满意度调查的公告",
    ];

    public static readonly string[] MailboxReplyTitles =
    [
        "关于{county}{issue}问题的回复", "关于反映{county}{issue}问题的答复", "对网民反映{city}{issue}问题的回复",
    ];

    public static readonly string[] MailboxIssues =
    [
        "农民工工资拖欠", "安置房逾期交付", "小区供暖不达标", "征地补偿款发放", "不动产权证办理", "通村公路维修", "煤改气补贴",
        "乡村教师补助发放", "低保审核", "养老保险补缴",
    ];

    public static readonly string[] StatutoryTitles =
    [
        "山西省信访局政府信息公开指南", "山西省信访局机构职能", "山西省信访局领导信息", "山西省信访局政府信息公开制度",
        "山西省信访局来访接待须知", "山西省信访事项复查复核办法", "山西省信访局网上信访工作规范", "山西省信访事项办理质量评价办法",
    ];

    // Disclosure requests (依申请公开): applicant types as in the annual report's table three.
    public static readonly (string Type, int Weight)[] ApplicantTypes =
    [
        ("自然人", 800), ("商业企业", 70), ("科研机构", 20), ("社会公益组织", 20), ("法律服务机构", 60), ("其他", 30),
    ];

    /// <summary>Reply types of 《政府信息公开条例》 in the annual report's terms: group / sub-row, with weights for a bureau.</summary>
    public static readonly (string Outcome, int Weight)[] DisclosureOutcomes =
    [
        ("予以公开", 220), ("部分公开", 60),
        ("不予公开/属于国家秘密", 3), ("不予公开/其他法律行政法规禁止公开", 3), ("不予公开/危及“三安全一稳定”", 2),
        ("不予公开/保护第三方合法权益", 20), ("不予公开/属于三类内部事务信息", 15), ("不予公开/属于四类过程性信息", 20),
        ("不予公开/属于行政执法案卷", 5), ("不予公开/属于行政查询事项", 5),
        ("无法提供/本机关不掌握相关政府信息", 230), ("无法提供/没有现成信息需要另行制作", 60), ("无法提供/补正后申请内容仍不明确", 20),
        ("不予处理/信访举报投诉类申请", 150), ("不予处理/重复申请", 40), ("不予处理/要求提供公开出版物", 5),
        ("不予处理/无正当理由大量反复申请", 10), ("不予处理/要求行政机关确认或重新出具已获取信息", 15),
        ("其他处理/申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", 30),
        ("其他处理/申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", 3), ("其他处理/其他", 30),
    ];

    public static readonly string[] DisclosureDescriptions =
    [
        "申请公开{year}年{county}{road}改扩建工程征地补偿安置方案及补偿款发放明细",
        "申请公开本人{year}年反映的信访事项的处理意见书及办理过程材料",
        "申请公开{city}{year}年度信访工作考核结果",
        "申请公开{year}年{county}{estate}棚户区改造项目的征收决定及补偿方案",
        "申请公开山西省信访局{year}年部门预算及“三公”经费使用情况",
        "申请公开{county}{year}年农民工工资保证金缴存和使用情况",
        "申请公开{county}{village}采煤沉陷区治理搬迁安置的相关文件",
        "申请公开省信访局对{county}信访事项督查督办的通报文件",
        "申请公开{year}年全省信访事项按期办结率、群众满意率等统计数据",
        "申请公开{county}关于{estate}项目问题楼盘处置的会议纪要",
        "申请公开《山西省信访事项复查复核办法》的制定依据及起草说明",
        "申请确认本人信访事项是否已经办结并重新出具答复意见",
    ];

    public static readonly string[] ResearchNames = ["山西大学社会治理研究中心", "山西省社会科学院", "山西财经大学公共管理学院", "太原理工大学政法学院", "中北大学人文社会科学学院"];
    public static readonly string[] NonProfitSuffixes = ["公益服务中心", "环保志愿者协会", "社会工作服务中心", "消费者权益保护协会", "助老服务中心"];
    public static readonly string[] OtherApplicantSuffixes = ["村民委员会", "社区居民委员会", "业主委员会"];

    // Reasons in the case history, where the workflow asks for one (《信访工作条例》第二十三、十九、三十四条).

    /// <summary>异议: the receiving unit returns an item outside its competence (Art. 23).</summary>
    public static readonly string[] ObjectionReasons =
    [
        "经核查，反映事项不属于本单位法定职责范围，请按职责重新转送。",
        "该事项涉及的审批和监管职责已划转其他部门，本单位不再承担相关职能，特此退回。",
        "反映问题发生地不在本单位管辖区域内，请转送属地处理。",
    ];

    /// <summary>不予受理 (Art. 19, Art. 23).</summary>
    public static readonly string[] DeclineReasons =
    [
        "信访人就同一事项向上级机关提出，该事项正在规定期限内办理，依照《信访工作条例》第十九条不予受理。",
        "反映事项已依法处理完毕并作出书面答复，信访人未提出新的事实和理由，不予受理。",
        "反映内容不具体，经联系信访人无法补充必要事实，不予受理。",
        "反映事项不属于行政机关职权范围，已告知信访人向有权机关提出。",
    ];

    /// <summary>不再受理 (Art. 36).</summary>
    public const string RefusalReason = "信访人以同一事实和理由再次提出，该事项已经复核终结，依照《信访工作条例》第三十六条不再受理。";

    /// <summary>延期: approved by the unit's head within the limit (Art. 34).</summary>
    public static readonly string[] ExtensionReasons =
    [
        "案情复杂，需进一步调查核实，经本单位负责人批准延长办理期限。",
        "涉及多个部门职责，需召开协调会商，经负责人批准延期办理。",
        "需现场勘验并委托第三方鉴定，鉴定结论尚未出具，经负责人批准延期。",
        "涉及历史遗留问题，相关档案资料正在调取，经负责人批准延期。",
    ];

    /// <summary>撤回: the petitioner withdraws before a handling opinion.</summary>
    public static readonly string[] WithdrawalReasons =
    [
        "信访人书面申请撤回信访事项。",
        "经协调，双方已自行协商解决，信访人主动申请撤回。",
        "信访人来电告知问题已得到解决，申请撤回，已记录在案。",
    ];

    /// <summary>答复建议意见 (Art. 29).</summary>
    public static readonly string[] SuggestionReplies =
    [
        "感谢您提出的意见建议。经研究，相关内容已转有关部门在制定年度工作计划时统筹考虑。",
        "您的建议已收悉并转主管部门研究，部分意见已在工作中采纳，感谢您对我们工作的关心和支持。",
        "经研究，您所提建议涉及的事项已列入近期工作安排，将结合实际逐步推进。",
    ];

    /// <summary>导入法定途径 (Art. 31 items 1–5): why the route was chosen, by route.</summary>
    public static string RouteReason(string routeLabel) =>
        "经审查，该诉求应当通过" + routeLabel + "解决，已告知信访人依照有关法律、行政法规规定的程序向有关机关提出。";
}
