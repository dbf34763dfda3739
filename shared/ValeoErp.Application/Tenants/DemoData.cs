using ValeoErp.Application.Articles;
using ValeoErp.Application.Inventory;
using ValeoErp.Application.Partners;
using NodaTime;
using ValeoErp.Domain.Articles;
using ValeoErp.Domain.Compliance;
using ValeoErp.Domain.Partners;

namespace ValeoErp.Application.Tenants;

/// <summary>
/// Master data for the demo tenant: a Landhandel in the Ammerland with farms from Weser-Ems, the Münsterland
/// and Schleswig-Holstein as customers. Everything here is FICTITIOUS demo data: companies, people, addresses,
/// phone numbers, VAT ids, IBANs and EANs are made up (VAT ids, IBANs and EANs only carry valid check digits);
/// any resemblance to real businesses or persons is unintended. Deterministic: no randomness, no clock.
/// </summary>
public static class DemoData
{
    private const string T = "t", Kg = "kg", L = "l", Piece = "piece", Sack = "sack";
    private const string Domestic = "domestic", Flat = "flatRateFarmer", Eu = "euReverseCharge";

    // Payment terms: 2 % Skonto within 14 days, net 30; net 30; harvest terms (Ernte-Valuta); private customers.
    private static readonly PaymentTermsInput Skonto = new(30, 14, 2m), Net30 = new(30, 0, 0m),
        Harvest = new(120, 0, 0m), Private = new(14, 0, 0m);

    /// <summary>Who the demo tenant is on its documents, so PDFs and e-invoices work out of the box (fictitious data).</summary>
    public static CompanyProfileInput Company { get; } = new(
        DemoSeed.TenantName,
        new AddressInput("Raiffeisenstraße 1", "26180", "Rastede", "DE"),
        VatId: "DE136695976",
        TaxNumber: "64/211/01234",
        Register: new RegisterInput("Amtsgericht Oldenburg", "HRB 200123"),
        ManagingDirectors: ["Hinrich Janssen"],
        BankAccounts: [new CompanyBankAccountInput("DE02120300000000202051", "BYLADEM1001", "Raiffeisenbank Demo")],
        Contact: new SellerContactInput("Frauke Oltmanns", "+49 4402 5500", "rechnung@landhandel-demo.example"),
        ElectronicAddress: "rechnung@landhandel-demo.example",
        Datev: new DatevInput(29098, 55003),
        QsId: "4049928100015");

