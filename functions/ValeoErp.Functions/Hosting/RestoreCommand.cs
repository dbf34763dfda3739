using NodaTime;
using ValeoErp.Application.Abstractions;
using ValeoErp.Application.Operations;
using ValeoErp.Domain.Common;
using ValeoErp.Storage.Sqlite;

namespace ValeoErp.Functions.Hosting;

/// <summary>
/// <c>ValeoErp.Functions restore &lt;tenant&gt; &lt;backup id&gt;</c>: rebuilds a tenant from a backup into the configured
/// store, which must not hold that tenant yet. Backups are read from the configured blob store
/// (Storage:DataDirectory/blobs, or Blobs:Provider=Azure) into the configured store (Storage:Provider); every checksum is verified before anything is written.
/// </summary>
public static class RestoreCommand
{
    public static bool Matches(string[] args) => args is ["restore", ..];

    public static async Task<int> Run(string[] args)
    {
        if (args is not ["restore", var tenantText, var backupId, ..] || !TenantId.Parse(tenantText).IsSuccess)
        {
            Console.Error.WriteLine("usage: ValeoErp.Functions restore <tenant> <backup id>   (ids: GET /api/v1/admin/backups)");
            return 2;
        }
        var builder = WebApplication.CreateSlimBuilder(args.Skip(3).ToArray());
        builder.Services.AddStorage(builder.Configuration);
        await using var services = builder.Services.BuildServiceProvider();
        await services.GetRequiredService<SqliteDatabase>().Migrate(SystemClock.Instance, CancellationToken.None);
        if (services.GetService<CosmosStorage>() is { } cosmos) await cosmos.EnsureCreated(CancellationToken.None);
        var backups = new Backups(services.GetRequiredService<ITenantTransfer>(), services.GetRequiredService<IBlobStore>(), SystemClock.Instance);
        try
        {
            var manifest = await backups.Restore(TenantId.Parse(tenantText).Value, backupId, CancellationToken.None);
            Console.WriteLine($"restored tenant {manifest.Tenant} from backup {manifest.Id}: " +
                string.Join(", ", manifest.Files.Select(f => $"{f.Name} {f.Lines} lines")));
            return 0;
        }
        catch (Exception e) when (e is BackupCorruptException or InvalidOperationException)
        {
            Console.Error.WriteLine($"restore refused: {e.Message}");
            return 1;
        }
    }
}
