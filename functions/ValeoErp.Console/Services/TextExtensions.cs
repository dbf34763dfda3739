using Microsoft.Extensions.Localization;

namespace ValeoErp.Ui.Services;

public static class TextExtensions
{
    /// <summary>
    /// A value the API sends as a code (a process state, for instance) in the user's language; a code the console
    /// does not know yet is shown as sent rather than as the resource key.
    /// </summary>
    public static string Code(this IStringLocalizer text, string prefix, string? code)
    {
        if (string.IsNullOrEmpty(code)) return "";
        var found = text[$"{prefix}.{code}"];
        return found.ResourceNotFound ? code : found.Value;
    }
}
