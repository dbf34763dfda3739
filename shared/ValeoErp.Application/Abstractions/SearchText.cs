namespace ValeoErp.Application.Abstractions;

/// <summary>
/// German-aware folding for name/number filters: "Dünger", "dunger" and "duenger" must all find
/// the same article, and "Strasse" must find "Straße". The index keeps both folds; the query uses one.
/// </summary>
public static class SearchText
{
    public static string Index(params string?[] values)
    {
        var text = string.Join(' ', values.Where(v => !string.IsNullOrWhiteSpace(v)));
        var transliterated = Transliterate(text);
        var stripped = StripDiacritics(text);
        return transliterated == stripped ? transliterated : transliterated + " " + stripped;
    }

    public static string Query(string value) => Transliterate(value.Trim());

    private static string Transliterate(string text) => text.ToLowerInvariant()
        .Replace("ä", "ae").Replace("ö", "oe").Replace("ü", "ue").Replace("ß", "ss");

    // An explicit table: the product runs with invariant globalization, where Unicode normalization
    // is not available, and Latin letters with diacritics are all that German master data holds.
    private const string Accented = "àáâãäåçèéêëìíîïñòóôõöøùúûüýÿ";
    private const string Plain = "aaaaaaceeeeiiiinoooooouuuuyy";

    private static string StripDiacritics(string text)
    {
        var lower = text.ToLowerInvariant().Replace("ß", "ss");
        var chars = lower.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
            if (Accented.IndexOf(chars[i]) is var at and >= 0) chars[i] = Plain[at];
        return new string(chars);
    }
}
