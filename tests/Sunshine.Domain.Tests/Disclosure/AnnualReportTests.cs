using Sunshine.Domain.Disclosure;

namespace Sunshine.Domain.Tests.Disclosure;

/// <summary>Table computation and the twelve consistency rules of DOMAIN.md §2.3, each shown catching a broken report.</summary>
public sealed class AnnualReportTests
{
    private static readonly HashSet<int> Scope = [1, 2];
    private static readonly string[] Columns = ReportTemplates.ApplicantTypes;

    private static RequestRecord Request(string number, string applicant, string received, string? concluded, string? outcome, long fee = 0, int organ = 1) =>
        new(number, organ, applicant, DateOnly.Parse(received), concluded is null ? null : DateOnly.Parse(concluded), outcome, fee);

    /// <summary>A small consistent year: one request carried in from 2024, three received in 2025, one still open.</summary>
    private static ReportTables Good(IReadOnlyList<RequestRecord>? extra = null) => AnnualReportBuilder.Build(2025, ReportFormat.Format2021, Scope,
        [new RegisterFigure(1, 2025, "licensing.decisions", 517_645), new RegisterFigure(2, 2025, "fee.amount", 4_068_208_000), new RegisterFigure(1, 2024, "licensing.decisions", 9)],
        [
            Request("A1", "自然人", "2024-12-20", "2025-01-10", "予以公开"),
            Request("A2", "商业企业", "2025-03-01", "2025-03-20", "不予公开/属于国家秘密"),
            Request("A3", "自然人", "2025-05-01", "2025-05-10", "其他处理/申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
            Request("A4", "法律服务机构", "2025-12-20", null, null),
            Request("A5", "自然人", "2025-06-01", "2025-06-20", "部分公开", fee: 38_000),
            Request("OLD", "自然人", "2023-01-01", "2024-02-01", "予以公开"),
            .. (extra ?? Array.Empty<RequestRecord>()),
        ],
        [
            new AppealRecord(1, 1, AppealKind.Reconsideration, AppealResult.Upheld, new DateOnly(2025, 4, 1), new DateOnly(2025, 6, 1)),
            new AppealRecord(2, 1, AppealKind.Reconsideration, AppealResult.Corrected, new DateOnly(2025, 11, 1), new DateOnly(2026, 1, 5)),
            new AppealRecord(3, 2, AppealKind.SuitAfterReconsideration, AppealResult.Other, new DateOnly(2025, 2, 1), new DateOnly(2025, 9, 1)),
            new AppealRecord(4, 1, AppealKind.DirectSuit, AppealResult.Upheld, new DateOnly(2024, 2, 1), new DateOnly(2024, 9, 1)),
        ]);

    private static ReportNarrative Narrative(ReportTables t) => ReportDrafting.Draft("沭阳县人民政府", true, t, [new PublicationCount("网站", "工作要闻", 3)]) with { Problems = "一是解读形式需丰富。", Overview = ReportDrafting.Draft("沭阳县人民政府", true, t, [new PublicationCount("网站", "工作要闻", 3)]).Overview.Replace("【请填写】", "已落实。", StringComparison.Ordinal) };

    private static string Cell(Grid grid, string row, string column) => grid.Row(row).Cells[grid.Column(column)]!;

    [Fact]
    public void Tables_count_each_request_once_in_the_year_it_concluded()
    {
        var t = Good();
        var three = t.TableThree;
        Assert.Equal("4", Cell(three, "received", "total"));
        Assert.Equal("1", Cell(three, "carried-in", "natural"));
        Assert.Equal("1", Cell(three, "disclosed", "natural"));
        Assert.Equal("1", Cell(three, "partly", "natural"));
        Assert.Equal("1", Cell(three, "withheld.1", "business"));
        Assert.Equal("1", Cell(three, "other.2", "natural"));
        Assert.Equal("4", Cell(three, "concluded", "total"));
        Assert.Equal("1", Cell(three, "carried-out", "legal"));
        Assert.Equal("0", Cell(three, "other.3", "research"));
        Assert.Equal(38_000, t.FeesFen);
        Assert.Equal(1, t.FeeRequests);

        Assert.Equal("517645", Cell(t.TableTwo[1], "licensing", "decisions"));
        Assert.Equal("4068.208", Cell(t.TableTwo[3], "fee", "amount"));

        // Table four: the case decided in 2026 is still pending on 31 December 2025; the 2024 suit is not this year's.
        var cases = t.TableFour.Rows[0].Cells;
        Assert.Equal("1,0,0,1,2,0,0,0,0,0,0,0,1,0,1", string.Join(",", cases));
        Assert.Empty(ReportChecks.Run(t, Narrative(t)));
    }

    [Fact]
    public void Requests_counted_together_give_the_same_tables_as_one_by_one()
    {
        // 300 requests of one organ in 2025 and its edges, as a database's GROUP BY would return them: summed per tally.
        var outcomes = new[] { "予以公开", "部分公开", "不予公开/属于国家秘密", "其他处理/申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请" };
        var records = Enumerable.Range(0, 300).Select(i => Request("R" + i, Columns[i % 7 == 0 ? 1 : 0], i % 5 == 0 ? "2024-12-15" : "2025-03-01",
            i % 9 == 0 ? null : i % 11 == 0 ? "2026-01-05" : i % 13 == 0 ? "2024-12-31" : "2025-04-01", i % 9 == 0 ? null : outcomes[i % 3],
            fee: i % 17 == 0 ? 10_000 : 0)).ToList();
        var tallies = records.Select(r => AnnualReportBuilder.Tally(2025, r)).OfType<RequestTally>()
            .GroupBy(t => (t.OrganisationId, t.ApplicantType, t.Outcome, t.ReceivedThisYear, t.State, t.DatesReversed))
            .Select(g => new RequestTally(g.Key.OrganisationId, g.Key.ApplicantType, g.Key.Outcome, g.Key.ReceivedThisYear, g.Key.State, g.Key.DatesReversed,
                g.Sum(t => t.Count), g.Sum(t => t.FeesFen), g.Sum(t => t.FeeRequests)))
            .ToList();
        Assert.True(tallies.Count < 30);
        Assert.All(tallies, t => Assert.True(AnnualReportBuilder.IsClean(t, ReportFormat.Format2021, Scope)));
        var one = AnnualReportBuilder.Build(2025, ReportFormat.Format2021, Scope, [], records, []);
        var together = AnnualReportBuilder.BuildFromTallies(2025, ReportFormat.Format2021, Scope, [], tallies, []);
        Assert.Equal(ReportTemplates.Flatten(one.All), ReportTemplates.Flatten(together.All));
        Assert.Equal((one.FeesFen, one.FeeRequests), (together.FeesFen, together.FeeRequests));
        // Received in 2025 or carried in, less those concluded in 2024: every request counted once.
        static long Total(Grid g, string row) => long.Parse(Cell(g, row, "total"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(300 - records.Count(r => r.ConcludedOn == new DateOnly(2024, 12, 31)), Total(together.TableThree, "received") + Total(together.TableThree, "carried-in"));

        // A tally that breaks a rule is not clean: the caller reads its records so that each is named.
        var reversed = AnnualReportBuilder.Tally(2025, Request("X1", "自然人", "2025-05-02", "2025-05-01", "予以公开"))!;
        Assert.False(AnnualReportBuilder.IsClean(reversed with { Number = null, Count = 3 }, ReportFormat.Format2021, Scope));
        var unpaidButCharged = AnnualReportBuilder.Tally(2025, Request("X2", "自然人", "2025-05-02", "2025-05-03", outcomes[3], fee: 100))!;
        Assert.False(AnnualReportBuilder.IsClean(unpaidButCharged, ReportFormat.Format2021, Scope));
    }

    [Fact]
    public void The_format_defaults_by_year_and_shapes_the_tables()
    {
        Assert.Equal(ReportFormat.Trial2019, ReportFormats.DefaultFor(2020));
        Assert.Equal(ReportFormat.Format2021, ReportFormats.DefaultFor(2021));
        var t2019 = ReportTemplates.TableTwo(ReportFormat.Trial2019);
        Assert.Equal(["第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项", "第二十条第（九）项"], t2019.Select(g => g.Heading));
        Assert.Equal(4, ReportTemplates.TableTwo(ReportFormat.Format2021).Count);
        // 2019: （六）其他处理 is one row; 2021: three sub-rows. 2 + 1 + 1 + 8 + 3 + 5 + (1|3) + 1 + 1 rows.
        Assert.Equal(23, ReportTemplates.TableThree(ReportFormat.Trial2019).Rows.Count);
        Assert.Equal(25, ReportTemplates.TableThree(ReportFormat.Format2021).Rows.Count);
        Assert.Equal("other", AnnualReportBuilder.OutcomeRow("其他处理/其他", ReportFormat.Trial2019));
        Assert.Equal("other.3", AnnualReportBuilder.OutcomeRow("其他处理/其他", ReportFormat.Format2021));
        Assert.Null(AnnualReportBuilder.OutcomeRow("不予公开", ReportFormat.Format2021));
        Assert.Null(AnnualReportBuilder.OutcomeRow("部分公开/其他", ReportFormat.Format2021));
    }

    [Theory]
    [InlineData(4_068_208_000, CellUnit.WanYuan, "4068.208")]
    [InlineData(1_000_000, CellUnit.WanYuan, "1")]
    [InlineData(38_000, CellUnit.WanYuan, "0.038")]
    [InlineData(0, CellUnit.WanYuan, "0")]
    [InlineData(51_267_900, CellUnit.Yuan, "512679")]
    [InlineData(38_050, CellUnit.Yuan, "380.5")]
    public void Money_prints_exactly_with_trailing_zeros_trimmed(long fen, CellUnit unit, string printed) => Assert.Equal(printed, Money.Print(fen, unit));

    [Fact]
    public void Amounts_typed_in_yuan_become_fen_or_are_refused()
    {
        Assert.True(Money.TryParseYuan("512679", out var a));
        Assert.Equal(51_267_900, a);
        Assert.True(Money.TryParseYuan("380.5", out var b));
        Assert.Equal(38_050, b);
        Assert.False(Money.TryParseYuan("1.234", out _));
        Assert.False(Money.TryParseYuan("-5", out _));
        Assert.False(Money.TryParseYuan("abc", out _));
    }

    [Fact]
    public void Article_49_deadlines() // departments by 31 January, a government's own report by 31 March of the next year
    {
        Assert.Equal(new DateOnly(2026, 1, 31), ReportDrafting.Deadline(2025, government: false));
        Assert.Equal(new DateOnly(2026, 3, 31), ReportDrafting.Deadline(2025, government: true));
    }

    private static void AssertBroken(int rule, string cellFragment, ReportTables t, ReportNarrative? narrative = null, IReadOnlyDictionary<string, string?>? lastYear = null)
    {
        var violations = ReportChecks.Run(t, narrative ?? Narrative(t), lastYear);
        Assert.Contains(violations, x => x.Rule == rule && x.Cell.Contains(cellFragment, StringComparison.Ordinal));
    }

    [Fact]
    public void Rule_1_received_plus_carried_in_equals_concluded_plus_carried_out()
    {
        var t = Good();
        t.TableThree.Row("carried-out").Cells[0] = "2";
        t.TableThree.Row("carried-out").Cells[6] = "2";
        AssertBroken(1, "（七）总计 × 自然人", t);
    }

    [Fact]
    public void Rule_2_total_equals_the_detail_rows()
    {
        var t = Good();
        t.TableThree.Row("unavailable.1").Cells[1] = "1";
        t.TableThree.Row("unavailable.1").Cells[6] = "1";
        AssertBroken(2, "（七）总计 × 商业企业", t);
    }

    [Fact]
    public void Rule_3_total_column_equals_the_six_applicant_columns()
    {
        var t = Good();
        t.TableThree.Row("received").Cells[6] = "5";
        AssertBroken(3, "一、本年新收政府信息公开申请数量 × 总计", t);
    }

    [Fact]
    public void Rule_4_each_group_total_of_table_four()
    {
        var t = Good();
        t.TableFour.Rows[0].Cells[14] = "2";
        AssertBroken(4, "复议后起诉", t);
    }

    [Fact]
    public void Rule_5_a_concluded_request_belongs_to_exactly_one_outcome_row()
    {
        AssertBroken(5, "申请 B1", Good([Request("B1", "自然人", "2025-02-01", "2025-02-10", "不予公开")]));
        AssertBroken(5, "申请 B2", Good([Request("B2", "自然人", "2025-02-01", null, "予以公开")]));
        AssertBroken(5, "申请 B3", Good([Request("B3", "个人", "2025-02-01", null, null)]));
    }

    [Fact]
    public void Rule_6_carried_in_equals_last_years_carried_out()
    {
        var t = Good();
        var lastYear = new Dictionary<string, string?> { ["t3.carried-out.natural"] = "2", ["t3.carried-out.total"] = "1" };
        var violations = ReportChecks.Run(t, Narrative(t), lastYear);
        Assert.Contains(violations, v => v.Rule == 6 && v.Cell.EndsWith("× 自然人", StringComparison.Ordinal));
        Assert.DoesNotContain(violations, v => v.Rule == 6 && v.Cell.EndsWith("× 总计", StringComparison.Ordinal));
    }

    [Fact]
    public void Rule_7_zero_is_printed_never_blank_or_slash()
    {
        var t = Good();
        t.TableThree.Row("withheld.2").Cells[2] = "/";
        AssertBroken(7, "2.其他法律行政法规禁止公开 × 科研机构", t);
        var u = Good();
        u.TableTwo[0].Row("rule").Cells[1] = "";
        AssertBroken(7, "规章 × 本年废止件数", u);
    }

    [Fact]
    public void Rule_8_exact_labels_and_order()
    {
        var t = Good();
        var broken = new ReportTables
        {
            Year = t.Year, Format = t.Format, TableTwo = ReportTemplates.TableTwo(ReportFormat.Trial2019), TableThree = t.TableThree, TableFour = t.TableFour,
            RegisterFeeFen = t.RegisterFeeFen, FeesFen = t.FeesFen, FeeRequests = t.FeeRequests,
        };
        AssertBroken(8, "表二", broken);
    }

    [Fact]
    public void Rule_9_fees_in_wanyuan_exactly()
    {
        var t = Good();
        t.TableTwo[3].Row("fee").Cells[0] = "4068.2080";
        AssertBroken(9, "行政事业性收费", t);
        var u = Good();
        u.TableTwo[2].Row("penalty").Cells[0] = "1.5";
        AssertBroken(9, "行政处罚", u);
    }

    [Fact]
    public void Rule_10_narrative_numbers_come_from_the_tables()
    {
        var t = Good();
        var narrative = Narrative(t);
        Assert.Contains("新收政府信息公开申请4件", narrative.Overview, StringComparison.Ordinal);
        Assert.Contains("统计口径", narrative.Overview, StringComparison.Ordinal);
        AssertBroken(10, "一、总体情况", t, narrative with { Overview = narrative.Overview.Replace("新收政府信息公开申请4件", "新收政府信息公开申请5件", StringComparison.Ordinal) });
    }

    [Fact]
    public void Rule_11_one_scope_per_report()
    {
        AssertBroken(11, "申请 C1", Good([Request("C1", "自然人", "2025-02-01", null, null, organ: 99)]));
    }

    [Fact]
    public void Rule_12_fees_stated_in_section_six_and_section_five_not_empty()
    {
        var t = Good();
        var narrative = Narrative(t);
        Assert.Contains("380元", narrative.Other, StringComparison.Ordinal);
        AssertBroken(12, "六、其他需要报告的事项", t, narrative with { Other = "无。" });
        AssertBroken(12, "六、其他需要报告的事项", t, narrative with { Other = "收取信息处理费共计0元。" });
        AssertBroken(12, "五、存在的主要问题及改进情况", t, narrative with { Problems = "  " });
        AssertBroken(12, "五、存在的主要问题及改进情况", t, ReportDrafting.Draft("沭阳县人民政府", true, t, []));
        // A request abandoned for not paying cannot have paid.
        AssertBroken(12, "申请 D1", Good([Request("D1", "自然人", "2025-02-01", "2025-03-01",
            "其他处理/申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", fee: 10_000)]));
    }
}
