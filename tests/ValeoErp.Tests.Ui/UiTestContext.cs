using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MudBlazor.Services;
using ValeoErp.Ui;
using ValeoErp.Ui.Services;

namespace ValeoErp.Tests.Ui;

/// <summary>
/// A bUnit context with the console's services as Program.cs registers them, MudBlazor's JS calls answered loosely,
/// and German culture for the duration of one test (restored afterwards).
/// </summary>
public abstract class UiTestContext : BunitContext, IAsyncLifetime
{
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

    protected UiTestContext()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("de-DE");
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization(o => o.ResourcesPath = "Resources");
        // The texts (Resources/Strings*.resx) may not be there yet: a missing text renders its key, and the keys that
        // the components pass to string.Format get a placeholder, so numbers still show.
        Services.AddScoped<IStringLocalizer<Strings>>(sp => new FallbackLocalizer(new StringLocalizer<Strings>(sp.GetRequiredService<IStringLocalizerFactory>())));
        Services.AddScoped<Session>();
        Services.AddSingleton(new ConsoleAuth("dev", null, null, null));
        Services.AddScoped<Tokens>();
        Services.AddScoped<LiveEvents>();
        Services.AddScoped<Formats>();
        Services.AddSingleton(TimeProvider.System);
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    /// <summary>
    /// MudBlazor's services are only asynchronously disposable, so the container must be disposed asynchronously:
    /// xUnit calls this before <see cref="IDisposable.Dispose"/>, which then finds everything disposed.
    /// </summary>
    async Task IAsyncLifetime.DisposeAsync()
    {
        try { await DisposeAsync(); }
        finally
        {
            CultureInfo.CurrentCulture = _culture;
            CultureInfo.CurrentUICulture = _uiCulture;
        }
    }

    private sealed class FallbackLocalizer(IStringLocalizer<Strings> inner) : IStringLocalizer<Strings>
    {
        public LocalizedString this[string name] => Fallback(inner[name]);
        public LocalizedString this[string name, params object[] arguments] => Fallback(inner[name, arguments]);
        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures);

        private static LocalizedString Fallback(LocalizedString s) =>
            s.ResourceNotFound && s.Name is "RowsShown" or "RemoveLine" ? new LocalizedString(s.Name, s.Name + " {0}", true) : s;
    }
}
