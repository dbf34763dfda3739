using System.IO.Compression;
using NodaTime;
using ValeoErp.Documents;
using ValeoErp.Domain.Documents;
using ValeoErp.Domain.Finance;
using ValeoErp.Domain.Partners;

namespace ValeoErp.Tests.Documents;

/// <summary>The documents the tests render; totals come from the domain's EN 16931 rounding.</summary>
internal static class Samples
{
    public static readonly LocalDate Date = new(2026, 12, 1);
    public const string Url = "https://erp.valeo-landhandel.example/verify/RE-2026-000123?k=7f3a9c";

    public static PrintIssuer Issuer => new()
    {
        LegalName = "Valeo Landhandel GmbH",
        Address = new Address("Hafenstraße 12", "26789", "Leer", "DE"),
        VatId = "DE123456789",
        TaxNumber = "61/200/12345",
        RegisterCourt = "Amtsgericht Aurich",
        RegisterNumber = "HRB 201234",
        ManagingDirectors = ["Anna Meyer", "Jan Schulte"],
        BankAccounts = [new("DE89370400440532013000", "COBADEFFXXX", "Commerzbank Leer"), new("DE02280200504008357800", "OLBODEH2XXX", "Oldenburgische Landesbank")],
        ContactName = "Petra Janssen",
        ContactPhone = "+49 491 12345-20",
        ContactEmail = "verkauf@valeo-landhandel.example",
        LogoPng = Logo(),
    };

    public static PrintRecipient Customer => new()
    {
        Name = "Agrar-Genossenschaft Ostfriesland eG",
        NameAddition = "Einkauf",
        Address = new Address("Mühlenweg 3", "26603", "Aurich", "DE"),
        CustomerNumber = "10042",
    };

    public static PrintLine Line(int pos, string article, string text, decimal qty, string unit, decimal price, decimal rate) =>
        new(pos, article, text, qty, unit, price, Totals.LineNet(qty, price), rate);

    /// <summary>Fills breakdown and totals from the lines the way the domain computes them.</summary>
    public static PrintDocument WithTotals(PrintDocument doc)
    {
        var totals = Totals.Of(doc.Lines.Select(l => (CodeOf(l.VatRate!.Value), l.VatRate!.Value, l.Net!.Value)));
        return doc with { TaxBreakdown = PrintTaxLine.From(totals), Totals = PrintTotals.From(totals) };
    }

    private static VatRateCode CodeOf(decimal rate) => rate switch
    {
        19m => VatRateCode.Standard, 7m => VatRateCode.Reduced, 0m => VatRateCode.Zero, _ => VatRateCode.FlatRateFarmer,
    };

    public static PrintDocument MixedInvoice()
    {
        var doc = WithTotals(new PrintDocument
        {
            Kind = PrintKind.Invoice, Number = "RE-2026-000123", Date = Date, Delivery = PrintDeliveryPeriod.On(new LocalDate(2026, 11, 27)),
            CustomerReference = "BEST-4711", OrderNumber = "AU-2026-000088", Issuer = Issuer, Recipient = Customer,
            Lines =
            [
                Line(1, "D-1001", "Kalkammonsalpeter 27 % N, lose", 12.5m, "t", 389.90m, 19m),
                Line(2, "S-2040", "Saatweizen Asory Z-Saatgut, gebeizt, Sackware 25 kg", 40m, "Sack", 38.45m, 7m),
                Line(3, "F-3300", "Milchleistungsfutter 18/4 pelletiert", 2.275m, "t", 412.35m, 7m),
                Line(4, "P-0815", "Pflanzenschutzmittel Herbizid 5 l (Sachkundenachweis geprüft)", 6m, "Stk", 129.99m, 19m),
            ],
            VerificationUrl = Url,
            Notes = [],
        });
        var skonto = ValeoErp.Domain.Common.Money.Round(doc.Totals!.Gross * 0.02m);
        return doc with { Payment = new PrintPaymentTerms(Date.PlusDays(30), 2m, skonto, Date.PlusDays(14)) };
    }

    public static PrintDocument LongInvoice() => WithTotals(new PrintDocument
    {
        Kind = PrintKind.Invoice, Number = "RE-2026-000124", Date = Date, Delivery = new PrintDeliveryPeriod(new LocalDate(2026, 11, 1), new LocalDate(2026, 11, 30)),
        Issuer = Issuer, Recipient = Customer, Payment = new PrintPaymentTerms(Date.PlusDays(30)),
        Lines = Enumerable.Range(1, 60).Select(i => Line(i, $"A-{1000 + i}",
            i % 7 == 0 ? $"Sammelposition Lieferung {i}: Futtergerste, Transport frei Hof, inklusive Anlieferung mit Kipper" : $"Artikel Nummer {i} Weizen Sackware",
            1.5m + i, i % 3 == 0 ? "t" : "Sack", 10m + i * 1.25m, i % 2 == 0 ? 7m : 19m)).ToArray(),
    });