    public static IReadOnlyList<ArticleInput> Articles { get; } =
    [
        // Fertiliser (19 % VAT). Bulk goods per tonne without EAN, bagged goods per sack with EAN.
        // Ammonium nitrate with more than 16 % N from ammonium nitrate is a regulated explosives precursor (EU 2019/1148).
        Fertiliser("DU-1001", "Kalkammonsalpeter KAS 27 % N", T, 338.00m, 309.50m, 27, 0, 0, ammoniumNitrate: true, minimumStock: 25),
        Fertiliser("DU-1002", "Kalkammonsalpeter KAS 27 % N + 4 % MgO, Sack 50 kg", Sack, 21.90m, 18.40m, 27, 0, 0, ammoniumNitrate: true),
        Fertiliser("DU-1003", "Ammonsalpeter AN 34 % N", T, 395.00m, 362.00m, 34, 0, 0, ammoniumNitrate: true),
        Fertiliser("DU-1004", "Harnstoff 46 % N granuliert", T, 465.00m, 428.00m, 46, 0, 0, minimumStock: 10),
        Fertiliser("DU-1005", "Ammonsulfatsalpeter ASS 26 % N + 13 % S", T, 372.00m, 341.00m, 26, 0, 0),
        Fertiliser("DU-1006", "Ammoniumnitrat-Harnstoff-Lösung AHL 28 % N", T, 285.00m, 259.00m, 28, 0, 0),
        Fertiliser("DU-1007", "Schwefelsaures Ammoniak SSA 21 % N + 24 % S", T, 265.00m, 238.00m, 21, 0, 0),
        Fertiliser("DU-1008", "Diammonphosphat DAP 18-46-0", T, 640.00m, 598.00m, 18, 46, 0),
        Fertiliser("DU-1009", "Triple-Superphosphat TSP 46 % P2O5", T, 545.00m, 507.00m, 0, 46, 0),
        Fertiliser("DU-1010", "Kornkali 40 % K2O + 6 % MgO", T, 335.00m, 305.00m, 0, 0, 40),
        Fertiliser("DU-1011", "Bittersalz 16 % MgO + 13 % S, Sack 25 kg", Sack, 16.90m, 12.40m, 0, 0, 0),
        Fertiliser("DU-1012", "Volldünger NPK 15-15-15", T, 495.00m, 458.00m, 15, 15, 15),
        Fertiliser("DU-1013", "Volldünger NPK 15-15-15, Sack 25 kg", Sack, 17.90m, 13.80m, 15, 15, 15, minimumStock: 40),
        Fertiliser("DU-1014", "Blaukorn-Dünger NPK 12-8-16 + 3 MgO, Sack 25 kg", Sack, 24.50m, 18.90m, 12, 8, 16, minimumStock: 40),
        Fertiliser("DU-1015", "NP-Dünger 20-20-0", T, 520.00m, 482.00m, 20, 20, 0),
        Fertiliser("DU-1016", "PK-Dünger 0-12-24", T, 390.00m, 355.00m, 0, 12, 24),
        Fertiliser("DU-1017", "Kohlensaurer Kalk 85, lose", T, 48.50m, 39.00m, 0, 0, 0),
        Fertiliser("DU-1018", "Rasendünger NPK 20-5-8 mit Langzeitwirkung, Sack 10 kg", Sack, 29.90m, 21.50m, 20, 5, 8, minimumStock: 20),
        Fertiliser("DU-1019", "Gartendünger organisch-mineralisch NPK 7-7-7, Sack 25 kg", Sack, 24.90m, 17.80m, 7, 7, 7),
        Fertiliser("DU-1020", "Kalksalpeter 15,5 % N, Sack 25 kg", Sack, 19.50m, 15.60m, 15.5m, 0, 0),

        // Seed (7 % VAT), certified seed (Z-Saatgut); maize, beet and hybrid seed per unit (Einheit).
        Seed("SA-2001", "Winterweizen Z-Saatgut Hanseat (A), Sack 25 kg", Sack, 26.90m, 22.40m, minimumStock: 80),
        Seed("SA-2002", "Winterweizen Z-Saatgut Emsland (B), Sack 25 kg", Sack, 25.50m, 21.20m, minimumStock: 80),
        Seed("SA-2003", "Winterweizen Z-Saatgut Friesenkrone (E), Sack 25 kg", Sack, 28.40m, 23.60m),
        Seed("SA-2004", "Wintergerste mehrzeilig Z-Saatgut Marschblick, Sack 25 kg", Sack, 24.60m, 20.30m, minimumStock: 60),
        Seed("SA-2005", "Wintergerste zweizeilig Z-Saatgut Weserland, Sack 25 kg", Sack, 24.20m, 20.00m),
        Seed("SA-2006", "Winterroggen Hybrid Z-Saatgut Heidegold, Einheit 1 Mio. Körner", Piece, 96.50m, 82.00m),
        Seed("SA-2007", "Wintertriticale Z-Saatgut Moorland, Sack 25 kg", Sack, 23.80m, 19.70m),
        Seed("SA-2008", "Winterraps Hybrid Z-Saatgut Nordstern, Einheit 1,5 Mio. Körner", Piece, 219.00m, 188.00m),
        Seed("SA-2009", "Winterraps Liniensorte Z-Saatgut Deichgraf", Kg, 14.80m, 12.10m),
        Seed("SA-2010", "Silomais Z-Saatgut Altmark S 230, Einheit 50.000 Körner", Piece, 112.00m, 95.50m, minimumStock: 50),
        Seed("SA-2011", "Körnermais Z-Saatgut Hunte K 240, Einheit 50.000 Körner", Piece, 118.00m, 100.50m),
        Seed("SA-2012", "Zuckerrüben-Saatgut Leinetal pilliert, Einheit 100.000 Korn", Piece, 268.00m, 235.00m),
        Seed("SA-2013", "Sommergerste Z-Saatgut Braustolz (Braugerste), Sack 25 kg", Sack, 25.90m, 21.40m),
        Seed("SA-2014", "Hafer Z-Saatgut Lindhorst, Sack 25 kg", Sack, 24.40m, 20.10m),
        Seed("SA-2015", "Grassamen Dauerweide Standardmischung G V, Sack 25 kg", Sack, 142.00m, 118.00m, minimumStock: 10),
        Seed("SA-2016", "Grassamen Nachsaat Deutsches Weidelgras, Sack 25 kg", Sack, 128.50m, 106.00m),
        Seed("SA-2017", "Rasensaat Sport- und Spielrasen RSM 3.1", Kg, 8.90m, 5.95m),
        Seed("SA-2018", "Gelbsenf Z-Saatgut (Zwischenfrucht)", Kg, 3.15m, 2.40m),

        // Plant protection (19 % VAT): only for holders of a Sachkundenachweis; priced per litre or kilogram.
        Protection("PS-3001", "Herbizid Glyphosat 360 g/l", L, 6.95m, 5.40m, minimumStock: 100),
        Protection("PS-3002", "Herbizid Flufenacet 400 g/l + Diflufenican 200 g/l", L, 89.50m, 76.20m),
        Protection("PS-3003", "Herbizid Pendimethalin 455 g/l", L, 13.80m, 11.20m),
        Protection("PS-3004", "Herbizid Metazachlor 500 g/l (Raps)", L, 31.50m, 26.40m),
        Protection("PS-3005", "Herbizid Mesotrion 100 g/l (Mais)", L, 38.90m, 32.80m),
        Protection("PS-3006", "Herbizid Metamitron 700 g/l (Zuckerrüben)", L, 18.90m, 15.70m),
        Protection("PS-3007", "Herbizid Prosulfocarb 800 g/l", L, 11.90m, 9.70m),
        Protection("PS-3008", "Fungizid Prothioconazol 250 g/l", L, 62.50m, 53.80m),
        Protection("PS-3009", "Fungizid Tebuconazol 250 g/l", L, 24.90m, 20.60m),
        Protection("PS-3010", "Fungizid Azoxystrobin 250 g/l", L, 44.80m, 37.90m),
        Protection("PS-3011", "Fungizid Kupferhydroxid 537 g/kg WG", Kg, 17.40m, 14.20m),
        Protection("PS-3012", "Insektizid lambda-Cyhalothrin 100 g/l CS", L, 98.00m, 84.50m),
        Protection("PS-3013", "Insektizid Acetamiprid 20 % SG", Kg, 129.00m, 110.00m),
        Protection("PS-3014", "Wachstumsregler Chlormequatchlorid 720 g/l", L, 4.35m, 3.45m, minimumStock: 200),
        Protection("PS-3015", "Schneckenkorn Eisen-III-phosphat 2,97 %", Kg, 5.90m, 4.60m),

        // Feed (7 % VAT), QS-certified unless noted; bulk per tonne, bagged per sack.
        Feed("FU-4001", "Milchleistungsfutter MLF 18/3, lose", T, 392.00m, 361.00m),
        Feed("FU-4002", "Milchleistungsfutter MLF 20/4, lose", T, 418.00m, 385.00m),
        Feed("FU-4003", "Milchleistungsfutter MLF 18/3 pelletiert, Sack 25 kg", Sack, 14.90m, 12.20m, minimumStock: 40),
        Feed("FU-4004", "Kälberaufzuchtfutter 18 % XP, Sack 25 kg", Sack, 16.90m, 13.80m, minimumStock: 30),
        Feed("FU-4005", "Milchaustauscher 50 % Magermilchpulver, Sack 25 kg", Sack, 79.50m, 66.00m, minimumStock: 20),
        Feed("FU-4006", "Rindermastfutter RMF 20 % XP, lose", T, 365.00m, 336.00m),
        Feed("FU-4007", "Ferkelaufzuchtfutter I, lose", T, 548.00m, 505.00m),
        Feed("FU-4008", "Ferkelaufzuchtfutter II, Sack 25 kg", Sack, 14.20m, 11.60m),
        Feed("FU-4009", "Schweinemast-Alleinfutter Vormast, lose", T, 372.00m, 343.00m),
        Feed("FU-4010", "Schweinemast-Alleinfutter Endmast, lose", T, 345.00m, 318.00m),
        Feed("FU-4011", "Sauen-Alleinfutter tragend, lose", T, 358.00m, 330.00m),
        Feed("FU-4012", "Legehennen-Alleinfutter LAF, Sack 25 kg", Sack, 17.90m, 14.60m, minimumStock: 30),
        Feed("FU-4013", "Legehennen-Alleinfutter LAF, lose", T, 445.00m, 412.00m),
        Feed("FU-4014", "Mineralfutter Milchvieh 20 % Ca / 5 % P, Sack 25 kg", Sack, 22.90m, 18.40m, minimumStock: 25),
        Feed("FU-4015", "Mineralfutter Schwein mit Phytase, Sack 25 kg", Sack, 24.50m, 19.80m),
        Feed("FU-4016", "Sojaextraktionsschrot 48 % XP, GVO-frei, lose", T, 512.00m, 478.00m),
        Feed("FU-4017", "Pferdemüsli mit Kräutern, Sack 20 kg", Sack, 22.50m, 16.90m, qs: false),
        Feed("FU-4018", "Kaninchen-Pellets", Kg, 1.49m, 0.98m, qs: false),

        // Fuel (19 % VAT) per litre with three or four decimals; tanks are dipped, so stock may run negative until booked.
        Fuel("EN-5001", "Agrardiesel (Dieselkraftstoff EN 590)", 1.379m, 1.2915m),
        Fuel("EN-5002", "Heizöl EL schwefelarm", 0.889m, 0.8245m),
        Fuel("EN-5003", "AdBlue (Harnstofflösung 32,5 %), lose", 0.459m, 0.382m),
        Fuel("EN-5004", "Dieselkraftstoff B7, Tankstelle", 1.429m, 1.318m),
        Fuel("EN-5005", "Ottokraftstoff Super E10, Tankstelle", 1.469m, 1.364m),

        // Shop goods (19 % VAT), per piece.
        Shop("SH-6001", "Arbeitshandschuhe Nitril, Gr. 10", 3.49m, 1.65m, minimumStock: 50),
        Shop("SH-6002", "Arbeitshandschuhe Rindleder, Gr. 10", 6.90m, 3.40m, minimumStock: 30),
        Shop("SH-6003", "Gummistiefel Landwirtschaft, Gr. 43", 29.90m, 17.50m),
        Shop("SH-6004", "Weidezaunlitze 6 Leiter, 400 m", 24.90m, 15.20m, minimumStock: 10),
        Shop("SH-6005", "Weidezaunband 20 mm, 200 m", 27.90m, 17.40m),
        Shop("SH-6006", "Weidezaunpfahl Kunststoff 105 cm", 1.99m, 1.05m, minimumStock: 100),
        Shop("SH-6007", "Weidezaungerät Akku 12 V", 189.00m, 128.00m),
        Shop("SH-6008", "Ringisolatoren für Weidezaun, 25 Stück", 5.49m, 2.80m),
        Shop("SH-6009", "Kanister Kraftstoff 20 l, UN-geprüft", 19.90m, 11.30m),
        Shop("SH-6010", "Kanister Wasser 10 l", 6.49m, 3.10m),
        Shop("SH-6011", "Zurrgurt 50 mm, 6 m, 2.000 daN", 11.90m, 6.20m),
        Shop("SH-6012", "Stallbesen Kokos 40 cm", 12.90m, 6.80m),
        Shop("SH-6013", "Mistgabel 4 Zinken mit Stiel", 24.90m, 14.60m),
        Shop("SH-6014", "Futterschaufel Aluminium mit T-Griff", 26.90m, 15.90m),
        Shop("SH-6015", "Tränkeeimer 13 l mit Nuckel", 12.90m, 6.95m),
        Shop("SH-6016", "Universal-Traktorenöl STOU 10W-30, Kanister 20 l", 89.00m, 62.50m),
        Shop("SH-6017", "Sägekettenhaftöl biologisch abbaubar, 5 l", 17.90m, 10.40m),
        Shop("SH-6018", "Streusalz, Sack 25 kg", 8.90m, 5.10m, minimumStock: 40),

        // Grain (7 % VAT) bought from farmers at harvest and sold on to mills and crushers, per tonne.
        Grain("GE-7001", "Winterweizen A (Qualitätsweizen)", 228.00m, 212.00m),
        Grain("GE-7002", "Winterweizen B (Brotweizen)", 218.00m, 203.00m),
        Grain("GE-7003", "Futterweizen", 205.00m, 191.00m),
        Grain("GE-7004", "Futtergerste", 190.00m, 176.00m),
        Grain("GE-7005", "Winterraps 00-Qualität", 455.00m, 428.00m),
        Grain("GE-7006", "Körnermais", 208.00m, 192.00m),
    ];

