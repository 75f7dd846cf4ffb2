using System.Text;

namespace Sunshine.Domain.Tests.Petitions;

/// <summary>
/// A generated, labelled set of petition texts for the content fingerprint. Twelve complaint topics, each written as
/// sentences with two or three phrasings and slots for the particulars (company, place, amounts, dates, names). A
/// <em>matter</em> is one rendering: its own particulars and phrasings. Its <em>near-duplicates</em> are the same letter
/// sent again with small changes: typos, a word added or dropped, two sentences swapped, a resubmission line in front,
/// a closing line, retyped punctuation and figures. <em>Different matters on the same topic</em> are other renderings of
/// the same topic: the stock phrases recur, the particulars and most wordings do not (each writer also has their own
/// habits: 咱们 or 我们, 到现在 or 至今 …).
/// </summary>
/// <remarks>Deterministic for a seed (its own generator; <see cref="Random"/>'s algorithm is not a contract).</remarks>
internal static class NearDuplicateCorpus
{
    public sealed record Text(int Matter, int Topic, string Body, string Edits);

    /// <summary>
    /// <paramref name="mattersPerTopic"/> matters per topic, each followed by <paramref name="duplicatesPerMatter"/>
    /// near-duplicates of one to three edits. With <paramref name="samePhrasing"/> the matters of a topic share every
    /// phrasing and differ only in their particulars (the hardest negatives: a form letter filled in by different people).
    /// </summary>
    public static List<Text> Generate(int seed, int mattersPerTopic, int duplicatesPerMatter, bool samePhrasing = false)
    {
        var rng = new Rng((ulong)seed);
        var texts = new List<Text>();
        var matter = 0;
        for (var topic = 0; topic < Topics.Length; topic++)
        {
            var shared = Enumerable.Range(0, Topics[topic].Length).Select(_ => rng.Next(3)).ToArray();
            for (var m = 0; m < mattersPerTopic; m++, matter++)
            {
                var slots = new Slots(ref rng);
                var sentences = new List<string>();
                for (var s = 0; s < Topics[topic].Length; s++)
                {
                    var variants = Topics[topic][s];
                    var pick = samePhrasing ? shared[s] % variants.Length : rng.Next(variants.Length);
                    var sentence = slots.Fill(variants[pick]);
                    if (sentence.Length > 0) sentences.Add(sentence);
                }
                var opener = slots.Fill(Openers[rng.Next(Openers.Length)]);
                var closer = Closers[rng.Next(Closers.Length)];
                if (samePhrasing)
                {
                    opener = slots.Fill(Openers[shared[0] % Openers.Length]);
                    closer = Closers[shared[^1] % Closers.Length];
                }
                if (opener.Length > 0) sentences.Insert(0, opener);
                if (closer.Length > 0) sentences.Add(closer);
                if (!samePhrasing)
                {
                    // Each writer has their own habits of wording: a random half of the usual alternatives.
                    foreach (var (from, to) in Style)
                    {
                        if (rng.Next(2) == 0) continue;
                        for (var i = 0; i < sentences.Count; i++) sentences[i] = sentences[i].Replace(from, to, StringComparison.Ordinal);
                    }
                }
                texts.Add(new Text(matter, topic, string.Concat(sentences), "original"));

                for (var d = 0; d < duplicatesPerMatter; d++)
                {
                    var copy = new List<string>(sentences);
                    var names = new List<string>();
                    var edits = 1 + rng.Next(3);
                    for (var e = 0; e < edits; e++) names.Add(Edit(copy, ref rng, slots));
                    texts.Add(new Text(matter, topic, string.Concat(copy), string.Join("+", names)));
                }
            }
        }
        return texts;
    }

