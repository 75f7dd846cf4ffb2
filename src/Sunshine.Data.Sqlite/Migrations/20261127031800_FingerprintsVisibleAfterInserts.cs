using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sunshine.Data.Sqlite.Migrations
{
    /// <summary>
    /// PostgreSQL's vacuum setting for the fingerprint table (see the PostgreSQL migration of the same name). SQLite has
    /// no visibility map: its covering index answers alone. The migration keeps both providers' lists in step and does
    /// nothing here.
    /// </summary>
    [DbContext(typeof(SunshineDbContext))]
    [Migration("20261127031800_FingerprintsVisibleAfterInserts")]
    public partial class FingerprintsVisibleAfterInserts : Migration
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
