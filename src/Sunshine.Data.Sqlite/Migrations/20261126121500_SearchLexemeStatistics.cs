using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sunshine.Data.Sqlite.Migrations
{
    /// <summary>
    /// PostgreSQL's text-index statistics target (see the PostgreSQL migration of the same name). SQLite's FTS5 needs
    /// no planner statistics: the migration keeps both providers' lists in step and does nothing here.
    /// </summary>
    [DbContext(typeof(SunshineDbContext))]
    [Migration("20261126121500_SearchLexemeStatistics")]
    public partial class SearchLexemeStatistics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
