using System.Diagnostics.Metrics;
using Microsoft.Azure.Cosmos;
using ValeoErp.Storage.Cosmos;

namespace ValeoErp.Functions.Hosting;

/// <summary>
/// The Cosmos DB connection of <c>Storage:Provider=Cosmos</c>. In Azure the account endpoint comes from
/// <c>CosmosDBConnection:accountEndpoint</c> (the setting the change-feed trigger uses too) and the managed identity
/// signs in; <c>Cosmos:ConnectionString</c> (key-based) is for the emulator and the npm fake server on a developer
/// machine only. <c>Cosmos:FakeServer=true</c> adds the fake server's shims and its sequential write mode.
/// </summary>
public sealed class CosmosStorage : IDisposable
{
    public const string MeterName = "ValeoErp.Storage.Cosmos";
    private static readonly Meter Meter = new(MeterName);
    private static readonly Histogram<double> RequestCharge =
        Meter.CreateHistogram<double>("valeo.cosmos.request_charge", "RU", "Request units charged per Cosmos DB operation");

    private readonly CosmosClient _client;
    private readonly ILogger _log;

    public CosmosStorage(IConfiguration config, ILogger<CosmosStorage> log, NodaTime.IClock clock)
    {
        _log = log;
        DatabaseName = config["Cosmos:Database"] is { Length: > 0 } db ? db : "valeo";
        ContainerName = config["Cosmos:Container"] is { Length: > 0 } c ? c : "records";
        CreateIfMissing = config.GetValue("Cosmos:CreateIfMissing", false);
        IsFakeServer = config.GetValue("Cosmos:FakeServer", false);
        var options = new CosmosClientOptions { ApplicationName = "valeo-erp" };
        if (IsFakeServer)
        {
            // The fake's shims turn a failed read into "absent" and writes into non-atomic sequences: never on Azure.
            var target = config["Cosmos:ConnectionString"] ?? "";
            if (!target.Contains("://127.0.0.1", StringComparison.Ordinal) && !target.Contains("://localhost", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException("Cosmos:FakeServer=true is only for the local fake server (a 127.0.0.1 or localhost connection string).");
            options.ConnectionMode = ConnectionMode.Gateway;
            options.LimitToEndpoint = true;
            options.HttpClientFactory = () => new HttpClient(new FakeServerHandler());
        }
        if (config["Cosmos:ConnectionString"] is { Length: > 0 } connection)
            _client = new CosmosClient(connection, options);
        else if ((config["Cosmos:Endpoint"] ?? config["CosmosDBConnection:accountEndpoint"]) is { Length: > 0 } endpoint)
            _client = new CosmosClient(endpoint, new global::Azure.Identity.DefaultAzureCredential(), options);
        else
            throw new InvalidOperationException(
                "Storage:Provider=Cosmos needs CosmosDBConnection:accountEndpoint (managed identity) or Cosmos:ConnectionString (emulator, fake server).");
        Container = _client.GetContainer(DatabaseName, ContainerName);
        Store = new CosmosRecordStore(Container, IsFakeServer ? BatchMode.SequentialForFakeServer : BatchMode.Transactional);
        Store.Charged += Charged;
        Outbox = new CosmosOutbox(Container, Charged, clock);
        Transfer = new CosmosTenantTransfer(Container, Charged);
    }

    public string DatabaseName { get; }
    public string ContainerName { get; }
    public bool CreateIfMissing { get; }
    public bool IsFakeServer { get; }
    public Container Container { get; }
    public CosmosRecordStore Store { get; }
    public CosmosOutbox Outbox { get; }
    public CosmosTenantTransfer Transfer { get; }

    /// <summary>Local development only: in Azure, Bicep creates the database and container (with their index policy).</summary>
    public async Task EnsureCreated(CancellationToken ct)
    {
        if (!CreateIfMissing) return;
        var database = (await _client.CreateDatabaseIfNotExistsAsync(DatabaseName, cancellationToken: ct)).Database;
        await database.CreateContainerIfNotExistsAsync(CosmosRecordStore.ContainerDefinition(ContainerName), cancellationToken: ct);
    }

    private void Charged(string operation, double units)
    {
        RequestCharge.Record(units, new KeyValuePair<string, object?>("operation", operation));
        _log.LogDebug("Cosmos {Operation} charged {RequestUnits} RU", operation, units);
    }

    public void Dispose() => _client.Dispose();
}
