using ValeoErp.Application.Abstractions;
using ValeoErp.Storage.Sqlite;

namespace ValeoErp.Tests.Adapters;

public sealed class FolderBlobStoreTests : BlobStoreContract, IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "valeo-blobs", Guid.NewGuid().ToString("N"));

    protected override IBlobStore Blobs => new FolderBlobStore(_root);

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }
}
