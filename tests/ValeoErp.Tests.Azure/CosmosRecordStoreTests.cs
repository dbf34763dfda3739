using ValeoErp.Application.Abstractions;
using ValeoErp.Tests.Adapters;

namespace ValeoErp.Tests.Azure;

/// <summary>The same storage contract as SQLite, on Cosmos.</summary>
[Collection("cosmos")]
public sealed class CosmosRecordStoreTests(CosmosFixture cosmos) : RecordStoreContract
{
    protected override IRecordStore Store => cosmos.Store;
}
