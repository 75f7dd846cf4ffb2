using System.Resources;

[assembly: NeutralResourcesLanguage("zh-CN")]
// The assembly is named "sunshine" (the executable); resources are named after the root namespace.
[assembly: Microsoft.Extensions.Localization.RootNamespace("Sunshine.Web")]

namespace Sunshine.Web;

/// <summary>Marker for the UI strings in Resources/SharedResource*.resx: zh-CN is the neutral (default) culture.</summary>
public sealed class SharedResource;
