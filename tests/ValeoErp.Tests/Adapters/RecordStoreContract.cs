using NodaTime;
using ValeoErp.Application.Abstractions;
using ValeoErp.Domain.Common;

namespace ValeoErp.Tests.Adapters;

/// <summary>
/// The semantics every storage adapter must give (ARCHITECTURE.md, consistency model). SQLite runs it
/// always; the Cosmos adapter will derive from it too.
/// </summary>
public abstract class RecordStoreContract
{
    protected abstract IRecordStore Store { get; }

    private static readonly TenantId A = TenantId.Parse("tenant-a").Value;
    private static readonly TenantId B = TenantId.Parse("tenant-b").Value;
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 22, 10, 0);

    private static ChangeSet Create(string id, string json = "{}", string sortKey = "k", params string[] labels)
    {
        var changes = new ChangeSet();
        changes.Writes.Add(new CreateRecord("thing", id, json, RecordIndex.For(sortKey, json).WithLabels(labels)));
        return changes;
    }

    [Fact]
    public async Task Create_ThenGet_ReturnsVersionOne()
    {
        await Store.Commit(A, Scope.Master, Create("1", "{\"n\":1}"), default);
        var record = await Store.Get(A, Scope.Master, "thing", "1", default);
        record.Should().NotBeNull();
        record!.Version.Should().Be(1);
        record.Json.Should().Be("{\"n\":1}");
    }

    [Fact]
    public async Task Create_ExistingId_IsRefused_AndNothingOfTheChangeSetIsWritten()
    {
        await Store.Commit(A, Scope.Master, Create("dup"), default);
        var changes = Create("fresh");
        changes.Writes.Add(new CreateRecord("thing", "dup", "{}", RecordIndex.For("k")));
        changes.Audit.Add(new AuditEntry(Now, "u", "thing.created", "thing", "fresh", null, "{}", null));

        var act = () => Store.Commit(A, Scope.Master, changes, default);

        (await act.Should().ThrowAsync<RecordConflictException>()).Which.Kind.Should().Be(ConflictKind.AlreadyExists);
        (await Store.Get(A, Scope.Master, "thing", "fresh", default)).Should().BeNull();
        (await Store.ListAudit(A, "fresh", 10, null, default)).Items.Should().BeEmpty();
    }

    [Fact]
    public async Task Replace_WithStaleVersion_IsRefused_AndTheRecordIsUnchanged()
    {
        await Store.Commit(A, Scope.Master, Create("r", "{\"v\":1}"), default);
        var update = new ChangeSet();
        update.Writes.Add(new ReplaceRecord("thing", "r", 1, "{\"v\":2}", RecordIndex.For("k")));
        await Store.Commit(A, Scope.Master, update, default);

        var stale = new ChangeSet();
        stale.Writes.Add(new ReplaceRecord("thing", "r", 1, "{\"v\":3}", RecordIndex.For("k")));
        (await FluentActions.Awaiting(() => Store.Commit(A, Scope.Master, stale, default)).Should().ThrowAsync<RecordConflictException>())
            .Which.Kind.Should().Be(ConflictKind.VersionMismatch);

        var record = await Store.Get(A, Scope.Master, "thing", "r", default);
        record!.Version.Should().Be(2);
        record.Json.Should().Be("{\"v\":2}");
    }

    [Fact]
    public async Task Delete_WithCurrentVersion_Removes()
    {
        await Store.Commit(A, Scope.Master, Create("d"), default);
        var delete = new ChangeSet();
        delete.Writes.Add(new DeleteRecord("thing", "d", 1));
        await Store.Commit(A, Scope.Master, delete, default);
        (await Store.Get(A, Scope.Master, "thing", "d", default)).Should().BeNull();
    }

    [Fact]
    public async Task Records_AreIsolatedByTenantAndScope()
    {
        await Store.Commit(A, Scope.Master, Create("iso", "{\"who\":\"a\"}"), default);
        await Store.Commit(A, Scope.Year(2026), Create("iso", "{\"who\":\"a2026\"}"), default);

        (await Store.Get(B, Scope.Master, "thing", "iso", default)).Should().BeNull();
        (await Store.List(B, Scope.Master, new RecordQuery("thing", 100), default)).Items.Should().BeEmpty();
        (await Store.Get(A, Scope.Year(2026), "thing", "iso", default))!.Json.Should().Be("{\"who\":\"a2026\"}");
    }

    [Fact]
    public async Task List_PagesInSortOrder_WithLabelAndSearchFilters()
    {
        var tenant = TenantId.Parse("paging").Value;
        for (var i = 0; i < 25; i++)
            await Store.Commit(tenant, Scope.Master, Create($"id{i:00}", $"{{\"name\":\"Nr {i}\"}}", $"{i:000}", i % 2 == 0 ? "even" : "odd"), default);

        var seen = new List<string>();
        string? continuation = null;
        var pages = 0;
        do
        {
            var page = await Store.List(tenant, Scope.Master, new RecordQuery("thing", 10, continuation), default);
            seen.AddRange(page.Items.Select(i => i.Id));
            continuation = page.Continuation;
            pages++;
        } while (continuation is not null);

        pages.Should().Be(3);
        seen.Should().Equal(Enumerable.Range(0, 25).Select(i => $"id{i:00}"));
        (await Store.List(tenant, Scope.Master, new RecordQuery("thing", 100, Label: "even"), default)).Items.Should().HaveCount(13);
        (await Store.List(tenant, Scope.Master, new RecordQuery("thing", 100, Search: "nr 2"), default)).Items
            .Select(i => i.Id).Should().BeEquivalentTo("id02", "id20", "id21", "id22", "id23", "id24");
    }

    [Fact]
    public async Task List_ByLabels_PagesInSortOrder_AndFollowsReplaceAndDelete()
    {
        var tenant = TenantId.Parse("labels").Value;
        var year = Scope.Year(2026);
        for (var i = 0; i < 30; i++)
            await Store.Commit(tenant, year, Create($"id{i:00}", "{}", $"{i:000}",
                [.. new[] { "all", i % 3 == 0 ? "fizz" : null, i % 5 == 0 ? "buzz" : null, i == 7 ? "all" : null }.OfType<string>()]), default);
        async Task<List<string>> Ids(RecordQuery query)
        {
            var ids = new List<string>();
            string? continuation = null;
            do
            {
                var page = await Store.List(tenant, year, query with { Continuation = continuation }, default);
                ids.AddRange(page.Items.Select(r => r.Id));
                continuation = page.Continuation;
            } while (continuation is not null);
            return ids;
        }

        (await Ids(new RecordQuery("thing", 7, Label: "all"))).Should().Equal(Enumerable.Range(0, 30).Select(i => $"id{i:00}"));
        (await Ids(new RecordQuery("thing", 1, Label: "fizz") { MoreLabels = ["buzz"] })).Should().Equal("id00", "id15");
        (await Ids(new RecordQuery("thing", 2, Label: "all", KeyFrom: "010", KeyTo: "020") { MoreLabels = ["fizz", "fizz"] }))
            .Should().Equal("id12", "id15", "id18");
        (await Ids(new RecordQuery("thing", 5) { MoreLabels = ["buzz"] })).Should().Equal("id00", "id05", "id10", "id15", "id20", "id25");

        var replace = new ChangeSet();
        replace.Writes.Add(new ReplaceRecord("thing", "id03", 1, "{}", RecordIndex.For("999").WithLabels(["all", "buzz"])));
        var delete = new ChangeSet();
        delete.Writes.Add(new DeleteRecord("thing", "id05", 1));
        await Store.Commit(tenant, year, replace, default);
        await Store.Commit(tenant, year, delete, default);

        (await Ids(new RecordQuery("thing", 4, Label: "fizz"))).Should().NotContain("id03");
        (await Ids(new RecordQuery("thing", 4, Label: "buzz"))).Should().Equal("id00", "id10", "id15", "id20", "id25", "id03");
        (await Ids(new RecordQuery("thing", 100, Label: "all"))).Should().HaveCount(29).And.EndWith("id03").And.NotContain("id05");
        (await Ids(new RecordQuery("thing", 100, Label: "al"))).Should().BeEmpty("a label matches whole, never a part of another");
        (await Store.List(TenantId.Parse("other").Value, year, new RecordQuery("thing", 100, Label: "all"), default)).Items.Should().BeEmpty();
    }

    [Fact]
    public async Task List_WithKeyRange_ReturnsOnlyKeysInside()
    {
        var tenant = TenantId.Parse("range").Value;
        foreach (var day in new[] { "2026-01-31", "2026-02-01", "2026-02-28", "2026-03-01" })
            await Store.Commit(tenant, Scope.Year(2026), Create(day, "{}", day + "|x"), default);
        var page = await Store.List(tenant, Scope.Year(2026), new RecordQuery("thing", 10, KeyFrom: "2026-02-01", KeyTo: "2026-02-28|\uffff"), default);
        page.Items.Select(i => i.Id).Should().Equal("2026-02-01", "2026-02-28");
    }

    [Fact]
    public async Task AssertAbsent_FailsTheCommitWhenTheRecordExists()
    {
        var tenant = TenantId.Parse("assert").Value;
        await Store.Commit(tenant, Scope.Master, Create("closed"), default);
        var changes = Create("posting");
        changes.Writes.Add(new AssertAbsent("thing", "closed"));
        (await FluentActions.Awaiting(() => Store.Commit(tenant, Scope.Master, changes, default)).Should().ThrowAsync<RecordConflictException>())
            .Which.Kind.Should().Be(ConflictKind.Present);
        (await Store.Get(tenant, Scope.Master, "thing", "posting", default)).Should().BeNull();

        var allowed = Create("posting");
        allowed.Writes.Add(new AssertAbsent("thing", "still-open"));
        await Store.Commit(tenant, Scope.Master, allowed, default);
        (await Store.Get(tenant, Scope.Master, "thing", "posting", default)).Should().NotBeNull();
    }

    [Fact]
    public async Task ForeignContinuation_IsRejected()
    {
        var act = () => Store.List(A, Scope.Master, new RecordQuery("thing", 10, "Zm9v"), default);
        await act.Should().ThrowAsync<InvalidContinuationException>();
    }

    [Fact]
    public async Task IdempotencyRecord_IsWrittenOnce_AndFoundAgain()
    {
        var changes = Create("idem");
        changes.Idempotency = new IdempotencyRecord("key-1", "hash", 201, "/x/idem", "\"1\"", "{}", Now);
        await Store.Commit(A, Scope.Master, changes, default);

        var twin = Create("idem-twin");
        twin.Idempotency = new IdempotencyRecord("key-1", "hash", 201, "/x/idem-twin", "\"1\"", "{}", Now);
        await FluentActions.Awaiting(() => Store.Commit(A, Scope.Master, twin, default)).Should().ThrowAsync<IdempotencyRaceException>();
        (await Store.Get(A, Scope.Master, "thing", "idem-twin", default)).Should().BeNull();

        var found = await Store.FindIdempotency(A, "key-1", default);
        found!.Location.Should().Be("/x/idem");
        (await Store.FindIdempotency(B, "key-1", default)).Should().BeNull();
    }

    [Fact]
    public async Task Audit_IsListedPerEntity_InOrder_WithPaging()
    {
        var tenant = TenantId.Parse("audit-contract").Value;
        for (var i = 0; i < 5; i++)
        {
            var changes = new ChangeSet();
            changes.Audit.Add(new AuditEntry(Now.Plus(Duration.FromSeconds(i)), "u", $"a{i}", "thing", i < 3 ? "x" : "y", null, "{}", "c"));
            await Store.Commit(tenant, Scope.Master, changes, default);
        }
        var first = await Store.ListAudit(tenant, "x", 2, null, default);
        first.Items.Select(i => i.Entry.Action).Should().Equal("a0", "a1");
        var second = await Store.ListAudit(tenant, "x", 2, first.Continuation, default);
        second.Items.Select(i => i.Entry.Action).Should().Equal("a2");
        second.Continuation.Should().BeNull();
    }

    /// <summary>A change set of exactly <see cref="ChangeSet.MaxOperations"/> creates.</summary>
    private static ChangeSet FullChangeSet()
    {
        var changes = new ChangeSet();
        for (var i = 0; i < ChangeSet.MaxOperations; i++)
            changes.Writes.Add(new CreateRecord("thing", $"n{i:000}", "{}", RecordIndex.For($"{i:000}")));
        return changes;
    }

    [Fact]
    public async Task Commit_OfExactlyTheLimit_IsWritten()
    {
        var tenant = TenantId.Parse("limit-ok").Value;
        var changes = FullChangeSet();

        await Store.Commit(tenant, Scope.Master, changes, default);

        (await Store.List(tenant, Scope.Master, new RecordQuery("thing", 200), default)).Items.Should().HaveCount(ChangeSet.MaxOperations);
    }

    [Fact]
    public async Task Commit_OverTheLimit_IsRefused_AndWritesNothing()
    {
        var tenant = TenantId.Parse("limit-over").Value;
        var changes = FullChangeSet();
        changes.Audit.Add(new AuditEntry(Now, "u", "thing.created", "thing", "n000", null, "{}", null));

        (await FluentActions.Awaiting(() => Store.Commit(tenant, Scope.Master, changes, default))
            .Should().ThrowAsync<ChangeSetTooLargeException>()).Which.Operations.Should().Be(ChangeSet.MaxOperations + 1);

        (await Store.List(tenant, Scope.Master, new RecordQuery("thing", 10), default)).Items.Should().BeEmpty();
    }

    [Fact]
    public async Task StepwiseWrite_AfterACrashPartWay_CompletesWithoutRepeatingDoneSteps()
    {
        var tenant = TenantId.Parse("stepwise").Value;
        StepwiseWrite Staged(string run)
        {
            var write = new StepwiseWrite(Store, tenant, Scope.Master, "contract-v1");
            for (var i = 0; i < 250; i++)
            {
                var n = i;
                write.Add(c =>
                {
                    c.Writes.Add(new CreateRecord("thing", $"{run}-{n:000}", "{}", RecordIndex.For($"{n:000}")));
                    c.Audit.Add(new AuditEntry(Now, "u", "thing.created", "thing", $"{run}-{n:000}", null, "{}", null));
                });
            }
            return write;
        }
        var first = Staged("first");
        var steps = first.Steps();
        steps.Should().HaveCount(6).And.OnlyContain(s => s.Operations < ChangeSet.MaxOperations);
        // the first run crashed after committing its first step
        steps[0].Writes.Add(new CreateRecord(StepwiseWrite.MarkerType, "contract-v1:001", "{}", RecordIndex.For("contract-v1:001")));
        await Store.Commit(tenant, Scope.Master, steps[0], default);

        (await Staged("second").Apply(default)).Should().Be(5);
        (await Staged("third").Apply(default)).Should().Be(0);

        var things = await Store.List(tenant, Scope.Master, new RecordQuery("thing", 500), default);
        things.Items.Should().HaveCount(250);
        things.Items.Count(t => t.Id.StartsWith("first-")).Should().Be(49);
        things.Items.Should().NotContain(t => t.Id.StartsWith("third-"));
    }

    [Fact]
    public async Task StepwiseWrite_WhoseStepsChangedShape_IsRefused_InsteadOfSkippingThem()
    {
        var tenant = TenantId.Parse("stepwise-shape").Value;
        var first = new StepwiseWrite(Store, tenant, Scope.Master, "shape-v1");
        for (var i = 0; i < 10; i++)
        {
            var n = i;
            first.Add(c => c.Writes.Add(new CreateRecord("thing", $"a{n}", "{}", RecordIndex.For("k"))));
        }
        (await first.Apply(default)).Should().Be(1);

        var changed = new StepwiseWrite(Store, tenant, Scope.Master, "shape-v1");
        for (var i = 0; i < 10; i++)
        {
            var n = i;
            changed.Add(c => c.Writes.Add(new CreateRecord("other", $"b{n}", "{}", RecordIndex.For("k"))));
        }

        await FluentActions.Awaiting(() => changed.Apply(default)).Should().ThrowAsync<InvalidOperationException>().WithMessage("*different shape*");
        (await Store.List(tenant, Scope.Master, new RecordQuery("other", 20), default)).Items.Should().BeEmpty();
    }
}
