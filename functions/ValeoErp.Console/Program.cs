using System.Globalization;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;
using Microsoft.JSInterop;
using MudBlazor.Services;
using ValeoErp.Client;
using ValeoErp.Ui;
using ValeoErp.Ui.Services;

var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.RootComponents.Add<App>("#app");
builder.RootComponents.Add<HeadOutlet>("head::after");

builder.Services.AddMudServices();
builder.Services.AddConsoleAuth(await ConsoleAuth.Load(new Uri(builder.HostEnvironment.BaseAddress)));
builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
builder.Services.AddScoped<Session>();
builder.Services.AddScoped<Tokens>();
builder.Services.AddScoped<LiveEvents>();
builder.Services.AddScoped<Formats>();
builder.Services.AddScoped<DocumentApi>();
builder.Services.AddSingleton(TimeProvider.System);
// Same origin as the API: the page's base address is the API's, and the generated client sends relative URLs.
builder.Services.AddScoped(sp => new HttpClient(new BearerHandler(sp.GetRequiredService<Tokens>()) { InnerHandler = new HttpClientHandler() })
{
    BaseAddress = new Uri(builder.HostEnvironment.BaseAddress),
});
builder.Services.AddScoped<IValeoClient>(sp => new ValeoClient(sp.GetRequiredService<HttpClient>()) { ReadResponseAsString = true }); // problem bodies reach Problem.From

var host = builder.Build();
// German first; the choice of language is kept in the browser (set before the first render, so resources match).
var language = await host.Services.GetRequiredService<IJSRuntime>().InvokeAsync<string?>("valeo.get", "language");
var culture = CultureInfo.GetCultureInfo(language == "en" ? "en-GB" : "de-DE");
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = culture;
await host.Services.GetRequiredService<Session>().Restore();
await host.RunAsync();
