using Azure.Storage.Blobs;
using ValeoErp.Application.Abstractions;
using ValeoErp.Azure;
using ValeoErp.Tests.Adapters;

namespace ValeoErp.Tests.Azure;

/// <summary>The blob contract on Azurite (blob service on its default port, UseDevelopmentStorage=true).</summary>
public sealed class AzuriteBlobStoreTests : BlobStoreContract
{
    protected override IBlobStore Blobs { get; } = Environment.GetEnvironmentVariable("AZURITE_BLOBS") == "1"
        ? new AzureBlobStore(new BlobServiceClient("UseDevelopmentStorage=true"))
        : throw new InvalidOperationException("Start Azurite's blob service and set AZURITE_BLOBS=1 (see .ci/run).");
}