    private static string Edit(List<string> sentences, ref Rng rng, Slots slots)
    {
        var s = rng.Next(sentences.Count);
        switch (rng.Next(9))
        {
            case 0: // a typo: one character dropped
            {
                var t = sentences[s];
                if (t.Length < 4) goto default;
                sentences[s] = t.Remove(1 + rng.Next(t.Length - 2), 1);
                return "drop-char";
            }
            case 1: // a typo: one character replaced by a homophone-like neighbour
            {
                var t = sentences[s];
                if (t.Length < 4) goto default;
                var at = 1 + rng.Next(t.Length - 2);
                sentences[s] = string.Concat(t.AsSpan(0, at), Typos[rng.Next(Typos.Length)], t.AsSpan(at + 1));
                return "typo";
            }
            case 2: // a word added for emphasis
            {
                var t = sentences[s];
                var at = rng.Next(t.Length);
                sentences[s] = t.Insert(at, Emphasis[rng.Next(Emphasis.Length)]);
                return "add-word";
            }
            case 3: // two neighbouring sentences swapped
            {
                if (sentences.Count < 3) goto default;
                var i = rng.Next(sentences.Count - 1);
                (sentences[i], sentences[i + 1]) = (sentences[i + 1], sentences[i]);
                return "swap";
            }
            case 4: // sent again: a resubmission line in front
                sentences.Insert(0, slots.Fill(Resubmissions[rng.Next(Resubmissions.Length)]));
                return "resubmitted";
            case 5: // a closing line added
                sentences.Add(ExtraClosers[rng.Next(ExtraClosers.Length)]);
                return "closing";
            case 6: // typed on another device: ASCII punctuation, spaces, full-width figures
            {
                var t = sentences[s].Replace("，", ", ", StringComparison.Ordinal).Replace("。", ". ", StringComparison.Ordinal);
                var sb = new StringBuilder(t.Length);
                foreach (var c in t) sb.Append(c is >= '0' and <= '9' ? (char)(c + 0xFEE0) : c);
                sentences[s] = sb.ToString();
                return "retyped";
            }
            case 7: // a short sentence left out
            {
                if (sentences.Count < 5) goto default;
                var shortest = sentences.Select((x, i) => (x, i)).Where(p => p.i > 0).MinBy(p => p.x.Length).i;
                sentences.RemoveAt(shortest);
                return "drop-sentence";
            }
            default: // a phrase reworded
            {
                var t = sentences[s];
                foreach (var (from, to) in Rewordings)
                {
                    if (t.Contains(from, StringComparison.Ordinal))
                    {
                        sentences[s] = t.Replace(from, to, StringComparison.Ordinal);
                        return "reword";
                    }
                }
                sentences[s] = t.Insert(0, "另外，");
                return "connective";
            }
        }
    }

    private static readonly string[] Typos = ["的", "地", "得", "在", "再", "已", "以", "做", "作", "象", "像", "那", "哪"];
    private static readonly string[] Emphasis = ["确实", "一直", "非常", "多次", "至今", "严重", "实在"];
    private static readonly string[] Resubmissions =
    [
        "本人曾于{year}年{month}月反映此问题，至今未得到解决，现再次反映。",
        "此事我已反映过多次，一直没有结果，只好再次写信。",
        "{month}月份我通过网上信访反映过这个问题，到现在还没有答复。",
    ];
    private static readonly string[] ExtraClosers = ["恳请领导重视！", "盼早日答复。", "谢谢领导！", "此致敬礼！"];
    private static readonly (string, string)[] Rewordings =
    [
        ("请求", "恳请"), ("反映", "报告"), ("至今", "到现在"), ("多次", "好几次"), ("没有", "未"), ("督促", "责令"),
        ("问题", "情况"), ("我们", "大家"), ("本人", "我"), ("村民", "群众"), ("有关部门", "相关部门"),
    ];

    private static readonly (string, string)[] Style =
    [
        ("我们", "咱们"), ("至今", "到现在"), ("多次", "好几次"), ("没有", "没"), ("有关部门", "相关部门"), ("尽快", "早日"),
        ("问题", "事情"), ("非常", "特别"), ("村民", "老百姓"), ("工资", "工钱"), ("一直", "始终"), ("已经", "早已"),
        ("请求", "请"), ("恳请", "恳求"), ("反映", "反应"), ("可是", "但是"), ("要求", "希望"), ("情况", "事"),
    ];

    private static readonly string[] Openers =
    [
        "尊敬的领导：您好！", "我是{county}{town}{village}村民{name}。", "本人{name}，系{county}{town}居民。", "",
        "领导您好，我想反映一个困扰我们很久的问题。", "我是{county}的一名普通群众。", "",
    ];

    private static readonly string[] Closers =
    [
        "恳请领导重视，尽快解决！", "望有关部门依法依规处理，给我们一个说法。", "请求上级部门督促落实，谢谢！", "",
        "以上情况属实，请予调查处理。", "盼复。", "希望能得到及时答复。",
    ];

