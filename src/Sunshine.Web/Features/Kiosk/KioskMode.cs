using Microsoft.AspNetCore.Components;

namespace Sunshine.Web.Features.Kiosk;

/// <summary>
/// Kiosk mode: the self-service terminal in the bureau's reception hall (自助办理登记, 信访事项查询, 政策法规咨询,
/// 法定途径指引). The portal's own pages answer under <c>/kiosk/...</c> as well; the layout sees the prefix and shows
/// large type and targets, turns off autocomplete and caching, and loads the idle reset. Nothing is copied.
/// </summary>
public static class KioskMode
{
    /// <summary>Seconds without a touch or key after which the terminal clears everything typed (<c>Kiosk:IdleSeconds</c>).</summary>
    public static int IdleSeconds(IConfiguration configuration) => Math.Max(2, configuration.GetValue("Kiosk:IdleSeconds", 120));

    public static bool IsKiosk(NavigationManager navigation) =>
        ("/" + navigation.ToBaseRelativePath(navigation.Uri)) is var path
        && (path == "/kiosk" || path.StartsWith("/kiosk/", StringComparison.Ordinal) || path.StartsWith("/kiosk?", StringComparison.Ordinal));

    /// <summary>Where the portal's pages live for this request: <c>/kiosk</c> on the terminal, <c>/portal</c> elsewhere.</summary>
    public static string Base(NavigationManager navigation) => IsKiosk(navigation) ? "/kiosk" : "/portal";

    /// <summary>The autocomplete token of a field: off on the terminal, so the browser offers no one's earlier entries to the next visitor.</summary>
    public static string Autocomplete(NavigationManager navigation, string token) => IsKiosk(navigation) ? "off" : token;
}
