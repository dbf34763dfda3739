using System.ComponentModel.DataAnnotations;
using NodaTime;
using NodaTime.Text;
using ValeoErp.Application.Abstractions;
using ValeoErp.Application.Articles;
using ValeoErp.Application.Partners;
using ValeoErp.Application.Tenants;
using ValeoErp.Domain.Articles;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Documents;
using ValeoErp.Domain.Partners;

namespace ValeoErp.Application.Documents;

public sealed record OrderLineInput(
    [property: Required, MaxLength(64)] string? ArticleId, [property: Required] decimal? Quantity, decimal? UnitPrice = null, [property: MaxLength(200)] string? Description = null);

/// <summary>Body of POST/PUT for quotes and sales orders (customerId) and purchase orders (supplierId); a quote may name its date quoteDate.</summary>
public sealed record OrderInput(
    [property: MaxLength(64)] string? CustomerId, [property: MaxLength(64)] string? SupplierId,
    [property: RegularExpression("^[0-9]{4}-[0-9]{2}-[0-9]{2}$")] string? OrderDate, [property: RegularExpression("^[0-9]{4}-[0-9]{2}-[0-9]{2}$")] string? DeliveryDate,
    [property: Required, MinLength(1), MaxLength(Orders.MaxLines)] IReadOnlyList<OrderLineInput>? Lines,
    [property: MaxLength(100)] string? ExternalReference = null, [property: RegularExpression("^[0-9]{4}-[0-9]{2}-[0-9]{2}$")] string? QuoteDate = null);

/// <summary>
/// Creates and revises orders. Prices default to the article's sales or purchase price; each line's VAT
/// rate follows the partner's tax treatment and the article's category, at the rate in force on the
/// delivery date. Orders are numbered when created; invoices only when posted.
/// </summary>
public sealed class Orders(Ledger ledger, MasterData data, Settings settings)
{
    /// <summary>
    /// Lines one order may carry. A delivery writes about four operations per line (stock balance, movement,
    /// audit, event) in one atomic write, which holds at most <see cref="ChangeSet.MaxOperations"/> (ADR 0007).
    /// </summary>
    public const int MaxLines = 20;

    public Task<Result<DocumentOutcome>> Create(DocumentKind kind, OrderInput input, CancellationToken ct) =>
        Ledger.Retrying<DocumentOutcome>(async () =>
        {
            var built = await Build(kind.IsPurchase(), Dated(kind, input), existing: null, ct);
            if (!built.IsSuccess) return built.Error!;
            var (partner, date, delivery, lines) = built.Value;

            var changes = new ChangeSet();
            var number = await Numbering.Next(ledger, changes, date.Year, kind.Series(), ct);
            var order = TradeDocument.Draft(DocumentStore.NewId(date.Year), kind, partner, date, delivery, lines, ledger.UserId, ledger.Now)
                .Numbered(number) with { ExternalReference = PartnerRules.Blank(input.ExternalReference) };
            DocumentStore.Stage(ledger, changes, order, before: null, "created");
            var outcome = new DocumentOutcome(order, 1, 201);
            ledger.Respond(changes, 201, DocumentStore.PathOf(order), outcome.ETag, DocumentStore.View(order));
            return await ledger.Commit(Scope.Year(date.Year), changes, ct) is { } error ? error : outcome;
        });

    public async Task<Result<DocumentOutcome>> Revise(DocumentKind kind, string id, string? ifMatch, OrderInput input, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(ifMatch)) return new VersionRequired();
        var purchase = kind.IsPurchase();
        input = Dated(kind, input);
        var loaded = await DocumentStore.Load(ledger, id, ct, kind);
        if (!loaded.IsSuccess) return loaded.Error!;
        var current = loaded.Value;
        if (!ETags.Matches(ifMatch, current.Version)) return new VersionMismatch(current.Version);
        if (current.Value.Status == DocumentStatus.Posted) return Rules.Posted(current.Value);

        var built = await Build(purchase, input, current.Value, ct);
        if (!built.IsSuccess) return built.Error!;
        var (_, date, delivery, lines) = built.Value;
        var revised = current.Value.Revise(date, delivery, lines, ledger.UserId, ledger.Now);
        if (!revised.IsSuccess) return revised.Error!;

