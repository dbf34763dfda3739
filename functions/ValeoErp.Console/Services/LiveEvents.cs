using System.Text.Json;
using Microsoft.JSInterop;

namespace ValeoErp.Ui.Services;

/// <summary>One domain event from <c>/api/v1/events/stream</c>: what changed (type) and which record (subject).</summary>
public sealed record LiveEvent(string Id, string Type, string? Subject, string? Time);

/// <summary>
/// The tenant's live event stream while a user is signed in. Lists refresh on events of their kind; a page showing
/// one document compares versions when an event names it.
/// </summary>
public sealed class LiveEvents(IJSRuntime js, Session session, Tokens tokens) : IAsyncDisposable
{
    private IJSObjectReference? _stream;
    private DotNetObjectReference<LiveEvents>? _self;

    public event Func<LiveEvent, Task>? Received;

    public async Task Start()
    {
        await Stop();
        if (session.Token is null) return;
        _self = DotNetObjectReference.Create(this);
        _stream = await js.InvokeAsync<IJSObjectReference>("valeo.stream", _self);
    }

    public async Task Stop()
    {
        if (_stream is not null)
        {
            try { await _stream.InvokeVoidAsync("stop"); await _stream.DisposeAsync(); }
            catch (JSDisconnectedException) { }
            _stream = null;
        }
        _self?.Dispose();
        _self = null;
    }

    /// <summary>Asked before every (re)connect, so a long-lived stream never reconnects with an expired token.</summary>
    [JSInvokable]
    public Task<string?> Token() => tokens.Current();

    [JSInvokable]
    public async Task OnEvent(string data)
    {
        var e = JsonSerializer.Deserialize<LiveEvent>(data, Web);
        if (e is null || Received is null) return;
        foreach (var handler in Received.GetInvocationList().Cast<Func<LiveEvent, Task>>())
            await handler(e);
    }

    public async ValueTask DisposeAsync() => await Stop();

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
}
