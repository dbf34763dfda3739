namespace ValeoErp.Ui.Components;

public sealed record PageRequest(string? Query, string? Continuation, int Limit)
{
    /// <summary>The API's largest page (Paging.Limit on the server).</summary>
    public const int MaxLimit = 200;
}

public sealed record PageResult<TItem>(IReadOnlyList<TItem> Items, string? Continuation);