    /// <summary>
    /// Evidence on file for the demo customers, relative to the day the demo is seeded: precursor declarations for the
    /// business customers (Gartenbau Siefken has none yet), expertise certificates for the farms and contractors -
    /// Hof Meyer's runs out in three weeks, Ackerbau Tapken's ran out ten days ago - and QS certificates for livestock farms.
    /// </summary>
    public static IEnumerable<(string Customer, EvidenceType Type, string Number, string Issuer, LocalDate From, LocalDate? To)> Evidence(LocalDate today)
    {
        var n = 0;
        foreach (var c in Customers)
        {
            n++;
            var business = c.VatId is not null || c.TaxTreatment == Flat;
            if (!business) continue;
            if (c.Name != "Gartenbau Siefken")
                yield return (c.Name!, EvidenceType.PrecursorDeclaration, $"KE-{today.Year - 1}-{n:000}", c.Name!, new LocalDate(today.Year - 1, 1, 15), null);
            var to = c.Name switch
            {
                "Hof Meyer KG" => today.PlusDays(21),
                "Ackerbau Tapken GbR" => today.PlusDays(-10),
                _ => new LocalDate(today.Year + 2, 12, 31),
            };
            yield return (c.Name!, EvidenceType.PlantProtectionCertificate, $"NI-SKN-{20140 + n * 37:000000}", "Landwirtschaftskammer Niedersachsen",
                new LocalDate(2015, 3, 1), to);
            if (c.Name!.Contains("Milch", StringComparison.Ordinal) || c.Name.Contains("Schwein", StringComparison.Ordinal) || c.Name.Contains("Geflügel", StringComparison.Ordinal))
                yield return (c.Name, EvidenceType.QsCertification, $"4049928{n:000000}", "QS Qualität und Sicherheit GmbH", new LocalDate(today.Year, 1, 1), new LocalDate(today.Year, 12, 31));
        }
    }

