using System.Text.Json;
using Microsoft.JSInterop;
using ValeoErp.Client;

namespace ValeoErp.Ui.Services;

/// <summary>
/// Who is signed in: the bearer token and what the API says the token may do (<c>GET /api/v1/me</c>). Kept in the
/// tab's session storage, so two tabs (or two browser contexts in the tests) can be two different users.
/// </summary>
public sealed class Session(IJSRuntime js)
{
    private sealed record Stored(string Token, string Tenant, string User, List<string> Roles, List<string> Scopes);

    public string? Token { get; private set; }
    public string Tenant { get; private set; } = "";
    public string User { get; private set; } = "";
    public IReadOnlyList<string> Roles { get; private set; } = [];
    public IReadOnlySet<string> Scopes { get; private set; } = new HashSet<string>();
    public bool SignedIn => Token is not null;

    public event Action? Changed;

    public bool Can(string scope) => Scopes.Contains(scope);

    public async Task Restore()
    {
        var json = await js.InvokeAsync<string?>("valeo.sessionGet", "session");
        if (json is null) return;
        var stored = JsonSerializer.Deserialize<Stored>(json);
        if (stored is null) return;
        Apply(stored);
    }

    public async Task SignIn(string token, Me me)
    {
        var stored = new Stored(token, me.Tenant, me.UserId, [.. me.Roles], [.. me.Scopes]);
        Apply(stored);
        await js.InvokeVoidAsync("valeo.sessionSet", "session", JsonSerializer.Serialize(stored));
        Changed?.Invoke();
    }

    public async Task SignOut()
    {
        Token = null; User = ""; Tenant = ""; Roles = []; Scopes = new HashSet<string>();
        await js.InvokeVoidAsync("valeo.sessionSet", "session", null);
        Changed?.Invoke();
    }

    private void Apply(Stored s)
    {
        Token = s.Token; Tenant = s.Tenant; User = s.User; Roles = s.Roles; Scopes = s.Scopes.ToHashSet();
    }
}
