namespace ValeoErp.Application.Abstractions;

/// <summary>Record ids: URL-safe, unguessable, roughly time-ordered; they never encode the tenant.</summary>
public static class Ids
{
    public static string New() => Guid.CreateVersion7().ToString("N");
}
