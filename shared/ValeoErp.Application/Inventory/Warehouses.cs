using System.ComponentModel.DataAnnotations;
using ValeoErp.Application.Abstractions;
using ValeoErp.Application.Partners;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Inventory;

namespace ValeoErp.Application.Inventory;

public sealed record WarehouseInput(
    [property: Required, MaxLength(10), RegularExpression("^[A-Za-z0-9-]+$")] string? Code,
    [property: Required, MaxLength(100)] string? Name, AddressInput? Address = null, bool? IsDefault = null);

public sealed class WarehouseResource : ResourceDefinition<Warehouse>
{
    public static readonly WarehouseResource Instance = new();
    public override string RecordType => "warehouse";
    public override string Name => "Warehouse";
    public override string Path => "/api/v1/warehouses";
    public override string EventName => "warehouse";
    public override string IdOf(Warehouse entity) => entity.Id;
    public override RecordIndex Index(Warehouse w) => RecordIndex.For(w.Code, w.Code, w.Name, w.Address?.City);
    public override IEnumerable<UniqueKey> UniqueKeys(Warehouse w) => [new("code", w.Code)];
}

/// <summary>
/// Warehouses. Exactly one is the default (where stock movements without a warehouse go), so the
/// default flag moves only by making another warehouse the default, and the default cannot be deleted.
/// </summary>
public sealed class WarehouseFeatures(MasterData data)
{
    // Field validation comes first: a body with missing fields is a 400 whatever it asks of the default flag.
    public Task<Result<Versioned<Warehouse>>> Create(WarehouseInput input, CancellationToken ct)
    {
        var built = Build(input, Ids.New(), isDefault: false);
        if (built.IsSuccess && input.IsDefault == true) return Task.FromResult<Result<Versioned<Warehouse>>>(DefaultMoves());
        return data.Create(WarehouseResource.Instance, () => built, ct);
    }

    public Task<Result<Versioned<Warehouse>>> Update(string id, string? ifMatch, WarehouseInput input, CancellationToken ct) =>
        data.Update(WarehouseResource.Instance, id, ifMatch, existing =>
            Build(input, existing.Id, existing.IsDefault) is var built && built.IsSuccess
            && input.IsDefault is { } wanted && wanted != existing.IsDefault
                ? DefaultMoves()
                : built, ct);

    public Task<Result<bool>> Delete(string id, string? ifMatch, CancellationToken ct) =>
        data.Delete(WarehouseResource.Instance, id, ifMatch, w => Task.FromResult<Error?>(w.IsDefault
            ? new RuleBroken("default-warehouse", "The default warehouse cannot be deleted.")
            : null), ct);

    public static Result<Warehouse> Build(WarehouseInput input, string id, bool isDefault)
    {
        var errors = new FieldErrors();
        var code = errors.Required("code", input.Code, 10)?.ToUpperInvariant();
        if (code is not null && !code.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            errors.Add("code", "may contain only letters, digits and hyphens.");
        var name = errors.Required("name", input.Name, 100);
        var address = PartnerRules.ValidateAddress(errors, "address", input.Address, required: false);
        if (errors.Any) return errors.ToError();
        return new Warehouse { Id = id, Code = code!, Name = name!, Address = address, IsDefault = isDefault };
    }

    private static RuleBroken DefaultMoves() =>
        new("default-warehouse", "The default warehouse is set at provisioning; changing it is not supported yet.");
}
