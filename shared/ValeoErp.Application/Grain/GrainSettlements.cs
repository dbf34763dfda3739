using ValeoErp.Application.Abstractions;
using ValeoErp.Application.Articles;
using ValeoErp.Application.Documents;
using ValeoErp.Application.Inventory;
using ValeoErp.Application.Partners;
using ValeoErp.Application.Tenants;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Documents;
using ValeoErp.Domain.Grain;

namespace ValeoErp.Application.Grain;

/// <summary>Body of POST /api/v1/grain/intakes/{id}/settlement: the day price when the intake has no contract, and the settlement date.</summary>
[System.Text.Json.Serialization.JsonUnmappedMemberHandling(System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow)]
public sealed record GrainSettlementInput(decimal? PricePerTonne = null, string? Date = null);

/// <summary>
/// Settles an intake as a self-billed credit note (Gutschrift, §14 (2) UStG) to the farmer: the domain computes every
/// step (<see cref="GrainSettlement"/>); the document carries the goods at the settled weight and price, drying and
/// storage as negative lines (price reductions of the same supply, at its rate), and the steps for the print. VAT
/// follows the farmer's treatment: the §24 rate of the delivery date, or the grain's rate. The draft, the stock
/// receipt of the settled weight and the intake's link commit together; posting (number, journal, open item) follows.
/// A repeated call finishes what a crash left: it posts a settlement still in draft and answers a posted one as is.
/// </summary>
public sealed class GrainSettlements(Ledger ledger, MasterData data, GrainIntakes intakes, GrainContracts contracts, Settings settings,
    Warehouses warehouses, Posting posting)
{
    public async Task<Result<DocumentOutcome>> Settle(string intakeId, GrainSettlementInput input, CancellationToken ct)
    {
        var draft = await Ledger.Retrying<string>(() => Draft(intakeId, input, ct));
        if (!draft.IsSuccess) return draft.Error!;
        var document = await DocumentStore.Load(ledger, draft.Value, ct, DocumentKind.PurchaseInvoice);
        if (!document.IsSuccess) return document.Error!;
        if (document.Value.Value.Status == DocumentStatus.Posted) return new DocumentOutcome(document.Value.Value, document.Value.Version, 200);
        var posted = await posting.Post(draft.Value, DocumentKind.PurchaseInvoice, ct);
        return posted.IsSuccess ? posted.Value with { Status = 201 } : posted;
    }

    private async Task<Result<string>> Draft(string intakeId, GrainSettlementInput input, CancellationToken ct)
    {
        var loaded = await intakes.Get(intakeId, ct);
        if (!loaded.IsSuccess) return loaded.Error!;
        var intake = loaded.Value.Value;
        if (intake.SettlementId is { } settled) return settled;

        var errors = new FieldErrors();
        var date = Orders.ParseDate(errors, "date", input.Date, required: false) ?? (ledger.Today < intake.Date ? intake.Date : ledger.Today);
        var dayPrice = errors.NonNegative("pricePerTonne", input.PricePerTonne, 4);
        GrainTerms terms;
        if (intake.ContractId is { } contractId)
        {
            var contract = await contracts.Get(contractId, ct);
            if (!contract.IsSuccess) return contract.Error!;
            terms = contract.Value.Terms();
            if (input.PricePerTonne is not null) errors.Add("pricePerTonne", "comes from the contract; leave it out.");
        }
        else
        {
            if (input.PricePerTonne is null) errors.Add("pricePerTonne", "is required: the intake has no contract, so the day price (EUR per tonne) settles it.");
            terms = GrainTerms.Default(intake.Crop, dayPrice ?? 0m);
        }
        var warehouse = await warehouses.Resolve(errors, null, ct);
        if (errors.Any) return errors.ToError();
        if (date < intake.Date) return new RuleBroken("date-before-intake", "A settlement cannot be dated before its intake.");
        if (date.Year != intake.Year) return Rules.YearChange(intake.Year, date);

        var computed = GrainSettlement.Compute(intake.GrossKg, intake.TareKg, intake.Sample, terms);
        if (!computed.IsSuccess) return computed.Error!;
        var result = computed.Value;
        var farmer = await data.Get(PartnerResource.Suppliers, intake.FarmerId, ct);
        if (!farmer.IsSuccess) return new RuleBroken("farmer-missing", $"The farmer of intake {intake.Number} is no longer a supplier.");
        var article = await data.Get(ArticleResource.Instance, intake.ArticleId, ct);
        if (!article.IsSuccess) return new RuleBroken("article-missing", $"The grain article of intake {intake.Number} no longer exists.");
        var a = article.Value.Value;
        var code = TaxDetermination.CodeFor(true, farmer.Value.Value.TaxTreatment, a.VatCategory);
        var rate = (await settings.VatRates(ct)).RateOn(code, intake.Date); // §24: the rate of the delivery date, not of the settlement
        if (!rate.IsSuccess) return new RuleBroken("vat-rate-missing", rate.Error!.Message);

        var settledTonnes = result.SettledWeightKg / 1000m;
        var netTonnes = result.NetWeightKg / 1000m;
        var lines = new List<DocumentLine>
        {
            Line(1, a, $"{a.Name}, Abrechnungsgewicht lt. Wiegeschein {intake.Number}", settledTonnes, result.PricePerTonne, code, rate.Value.Percent),
        };
        // Drying and storage reduce the price of the grain (one supply at one rate); negative quantities keep prices positive (EN 16931 BR-27).
        if (result.DryingCost > 0m && result.Lines.FirstOrDefault(l => l.Code == "drying") is { Rate: { } perTonne } drying)
            lines.Add(Line(lines.Count + 1, a, drying.Label, -netTonnes, perTonne, code, rate.Value.Percent));
        if (result.StorageFee > 0m && result.Lines.FirstOrDefault(l => l.Code == "storage") is { Rate: { } fee } storage)
            lines.Add(Line(lines.Count + 1, a, storage.Label, -netTonnes, fee, code, rate.Value.Percent));

        var document = TradeDocument.Draft(DocumentStore.NewId(date.Year), DocumentKind.PurchaseInvoice, farmer.Value.Value, date, intake.Date, lines, ledger.UserId, ledger.Now)
            with { SelfBilled = true, ExternalReference = intake.Number, GrainSettlement = result.Lines, WarehouseId = warehouse!.Id };
        var changes = new ChangeSet();
        var stock = new StockChange(ledger, intake.Year);
        stock.Add(a, warehouse.Id, settledTonnes, StockMovementKind.Receipt, intake.Date, document.Id, intake.Number);
        if (await stock.Stage(changes, ct) is { } refused) return refused;
        DocumentStore.Stage(ledger, changes, document, null, "created");
        GrainIntakes.Stage(ledger, changes, intake with { SettlementId = document.Id, Settlement = result }, loaded.Value.Version, "grainIntake.settled");
        return await ledger.Commit(Scope.Year(intake.Year), changes, ct) is { } error ? error : document.Id;
    }

    private static DocumentLine Line(int no, Domain.Articles.Article a, string text, decimal quantity, decimal price, Domain.Finance.VatRateCode code, decimal rate) =>
        new(no, a.Id, a.Number, text, a.Unit, quantity, price, code, rate, Totals.LineNet(quantity, price));
}
