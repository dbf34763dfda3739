using System.Security.Cryptography;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using ValeoErp.Application.Abstractions;

namespace ValeoErp.Storage.Sqlite;

/// <summary>
/// The embedded blob store: files under <c>.valeo/blobs/&lt;container&gt;/&lt;name&gt;</c>, a small JSON sidecar with
/// content type, SHA-256 and, for archived blobs, the retention date. Writes go to a temp file and are moved into place, so a crash never leaves half a blob;
/// in the write-once containers (archive, backups) the move refuses to replace an existing file, and the sidecar is
/// only moved into place after the blob, so a refused write leaves the existing blob's sidecar untouched.
/// </summary>
public sealed class FolderBlobStore(string root) : IBlobStore
{
    /// <param name="RetainUntil">ISO date (yyyy-MM-dd), or null when the blob has no retention.</param>
    private sealed record Meta(string ContentType, string Sha256, string? RetainUntil = null)
    {
        public LocalDate? Retention() => RetainUntil is null ? null : LocalDatePattern.Iso.Parse(RetainUntil).Value;
    }

    private static readonly Meta NoMeta = new("application/octet-stream", "");

    public async Task<BlobInfo> Put(string container, string name, byte[] content, string contentType, LocalDate? retainUntil, CancellationToken ct)
    {
        var path = PathOf(container, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var writeOnce = BlobContainers.IsWriteOnce(container);
        if (writeOnce && File.Exists(path)) throw new BlobExistsException(container, name);
        var info = new BlobInfo(container, name, content.Length, contentType, Convert.ToHexStringLower(SHA256.HashData(content)), retainUntil);
        var suffix = $".{Guid.NewGuid():N}.tmp";
        var temp = path + suffix;
        var metaTemp = MetaOf(path) + suffix;
        await File.WriteAllBytesAsync(temp, content, ct);
        await File.WriteAllTextAsync(metaTemp, JsonSerializer.Serialize(new Meta(contentType, info.Sha256,
            retainUntil is { } retain ? LocalDatePattern.Iso.Format(retain) : null)), ct);
        try { File.Move(temp, path, overwrite: !writeOnce); }
        catch (IOException) when (writeOnce && File.Exists(path))
        {
            // a concurrent writer won: its blob and its sidecar stay as they are
            File.Delete(temp);
            File.Delete(metaTemp);
            throw new BlobExistsException(container, name);
        }
        File.Move(metaTemp, MetaOf(path), overwrite: true);
        return info;
    }

    public async Task<BlobContent?> Get(string container, string name, CancellationToken ct)
    {
        var path = PathOf(container, name);
        if (!File.Exists(path)) return null;
        var content = await File.ReadAllBytesAsync(path, ct);
        var meta = File.Exists(MetaOf(path)) ? JsonSerializer.Deserialize<Meta>(await File.ReadAllTextAsync(MetaOf(path), ct))! : NoMeta;
        return new BlobContent(new BlobInfo(container, name, content.Length, meta.ContentType, meta.Sha256, meta.Retention()), content);
    }

    public Task<IReadOnlyList<BlobInfo>> List(string container, string prefix, CancellationToken ct)
    {
        var folder = Path.Combine(root, container);
        if (!Directory.Exists(folder)) return Task.FromResult<IReadOnlyList<BlobInfo>>([]);
        var items = Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".meta.json", StringComparison.Ordinal) && !f.EndsWith(".tmp", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                var path = PathOf(container, n);
                var meta = File.Exists(MetaOf(path)) ? JsonSerializer.Deserialize<Meta>(File.ReadAllText(MetaOf(path)))! : NoMeta;
                return new BlobInfo(container, n, new FileInfo(path).Length, meta.ContentType, meta.Sha256, meta.Retention());
            })
            .ToArray();
        return Task.FromResult<IReadOnlyList<BlobInfo>>(items);
    }

    public Task<bool> Delete(string container, string name, CancellationToken ct)
    {
        if (BlobContainers.IsPermanent(container)) throw new BlobExistsException(container, name);
        var path = PathOf(container, name);
        if (!File.Exists(path)) return Task.FromResult(false);
        File.Delete(path);
        if (File.Exists(MetaOf(path))) File.Delete(MetaOf(path));
        return Task.FromResult(true);
    }

    private string PathOf(string container, string name)
    {
        BlobContainers.CheckName(name);
        return Path.Combine(root, container, name.Replace('/', Path.DirectorySeparatorChar));
    }

    private static string MetaOf(string path) => path + ".meta.json";
}