    public static IReadOnlyList<PartnerInput> Customers { get; } =
    [
        Partner("Landwirtschaft Hinrichs GbR", "Hauptstraße 12", "26655", "Westerstede", "04488 52317", Flat, Vat("21783504"), Harvest, "info@hinrichs-landwirtschaft.de", Bank("28050100", "1023456", "Landwirtschaft Hinrichs GbR")),
        Partner("Hof Meyer KG", "Am Esch 5", "49661", "Cloppenburg", "04471 84120", Domestic, Vat("11542387"), Skonto, "info@hof-meyer.de", Bank("28069956", "3305172", "Hof Meyer KG")),
        Partner("Milchviehbetrieb Janssen", "Moorweg 23", "26789", "Leer", "0491 9712648", Flat, terms: Skonto),
        Partner("Schweinehaltung Bröring GmbH & Co. KG", "Lindenstraße 41", "49413", "Dinklage", "04443 50982", Domestic, Vat("26408193"), Skonto, "buero@broering-agrar.de", Bank("28069956", "4418203", "Schweinehaltung Bröring GmbH & Co. KG"), eInvoice: "rechnungen@broering-agrar.de"),
        Partner("Ackerbau Tapken GbR", "Kirchweg 8", "26197", "Großenkneten", "04435 91873", Flat, Vat("13679245"), Harvest, bank: Bank("28050100", "2087711", "Ackerbau Tapken GbR")),
        Partner("Geflügelhof Wempe", "Vechtaer Straße 118", "49429", "Visbek", "04445 8923", Domestic, Vat("20915368"), Skonto, "kontakt@gefluegelhof-wempe.de"),
        Partner("Lohnunternehmen Ahlers GmbH", "Industriestraße 7", "26169", "Friesoythe", "04491 93780", Domestic, Vat("31274856"), Net30, "info@lu-ahlers.de", Bank("28050100", "5120348", "Lohnunternehmen Ahlers GmbH"), "rechnung@lu-ahlers.de"),
        Partner("Gartenbau Siefken", "Gartenweg 3", "26160", "Bad Zwischenahn", "04403 64125", Domestic, Vat("14860279"), Skonto, "info@gartenbau-siefken.de"),
        Partner("Klaus Brinkmann", "Birkenweg 14", "26180", "Rastede", "04402 83461", terms: Private),
        Partner("Hof Gerdes", "Dorfstraße 27", "27711", "Osterholz-Scharmbeck", "04791 5634", Flat, terms: Harvest),
        Partner("Landwirtschaft Kuhlmann GbR", "Bauerschaft Hollich 12", "48565", "Steinfurt", "02551 7319", Flat, Vat("27351604"), Skonto, bank: Bank("40050150", "7713520", "Landwirtschaft Kuhlmann GbR")),
        Partner("Milchhof Thomsen KG", "Dorfstraße 4", "24783", "Osterrönfeld", "04331 84572", Domestic, Vat("29146037"), Skonto, "info@milchhof-thomsen.de", Bank("21450000", "6402219", "Milchhof Thomsen KG")),
        Partner("Agrar Hansen GbR", "Hauptstraße 31", "25746", "Heide", "0481 7823", Domestic, Vat("16723049"), Skonto),
        Partner("Biogas Vechta-Süd GmbH & Co. KG", "Zum Gewerbegebiet 9", "49377", "Vechta", "04441 93805", Domestic, Vat("30581726"), Net30, eInvoice: "eingangsrechnungen@biogas-vechta-sued.de"),
        Partner("Lohnunternehmen Thole & Söhne GmbH & Co. KG", "Cloppenburger Straße 210", "49681", "Garrel", "04474 7802", Domestic, Vat("12047835"), Net30, "info@thole-lohnunternehmen.de", Bank("28069956", "1904467", "Thole & Söhne GmbH & Co. KG")),
        Partner("Hof Lüken", "Kampweg 2", "49696", "Molbergen", "04475 1287", Flat, terms: Harvest, bank: Bank("28069956", "2260135", "Hermann Lüken")),
        Partner("Putenmast Stukenborg GbR", "Lohner Straße 77", "49393", "Lohne", "04442 7034", Domestic, Vat("25803916"), Skonto),
        Partner("Reitstall Oltmanns", "Am Reitplatz 1", "26340", "Zetel", "04453 98712", terms: Net30, email: "reitstall-oltmanns@t-online.de"),
        Partner("Anke Wübbena", "Rosenstraße 9", "26802", "Moormerland", "04954 3218", terms: Private),
        Partner("Landwirtschaft Onken", "Süderweg 15", "26506", "Norden", "04931 8714", Flat, terms: Skonto),
        Partner("Sauenhaltung Kläne GbR", "Heideweg 4", "49451", "Holdorf", "05494 8127", Domestic, Vat("19462083"), Skonto, bank: Bank("28069956", "3058814", "Sauenhaltung Kläne GbR")),
        Partner("Milchviehbetrieb Eilers KG", "Am Deich 11", "26931", "Elsfleth", "04404 2371", Flat, Vat("23719450"), Skonto),
        Partner("Gartenbau Frerichs GmbH", "Am Tannenkamp 6", "26639", "Wiesmoor", "04944 91265", Domestic, Vat("28034671"), Skonto, "info@gartenbau-frerichs.de", eInvoice: "rechnungen@gartenbau-frerichs.de"),
        Partner("Hof Harms", "Hauptwieke 88", "26842", "Ostrhauderfehn", "04952 6198", Flat, terms: Net30),
        Partner("Landwirtschaft Schulze Althoff GbR", "Bauerschaft Welbergen 7", "48607", "Ochtrup", "02553 4127", Domestic, Vat("17295048"), Skonto, bank: Bank("40050150", "8820641", "Schulze Althoff GbR")),
        Partner("Ackerbau Terbrack", "Emsdettener Straße 140", "48431", "Rheine", "05971 61239", Flat, Vat("22640918"), Harvest, bank: Bank("40050150", "5517093", "Bernhard Terbrack")),
        Partner("Lohnunternehmen Hölscher GmbH & Co. KG", "Lingener Straße 55", "49832", "Freren", "05902 9412", Domestic, Vat("26917354"), Net30, "info@lu-hoelscher.de", Bank("28262254", "1107345", "Lohnunternehmen Hölscher GmbH & Co. KG")),
        Partner("Rinderzucht Kösters", "Uffelner Straße 34", "49479", "Ibbenbüren", "05451 3389", terms: Skonto),
        Partner("Heinz-Dieter Rolfes", "Eichenweg 5", "49624", "Löningen", "05432 1947", terms: Private),
        Partner("Kartoffelbau Bloem GbR", "Loquarder Straße 12", "26736", "Krummhörn", "04923 7715", Domestic, Vat("15038726"), Skonto),
        Partner("Hof Dirks", "Am Kanal 19", "26629", "Großefehn", "04943 2189", Flat, terms: Harvest),
        Partner("Mutterkuhhaltung Carstens", "Dorfstraße 46", "25704", "Meldorf", "04832 3391", Flat, terms: Net30),
        Partner("Landwirtschaft Petersen & Jessen GbR", "Süderstraße 3", "25813", "Husum", "04841 6218", Domestic, Vat("24185937"), Skonto, bank: Bank("21450000", "7034512", "Petersen & Jessen GbR")),
        Partner("Milchviehbetrieb Ketelsen", "Westerweg 6", "25899", "Niebüll", "04661 5072", Flat, terms: Skonto),
        Partner("Ferkelerzeugung Wernsmann GmbH & Co. KG", "Hülsweg 9", "48703", "Stadtlohn", "02563 9187", Domestic, Vat("31508642"), Skonto, eInvoice: "rechnungseingang@wernsmann-agrar.de"),
        Partner("Gemüsebau Vennemann", "Zum Esch 2", "48691", "Vreden", "02564 3370", Domestic, Vat("18527360"), Net30),
        Partner("Hof Sievers", "Dorfstraße 15", "24594", "Hohenwestedt", "04871 2236", Flat, terms: Harvest),
        Partner("Lohnunternehmen Rohwer GmbH", "Itzehoer Straße 88", "24576", "Bad Bramstedt", "04192 8971", Domestic, Vat("27064185"), Net30, "info@lu-rohwer.de", Bank("21450000", "3391287", "Lohnunternehmen Rohwer GmbH")),
        Partner("Schafhaltung Paulsen", "Am Noor 3", "24340", "Eckernförde", "04351 4418", Flat, terms: Net30),
        Partner("Landwirtschaft Lübbers GbR", "Herzlaker Straße 22", "49716", "Meppen", "05931 8825", Domestic, Vat("20376814"), Skonto),
        Partner("Geflügelmast Hackmann KG", "Barßeler Straße 31", "26683", "Saterland", "04498 1372", Domestic, Vat("13952608"), Skonto),
        Partner("Milchviehbetrieb Tebben", "Ostermoorstraße 8", "26219", "Bösel", "04494 91837", Flat, terms: Skonto),
        Partner("Baumschule Hobbie", "Baumschulenweg 21", "26655", "Westerstede", "04488 83012", Domestic, Vat("29650143"), Skonto, "info@baumschule-hobbie.de"),
        Partner("Hof Siebels", "Jeverstraße 12", "26349", "Jade", "04454 1286", Flat, terms: Harvest),
        Partner("Kälberaufzucht Rieping GbR", "Hauptstraße 101", "49419", "Wagenfeld", "05444 7791", Domestic, Vat("16284739"), Skonto),
        Partner("Pferdepension Suttrup", "Am Hasetal 4", "49565", "Bramsche", "05461 8824", terms: Net30),
        Partner("Hof Brünings", "Hesedorfer Straße 30", "27432", "Bremervörde", "04761 2247", Flat, terms: Skonto),
        Partner("Lohnunternehmen Wendeln GmbH & Co. KG", "Industriestraße 14", "27404", "Zeven", "04281 9560", Domestic, Vat("21593078"), Net30, bank: Bank("28050100", "6651094", "Lohnunternehmen Wendeln GmbH & Co. KG")),
        Partner("Loonbedrijf Hofstede B.V.", "Hoofdstraat 112", "9561 AB", "Ter Apel", "+31 599 581243", Eu, "NL856312745B01", Net30, "info@loonbedrijf-hofstede.nl", country: "NL"),
        Partner("Agrarhandel Pichler GmbH", "Bahnhofstraße 8", "4910", "Ried im Innkreis", "+43 7752 82614", Eu, "ATU36842191", Net30, "office@agrarhandel-pichler.at", country: "AT"),
    ];

