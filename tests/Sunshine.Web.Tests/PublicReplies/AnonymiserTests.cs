using Sunshine.Web.Features.PublicReplies;

namespace Sunshine.Web.Tests.PublicReplies;

/// <summary>The anonymiser on its own: patterns (ID, phone, house numbers) and the petitioner's own particulars.</summary>
public sealed class AnonymiserTests
{
    [Theory]
    [InlineData("我的身份证号是11010519491231002X，请核实。", "11010519491231002X")]
    [InlineData("身份证 140105198001011234 已提交", "140105198001011234")]
    [InlineData("老身份证号140105800101123", "140105800101123")]
    [InlineData("联系电话13912345678", "13912345678")]
    [InlineData("请拨打 139-1234-5678 联系我", "139-1234-5678")]
    [InlineData("座机0351-7654321", "0351-7654321")]
    [InlineData("住在3号楼2单元501室", "3号楼2单元501室")]
    public void Numbers_are_removed_by_pattern(string text, string secret)
    {
        var result = Anonymiser.Anonymise(text, null, null);
        Assert.DoesNotContain(secret, result, StringComparison.Ordinal);
        Assert.Contains(Anonymiser.NumberMask, result, StringComparison.Ordinal);
    }

    [Fact]
    public void Amounts_dates_and_counts_stay()
    {
        const string text = "2025年3月起拖欠工资共计45000元，涉及36名工人，合同编号2024-118。";
        Assert.Equal(text, Anonymiser.Anonymise(text, "王建国", "山西省太原市小店区坞城街道阳光小区"));
    }

    [Fact]
    public void The_petitioners_name_given_name_and_address_are_removed()
    {
        var result = Anonymiser.Anonymise(
            "我叫李秀兰，家住山西省太原市小店区坞城街道阳光花园小区，秀兰多次反映无果。邻居也住阳光花园小区。代表张建军一同反映。",
            "李秀兰", "山西省太原市小店区坞城街道阳光花园小区", ["张建军"]);
        Assert.DoesNotContain("李秀兰", result, StringComparison.Ordinal);
        Assert.DoesNotContain("秀兰", result, StringComparison.Ordinal);
        Assert.DoesNotContain("阳光花园小区", result, StringComparison.Ordinal);
        Assert.DoesNotContain("张建军", result, StringComparison.Ordinal);
        Assert.Equal("我叫某某，家住（地址略），某某多次反映无果。邻居也住（地址略）。代表某某一同反映。", result);
    }
}
