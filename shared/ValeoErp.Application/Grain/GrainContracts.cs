using ValeoErp.Application.Abstractions;
using ValeoErp.Application.Articles;
using ValeoErp.Application.Documents;
using ValeoErp.Application.Partners;
using ValeoErp.Domain.Articles;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Grain;

namespace ValeoErp.Application.Grain;

public sealed record QualityStepInput(QualityParameter? Parameter, decimal? From, decimal? To, decimal? AdjustmentPerTonne);

/// <summary>Body of POST /api/v1/grain/contracts; quality bases left out take the crop's house defaults.</summary>
public sealed record GrainContractInput(string? FarmerId, Crop? Crop, string? ArticleId, decimal? PricePerTonne, decimal? QuantityTonnes,
    string? ContractDate, decimal? BaseMoisture = null, decimal? BaseAdmixture = null, decimal? HandlingLossPercent = null,
    decimal? DryingCostPerTonneAndPoint = null, decimal? StorageFeePerTonne = null, IReadOnlyList<QualityStepInput>? Quality = null);

/// <summary>Grain purchase contracts with farmers (Kontrakte): price, quantity, quality base and premium/discount table.</summary>
public sealed class GrainContracts(Ledger ledger, MasterData data)
{
    public const string Type = "grain-contract";
    private const int MaxQualitySteps = 30;

    public async Task<Result<GrainContract>> Create(GrainContractInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var (farmer, article) = await Parties(errors, input.FarmerId, input.ArticleId, ct);
        if (input.Crop is null) errors.Add("crop", "is required: wheat, barley, rye, triticale, oats, rapeseed or maize.");
        var price = errors.NonNegative("pricePerTonne", input.PricePerTonne, 4);
        if (input.PricePerTonne is null) errors.Add("pricePerTonne", "is required.");
        if (input.QuantityTonnes is not { } quantity || quantity <= 0m || decimal.Round(quantity, 3) != quantity)
            errors.Add("quantityTonnes", "must be a positive quantity in tonnes with at most three decimals.");
        var date = Orders.ParseDate(errors, "contractDate", input.ContractDate, required: false) ?? ledger.Today;
        Percent(errors, "baseMoisture", input.BaseMoisture);
        Percent(errors, "baseAdmixture", input.BaseAdmixture);
        Percent(errors, "handlingLossPercent", input.HandlingLossPercent);
        errors.NonNegative("dryingCostPerTonneAndPoint", input.DryingCostPerTonneAndPoint, 4);
        errors.NonNegative("storageFeePerTonne", input.StorageFeePerTonne, 4);
        var quality = Quality(errors, input.Quality);
        if (errors.Any) return errors.ToError();

        var changes = new ChangeSet();
        var contract = new GrainContract
        {
            Id = Ids.New(), Number = await Numbering.Next(ledger, changes, date.Year, "grainContract", ct), FarmerId = farmer!.Id, FarmerName = farmer.Name,
            Crop = input.Crop!.Value, ArticleId = article!.Id, PricePerTonne = price!.Value, QuantityTonnes = input.QuantityTonnes!.Value, ContractDate = date,
            BaseMoisture = input.BaseMoisture, BaseAdmixture = input.BaseAdmixture, HandlingLossPercent = input.HandlingLossPercent,
            DryingCostPerTonneAndPoint = input.DryingCostPerTonneAndPoint, StorageFeePerTonne = input.StorageFeePerTonne, Quality = quality,
            CreatedBy = ledger.UserId, CreatedAt = ledger.Now,
        };
        Ledger.Create(changes, Type, contract.Id, contract, new RecordIndex($"{date:yyyy-MM-dd}|{contract.Number}", SearchText.Index(contract.Number, farmer.Name), [$"farmer:{farmer.Id}"]));
        ledger.Record(changes, Type, "grainContract.created", contract.Id, null, ValeoJson.Serialize(contract));
        ledger.Emit(changes, "grainContract.created", $"grain-contract/{contract.Id}", contract);
        return await ledger.Commit(Scope.Master, changes, ct) is { } error ? error : contract;
    }

    public async Task<IReadOnlyList<GrainContract>> List(string? farmerId, CancellationToken ct) =>
        await ledger.All<GrainContract>(Scope.Master, Type, ct, farmerId is null ? null : $"farmer:{farmerId}");

    public async Task<Result<GrainContract>> Get(string id, CancellationToken ct) =>
        await ledger.Find<GrainContract>(Scope.Master, Type, id, ct) is { } found ? found.Value : new NotFound("Grain contract", id);

    /// <summary>The farmer (a supplier: §24 farmer or regularly taxed) and the grain article bought.</summary>
    internal async Task<(Domain.Partners.Partner? Farmer, Article? Article)> Parties(FieldErrors errors, string? farmerId, string? articleId, CancellationToken ct)
    {
        Domain.Partners.Partner? farmer = null;
        Article? article = null;
        if (errors.Required("farmerId", farmerId, 64) is { } f)
        {
            var found = await data.Get(PartnerResource.Suppliers, f, ct);
            if (found.IsSuccess) farmer = found.Value.Value;
            else errors.Add("farmerId", "names no supplier (farmer) of this company.");
        }
        if (errors.Required("articleId", articleId, 64) is { } a)
        {
            var found = await data.Get(ArticleResource.Instance, a, ct);
            if (found is { IsSuccess: true, Value.Value: { Category: ArticleCategory.Grain } grain }) article = grain;
            else errors.Add("articleId", "names no grain article of this company.");
        }
        return (farmer, article);
    }

    private static void Percent(FieldErrors errors, string field, decimal? value)
    {
        if (value is { } v && (v < 0m || v >= 100m || decimal.Round(v, 2) != v)) errors.Add(field, "must be a percentage from 0 to below 100 with at most two decimals.");
    }

    private static IReadOnlyList<QualityStep> Quality(FieldErrors errors, IReadOnlyList<QualityStepInput>? input)
    {
        if (input is null) return [];
        if (input.Count > MaxQualitySteps) errors.Add("quality", $"at most {MaxQualitySteps} rows.");
        var steps = new List<QualityStep>();
        for (var i = 0; i < Math.Min(input.Count, MaxQualitySteps); i++)
        {
            var s = input[i];
            if (s.Parameter is null) errors.Add($"quality[{i}].parameter", "is required: protein, hectolitreWeight or fallingNumber.");
            if (s.From is not { } from || from < 0m) errors.Add($"quality[{i}].from", "is required and not negative.");
            if (s.To is { } to && s.From is { } f && to <= f) errors.Add($"quality[{i}].to", "must be above from.");
            if (s.AdjustmentPerTonne is not { } adj || decimal.Round(adj, 2) != adj || Math.Abs(adj) > 1000m)
                errors.Add($"quality[{i}].adjustmentPerTonne", "is required: EUR per tonne (premium positive, discount negative), two decimals.");
            if (!errors.Any) steps.Add(new QualityStep(s.Parameter!.Value, s.From!.Value, s.To, s.AdjustmentPerTonne!.Value));
        }
        return steps;
    }
}
