using ValeoErp.Application.Abstractions;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Partners;

namespace ValeoErp.Application.Partners;

public sealed record ContactInput(string? PartnerId, string? Name, string? Position, string? Email, string? Phone);

public sealed class ContactResource : ResourceDefinition<Contact>
{
    public static readonly ContactResource Instance = new();
    public override string RecordType => "contact";
    public override string Name => "Contact";
    public override string Path => "/api/v1/contacts";
    public override string EventName => "contact";
    public override string IdOf(Contact entity) => entity.Id;

    public override RecordIndex Index(Contact c) =>
        RecordIndex.For(SearchText.Query(c.Name) + "|" + c.Id, c.Name, c.Email, c.Position).WithLabels([PartnerLabel(c.PartnerId)]);

    public static string PartnerLabel(string partnerId) => $"partner:{partnerId}";
}

/// <summary>Contact persons of a partner. The partner must exist in this tenant.</summary>
public sealed class ContactFeatures(MasterData data)
{
    public async Task<Result<Versioned<Contact>>> Create(ContactInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var partnerId = errors.Required("partnerId", input.PartnerId, 64);
        if (partnerId is not null && !await PartnerExists(partnerId, ct)) errors.Add("partnerId", "names no customer or supplier of this company.");
        var built = Build(errors, input, Ids.New(), partnerId);
        return built.IsSuccess ? await data.Create(ContactResource.Instance, () => built, ct) : built.Error!;
    }

    public Task<Result<Versioned<Contact>>> Update(string id, string? ifMatch, ContactInput input, CancellationToken ct) =>
        data.Update(ContactResource.Instance, id, ifMatch, existing =>
        {
            var errors = new FieldErrors();
            if (input.PartnerId is not null && input.PartnerId != existing.PartnerId)
                errors.Add("partnerId", "cannot change; create the contact at the other partner instead.");
            return Build(errors, input, existing.Id, existing.PartnerId);
        }, ct);

    public Task<Result<bool>> Delete(string id, string? ifMatch, CancellationToken ct) =>
        data.Delete(ContactResource.Instance, id, ifMatch, _ => Task.FromResult<Error?>(null), ct);

    private async Task<bool> PartnerExists(string id, CancellationToken ct) =>
        (await data.Get(PartnerResource.Customers, id, ct)).IsSuccess || (await data.Get(PartnerResource.Suppliers, id, ct)).IsSuccess;

    private static Result<Contact> Build(FieldErrors errors, ContactInput input, string id, string? partnerId)
    {
        var name = errors.Required("name", input.Name, 100);
        var position = errors.Optional("position", input.Position, 100);
        var email = errors.Check("email", PartnerRules.Blank(input.Email), Contact.ParseEmail);
        var phone = errors.Optional("phone", input.Phone, 40);
        if (errors.Any) return errors.ToError();
        return new Contact { Id = id, PartnerId = partnerId!, Name = name!, Position = position, Email = email, Phone = phone };
    }
}
