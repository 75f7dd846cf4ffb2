using Sunshine.Web;

// The one executable: `sunshine` serves the web app by default and answers the admin subcommands.
return await SunshineCli.RunAsync(args);
