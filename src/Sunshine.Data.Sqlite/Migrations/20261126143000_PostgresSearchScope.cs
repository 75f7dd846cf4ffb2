using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sunshine.Data.Sqlite.Migrations
{
    /// <summary>
    /// PostgreSQL's scope keys in its text index (see the PostgreSQL migration of the same name). SQLite has had them in
    /// FTS5 since <c>SearchScopeTokens</c>: the migration keeps both providers' lists in step and does nothing here.
    /// </summary>
    [DbContext(typeof(SunshineDbContext))]
    [Migration("20261126143000_PostgresSearchScope")]
    public partial class PostgresSearchScope : Migration
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
