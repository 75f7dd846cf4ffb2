using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sunshine.Data.Postgres.Migrations
{
    /// <summary>
    /// Nothing for PostgreSQL: the SQLite migration of the same name adds scope tokens to the FTS5 index. Kept so that
    /// both providers' migration sets stay in step.
    /// </summary>
    public partial class SearchScopeTokens : Migration
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
