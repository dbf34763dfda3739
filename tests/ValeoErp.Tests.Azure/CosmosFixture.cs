using System.Net;
using System.Text;
using Microsoft.Azure.Cosmos;
using ValeoErp.Storage.Cosmos;

namespace ValeoErp.Tests.Azure;

/// <summary>
/// A fresh database per test run on whatever Cosmos is configured: the local fake server
/// (COSMOS_FAKE_ENDPOINT, started by .ci/run), or the emulator / a real account (COSMOS_ENDPOINT + COSMOS_KEY).
/// </summary>
public sealed class CosmosFixture : IAsyncLifetime
{
    private CosmosClient _client = null!;
    private Database _database = null!;

    public CosmosRecordStore Store { get; private set; } = null!;
    public Container Container { get; private set; } = null!;
    public bool IsFake { get; private set; }

    public async Task InitializeAsync()
    {
        var fake = Environment.GetEnvironmentVariable("COSMOS_FAKE_ENDPOINT");
        var real = Environment.GetEnvironmentVariable("COSMOS_ENDPOINT");
        if (fake is null && real is null)
            throw new InvalidOperationException("Set COSMOS_FAKE_ENDPOINT (npm fake server, see .ci/run) or COSMOS_ENDPOINT + COSMOS_KEY.");
        IsFake = real is null;
        var options = new CosmosClientOptions { ConnectionMode = ConnectionMode.Gateway, LimitToEndpoint = true };
        if (IsFake) options.HttpClientFactory = () => new HttpClient(new FakeServerHandler());
        else if (Environment.GetEnvironmentVariable("COSMOS_ACCEPT_SELF_SIGNED") == "1") // the emulator's certificate, tests only
            options.HttpClientFactory = () => new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator });
        // The fake accepts any key; a real account needs its own (never in the repository).
        var key = IsFake ? Convert.ToBase64String(Encoding.UTF8.GetBytes("any-key-the-fake-server-accepts")) : Environment.GetEnvironmentVariable("COSMOS_KEY")!;
        _client = new CosmosClient(IsFake ? fake : real, key, options);
        _database = (await _client.CreateDatabaseIfNotExistsAsync($"valeo-tests-{Guid.NewGuid():N}")).Database;
        var container = Container = (await _database.CreateContainerIfNotExistsAsync(CosmosRecordStore.ContainerDefinition("records"))).Container;
        Store = new CosmosRecordStore(container, IsFake ? BatchMode.SequentialForFakeServer : BatchMode.Transactional);
    }

    public async Task DisposeAsync()
    {
        await _database.DeleteAsync();
        _client.Dispose();
    }
}

[CollectionDefinition("cosmos")]
public sealed class CosmosCollection : ICollectionFixture<CosmosFixture>;
