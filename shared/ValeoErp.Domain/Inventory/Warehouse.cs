using ValeoErp.Domain.Partners;

namespace ValeoErp.Domain.Inventory;

public sealed record Warehouse
{
    public required string Id { get; init; }
    public required string Code { get; init; }
    public required string Name { get; init; }
    public Address? Address { get; init; }
    public bool IsDefault { get; init; }
}