    /// <summary>Twelve topics; each sentence has two or three phrasings ("" = the sentence may be left out).</summary>
    private static readonly string[][][] Topics =
    [
        [ // 拖欠农民工工资
            ["我们{n}名工人于{year}年{month}月起在{company}承建的{estate}项目工地务工，", "{year}年我们{n}人跟着包工头{name}在{estate}工地干活，该工程由{company}承建，", "我和{n}名工友受雇于{company}，在{county}{estate}工程做钢筋和木工，"],
            ["工程早已完工验收，但工资共计{amount}万元至今没有结清。", "活干完了，可{amount}万元工钱一直拖着不给。", "到现在工程完工{months}个月了，还欠我们工资{amount}万元。"],
            ["我们多次找包工头讨要，他说开发商没有拨付工程款，", "找公司要钱，公司说钱已经给了包工头，包工头又说没收到，", "我们去劳动监察大队反映过，对方让我们等通知，"],
            ["双方互相推诿，谁也不管。", "一拖再拖，没有任何结果。", ""],
            ["工友们大多是{county}农村来的，家里老人要看病，孩子要上学，", "马上就要过年了，大家都等着这笔钱回家，", "有的工友已经借钱度日，生活非常困难，"],
            ["请求劳动保障部门督促{company}尽快支付拖欠的工资。", "恳请有关部门依法追讨欠薪，维护农民工的合法权益。", "希望政府出面协调，让我们拿到血汗钱。"],
        ],
        [ // 征地补偿
            ["{year}年{county}修建{road}，征收了我们{village}集体土地{area}亩，", "因{county}工业园区建设，{town}{village}有{area}亩耕地被征收，", "{village}的{area}亩承包地于{year}年被{county}政府征用，"],
            ["当时说好每亩补偿{amount}万元，", "按照公告，补偿标准是每亩{amount}万元，", "镇里承诺的补偿款是每亩{amount}万元，"],
            ["可至今仍有{n}户村民的补偿款没有发放到位。", "但村里只发了一部分，剩下的钱去向不明。", "到现在已经{months}个月了，补偿款只到账一半。"],
            ["村干部说钱在镇里，镇里又说要等上面拨款。", "我们去镇政府问过多次，每次都说正在走程序。", "有村民怀疑补偿款被村干部挪用了。"],
            ["土地没了，我们一家{n}口人失去了生活来源，", "失地后社保也没有给我们落实，", ""],
            ["请求上级部门督促兑付征地补偿款，并公开补偿安置方案。", "恳请领导查清补偿款去向，给村民一个交代。", "请求依法足额发放补偿款，保障失地农民的生活。"],
        ],
        [ // 商品房延期交房
            ["我于{year}年在{company}开发的{estate}项目购买了一套商品房，总价{amount}万元，", "{year}年{month}月，我们{n}户业主购买了{county}{estate}的住房，开发商是{company}，", "本人{name}在{estate}买房，首付{amount}万元，每月还着房贷，"],
            ["合同约定{year}年底交房，", "购房合同写明应当在{month}月交付使用，", "开发商承诺{months}个月内交房，"],
            ["可现在已经逾期{months}个月，工地基本处于停工状态。", "到期后工地一直停工，楼只盖了一半。", "如今工地上只剩几个看门的，塔吊都拆走了。"],
            ["我们多次找开发商，对方说资金链断了，让我们等。", "售楼处早已人去楼空，电话也打不通。", "住建部门说正在协调，但一直没有进展。"],
            ["一边还房贷一边租房住，生活压力很大。", "很多业主是掏空了两代人的积蓄买的房，", ""],
            ["请求政府督促开发商尽快复工，保交楼、稳民生。", "恳请有关部门介入，查封项目资金，确保房子能够交付。", "请求依法追究开发商责任，维护购房者的合法权益。"],
        ],
        [ // 冬季供暖不达标
            ["我们是{county}{estate}小区的住户，", "本人家住{county}{estate}{n}号楼，", "{estate}小区共有{n}户居民，"],
            ["今年入冬以来室内温度只有{n}度左右，", "供暖开始后家里暖气一直不热，温度达不到十八度，", "自{month}月供暖以来，屋里冷得要穿棉衣，"],
            ["老人孩子冻得感冒，只能开电暖器取暖。", "家里有卧床的老人，实在受不了。", "晚上睡觉要盖两床被子。"],
            ["我们多次给供热公司打电话，对方说是管网老化，", "物业说这事归热力公司管，热力公司又推给物业，", "供热公司来人看过一次，放了放气就走了，"],
            ["问题一直没有解决，采暖费却一分不少。", "到现在也没有任何改善。", ""],
            ["请求主管部门督促供热企业尽快整改，保障居民温暖过冬。", "恳请有关部门检查{estate}小区供暖情况，并按规定退还部分采暖费。", "希望政府重视群众冷暖，尽快解决供暖问题。"],
        ],
        [ // 低保申请
            ["我家住在{county}{town}{village}，家里{n}口人，", "本人{name}，{county}{town}人，今年{n}岁，", "我是{village}村民，丈夫前年因病去世，"],
            ["我患有慢性病，常年吃药，丧失了劳动能力，", "家里唯一的劳动力{year}年出了车祸，至今卧床，", "孩子还在上学，全家只靠我打零工维持生活，"],
            ["每年看病花费{amount}万元左右，欠了不少外债。", "一年收入不到{amount}万元，生活十分困难。", "家里的房子也是危房，下雨就漏。"],
            ["{year}年我申请了低保，村里说名额已满，没有批。", "我向村委会递交了低保申请，被告知不符合条件，", "申请低保时村干部让我找关系，我没有办法，"],
            ["而村里有的人家盖着楼房、开着小车却吃着低保。", "可同村条件比我好的人却享受了低保。", ""],
            ["请求民政部门重新审核我家的低保申请。", "恳请领导核实我家实际情况，依规将我家纳入最低生活保障。", "希望有关部门调查村里低保评定是否公平。"],
        ],
        [ // 企业污染
            ["{town}附近的{company}长期夜间偷排废气，", "{village}旁边的{company}每天晚上排放刺鼻气体，", "{county}{company}建成投产后，周边空气质量明显变差，"],
            ["味道呛人，周边{n}多户村民门窗都不敢开。", "晾在外面的衣服落满黑灰，很多人咳嗽不止。", "村里患呼吸道疾病的人越来越多。"],
            ["该厂的污水还直接排进河里，河水发黑发臭。", "厂里的废水通过暗管排到{village}的灌溉渠，", "下游{area}亩农田因为用污水灌溉，庄稼减产。"],
            ["我们向环保部门反映过{n}次，", "村民多次打12345热线投诉，", "我们也找过企业负责人，"],
            ["每次检查前企业都提前停产，检查完又照样排放。", "对方只是敷衍了事，问题依旧。", ""],
            ["请求生态环境部门夜间突击检查，依法查处。", "恳请有关部门责令企业整改，赔偿村民损失。", "希望政府还我们一片蓝天和清水。"],
        ],
        [ // 拆迁安置
            ["{year}年{county}实施{estate}棚户区改造，我家的房子被拆除，", "因{road}拓宽工程，我们{village}{n}户的房屋于{year}年被拆迁，", "我是{estate}片区的被征收户，{year}年签了征收补偿协议，"],
            ["按照协议，安置房应在{months}个月内交付，", "政府承诺{year}年底前回迁，", "协议约定每月发放过渡费{amount}千元，"],
            ["可现在已经过去{months}个月，安置房还没有建好。", "到现在安置楼才盖到一半，时干时停。", "去年开始过渡费就停发了，一直没有补上。"],
            ["我们一家老小租房住，年年搬家。", "我父母年纪大了，就盼着早日住进新房。", ""],
            ["找征收办询问，答复是资金紧张，", "多次到{county}住建局反映，工作人员让我们耐心等待，", "开发企业说手续没办完，"],
            ["请求督促尽快交付安置房，并补发过渡费。", "恳请领导重视，落实征收补偿协议。", "希望政府兑现承诺，让被拆迁户早日回迁。"],
        ],
        [ // 养老保险
            ["本人{name}于{year}年进入{company}工作，", "我在{company}干了{n}年，", "我是{company}的老职工，{year}年参加工作，"],
            ["单位一直按最低基数为我缴纳养老保险，", "公司从{year}年起就没有给我交社保，", "单位扣了我的社保钱，却没有按时上缴，"],
            ["期间还断缴了{months}个月。", "累计欠缴{amount}万元。", ""],
            ["我今年已经{n}岁，马上到退休年龄，", "现在我要办理退休手续，", "去社保局查询才发现这个问题，"],
            ["因为缴费年限不够，办不了退休，", "按现在的缴费记录，每月养老金只有一千多元，", "社保局说必须由单位补缴，单位却推说经营困难，"],
            ["请求劳动保障部门督促原单位补缴养老保险费。", "恳请有关部门维护我的合法权益，让我能正常领取养老金。", "请求依法责令{company}补缴社会保险费并赔偿损失。"],
        ],
        [ // 非法集资
            ["{year}年，{company}以高息理财为名在{county}吸收群众资金，", "{company}的业务员到我们小区推销理财产品，声称年化收益{n}%，", "我经朋友介绍，在{company}购买了理财产品，"],
            ["我先后投入{amount}万元，", "我把养老钱{amount}万元都投了进去，", "我们一家投了{amount}万元，"],
            ["约定一年到期还本付息，可到期后公司拒不兑付。", "前几个月还按时付息，后来就停了。", "今年{month}月公司突然关门，负责人联系不上。"],
            ["受害群众有{n}多人，大多是退休老人。", "像我这样上当的人在{county}有几百人。", ""],
            ["我们已经向公安机关报案，", "我们去派出所报了案，", "我们多次到公司讨要，"],
            ["请求公安机关尽快立案侦查，追缴赃款。", "恳请政府帮助我们追回血汗钱。", "希望有关部门严厉打击非法集资，挽回群众损失。"],
        ],
        [ // 村务不公开
            ["{village}村委会近{n}年来从未公开村级财务，", "我们{village}的村务、财务长期不公开，", "{town}{village}的账目好几年没有向村民公布，"],
            ["{year}年村里机动地承包收入约{amount}万元，去向不明。", "村集体卖地得了{amount}万元，村民一分也没见到。", "上级拨付的{amount}万元项目资金，村民不知道用在了哪里。"],
            ["村民要求查账，村干部以各种理由推脱。", "我们向镇里反映了{n}次，没有任何答复。", "村干部说账目已经上交镇里，让我们去镇里查。"],
            ["村支书{name}还把集体土地低价包给自己的亲戚。", "村里修路的工程也是村干部的亲属承包的。", ""],
            ["群众意见很大。", "大家对此议论纷纷。", ""],
            ["请求督促{village}公开村务、财务，并对集体资金使用情况进行审计。", "恳请纪检部门调查村干部的问题。", "希望上级派人查清村里的账目，还村民一个明白。"],
        ],
        [ // 医疗纠纷
            ["我的{name}于{year}年{month}月在{county}人民医院做手术，", "{year}年我母亲因胆结石在{county}中医院住院，", "我父亲{month}月在{town}卫生院输液治疗，"],
            ["术后出现严重并发症，", "治疗过程中突然病情恶化，", "用药后出现过敏反应，"],
            ["转到省城医院又花了{amount}万元，", "抢救了{n}天，最后还是落下了残疾，", "前后住院{months}个月，"],
            ["我们认为医院存在过错，", "医院的病历有涂改的痕迹，", "主治医生当时没有告知手术风险，"],
            ["医院拒绝协商，让我们去法院起诉。", "找医院协商多次，医院只愿意给{amount}千元。", ""],
            ["请求卫健部门组织调查，依法认定医院的责任。", "恳请有关部门主持公道，督促医院赔偿损失。", "希望组织医疗事故鉴定，还我们一个公道。"],
        ],
        [ // 噪音扰民
            ["我家住在{county}{estate}小区，", "本人是{estate}{n}号楼的住户，", "我们{estate}小区临街的{n}户居民，"],
            ["小区门口的烧烤摊和酒吧每天营业到凌晨两三点，", "楼下新开了一家KTV，每晚噪音不断，", "小区旁边的工地经常夜间施工，"],
            ["喝酒划拳、吵闹声不断，有时还有人打架。", "震得窗户都在响，根本无法入睡。", "渣土车来回跑，声音特别大。"],
            ["我们打了{n}次110和12345，", "多次向城管和派出所反映，", "我们找过店老板沟通，"],
            ["每次来人处理后安静一两天，然后又恢复原样。", "对方根本不理会。", ""],
            ["请求有关部门加强整治，还居民一个安静的休息环境。", "恳请公安、城管联合执法，彻底解决噪音扰民问题。", "希望政府重视，依法查处夜间扰民行为。"],
        ],
    ];

