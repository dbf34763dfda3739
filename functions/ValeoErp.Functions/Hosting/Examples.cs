using System.Text.Json.Nodes;
using ValeoErp.Application.Articles;
using ValeoErp.Application.Documents;
using ValeoErp.Application.Finance;
using ValeoErp.Application.Partners;
using ValeoErp.Domain.Articles;
using ValeoErp.Domain.Partners;

namespace ValeoErp.Functions.Hosting;

/// <summary>Examples of the main resources in the OpenAPI document, as a Landhandel would fill them in.</summary>
public static class Examples
{
    private static readonly Dictionary<Type, string> Json = new()
    {
        [typeof(PartnerInput)] = """
            {"name":"Hof Meyer GbR","address":{"street":"Dorfstraße 12","postalCode":"26655","city":"Westerstede","country":"DE"},
             "vatId":"DE811907980","email":"info@hof-meyer.de","taxTreatment":"domestic",
             "paymentTerms":{"netDays":30,"discountDays":14,"discountPercent":2},"bankAccount":{"iban":"DE02120300000000202051"}}
            """,
        [typeof(Partner)] = """
            {"id":"p-7f3a","number":1042,"roles":["customer"],"name":"Hof Meyer GbR",
             "address":{"street":"Dorfstraße 12","postalCode":"26655","city":"Westerstede","country":"DE"},
             "vatId":"DE811907980","email":"info@hof-meyer.de","taxTreatment":"domestic",
             "paymentTerms":{"netDays":30,"discountDays":14,"discountPercent":2},"debtorAccount":11042}
            """,
        [typeof(ArticleInput)] = """
            {"number":"D-1001","name":"Kalkammonsalpeter KAS 27 % N","unit":"t","category":"fertiliser","vatCategory":"standard",
             "salesPrice":289.90,"purchasePrice":245.00,"compliance":{"ammoniumNitrate":true},"nutrients":{"n":27,"p2O5":0,"k2O":0}}
            """,
        [typeof(OrderInput)] = """
            {"customerId":"p-7f3a","orderDate":"2026-12-01","deliveryDate":"2026-12-03",
             "lines":[{"articleId":"a-kas27","quantity":12.5},{"articleId":"a-wheat-seed","quantity":40,"unitPrice":44.75}]}
            """,
        [typeof(PaymentInput)] = """{"openItemId":"oi-2026-1","amount":8088.00,"date":"2026-12-14"}""",
    };

    public static JsonNode? For(Type type) => Json.TryGetValue(type, out var json) ? JsonNode.Parse(json) : null;
}