    public static PrintDocument FarmerCreditNote() => WithTotals(new PrintDocument
    {
        Kind = PrintKind.CreditNote, SelfBilled = true, Number = "GS-2026-000017", Date = Date, Delivery = PrintDeliveryPeriod.On(new LocalDate(2026, 8, 14)),
        Issuer = Issuer,
        Recipient = new PrintRecipient { Name = "Hinrich Oltmanns", NameAddition = "Hof Oltmanns", Address = new Address("Deichweg 7", "26826", "Weener", "DE"), TaxNumber = "61/105/55443", CustomerNumber = "70815" },
        Lines = [Line(1, "G-WW", "Winterweizen B, Annahme 14.08.2026, 14,5 % Feuchte", 24.360m, "t", 198.50m, 7.8m), Line(2, "G-TR", "Trocknungskosten", 24.360m, "t", -4.20m, 7.8m)],
        Payment = new PrintPaymentTerms(Date.PlusDays(10)),
        Notes = [PrintNote.SelfBilling, PrintNote.FlatRateFarmer],
    });

    public static PrintDocument ReverseChargeInvoice() => WithTotals(new PrintDocument
    {
        Kind = PrintKind.Invoice, Number = "RE-2026-000125", Date = Date, Delivery = PrintDeliveryPeriod.On(new LocalDate(2026, 11, 30)),
        Issuer = Issuer,
        Recipient = new PrintRecipient { Name = "Boerderij De Vries B.V.", Address = new Address("Hoofdweg 101", "9681 AB", "Midwolda", "NL"), VatId = "NL123456789B01" },
        Lines = [Line(1, "L-0500", "Saatgutaufbereitung im Lohn (Reinigung, Beizung)", 25m, "t", 85m, 0m), Line(2, "L-0510", "Einlagerung Saatgut, November", 25m, "t", 6.40m, 0m)],
        Payment = new PrintPaymentTerms(Date.PlusDays(30)),
        Notes = [PrintNote.ReverseCharge],
    });

    public static PrintDocument DeliveryNote() => new()
    {
        Kind = PrintKind.DeliveryNote, Number = "LS-2026-000310", Date = Date, Delivery = PrintDeliveryPeriod.On(Date),
        OrderNumber = "AU-2026-000088", Issuer = Issuer, Recipient = Customer,
        Lines =
        [
            new(1, "D-1001", "Kalkammonsalpeter 27 % N, lose", 12.5m, "t", null, null, null),
            new(2, "S-2040", "Saatweizen Asory Z-Saatgut, Charge 26-118", 40m, "Sack", null, null, null),
        ],
        Remark = "QS-Lieferung, QS-ID 4260000000017.",
    };

    /// <summary>A 120 x 40 px two-colour PNG (written by hand: no imaging library is needed for the tests).</summary>
    public static byte[] Logo()
    {
        const int w = 120, h = 40;
        var raw = new byte[h * (1 + w * 3)];
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
            {
                var o = y * (1 + w * 3) + 1 + x * 3;
                var green = x < 40 || y > 30;
                (raw[o], raw[o + 1], raw[o + 2]) = green ? ((byte)46, (byte)125, (byte)50) : ((byte)240, (byte)200, (byte)40);
            }
        using var ms = new MemoryStream();
        ms.Write([137, 80, 78, 71, 13, 10, 26, 10]);
        Chunk(ms, "IHDR", [0, 0, 0, w, 0, 0, 0, h, 8, 2, 0, 0, 0]);
        using (var z = new MemoryStream())
        {
            using (var zl = new ZLibStream(z, CompressionLevel.Optimal, true)) zl.Write(raw);
            Chunk(ms, "IDAT", z.ToArray());
        }
        Chunk(ms, "IEND", []);
        return ms.ToArray();
    }

    private static void Chunk(Stream s, string type, byte[] data)
    {
        var typed = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        s.Write(BigEndian((uint)data.Length));
        s.Write(typed);
        s.Write(BigEndian(Crc(typed)));
    }

    private static byte[] BigEndian(uint v) => [(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v];

    private static uint Crc(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}
