using Microsoft.Azure.Cosmos;
using NodaTime;
using ValeoErp.Application.Abstractions;
using ValeoErp.Domain.Common;
using ValeoErp.Storage.Cosmos;

namespace ValeoErp.Tests.Azure;

/// <summary>Restore on Cosmos spans partitions, so it is not one batch: it must refuse foreign data and survive a re-run.</summary>
[Collection("cosmos")]
public sealed class CosmosTenantTransferTests(CosmosFixture cosmos)
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 30, 8, 0);

    private static IReadOnlyList<ExportedRecord> Backup(string tenant) =>
    [
        new("master", "thing", "t1", 3, "k1", "eins", ["x"], "{\"n\":1}"),
        new("2026", "thing", "t2", 1, "k2", "zwei", [], "{\"n\":2}"),
        new("master", "tenant", tenant, 1, tenant, "", [], "{\"id\":\"" + tenant + "\"}"),
    ];

    private static IReadOnlyList<AuditEntry> Trail => [new(Now, "u", "thing.created", "thing", "t1", null, "{}", null)];

    [Fact]
    public async Task Import_IntoAStoreHoldingDataOfTheTenant_IsRefused()
    {
        var tenant = TenantId.Parse("transfer-busy").Value;
        var changes = new ChangeSet();
        changes.Writes.Add(new CreateRecord("thing", "live", "{}", RecordIndex.For("k")));
        await cosmos.Store.Commit(tenant, Scope.Year(2026), changes, default);
        var transfer = new CosmosTenantTransfer(cosmos.Container);

        await FluentActions.Awaiting(() => transfer.Import(tenant, Backup(tenant.Value), Trail, default))
            .Should().ThrowAsync<InvalidOperationException>().WithMessage("*already holds data*");
        (await cosmos.Store.Get(tenant, Scope.Master, "thing", "t1", default)).Should().BeNull();
    }

    [Fact]
    public async Task Import_RunAgainAfterACrash_CompletesWithoutDoublingTheAuditTrail()
    {
        var tenant = TenantId.Parse("transfer-crash").Value;
        var transfer = new CosmosTenantTransfer(cosmos.Container);
        var pk = new PartitionKey(CosmosRecordStore.Pk(tenant, Scope.Master));
        // What a crash after the marker, one record and the audit trail leaves behind.
        await transfer.Import(tenant, Backup(tenant.Value), Trail, default);
        await cosmos.Container.DeleteItemStreamAsync(CosmosRecordStore.ItemId("tenant", tenant.Value), pk);
        await cosmos.Container.UpsertItemStreamAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(
            $"{{\"id\":\"restore~in-progress\",\"pk\":\"{tenant.Value}|master\",\"tenantId\":\"{tenant.Value}\",\"type\":\"restore\",\"records\":3,\"audit\":1}}")), pk);

        await transfer.Import(tenant, Backup(tenant.Value), Trail, default);

        (await cosmos.Store.Get(tenant, Scope.Master, "tenant", tenant.Value, default)).Should().NotBeNull();
        var t1 = await cosmos.Store.Get(tenant, Scope.Master, "thing", "t1", default);
        (t1!.Version, t1.Json).Should().Be((3L, "{\"n\":1}"));
        (await cosmos.Store.Get(tenant, Scope.Year(2026), "thing", "t2", default)).Should().NotBeNull();
        (await cosmos.Store.ListAudit(tenant, null, 10, null, default)).Items.Should().ContainSingle();
        var exported = 0;
        await foreach (var _ in transfer.Records(tenant, default)) exported++;
        exported.Should().Be(3, "the restore marker is gone and never exported");
        await FluentActions.Awaiting(() => transfer.Import(tenant, Backup(tenant.Value), Trail, default))
            .Should().ThrowAsync<InvalidOperationException>().WithMessage("*already holds tenant*");
    }
}