    /// <summary>Hinrichs, Tapken, Kuhlmann, Lüken and Terbrack: flat-rate farmers who also deliver grain at harvest.</summary>
    public static IReadOnlyList<int> CustomersAlsoSuppliers { get; } = [0, 4, 10, 15, 25];

    public static IReadOnlyList<PartnerInput> Suppliers { get; } =
    [
        Partner("Nordwest Düngemittel GmbH", "Fährstraße 40", "25541", "Brunsbüttel", "04852 88310", Domestic, Vat("14395028"), new(30, 10, 3m), "vertrieb@nordwest-duenger.de", Bank("28020050", "4410023800", "Nordwest Düngemittel GmbH")),
        Partner("Mitteldeutsche Kali- und Magnesia GmbH", "Schachtstraße 1", "99706", "Sondershausen", "03632 65120", Domestic, Vat("26830741"), new(30, 10, 2m), "auftrag@md-kali.de", Bank("28020050", "4410571200", "Mitteldeutsche Kali- und Magnesia GmbH")),
        Partner("Kalkwerk Teutoburger Wald GmbH & Co. KG", "Am Steinbruch 3", "49525", "Lengerich", "05481 93140", Domestic, Vat("30172954"), new(30, 0, 0m), "info@kalkwerk-teuto.de", Bank("40050150", "2200418", "Kalkwerk Teutoburger Wald GmbH & Co. KG")),
        Partner("Saatzucht Hanse-Korn GmbH & Co. KG", "Hofweg 2", "24363", "Holtsee", "04357 99610", Domestic, Vat("17628403"), new(60, 0, 0m), "bestellung@hanse-korn.de", Bank("21450000", "8801456", "Saatzucht Hanse-Korn GmbH & Co. KG")),
        Partner("Saatzucht Leinetal GmbH", "Im Saatfeld 4", "37574", "Einbeck", "05561 79340", Domestic, Vat("25916380"), new(60, 0, 0m), "saatgut@leinetal-saatzucht.de", Bank("28020050", "4410882900", "Saatzucht Leinetal GmbH")),
        Partner("Hybridsaaten Nord GmbH", "Moorbergweg 7", "31157", "Sarstedt", "05066 70580", Domestic, Vat("19084726"), new(30, 10, 2m), "order@hybridsaaten-nord.de", Bank("28020050", "4411037600", "Hybridsaaten Nord GmbH")),
        Partner("Grünland-Saaten Ostfriesland GmbH", "Nesseweg 14", "26789", "Leer", "0491 4562800", Domestic, Vat("22537169"), new(30, 10, 3m), "info@gruenland-saaten.de", Bank("28069956", "1700234", "Grünland-Saaten Ostfriesland GmbH")),
        Partner("Mischfutterwerk Oldenburger Münsterland GmbH & Co. KG", "Oldenburger Straße 250", "49377", "Vechta", "04441 95800", Domestic, Vat("11963082"), new(14, 0, 0m), "dispo@mischfutter-om.de", Bank("28069956", "2804466", "Mischfutterwerk Oldenburger Münsterland GmbH & Co. KG")),
        Partner("Mineralfutter Heidewerk GmbH", "Hansestraße 21", "29525", "Uelzen", "0581 97320", Domestic, Vat("28410597"), new(30, 10, 2m), "info@heidewerk-mineralfutter.de", Bank("28020050", "4412205100", "Mineralfutter Heidewerk GmbH")),
        Partner("Agrar-Pflanzenschutz Vertrieb Nord GmbH", "Sutelstraße 60", "30659", "Hannover", "0511 6478200", Domestic, Vat("15702384"), new(60, 0, 0m), "auftrag@psm-nord.de", Bank("28020050", "4412790400", "Agrar-Pflanzenschutz Vertrieb Nord GmbH")),
        Partner("Energiehandel Ems-Jade GmbH", "Am Tankumschlag 2", "26382", "Wilhelmshaven", "04421 77930", Domestic, Vat("20648513"), new(10, 0, 0m), "disposition@energie-emsjade.de", Bank("28050100", "7300125", "Energiehandel Ems-Jade GmbH")),
        Partner("Agrarzentralgenossenschaft Weser-Ems eG", "Stau 72", "26122", "Oldenburg", "0441 21870", Domestic, Vat("12875490"), new(30, 10, 2m), "zentrale@azg-weser-ems.de", Bank("28050100", "1000412", "Agrarzentralgenossenschaft Weser-Ems eG")),
        Partner("Landbedarf Großhandel Nord GmbH", "Carl-Zeiss-Straße 12", "27283", "Verden", "04231 95640", Domestic, Vat("23156708"), new(30, 10, 3m), "shop@landbedarf-nord.de", Bank("28050100", "5509871", "Landbedarf Großhandel Nord GmbH")),
        Partner("Weidetechnik Sauerland GmbH", "Zum Ohl 11", "59872", "Meschede", "0291 90260", Domestic, Vat("27490316"), new(30, 10, 2m), "vertrieb@weidetechnik-sauerland.de", Bank("40050150", "3105529", "Weidetechnik Sauerland GmbH")),
        Partner("Arbeitsschutz Hansa Handels GmbH", "Am Sandtorkai 50", "20457", "Hamburg", "040 3571920", Domestic, Vat("18839265"), new(30, 10, 2m), "bestellung@arbeitsschutz-hansa.de", Bank("28020050", "4413316700", "Arbeitsschutz Hansa Handels GmbH")),
    ];

