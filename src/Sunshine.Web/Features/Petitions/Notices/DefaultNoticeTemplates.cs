namespace Sunshine.Web.Features.Petitions.Notices;

/// <summary>
/// The notices the statute requires in writing, as first loaded; administrators edit them. Texts are ours, following
/// 《信访工作条例》 Arts. 23, 31, 34–36.
/// </summary>
public static class DefaultNoticeTemplates
{
    public sealed record Template(string Kind, string Title, string Body);

    /// <summary>Every placeholder a template may use, with what fills it.</summary>
    public static readonly IReadOnlyDictionary<string, string> Placeholders = new Dictionary<string, string>
    {
        ["信访人"] = "petitioner's name",
        ["信访件编号"] = "case number",
        ["信访日期"] = "date received",
        ["受理日期"] = "date accepted",
        ["办理期限"] = "current due date",
        ["责任单位"] = "responsible unit (or the registering unit)",
        ["登记单位"] = "registering unit",
        ["延期天数"] = "extension in days",
        ["理由"] = "the reason given in the step",
        ["处理意见"] = "the handling opinion (支持 / 解释说明 / 不予支持)",
        ["法定途径"] = "the legal route (Art. 31)",
        ["复查机关"] = "the organ one level up that reviews",
        ["日期"] = "date of the notice",
    };

    public static readonly IReadOnlyList<Template> All =
    [
        new("acceptance", "受理告知书", """
            {{信访人}}：
            你（们）于{{信访日期}}提出的信访事项（信访件编号：{{信访件编号}}）已收悉。经审查，该事项属于本机关职权范围，依据《信访工作条例》第二十三条、第三十四条的规定，本机关决定予以受理，并将在{{办理期限}}前作出处理意见。
            你（们）可以凭信访件编号和查询码查询办理进度。

            {{责任单位}}
            {{日期}}
            """),
        new("legal-route", "不予受理告知书", """
            {{信访人}}：
            你（们）于{{信访日期}}提出的信访事项（信访件编号：{{信访件编号}}）已收悉。经审查，该事项依法应当通过{{法定途径}}解决。依据《信访工作条例》第三十一条的规定，本机关不作为信访事项受理，请你（们）依照有关法律、行政法规规定的程序向有关机关提出。
            {{理由}}

            {{责任单位}}
            {{日期}}
            """),
        new("decline", "不予受理告知书", """
            {{信访人}}：
            你（们）于{{信访日期}}提出的信访事项（信访件编号：{{信访件编号}}）已收悉。经审查，本机关决定不予受理，理由如下：{{理由}}

            {{责任单位}}
            {{日期}}
            """),
        new("extension", "延期告知书", """
            {{信访人}}：
            你（们）的信访事项（信访件编号：{{信访件编号}}）情况复杂，经本机关负责人批准，依据《信访工作条例》第三十四条的规定，办理期限延长{{延期天数}}日，至{{办理期限}}。延期理由：{{理由}}

            {{责任单位}}
            {{日期}}
            """),
        new("opinion", "信访处理意见书", """
            {{信访人}}：
            你（们）于{{信访日期}}提出的信访事项（信访件编号：{{信访件编号}}），本机关已于{{受理日期}}受理。经调查核实，依据《信访工作条例》第三十二条的规定，处理意见如下：{{处理意见}}。{{理由}}
            如对本处理意见不服，可以自收到本意见书之日起30日内请求{{复查机关}}复查（《信访工作条例》第三十五条）。

            {{责任单位}}
            {{日期}}
            """),
        new("review-opinion", "信访复查意见书", """
            {{信访人}}：
            你（们）对信访事项（信访件编号：{{信访件编号}}）的处理意见不服，请求复查。本机关依据《信访工作条例》第三十五条的规定进行了复查，复查意见如下：{{处理意见}}。{{理由}}
            如对本复查意见不服，可以自收到本意见书之日起30日内向复查机关的上一级行政机关请求复核（《信访工作条例》第三十六条）。

            {{责任单位}}
            {{日期}}
            """),
        new("reexamination-opinion", "信访复核意见书", """
            {{信访人}}：
            你（们）对信访事项（信访件编号：{{信访件编号}}）的复查意见不服，请求复核。本机关依据《信访工作条例》第三十六条的规定进行了复核，复核意见如下：{{处理意见}}。{{理由}}
            本复核意见为终结意见。信访人对复核意见不服，仍以同一事实和理由提出信访的，不再受理。

            {{责任单位}}
            {{日期}}
            """),
    ];
}