        var changes = new ChangeSet();
        DocumentStore.Stage(ledger, changes, revised.Value, current, "revised");
        return await ledger.Commit(Scope.Year(current.Value.Year), changes, ct) switch
        {
            ConcurrentWrite => new VersionMismatch(current.Version),
            { } error => error,
            null => new DocumentOutcome(revised.Value, current.Version + 1),
        };
    }

    private async Task<Result<(Partner Partner, LocalDate Date, LocalDate Delivery, IReadOnlyList<DocumentLine> Lines)>> Build(
        bool purchase, OrderInput input, TradeDocument? existing, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var partnerField = purchase ? "supplierId" : "customerId";
        var partnerId = errors.Required(partnerField, purchase ? input.SupplierId : input.CustomerId, 64);
        var date = ParseDate(errors, "orderDate", input.OrderDate, required: true);
        var delivery = ParseDate(errors, "deliveryDate", input.DeliveryDate, required: false) ?? date;
        if (date is not null && delivery < date) errors.Add("deliveryDate", "must not be before orderDate.");
        if (input.Lines is not { Count: > 0 }) errors.Add("lines", "name at least one line.");
        else if (input.Lines.Count > MaxLines) errors.Add("lines", $"name at most {MaxLines} lines; split a larger order into several.");

        Partner? partner = null;
        if (partnerId is not null)
        {
            if (existing is not null && partnerId != existing.PartnerId)
                errors.Add(partnerField, "cannot change on an existing order.");
            var found = await data.Get(purchase ? PartnerResource.Suppliers : PartnerResource.Customers, partnerId, ct);
            if (found.IsSuccess) partner = found.Value.Value;
            else errors.Add(partnerField, $"names no {(purchase ? "supplier" : "customer")} of this company.");
        }

        var rates = await settings.VatRates(ct);
        var lines = new List<DocumentLine>();
        for (var i = 0; i < (input.Lines?.Count ?? 0); i++)
        {
            var line = input.Lines![i];
            var field = $"lines[{i}]";
            var articleId = errors.Required($"{field}.articleId", line.ArticleId, 64);
            if (line.Quantity is not { } quantity || quantity <= 0m || decimal.Round(quantity, 3) != quantity)
                errors.Add($"{field}.quantity", "must be a positive quantity with at most three decimals.");
            errors.NonNegative($"{field}.unitPrice", line.UnitPrice, 4);
            if (articleId is null) continue;
            var article = await data.Get(ArticleResource.Instance, articleId, ct);
            if (!article.IsSuccess)
            {
                errors.Add($"{field}.articleId", "names no article of this company.");
                continue;
            }
            if (partner is null || delivery is null || line.Quantity is not { } qty || qty <= 0m) continue;
            var a = article.Value.Value;
            var price = line.UnitPrice ?? (purchase ? a.PurchasePrice ?? 0m : a.SalesPrice);
            var code = TaxDetermination.CodeFor(purchase, partner.TaxTreatment, a.VatCategory);
            var rate = rates.RateOn(code, delivery.Value);
            if (!rate.IsSuccess)
            {
                errors.Add("deliveryDate", rate.Error!.Message);
                continue;
            }
            lines.Add(new DocumentLine(i + 1, a.Id, a.Number, PartnerRules.Blank(line.Description) ?? a.Name, a.Unit, qty, price,
                code, rate.Value.Percent, Totals.LineNet(qty, price)));
        }
        if (errors.Any) return errors.ToError();
        return (partner!, date!.Value, delivery!.Value, lines);
    }

    /// <summary>The order of a kind and year that carries <paramref name="reference"/> (e.g. the process that made it).</summary>
    public async Task<TradeDocument?> FindByReference(DocumentKind kind, int year, string reference, CancellationToken ct)
    {
        var page = await ledger.List<TradeDocument>(Scope.Year(year),
            new RecordQuery(DocumentStore.Type, 50, Label: DocumentStore.KindLabel(kind), Search: SearchText.Query(reference)), ct);
        return page.Items.Select(v => v.Value).FirstOrDefault(d => d.ExternalReference == reference);
    }

    private static OrderInput Dated(DocumentKind kind, OrderInput input) =>
        kind == DocumentKind.SalesQuote && input.QuoteDate is not null ? input with { OrderDate = input.QuoteDate } : input;

    public static LocalDate? ParseDate(FieldErrors errors, string field, string? value, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) errors.Add(field, "is required (YYYY-MM-DD).");
            return null;
        }
        var parsed = LocalDatePattern.Iso.Parse(value.Trim());
        if (parsed.Success && parsed.Value.Year is >= 2000 and <= 2100) return parsed.Value;
        errors.Add(field, "must be a date YYYY-MM-DD between 2000 and 2100.");
        return null;
    }
}