    public static IReadOnlyList<WarehouseInput> Warehouses { get; } =
    [
        new("AL", "Außenlager Hafen", new("Hafenstraße 14", "26135", "Oldenburg", "DE"), false),
        new("TL", "Tanklager", new("Industriestraße 3", "26655", "Westerstede", "DE"), false),
    ];

    public static IReadOnlyList<User> Users { get; } =
    [
        new("admin", "Henrike Oltmanns", "henrike.oltmanns@demo.valeo.local", ["admin"]),
        new("viewer", "Lukas Brandt", "lukas.brandt@demo.valeo.local", ["viewer"]),
        new("sales", "Jens Bruns", "jens.bruns@demo.valeo.local", ["sales"]),
        new("salesmanager", "Martina Lüken", "martina.lueken@demo.valeo.local", ["salesManager"]),
        new("purchasing", "Tobias Gerdes", "tobias.gerdes@demo.valeo.local", ["purchasing"]),
        new("purchasemanager", "Frank Tapken", "frank.tapken@demo.valeo.local", ["purchaseManager"]),
        new("accountant", "Sabine Ahlers", "sabine.ahlers@demo.valeo.local", ["accountant"]),
        new("warehouse", "Dirk Eilers", "dirk.eilers@demo.valeo.local", ["warehouse"]),
        new("auditor", "Dr. Claudia Reents", "claudia.reents@demo.valeo.local", ["auditor"]),
        new("dataprotection", "Stefan Hobbie", "stefan.hobbie@demo.valeo.local", ["dataProtection"]),
        new("cashier", "Petra Janßen", "petra.janssen@demo.valeo.local", ["cashier"]),
    ];

