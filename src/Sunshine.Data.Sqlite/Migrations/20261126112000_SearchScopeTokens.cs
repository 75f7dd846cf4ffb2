using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sunshine.Data.Sqlite.Migrations
{
    /// <summary>
    /// The SQLite text index also indexes each petition's scope: a second FTS5 column, <c>"Scope"</c>, holding
    /// <c>s{id}</c> for the registering unit, the responsible unit and every ancestor of either (from
    /// <c>Organisation.Path</c>). A search within a subtree then asks FTS5 for <c>words AND s{subtree}</c>, and the index
    /// intersects the two lists itself (a county's common word at 1M: 129,325 hits, 856 in the county). The table becomes
    /// contentless (the tokens stay in <c>PetitionSearchEntries</c>; only rowids are ever read from it), with
    /// <c>contentless_delete</c> so that triggers can drop a row by rowid: a transfer changes the responsible unit, and
    /// the trigger on <c>Petitions</c> re-indexes that petition's row in the same statement. Paths never change once a
    /// unit exists, so the tokens need no other upkeep. Up re-indexes every petition (the rebuild step, automatic with
    /// the migrations at start-up; timed at 1M in docs/performance.md). PostgreSQL has its own migration, empty.
    /// </summary>
    public partial class SearchScopeTokens : Migration
    {
        // The scope tokens of the petition with the given id: "s1 s14 s157 s278 s1 s14 s160" (repeats are harmless).
        private static string ScopeOf(string petitionId) => $"""
            (SELECT 's' || replace(trim(r."Path", '/'), '/', ' s') || coalesce(' s' || replace(trim(o."Path", '/'), '/', ' s'), '')
             FROM "Petitions" AS p JOIN "Organisations" AS r ON r."Id" = p."RegisteringOrganisationId"
             LEFT JOIN "Organisations" AS o ON o."Id" = p."ResponsibleOrganisationId"
             WHERE p."Id" = {petitionId})
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"""
                DROP TRIGGER IF EXISTS "PetitionSearchEntries_au";
                DROP TRIGGER IF EXISTS "PetitionSearchEntries_ad";
                DROP TRIGGER IF EXISTS "PetitionSearchEntries_ai";
                DROP TABLE IF EXISTS "PetitionFts";
                CREATE VIRTUAL TABLE "PetitionFts" USING fts5("Tokens", "Scope", content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0');
                INSERT INTO "PetitionFts"(rowid, "Tokens", "Scope")
                    SELECT s."PetitionId", s."Tokens",
                           's' || replace(trim(r."Path", '/'), '/', ' s') || coalesce(' s' || replace(trim(o."Path", '/'), '/', ' s'), '')
                    FROM "PetitionSearchEntries" AS s
                    JOIN "Petitions" AS p ON p."Id" = s."PetitionId"
                    JOIN "Organisations" AS r ON r."Id" = p."RegisteringOrganisationId"
                    LEFT JOIN "Organisations" AS o ON o."Id" = p."ResponsibleOrganisationId"
                    ORDER BY s."PetitionId";
                INSERT INTO "PetitionFts"("PetitionFts") VALUES ('optimize');
                CREATE TRIGGER "PetitionSearchEntries_ai" AFTER INSERT ON "PetitionSearchEntries" BEGIN
                    INSERT INTO "PetitionFts"(rowid, "Tokens", "Scope") VALUES (new."PetitionId", new."Tokens", {ScopeOf("new.\"PetitionId\"")});
                END;
                CREATE TRIGGER "PetitionSearchEntries_ad" AFTER DELETE ON "PetitionSearchEntries" BEGIN
                    DELETE FROM "PetitionFts" WHERE rowid = old."PetitionId";
                END;
                CREATE TRIGGER "PetitionSearchEntries_au" AFTER UPDATE ON "PetitionSearchEntries" BEGIN
                    DELETE FROM "PetitionFts" WHERE rowid = old."PetitionId";
                    INSERT INTO "PetitionFts"(rowid, "Tokens", "Scope") VALUES (new."PetitionId", new."Tokens", {ScopeOf("new.\"PetitionId\"")});
                END;
                CREATE TRIGGER "Petitions_scope_au" AFTER UPDATE OF "RegisteringOrganisationId", "ResponsibleOrganisationId" ON "Petitions"
                WHEN old."RegisteringOrganisationId" IS NOT new."RegisteringOrganisationId" OR old."ResponsibleOrganisationId" IS NOT new."ResponsibleOrganisationId" BEGIN
                    DELETE FROM "PetitionFts" WHERE rowid = new."Id" AND EXISTS (SELECT 1 FROM "PetitionSearchEntries" WHERE "PetitionId" = new."Id");
                    INSERT INTO "PetitionFts"(rowid, "Tokens", "Scope")
                        SELECT s."PetitionId", s."Tokens", {ScopeOf("new.\"Id\"")}
                        FROM "PetitionSearchEntries" AS s WHERE s."PetitionId" = new."Id";
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS "Petitions_scope_au";
                DROP TRIGGER IF EXISTS "PetitionSearchEntries_au";
                DROP TRIGGER IF EXISTS "PetitionSearchEntries_ad";
                DROP TRIGGER IF EXISTS "PetitionSearchEntries_ai";
                DROP TABLE IF EXISTS "PetitionFts";
                CREATE VIRTUAL TABLE "PetitionFts" USING fts5("Tokens", content='PetitionSearchEntries', content_rowid='PetitionId', tokenize='unicode61 remove_diacritics 0');
                INSERT INTO "PetitionFts"("PetitionFts") VALUES ('rebuild');
                CREATE TRIGGER "PetitionSearchEntries_ai" AFTER INSERT ON "PetitionSearchEntries" BEGIN
                    INSERT INTO "PetitionFts"(rowid, "Tokens") VALUES (new."PetitionId", new."Tokens");
                END;
                CREATE TRIGGER "PetitionSearchEntries_ad" AFTER DELETE ON "PetitionSearchEntries" BEGIN
                    INSERT INTO "PetitionFts"("PetitionFts", rowid, "Tokens") VALUES ('delete', old."PetitionId", old."Tokens");
                END;
                CREATE TRIGGER "PetitionSearchEntries_au" AFTER UPDATE ON "PetitionSearchEntries" BEGIN
                    INSERT INTO "PetitionFts"("PetitionFts", rowid, "Tokens") VALUES ('delete', old."PetitionId", old."Tokens");
                    INSERT INTO "PetitionFts"(rowid, "Tokens") VALUES (new."PetitionId", new."Tokens");
                END;
                """);
        }
    }
}
