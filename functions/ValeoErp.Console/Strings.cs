// The assembly is ValeoErp.Console, its namespace ValeoErp.Ui: tell the localizer where the .resx files are embedded.
[assembly: Microsoft.Extensions.Localization.RootNamespace("ValeoErp.Ui")]

namespace ValeoErp.Ui;

/// <summary>Marker for the console's texts: Resources/Strings.resx (German, the default) and Strings.en.resx.</summary>
public sealed class Strings;