    private static ArticleInput Fertiliser(string number, string name, string unit, decimal sales, decimal purchase,
        decimal n, decimal p2o5, decimal k2o, bool ammoniumNitrate = false, decimal? minimumStock = null) =>
        Article(number, name, unit, "fertiliser", "standard", sales, purchase, unit == Sack ? "4031822" : null,
            ammoniumNitrate ? new(PlantProtection: false, AmmoniumNitrate: true, QsFeed: false, ExplosivePrecursor: true) : null,
            new(n, p2o5, k2o), minimumStock: minimumStock);

    private static ArticleInput Seed(string number, string name, string unit, decimal sales, decimal purchase, decimal? minimumStock = null) =>
        Article(number, name, unit, "seed", "reduced", sales, purchase, "4045617", lotTracking: true, minimumStock: minimumStock);

    private static ArticleInput Protection(string number, string name, string unit, decimal sales, decimal purchase, decimal? minimumStock = null) =>
        Article(number, name, unit, "plantProtection", "standard", sales, purchase, "4053369",
            new(PlantProtection: true, AmmoniumNitrate: false, QsFeed: false, ExplosivePrecursor: false), lotTracking: true, minimumStock: minimumStock);

    private static ArticleInput Feed(string number, string name, string unit, decimal sales, decimal purchase, bool qs = true, decimal? minimumStock = null) =>
        Article(number, name, unit, "feed", "reduced", sales, purchase, "4017640",
            qs ? new(PlantProtection: false, AmmoniumNitrate: false, QsFeed: true, ExplosivePrecursor: false) : null,
            lotTracking: true, minimumStock: minimumStock);

