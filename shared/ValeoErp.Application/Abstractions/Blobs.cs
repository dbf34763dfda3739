using NodaTime;

namespace ValeoErp.Application.Abstractions;

/// <param name="RetainUntil">For archived blobs: kept (and, in Azure, immutable) at least until this day; stored with the blob.</param>
public sealed record BlobInfo(string Container, string Name, long Size, string ContentType, string Sha256, LocalDate? RetainUntil = null);

public sealed record BlobContent(BlobInfo Info, byte[] Content);

/// <summary>
/// Documents, exports and backups: the local folder store or Azure Blob Storage. The <c>archive</c> and <c>backups</c>
/// containers are write-once: an existing blob is never replaced. The archive is also permanent (GoBD: archived
/// invoices and vouchers are never removed; in Azure an immutability policy enforces it as well), while backups may
/// be deleted by retention. Names are paths that start with the tenant id.
/// </summary>
public interface IBlobStore
{
    /// <exception cref="BlobExistsException">A write-once container (archive, backups) already holds a blob of that name.</exception>
    Task<BlobInfo> Put(string container, string name, byte[] content, string contentType, CancellationToken ct) =>
        Put(container, name, content, contentType, retainUntil: null, ct);

    /// <summary>Writes a blob with its retention date (the archive's GoBD period), which Get and List return with it.</summary>
    /// <exception cref="BlobExistsException">A write-once container (archive, backups) already holds a blob of that name.</exception>
    Task<BlobInfo> Put(string container, string name, byte[] content, string contentType, LocalDate? retainUntil, CancellationToken ct);

    Task<BlobContent?> Get(string container, string name, CancellationToken ct);

    Task<IReadOnlyList<BlobInfo>> List(string container, string prefix, CancellationToken ct);

    /// <exception cref="BlobExistsException">Deleting from the archive is refused.</exception>
    Task<bool> Delete(string container, string name, CancellationToken ct);
}

public static class BlobContainers
{
    public const string Archive = "archive", Backups = "backups", Exports = "exports";

    /// <summary>An existing blob is never replaced: a second write of the same name fails with <see cref="BlobExistsException"/>.</summary>
    public static bool IsWriteOnce(string container) => container is Archive or Backups;

    /// <summary>Blobs are never removed (the GoBD archive); backups are write-once but retention deletes them.</summary>
    public static bool IsPermanent(string container) => container == Archive;

    /// <summary>Blob names: tenant-first paths of safe segments (no '..', no leading '/').</summary>
    public static void CheckName(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.StartsWith('/') || name.Contains('\\') || name.Split('/').Any(s => s is "" or "." or ".."))
            throw new ArgumentException($"'{name}' is not a valid blob name.", nameof(name));
    }
}

public sealed class BlobExistsException(string container, string name)
    : Exception($"{container}/{name} is write-once and already exists.");
