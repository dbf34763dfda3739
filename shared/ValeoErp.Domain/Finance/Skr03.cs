namespace ValeoErp.Domain.Finance;

/// <summary>
/// The SKR03 accounts a trading company starts with. A tenant gets a copy at provisioning and its tax
/// advisor may extend it; the product never assumes an account exists without looking it up.
/// </summary>
public static class Skr03
{
    public static IReadOnlyList<Account> Defaults { get; } =
    [
        new("0200", "Technische Anlagen und Maschinen", AccountKind.Asset),
        new("0320", "Pkw", AccountKind.Asset),
        new("0420", "Büroeinrichtung", AccountKind.Asset),
        new("0800", "Gezeichnetes Kapital", AccountKind.Equity),
        new("1000", "Kasse", AccountKind.Asset),
        new("1200", "Bank", AccountKind.Asset),
        new("1360", "Geldtransit", AccountKind.Asset),
        new("1400", "Forderungen aus Lieferungen und Leistungen", AccountKind.Asset),
        new("1571", "Abziehbare Vorsteuer 7 %", AccountKind.Tax),
        new("1576", "Abziehbare Vorsteuer 19 %", AccountKind.Tax),
        new("1580", "Gegenkonto Vorsteuer §4/3 EStG", AccountKind.Tax),
        new("1588", "Abziehbare Vorsteuer nach Durchschnittssätzen (§24 UStG)", AccountKind.Tax),
        new("1590", "Durchlaufende Posten", AccountKind.Asset),
        new("1600", "Verbindlichkeiten aus Lieferungen und Leistungen", AccountKind.Liability),
        new("1740", "Verbindlichkeiten aus Lohn und Gehalt", AccountKind.Liability),
        new("1771", "Umsatzsteuer 7 %", AccountKind.Tax),
        new("1776", "Umsatzsteuer 19 %", AccountKind.Tax),
        new("1780", "Umsatzsteuer-Vorauszahlungen", AccountKind.Tax),
        new("1800", "Privatentnahmen allgemein", AccountKind.Equity),
        new("3300", "Wareneingang 7 % Vorsteuer", AccountKind.Expense, AutomaticVat: true),
        new("3400", "Wareneingang 19 % Vorsteuer", AccountKind.Expense, AutomaticVat: true),
        new("3425", "Innergemeinschaftlicher Erwerb 19 % Vorsteuer und 19 % Umsatzsteuer", AccountKind.Expense, AutomaticVat: true),
        new("3540", "Wareneingang von Land- und Forstwirten (§24 UStG)", AccountKind.Expense),
        new("3731", "Erhaltene Skonti 7 % Vorsteuer", AccountKind.Expense, AutomaticVat: true),
        new("3736", "Erhaltene Skonti 19 % Vorsteuer", AccountKind.Expense, AutomaticVat: true),
        new("3960", "Bestandsveränderungen Roh-, Hilfs- und Betriebsstoffe/Waren", AccountKind.Expense),
        new("4100", "Löhne und Gehälter", AccountKind.Expense),
        new("4210", "Miete", AccountKind.Expense),
        new("4530", "Laufende Kfz-Betriebskosten", AccountKind.Expense),
        new("4900", "Sonstige betriebliche Aufwendungen", AccountKind.Expense),
        new("8120", "Steuerfreie Umsätze §4 Nr. 1a UStG (Ausfuhr Drittland)", AccountKind.Revenue, AutomaticVat: true),
        new("8125", "Steuerfreie innergemeinschaftliche Lieferungen §4 Nr. 1b UStG", AccountKind.Revenue, AutomaticVat: true),
        new("8300", "Erlöse 7 % USt", AccountKind.Revenue, AutomaticVat: true),
        new("8400", "Erlöse 19 % USt", AccountKind.Revenue, AutomaticVat: true),
        new("8731", "Gewährte Skonti 7 % USt", AccountKind.Revenue, AutomaticVat: true),
        new("8736", "Gewährte Skonti 19 % USt", AccountKind.Revenue, AutomaticVat: true),
        new("8900", "Unentgeltliche Wertabgaben", AccountKind.Revenue),
        new("9000", "Saldenvorträge Sachkonten", AccountKind.Equity),
    ];
}
