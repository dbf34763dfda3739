using System.Net.Http.Json;
using Microsoft.AspNetCore.Components.WebAssembly.Authentication;
using Microsoft.Extensions.DependencyInjection;

namespace ValeoErp.Ui.Services;

/// <summary>
/// How this console signs in, as the host that serves it says (<c>console-settings.json</c>): "dev" (the local
/// dev-token page) or "entra" (Entra ID, authorization code flow with PKCE; values are public, no secret).
/// </summary>
public sealed record ConsoleAuth(string Mode, string? Authority, string? ClientId, string? Scope)
{
    public bool IsEntra => Mode == "entra";

    /// <summary>Entra ID needs all three; without them the sign-in page names what the operator has to set.</summary>
    public IReadOnlyList<string> Missing =>
        [.. new[] { ("Auth__Authority", Authority), ("Auth__ConsoleClientId", ClientId), ("Auth__Audience", Scope) }
            .Where(s => string.IsNullOrWhiteSpace(s.Item2)).Select(s => s.Item1)];

    public static async Task<ConsoleAuth> Load(Uri baseAddress)
    {
        using var http = new HttpClient { BaseAddress = baseAddress };
        try
        {
            var settings = await http.GetFromJsonAsync<Settings>("console-settings.json");
            return settings?.Auth ?? Dev;
        }
        catch (HttpRequestException) { return Dev; }
    }

    private static readonly ConsoleAuth Dev = new("dev", null, null, null);

    private sealed record Settings(ConsoleAuth? Auth);
}

public static class ConsoleAuthSetup
{
    /// <summary>Entra ID through the OIDC library of ASP.NET Core (code flow, PKCE by default), only when configured.</summary>
    public static IServiceCollection AddConsoleAuth(this IServiceCollection services, ConsoleAuth auth)
    {
        services.AddSingleton(auth);
        if (!auth.IsEntra || auth.Missing.Count > 0) return services;
        services.AddOidcAuthentication(options =>
        {
            options.ProviderOptions.Authority = auth.Authority;
            options.ProviderOptions.ClientId = auth.ClientId;
            options.ProviderOptions.ResponseType = "code";
            options.ProviderOptions.DefaultScopes.Add(auth.Scope!);
            options.ProviderOptions.PostLogoutRedirectUri = "signin";
        });
        return services;
    }
}

/// <summary>
/// The bearer token for the next call: the dev token from the session, or under Entra ID a current access token from
/// the OIDC library (renewed silently), falling back to the one taken at sign-in.
/// </summary>
public sealed class Tokens(Session session, ConsoleAuth auth, IServiceProvider services)
{
    public async Task<string?> Current()
    {
        if (!auth.IsEntra || !session.SignedIn || services.GetService<IAccessTokenProvider>() is not { } provider) return session.Token;
        var result = await provider.RequestAccessToken();
        return result.TryGetToken(out var token) ? token.Value : session.Token;
    }
}

/// <summary>Adds the current bearer token to every API call.</summary>
public sealed class BearerHandler(Tokens tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        if (request.Headers.Authorization is null && await tokens.Current() is { } token)
            request.Headers.Authorization = new("Bearer", token);
        return await base.SendAsync(request, ct);
    }
}
