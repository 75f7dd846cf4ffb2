using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sunshine.Data.Postgres.Migrations
{
    /// <summary>
    /// PostgreSQL's text index also holds each petition's scope, as SQLite's FTS5 index does since
    /// <c>SearchScopeTokens</c>: a column <c>"Scope"</c> (integer[]) on <c>PetitionSearchEntries</c> with the ids of the
    /// registering unit, the responsible unit and every ancestor of either (read off <c>Organisation.Path</c>), and the
    /// GIN index becomes two-column, <c>(to_tsvector('simple', "Tokens"), "Scope")</c>. A search within a subtree asks for
    /// <c>words @@ … AND "Scope" @&gt; ARRAY[subtree]</c>, and one GIN scan intersects the two posting lists (a county's
    /// common word at 1M: 133,718 hits, about 900 in the county) instead of reading every hit's row. The words and the
    /// scope are separate index columns, so no typed word can match a scope key. The column is not in the model: the
    /// app never writes it. Triggers keep it in step: before a search entry is inserted (EF, COPY of the rebuild, the
    /// import) it is computed from its petition, and after an update of a petition's registering or responsible unit (a
    /// transfer, an assignment) the entry's scope is recomputed in the same statement. Organisation paths never change
    /// once a unit exists (DirectoryEndpoints only creates), so nothing else can make it stale.
    /// Up fills the column for every petition in one UPDATE (the old index dropped first, so the UPDATE does not
    /// maintain it row by row) and builds the new index; timed at 1M in docs/performance.md.
    /// </summary>
    [DbContext(typeof(SunshineDbContext))]
    [Migration("20261126143000_PostgresSearchScope")]
    public partial class PostgresSearchScope : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE "PetitionSearchEntries" ADD COLUMN "Scope" integer[] NOT NULL DEFAULT '{}';
                DROP INDEX IF EXISTS "IX_PetitionSearchEntries_Tokens";

                -- The scope of a petition: its two units' paths ("/1/14/157/278/"), every id on them, once each.
                CREATE FUNCTION "PetitionScope"(registering integer, responsible integer) RETURNS integer[]
                LANGUAGE sql STABLE AS $$
                    SELECT coalesce(array_agg(DISTINCT unit::integer ORDER BY unit::integer), '{}')
                    FROM "Organisations" AS o, unnest(string_to_array(trim(both '/' from o."Path"), '/')) AS unit
                    WHERE o."Id" = registering OR o."Id" = responsible
                $$;

                WITH units AS (SELECT "Id", string_to_array(trim(both '/' from "Path"), '/')::integer[] AS ids FROM "Organisations")
                UPDATE "PetitionSearchEntries" AS s
                SET "Scope" = ARRAY(SELECT DISTINCT unit FROM unnest(r.ids || coalesce(o.ids, '{}')) AS unit ORDER BY unit)
                FROM "Petitions" AS p
                JOIN units AS r ON r."Id" = p."RegisteringOrganisationId"
                LEFT JOIN units AS o ON o."Id" = p."ResponsibleOrganisationId"
                WHERE p."Id" = s."PetitionId";

                CREATE FUNCTION "PetitionSearchEntries_scope"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    NEW."Scope" := coalesce((SELECT "PetitionScope"(p."RegisteringOrganisationId", p."ResponsibleOrganisationId")
                                             FROM "Petitions" AS p WHERE p."Id" = NEW."PetitionId"), '{}');
                    RETURN NEW;
                END $$;
                CREATE TRIGGER "PetitionSearchEntries_scope" BEFORE INSERT OR UPDATE OF "PetitionId" ON "PetitionSearchEntries"
                    FOR EACH ROW EXECUTE FUNCTION "PetitionSearchEntries_scope"();

                CREATE FUNCTION "Petitions_scope"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE "PetitionSearchEntries" SET "Scope" = "PetitionScope"(NEW."RegisteringOrganisationId", NEW."ResponsibleOrganisationId")
                    WHERE "PetitionId" = NEW."Id";
                    RETURN NULL;
                END $$;
                CREATE TRIGGER "Petitions_scope" AFTER UPDATE OF "RegisteringOrganisationId", "ResponsibleOrganisationId" ON "Petitions"
                    FOR EACH ROW WHEN (OLD."RegisteringOrganisationId" IS DISTINCT FROM NEW."RegisteringOrganisationId"
                                       OR OLD."ResponsibleOrganisationId" IS DISTINCT FROM NEW."ResponsibleOrganisationId")
                    EXECUTE FUNCTION "Petitions_scope"();

                SET LOCAL maintenance_work_mem = '256MB';
                CREATE INDEX "IX_PetitionSearchEntries_Tokens_Scope" ON "PetitionSearchEntries" USING GIN (to_tsvector('simple', "Tokens"), "Scope");
                ALTER INDEX "IX_PetitionSearchEntries_Tokens_Scope" ALTER COLUMN 1 SET STATISTICS 10000;
                ANALYZE "PetitionSearchEntries";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS "Petitions_scope" ON "Petitions";
                DROP TRIGGER IF EXISTS "PetitionSearchEntries_scope" ON "PetitionSearchEntries";
                DROP FUNCTION IF EXISTS "Petitions_scope"();
                DROP FUNCTION IF EXISTS "PetitionSearchEntries_scope"();
                DROP FUNCTION IF EXISTS "PetitionScope"(integer, integer);
                DROP INDEX IF EXISTS "IX_PetitionSearchEntries_Tokens_Scope";
                ALTER TABLE "PetitionSearchEntries" DROP COLUMN IF EXISTS "Scope";
                CREATE INDEX "IX_PetitionSearchEntries_Tokens" ON "PetitionSearchEntries" USING GIN (to_tsvector('simple', "Tokens"));
                ALTER INDEX "IX_PetitionSearchEntries_Tokens" ALTER COLUMN 1 SET STATISTICS 10000;
                ANALYZE "PetitionSearchEntries";
                """);
        }
    }
}
