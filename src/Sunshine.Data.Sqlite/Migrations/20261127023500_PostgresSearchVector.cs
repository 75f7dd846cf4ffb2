using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sunshine.Data.Sqlite.Migrations
{
    /// <summary>
    /// PostgreSQL's stored word vector for its text index (see the PostgreSQL migration of the same name). SQLite's FTS5
    /// index holds its own copy of the words already: the migration keeps both providers' lists in step and does nothing here.
    /// </summary>
    [DbContext(typeof(SunshineDbContext))]
    [Migration("20261127023500_PostgresSearchVector")]
    public partial class PostgresSearchVector : Migration
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
