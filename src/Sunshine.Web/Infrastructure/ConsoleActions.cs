using Microsoft.AspNetCore.Http.HttpResults;

namespace Sunshine.Web.Infrastructure;

/// <summary>
/// Lets a console page run the same use-case handler the API endpoint runs, in a fresh DI scope (its own
/// DbContext and UserManager), so the console and the API share one set of rules and one audit trail.
/// </summary>
public static class ConsoleActions
{
    public static async Task<IResult> RunAsync(IServiceScopeFactory scopes, Func<IServiceProvider, Task<IResult>> handler)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await handler(scope.ServiceProvider);
    }

    public static T? ValueOf<T>(IResult result) where T : class => result switch
    {
        Ok<T> ok => ok.Value,
        Created<T> created => created.Value,
        _ => null,
    };

    public static bool Succeeded(IResult result) => result is IStatusCodeHttpResult { StatusCode: >= 200 and < 300 };
}