    /// <summary>One matter's particulars, each drawn once so that every mention in the letter agrees.</summary>
    private sealed class Slots
    {
        private readonly Dictionary<string, string> _values;

        public Slots(ref Rng rng)
        {
            var county = Counties[rng.Next(Counties.Length)];
            _values = new Dictionary<string, string>
            {
                ["county"] = county,
                ["town"] = Places[rng.Next(Places.Length)] + (rng.Next(3) == 0 ? "乡" : "镇"),
                ["village"] = Places[rng.Next(Places.Length)] + VillageEnds[rng.Next(VillageEnds.Length)],
                ["estate"] = Places[rng.Next(Places.Length)] + EstateEnds[rng.Next(EstateEnds.Length)],
                ["company"] = Brands[rng.Next(Brands.Length)] + Trades[rng.Next(Trades.Length)] + "有限公司",
                ["road"] = Places[rng.Next(Places.Length)] + Roads[rng.Next(Roads.Length)],
                ["name"] = Surnames[rng.Next(Surnames.Length)] + Given[rng.Next(Given.Length)],
                ["n"] = (3 + rng.Next(90)).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["amount"] = (1 + rng.Next(400) / 10.0).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture),
                ["area"] = (5 + rng.Next(600)).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["year"] = (2016 + rng.Next(9)).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["month"] = (1 + rng.Next(12)).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["months"] = (3 + rng.Next(30)).ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
        }

