using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using ValeoErp.Application.Abstractions;
using ValeoErp.Domain.Common;
using ValeoErp.Tests.Support;

namespace ValeoErp.Tests.Features;

/// <summary>A write over the 100-operation limit of one atomic write is a clear 422, never a 500 (ADR 0007).</summary>
public sealed class OversizedWriteTests
{
    /// <summary>A store whose commits for one tenant are all too large, as a document with too many parts would be.</summary>
    private sealed class TooLargeFor(IRecordStore inner, TenantId tenant) : IRecordStore
    {
        public Task<StoredRecord?> Get(TenantId t, Scope s, string type, string id, CancellationToken ct) => inner.Get(t, s, type, id, ct);
        public Task<Page<StoredRecord>> List(TenantId t, Scope s, RecordQuery q, CancellationToken ct) => inner.List(t, s, q, ct);
        public Task<IdempotencyRecord?> FindIdempotency(TenantId t, string key, CancellationToken ct) => inner.FindIdempotency(t, key, ct);
        public Task<Page<AuditRecord>> ListAudit(TenantId t, string? e, int limit, string? c, CancellationToken ct) => inner.ListAudit(t, e, limit, c, ct);
        public Task<IReadOnlyDictionary<string, AuditRecord>> FindAudit(TenantId t, IReadOnlyCollection<string> ids, CancellationToken ct) => inner.FindAudit(t, ids, ct);
        public Task<bool> Ping(CancellationToken ct) => inner.Ping(ct);

        public Task Commit(TenantId t, Scope s, ChangeSet changes, CancellationToken ct) =>
            t == tenant && s == Scope.Master && changes.Writes.Any(w => w.Type == "partner")
                ? throw new ChangeSetTooLargeException(ChangeSet.MaxOperations + 7)
                : inner.Commit(t, s, changes, ct);
    }

    private sealed class App : ValeoApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services =>
            {
                var registered = services.Last(d => d.ServiceType == typeof(IRecordStore));
                services.AddSingleton<IRecordStore>(sp => new TooLargeFor(
                    (IRecordStore)(registered.ImplementationFactory?.Invoke(sp) ?? ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!)),
                    TenantId.Parse("oversized").Value));
            });
        }
    }

    [Fact]
    public async Task Post_WhenTheWriteExceedsOneAtomicWrite_IsA422Problem_AndNothingIsWritten()
    {
        using var app = new App();
        var client = await app.ClientFor("oversized", "anna", "admin");

        var response = await client.PostAsJsonAsync("/api/v1/customers", Http.ValidCustomer());

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await response.Json();
        problem.GetProperty("type").GetString().Should().Be("urn:valeo:problem:too-large");
        problem.GetProperty("detail").GetString().Should().Contain("107 operations").And.Contain("Nothing was written");
        (await client.All("/api/v1/customers")).Should().BeEmpty();
    }
}
