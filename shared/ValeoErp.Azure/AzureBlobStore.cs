using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using NodaTime;
using NodaTime.Text;
using ValeoErp.Application.Abstractions;
using BlobInfo = ValeoErp.Application.Abstractions.BlobInfo;

namespace ValeoErp.Azure;

/// <summary>
/// Blob Storage behind the blob port (Azurite locally via UseDevelopmentStorage=true). Writes to the write-once
/// containers (archive, backups) carry If-None-Match: * so an existing blob is never replaced, also under a race; the
/// archive container's immutability policy (infra/app/storage.bicep) protects it beyond the app. The SHA-256 and the
/// retention date travel with the blob as metadata (<c>sha256</c>, <c>retainuntil</c>, ISO date).
/// </summary>
public sealed class AzureBlobStore(BlobServiceClient service) : IBlobStore
{
    private const string ShaKey = "sha256", RetainKey = "retainuntil";

    public async Task<BlobInfo> Put(string container, string name, byte[] content, string contentType, LocalDate? retainUntil, CancellationToken ct)
    {
        BlobContainers.CheckName(name);
        var client = await Container(container, ct);
        var sha = Convert.ToHexStringLower(SHA256.HashData(content));
        var options = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
            Metadata = retainUntil is { } retain
                ? new Dictionary<string, string> { [ShaKey] = sha, [RetainKey] = LocalDatePattern.Iso.Format(retain) }
                : new Dictionary<string, string> { [ShaKey] = sha },
            Conditions = BlobContainers.IsWriteOnce(container) ? new BlobRequestConditions { IfNoneMatch = ETag.All } : null,
        };
        try
        {
            await client.GetBlobClient(name).UploadAsync(new BinaryData(content), options, ct);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412 && BlobContainers.IsWriteOnce(container))
        {
            throw new BlobExistsException(container, name);
        }
        return new BlobInfo(container, name, content.Length, contentType, sha, retainUntil);
    }

    public async Task<BlobContent?> Get(string container, string name, CancellationToken ct)
    {
        BlobContainers.CheckName(name);
        var blob = (await Container(container, ct)).GetBlobClient(name);
        try
        {
            var result = await blob.DownloadContentAsync(ct);
            var props = result.Value.Details;
            return new BlobContent(new BlobInfo(container, name, result.Value.Content.ToMemory().Length, props.ContentType,
                props.Metadata.TryGetValue(ShaKey, out var sha) ? sha : "", Retention(props.Metadata)), result.Value.Content.ToArray());
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<BlobInfo>> List(string container, string prefix, CancellationToken ct)
    {
        var items = new List<BlobInfo>();
        await foreach (var item in (await Container(container, ct)).GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, prefix, ct))
            items.Add(new BlobInfo(container, item.Name, item.Properties.ContentLength ?? 0, item.Properties.ContentType ?? "",
                item.Metadata.TryGetValue(ShaKey, out var sha) ? sha : "", Retention(item.Metadata)));
        return items.OrderBy(i => i.Name, StringComparer.Ordinal).ToArray();
    }

    public async Task<bool> Delete(string container, string name, CancellationToken ct)
    {
        BlobContainers.CheckName(name);
        if (BlobContainers.IsPermanent(container)) throw new BlobExistsException(container, name);
        return (await (await Container(container, ct)).GetBlobClient(name).DeleteIfExistsAsync(cancellationToken: ct)).Value;
    }

    private static LocalDate? Retention(IDictionary<string, string> metadata) =>
        metadata.TryGetValue(RetainKey, out var value) && LocalDatePattern.Iso.Parse(value) is { Success: true } parsed ? parsed.Value : null;

    private async Task<BlobContainerClient> Container(string name, CancellationToken ct)
    {
        var client = service.GetBlobContainerClient(name);
        await client.CreateIfNotExistsAsync(cancellationToken: ct);
        return client;
    }
}