        public string Fill(string template)
        {
            if (!template.Contains('{', StringComparison.Ordinal)) return template;
            var sb = new StringBuilder(template);
            foreach (var (key, value) in _values) sb.Replace("{" + key + "}", value);
            return sb.ToString();
        }
    }

    private static readonly string[] Counties =
    [
        "小店区", "迎泽区", "杏花岭区", "尖草坪区", "万柏林区", "晋源区", "清徐县", "阳曲县", "娄烦县", "古交市", "平城区", "云冈区",
        "阳高县", "天镇县", "广灵县", "灵丘县", "浑源县", "左云县", "城区", "矿区", "郊区", "平定县", "盂县", "潞州区", "上党区",
        "屯留区", "襄垣县", "平顺县", "黎城县", "壶关县", "长子县", "武乡县", "沁县", "沁源县", "泽州县", "沁水县", "阳城县",
        "陵川县", "高平市", "朔城区", "平鲁区", "山阴县", "应县", "右玉县", "怀仁市", "榆次区", "太谷区", "榆社县", "左权县",
        "和顺县", "昔阳县", "寿阳县", "祁县", "平遥县", "灵石县", "介休市", "盐湖区", "临猗县", "万荣县", "闻喜县", "稷山县",
    ];

    private static readonly string[] Places =
    [
        "东关", "西营", "南庄", "北城", "杏林", "柳林", "枣园", "槐树", "石门", "龙泉", "白马", "青山", "红旗", "新华", "富民",
        "兴隆", "永安", "长乐", "太平", "和平", "胜利", "幸福", "光明", "朝阳", "锦绣", "金桥", "银河", "翠微", "紫荆", "玉泉",
        "凤凰", "麒麟", "卧龙", "飞云", "桃源", "梨花", "松林", "柏树", "泉水", "沙河", "汾河", "滨河", "晋阳", "并州", "龙城",
        "古城", "新城", "黄土", "高家", "王家", "李家", "张家", "赵家", "郭家", "杨家", "武家", "贾家", "田家", "韩家", "侯家",
    ];