    private static ArticleInput Fuel(string number, string name, decimal sales, decimal purchase) =>
        Article(number, name, L, "fuel", "standard", sales, purchase, null, negativeStock: true);

    private static ArticleInput Shop(string number, string name, decimal sales, decimal purchase, decimal? minimumStock = null) =>
        Article(number, name, Piece, "shopGoods", "standard", sales, purchase, "4026315", minimumStock: minimumStock);

    private static ArticleInput Grain(string number, string name, decimal sales, decimal purchase) =>
        Article(number, name, T, "grain", "reduced", sales, purchase, null);

    /// <summary>The EAN is the company prefix, a zero and the four digits of the article number, plus the GS1 check digit.</summary>
    private static ArticleInput Article(string number, string name, string unit, string category, string vat, decimal sales,
        decimal purchase, string? gtinPrefix, ComplianceInput? compliance = null, NutrientsInput? nutrients = null,
        bool lotTracking = false, bool negativeStock = false, decimal? minimumStock = null) =>
        new(number, name, gtinPrefix is null ? null : Gtin(gtinPrefix + "0" + number[3..]), unit, category, vat, sales, purchase,
            compliance, nutrients, lotTracking, negativeStock, minimumStock);

    private static string Gtin(string twelveDigits) => twelveDigits + Ean.CheckDigit(twelveDigits);

    private static PartnerInput Partner(string name, string street, string postalCode, string city, string phone,
        string treatment = Domestic, string? vatId = null, PaymentTermsInput? terms = null, string? email = null,
        BankAccountInput? bank = null, string? eInvoice = null, string country = "DE") =>
        new(name, new AddressInput(street, postalCode, city, country), vatId, TaxNumber: null, email, phone, treatment,
            terms ?? Net30, eInvoice, bank);

    /// <summary>A German USt-IdNr.: eight digits and the ISO 7064 MOD 11,10 check digit.</summary>
    private static string Vat(string eightDigits) => $"DE{eightDigits}{VatId.GermanCheckDigit(eightDigits)}";

    private static BankAccountInput Bank(string bankCode, string account, string holder) =>
        new(Iban.German(bankCode, account), Bic: null, holder);
}
