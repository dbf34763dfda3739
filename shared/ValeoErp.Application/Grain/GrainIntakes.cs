using ValeoErp.Application.Abstractions;
using ValeoErp.Application.Documents;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Grain;

namespace ValeoErp.Application.Grain;

public sealed record GrainSampleInput(decimal? Moisture, decimal? Admixture, decimal? HectolitreWeight = null, decimal? Protein = null, decimal? FallingNumber = null);

/// <summary>Body of POST /api/v1/grain/intakes: the weighbridge ticket. Crop and article come from the contract when one is named.</summary>
public sealed record GrainIntakeInput(string? FarmerId, Crop? Crop, string? ArticleId, string? ContractId, string? Date,
    decimal? GrossKg, decimal? TareKg, GrainSampleInput? Sample, string? VehiclePlate = null);

/// <summary>Intake tickets (Wiegescheine) at the weighbridge, with their sample; settled by <see cref="GrainSettlements"/>.</summary>
public sealed class GrainIntakes(Ledger ledger, GrainContracts contracts)
{
    public const string Type = "grain-intake";

    public async Task<Result<GrainIntake>> Create(GrainIntakeInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        GrainContract? contract = null;
        if (input.ContractId is { Length: > 0 } contractId)
        {
            var found = await contracts.Get(contractId, ct);
            if (found.IsSuccess) contract = found.Value;
            else errors.Add("contractId", "names no grain contract of this company.");
        }
        var (farmer, article) = await contracts.Parties(errors, input.FarmerId, input.ArticleId ?? contract?.ArticleId, ct);
        var crop = input.Crop ?? contract?.Crop;
        if (crop is null) errors.Add("crop", "is required without a contract: wheat, barley, rye, triticale, oats, rapeseed or maize.");
        if (contract is not null && farmer is not null && contract.FarmerId != farmer.Id) errors.Add("contractId", "is a contract of another farmer.");
        if (contract is not null && crop is not null && contract.Crop != crop) errors.Add("crop", $"differs from the contract's crop ({contract.Crop}).");
        var date = Orders.ParseDate(errors, "date", input.Date, required: false) ?? ledger.Today;
        Weight(errors, "grossKg", input.GrossKg);
        Weight(errors, "tareKg", input.TareKg);
        if (input.GrossKg is { } g && input.TareKg is { } t && t >= g) errors.Add("tareKg", "must be below the gross weight.");
        GrainSample? sample = null;
        if (input.Sample is not { } s) errors.Add("sample", "is required: moisture and admixture at least.");
        else
        {
            Percent(errors, "sample.moisture", s.Moisture, required: true);
            Percent(errors, "sample.admixture", s.Admixture, required: true);
            Percent(errors, "sample.protein", s.Protein, required: false);
            if (s.HectolitreWeight is { } hl && (hl <= 0m || hl > 120m)) errors.Add("sample.hectolitreWeight", "must be kg/hl from above 0 to 120.");
            if (s.FallingNumber is { } fn && (fn < 0m || fn > 1000m || decimal.Round(fn) != fn)) errors.Add("sample.fallingNumber", "must be whole seconds from 0 to 1000.");
            sample = new GrainSample(s.Moisture ?? 0m, s.Admixture ?? 0m, s.HectolitreWeight, s.Protein, s.FallingNumber);
        }
        var plate = errors.Optional("vehiclePlate", input.VehiclePlate, 20);
        if (errors.Any) return errors.ToError();

        var changes = new ChangeSet();
        var intake = new GrainIntake
        {
            Id = $"{date.Year:0000}-{Ids.New()}", Number = await Numbering.Next(ledger, changes, date.Year, "grainIntake", ct), FarmerId = farmer!.Id,
            FarmerName = farmer.Name, Crop = crop!.Value, ArticleId = article!.Id, ContractId = contract?.Id, Date = date,
            GrossKg = input.GrossKg!.Value, TareKg = input.TareKg!.Value, Sample = sample!, VehiclePlate = plate, CreatedBy = ledger.UserId, CreatedAt = ledger.Now,
        };
        Stage(ledger, changes, intake, 0, "grainIntake.weighed");
        return await ledger.Commit(Scope.Year(date.Year), changes, ct) is { } error ? error : intake;
    }

    public async Task<IReadOnlyList<GrainIntake>> List(int year, string? farmerId, CancellationToken ct) =>
        await ledger.All<GrainIntake>(Scope.Year(year), Type, ct, farmerId is null ? null : $"farmer:{farmerId}");

    public async Task<Result<Versioned<GrainIntake>>> Get(string id, CancellationToken ct) =>
        id.Length > 5 && int.TryParse(id[..4], out var year) && id[4] == '-'
            && await ledger.Find<GrainIntake>(Scope.Year(year), Type, id, ct) is { } found ? found : new NotFound("Grain intake", id);

    internal static void Stage(Ledger ledger, ChangeSet changes, GrainIntake intake, long version, string action)
    {
        var index = new RecordIndex($"{intake.Date:yyyy-MM-dd}|{intake.Number}", SearchText.Index(intake.Number, intake.FarmerName),
            [$"farmer:{intake.FarmerId}", intake.SettlementId is null ? "status:open" : "status:settled", .. intake.ContractId is { } c ? [$"contract:{c}"] : Array.Empty<string>()]);
        if (version == 0) Ledger.Create(changes, Type, intake.Id, intake, index);
        else Ledger.Replace(changes, Type, intake.Id, version, intake, index);
        ledger.Record(changes, Type, action, intake.Id, null, ValeoJson.Serialize(intake));
        ledger.Emit(changes, action, $"grain-intake/{intake.Id}", intake);
    }

    private static void Weight(FieldErrors errors, string field, decimal? kg)
    {
        if (kg is not { } v || v < 0m || v > 100_000m || decimal.Round(v) != v) errors.Add(field, "must be whole kilograms from 0 to 100,000 (a weighbridge reading).");
    }

    private static void Percent(FieldErrors errors, string field, decimal? value, bool required)
    {
        if (value is null) { if (required) errors.Add(field, "is required (percent)."); return; }
        if (value < 0m || value >= 100m || decimal.Round(value.Value, 2) != value) errors.Add(field, "must be a percentage from 0 to below 100 with at most two decimals.");
    }
}