    private static readonly string[] VillageEnds = ["村", "庄村", "沟村", "堡村", "峪村", "坡村", "营村"];
    private static readonly string[] EstateEnds = ["花园", "小区", "家园", "苑", "新城", "名都", "华府", "公寓"];
    private static readonly string[] Roads = ["路", "大街", "大道", "北路", "南路", "东街"];
    private static readonly string[] Brands =
    [
        "山西鑫源", "晋通", "华泰", "宏达", "鼎盛", "恒丰", "金鹏", "瑞祥", "永和", "天成", "昌盛", "盛世", "嘉禾", "广厦", "新元",
        "中晋", "三晋", "太行", "汾阳", "并州", "龙腾", "博远", "诚信", "东方", "大地",
    ];
    private static readonly string[] Trades =
    [
        "建筑工程", "房地产开发", "物业管理", "投资管理", "商贸", "化工", "焦化", "煤业", "机械制造", "农业开发", "热力", "建材",
    ];
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "郭", "杨", "赵", "陈", "武", "高", "贾", "田", "郝", "韩", "梁", "任"];
    private static readonly string[] Given =
    [
        "建国", "建军", "国强", "志刚", "卫东", "海平", "晓东", "俊峰", "文斌", "永亮", "桂兰", "秀英", "玉梅", "丽萍", "晓燕",
        "红霞", "淑芳", "爱珍", "金花", "海燕", "满仓", "福生", "有德", "富贵",
    ];

    /// <summary>SplitMix64: small, fast and the same everywhere.</summary>
    private struct Rng(ulong seed)
    {
        private ulong _state = seed;

        public int Next(int n)
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (int)(z % (ulong)n);
        }
    }
}
