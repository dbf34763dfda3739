using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using ValeoErp.Application.Abstractions;
using ValeoErp.Domain.Common;

namespace ValeoErp.Application.Operations;

public sealed record BackupFile(string Name, string Sha256, long Bytes, long Lines);

public sealed record BackupManifest(int Format, string Tenant, Instant CreatedAt, string Id, IReadOnlyList<BackupFile> Files);

/// <summary>A backup whose files do not match their manifest: it is not restored.</summary>
public sealed class BackupCorruptException(string file, string reason) : Exception($"Backup file {file} is corrupt: {reason}.")
{
    public string File { get; } = file;
}

/// <summary>
/// A tenant's data as compressed JSON lines in the <c>backups</c> container: records of every scope and the audit
/// trail, plus a manifest with a SHA-256 per file. Restore verifies every checksum before it writes anything and
/// only writes into a store that holds nothing of the tenant. Retention keeps the last 30 daily backups and the
/// first backup of each of the last 12 months. Backups are write-once: a file of an existing backup is never
/// replaced (<see cref="BlobExistsException"/>), and every backup gets its own id (<see cref="NewId"/>).
/// </summary>
public sealed class Backups(ITenantTransfer transfer, IBlobStore blobs, IClock clock)
{
    public const string ManifestName = "manifest.json";

    public async Task<BackupManifest> Backup(TenantId tenant, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        var id = NewId(now);
        var records = await Write(tenant, id, "records.jsonl.gz", transfer.Records(tenant, ct), ct);
        var audit = await Write(tenant, id, "audit.jsonl.gz", transfer.Audit(tenant, ct), ct);
        var manifest = new BackupManifest(1, tenant.Value, now, id, [records, audit]);
        await blobs.Put(BlobContainers.Backups, $"{tenant.Value}/{id}/{ManifestName}", JsonSerializer.SerializeToUtf8Bytes(manifest, ValeoJson.Options), "application/json", ct);
        return manifest;
    }

    private static readonly InstantPattern IdTime = InstantPattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HHmmss'Z'-fff");

    /// <summary>
    /// A backup id: the UTC time to the millisecond plus a random suffix, e.g. <c>2026-11-22T090000Z-123-5f0c9a1e</c>.
    /// Ids sort by time (ordinally), two backups in the same millisecond still differ, and the characters are safe for
    /// blob names and the command line. Ids of the earlier format (<c>2026-11-22T090000Z</c>) are a prefix of the
    /// new ones, so they still sort first within their second; retention reads only the month (the first 7 characters).
    /// </summary>
    public static string NewId(Instant now) => $"{IdTime.Format(now)}-{RandomNumberGenerator.GetHexString(8, lowercase: true)}";

    public async Task<IReadOnlyList<string>> List(TenantId tenant, CancellationToken ct) =>
        (await blobs.List(BlobContainers.Backups, $"{tenant.Value}/", ct))
        .Where(b => b.Name.EndsWith("/" + ManifestName, StringComparison.Ordinal))
        .Select(b => b.Name.Split('/')[1]).Order(StringComparer.Ordinal).ToArray();

    /// <summary>The manifest of one backup of the tenant, or null when there is none with that id.</summary>
    public async Task<BackupManifest?> Manifest(TenantId tenant, string backupId, CancellationToken ct)
    {
        if (backupId.Length is 0 or > 64 || !backupId.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')) return null;
        var blob = await blobs.Get(BlobContainers.Backups, $"{tenant.Value}/{backupId}/{ManifestName}", ct);
        return blob is null ? null : JsonSerializer.Deserialize<BackupManifest>(blob.Content, ValeoJson.Options);
    }

    /// <summary>Checks every file against the manifest, then writes the tenant into the (empty) store.</summary>
    public async Task<BackupManifest> Restore(TenantId tenant, string backupId, CancellationToken ct)
    {
        var prefix = $"{tenant.Value}/{backupId}/";
        var manifestBlob = await blobs.Get(BlobContainers.Backups, prefix + ManifestName, ct)
                           ?? throw new BackupCorruptException(ManifestName, "the manifest is missing");
        var manifest = JsonSerializer.Deserialize<BackupManifest>(manifestBlob.Content, ValeoJson.Options)!;
        var contents = new Dictionary<string, byte[]>();
        foreach (var file in manifest.Files)
        {
            var blob = await blobs.Get(BlobContainers.Backups, prefix + file.Name, ct) ?? throw new BackupCorruptException(file.Name, "the file is missing");
            if (Convert.ToHexStringLower(SHA256.HashData(blob.Content)) != file.Sha256) throw new BackupCorruptException(file.Name, "its SHA-256 does not match the manifest");
            contents[file.Name] = blob.Content;
        }
        var records = Read<ExportedRecord>(contents["records.jsonl.gz"]);
        var audit = Read<AuditEntry>(contents["audit.jsonl.gz"]);
        await transfer.Import(tenant, records, audit, ct);
        return manifest;
    }

    /// <summary>Keeps the newest 30 backups and the first of each of the last 12 months; removes the rest.</summary>
    public async Task<int> ApplyRetention(TenantId tenant, CancellationToken ct)
    {
        var ids = (await List(tenant, ct)).OrderDescending(StringComparer.Ordinal).ToArray();
        var keep = ids.Take(30).ToHashSet();
        foreach (var monthly in ids.GroupBy(i => i[..7]).OrderByDescending(g => g.Key).Take(12)) keep.Add(monthly.Min(StringComparer.Ordinal)!);
        var removed = 0;
        foreach (var id in ids.Where(i => !keep.Contains(i)))
        {
            foreach (var blob in await blobs.List(BlobContainers.Backups, $"{tenant.Value}/{id}/", ct))
                await blobs.Delete(BlobContainers.Backups, blob.Name, ct);
            removed++;
        }
        return removed;
    }

    /// <summary>The daily run over every tenant (timer function DailyBackup).</summary>
    public async Task<string> BackupAll(CancellationToken ct)
    {
        var tenants = await transfer.Tenants(ct);
        var removed = 0;
        foreach (var tenant in tenants)
        {
            await Backup(tenant, ct);
            removed += await ApplyRetention(tenant, ct);
        }
        return $"backed up {tenants.Count} tenants, removed {removed} expired backups";
    }

    private async Task<BackupFile> Write<T>(TenantId tenant, string id, string name, IAsyncEnumerable<T> items, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        long lines = 0;
        await using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        await using (var writer = new StreamWriter(gzip, new UTF8Encoding(false)))
            await foreach (var item in items.WithCancellation(ct))
            {
                await writer.WriteLineAsync(JsonSerializer.Serialize(item, ValeoJson.Options));
                lines++;
            }
        var bytes = buffer.ToArray();
        await blobs.Put(BlobContainers.Backups, $"{tenant.Value}/{id}/{name}", bytes, "application/gzip", ct);
        return new BackupFile(name, Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes.Length, lines);
    }

    private static List<T> Read<T>(byte[] gz)
    {
        using var reader = new StreamReader(new GZipStream(new MemoryStream(gz), CompressionMode.Decompress), Encoding.UTF8);
        var items = new List<T>();
        while (reader.ReadLine() is { } line)
            if (line.Length > 0) items.Add(JsonSerializer.Deserialize<T>(line, ValeoJson.Options)!);
        return items;
    }
}
