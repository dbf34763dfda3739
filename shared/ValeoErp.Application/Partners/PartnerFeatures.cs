using ValeoErp.Application.Abstractions;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Partners;

namespace ValeoErp.Application.Partners;

public sealed record AddRoleInput(string? Role);

/// <summary>
/// Create, change and remove customers and suppliers. A partner numbered once keeps its number for
/// both roles; removing one role of a dual-role partner keeps the partner for the other role.
/// </summary>
public sealed class PartnerFeatures(MasterData data, IRecordStore store, RequestContext context)
{
    public const string Counter = "partner";

    public Task<Result<Versioned<Partner>>> Create(PartnerResource def, PartnerInput input, CancellationToken ct) =>
        data.CreateNumbered(def, Counter, number => number > Partner.MaxNumber
            ? new RuleBroken("partner-numbers-exhausted", $"Partner numbers end at {Partner.MaxNumber}.")
            : PartnerRules.Build(input, Ids.New(), (int)number, [def.Role]), ct);

    public Task<Result<Versioned<Partner>>> Update(PartnerResource def, string id, string? ifMatch, PartnerInput input, CancellationToken ct) =>
        data.Update(def, id, ifMatch, existing => PartnerRules.Build(input, existing.Id, existing.Number, existing.Roles), ct);

    public async Task<Result<bool>> Delete(PartnerResource def, string id, string? ifMatch, CancellationToken ct)
    {
        var current = await data.Get(def, id, ct);
        if (current is { IsSuccess: true, Value.Value.Roles.Count: > 1 })
        {
            var dropped = await data.Update(def, id, ifMatch,
                p => p with { Roles = p.Roles.Where(r => r != def.Role).ToArray() }, ct);
            return dropped.IsSuccess ? true : dropped.Error!;
        }
        return await data.Delete(def, id, ifMatch, async partner =>
        {
            var contacts = await store.List(context.Actor.Tenant, Scope.Master,
                new RecordQuery(ContactResource.Instance.RecordType, 1, Label: ContactResource.PartnerLabel(partner.Id)), ct);
            return contacts.Items.Count > 0
                ? new RuleBroken("partner-has-contacts", "Delete the partner's contacts first.")
                : null;
        }, ct);
    }

    /// <summary>Makes an existing customer a supplier too (or the reverse): the farmer who buys inputs and sells grain.</summary>
    public async Task<Result<Versioned<Partner>>> AddRole(string id, AddRoleInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(input.Role)) errors.Add("role", "is required.");
        var role = PartnerRules.ParseEnum<PartnerRole>(errors, "role", input.Role);
        if (errors.Any) return errors.ToError();

        var any = await data.Get(PartnerResource.Customers, id, ct);
        if (!any.IsSuccess) any = await data.Get(PartnerResource.Suppliers, id, ct);
        if (!any.IsSuccess) return new NotFound("Partner", id);
        if (any.Value.Value.Has(role!.Value)) return any;

        var anyDef = any.Value.Value.Has(PartnerRole.Customer) ? PartnerResource.Customers : PartnerResource.Suppliers;
        var result = await data.Update(anyDef, id, any.Value.ETag, p => p.WithRole(role.Value), ct);
        return result.Error is VersionMismatch
            ? new RuleBroken("concurrent-write", "The partner changed meanwhile; try again.")
            : result;
    }
}
