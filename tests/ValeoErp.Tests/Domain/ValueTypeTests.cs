using NodaTime;
using ValeoErp.Domain.Articles;
using ValeoErp.Domain.Common;
using ValeoErp.Domain.Finance;
using ValeoErp.Domain.Partners;

namespace ValeoErp.Tests.Domain;

public sealed class ValueTypeTests
{
    [Theory]
    [InlineData("DE136695976", true)]
    [InlineData("DE 136 695 976", true)]
    [InlineData("DE123456788", true)]
    [InlineData("DE123456789", false)] // wrong check digit
    [InlineData("DE12345678", false)]  // too short
    [InlineData("ATU12345678", true)]
    [InlineData("NL123456789B01", true)]
    [InlineData("XX123", false)]
    public void VatId_ChecksFormatAndGermanCheckDigit(string input, bool valid) =>
        VatId.Parse(input).IsSuccess.Should().Be(valid);

    [Theory]
    [InlineData("DE89370400440532013000", true)]
    [InlineData("DE89 3704 0044 0532 0130 00", true)]
    [InlineData("DE89370400440532013001", false)]
    [InlineData("DE8937040044053201300", false)]
    [InlineData("AT611904300234573201", true)]
    public void Iban_ChecksLengthAndMod97(string input, bool valid) => Iban.Parse(input).IsSuccess.Should().Be(valid);

    [Fact]
    public void Iban_BuiltFromBankCodeAndAccount_IsValid() =>
        Iban.Parse(Iban.German("37040044", "532013000")).Value.Should().Be("DE89370400440532013000");

    [Theory]
    [InlineData("4006381333931", true)]
    [InlineData("4006381333932", false)]
    [InlineData("96385074", true)]
    [InlineData("400638133393", false)]
    [InlineData("40063813339a1", false)]
    public void Ean_ChecksGs1CheckDigit(string input, bool valid) => Ean.Parse(input).IsSuccess.Should().Be(valid);

    [Theory]
    [InlineData("DE", "26655", true)]
    [InlineData("DE", "01067", true)]
    [InlineData("DE", "2665", false)]
    [InlineData("DE", "00000", false)]
    [InlineData("DE", "2665A", false)]
    [InlineData("AT", "4020", true)]
    [InlineData("NL", "7901 AB", true)]
    [InlineData("NL", "7901", false)]
    public void PostalCode_FollowsTheCountryFormat(string country, string code, bool valid) =>
        PostalCode.Parse(country, code).IsSuccess.Should().Be(valid);

    [Theory]
    [InlineData(0.285, 0.29)]
    [InlineData(0.125, 0.13)]
    [InlineData(-0.125, -0.13)]
    [InlineData(0.7125, 0.71)]
    [InlineData(2.675, 2.68)]
    public void Money_RoundsHalfAwayFromZero(decimal amount, decimal expected) => Money.Round(amount).Should().Be(expected);

    [Theory]
    [InlineData("2021-12-31", 10.7)]
    [InlineData("2022-06-30", 9.5)]
    [InlineData("2023-01-01", 9.0)]
    [InlineData("2024-12-05", 9.0)]
    [InlineData("2024-12-06", 8.4)]
    [InlineData("2024-12-10", 8.4)]
    [InlineData("2025-01-01", 7.8)]
    [InlineData("2026-11-22", 7.8)]
    public void FlatRateFarmerRate_IsTheOneInForceOnTheDeliveryDate(string date, decimal expected)
    {
        var table = new VatRateTable(VatRateTable.GermanDefaults);
        table.RateOn(VatRateCode.FlatRateFarmer, LocalDate.FromDateTime(DateTime.Parse(date))).Value.Percent.Should().Be(expected);
    }

    [Fact]
    public void StandardRate_WasSixteenInTheSecondHalfOf2020()
    {
        var table = new VatRateTable(VatRateTable.GermanDefaults);
        table.RateOn(VatRateCode.Standard, new LocalDate(2020, 8, 1)).Value.Percent.Should().Be(16m);
        table.RateOn(VatRateCode.Standard, new LocalDate(2021, 1, 1)).Value.Percent.Should().Be(19m);
        table.RateOn(VatRateCode.Reduced, new LocalDate(2026, 1, 1)).Value.Percent.Should().Be(7m);
    }

    [Fact]
    public void RateBeforeAnyEntry_IsABrokenRule() =>
        new VatRateTable(VatRateTable.GermanDefaults).RateOn(VatRateCode.Standard, new LocalDate(1999, 1, 1))
            .Error.Should().BeOfType<RuleBroken>().Which.Rule.Should().Be("vat-rate-missing");

    [Fact]
    public void PaymentTerms_DiscountNeedsDaysAndPercent()
    {
        var errors = new FieldErrors();
        PaymentTerms.Validate(errors, 30, 14, 0m).Should().BeNull();
        errors.All.Should().ContainSingle(e => e.Field == "discountPercent");
        PaymentTerms.Validate(new FieldErrors(), 30, 14, 2m).Should().Be(new PaymentTerms(30, 14, 2m));
    }

    [Fact]
    public void Partner_AccountsFollowTheDatevRanges()
    {
        var partner = new Partner
        {
            Id = "p", Number = 42, Roles = [PartnerRole.Customer, PartnerRole.Supplier], Name = "Hof",
            Address = new Address("Weg 1", "26655", "Westerstede", "DE"), TaxTreatment = TaxTreatment.FlatRateFarmer,
            PaymentTerms = PaymentTerms.Net30,
        };
        partner.DebtorAccount.Should().Be(10042);
        partner.CreditorAccount.Should().Be(70042);
    }

    [Fact]
    public void NumberSeries_FormatsPrefixYearAndPaddedCounter() =>
        new ValeoErp.Domain.Tenants.NumberSeries("salesInvoice", "RE-{yyyy}-", 6).Format(2026, 1).Should().Be("RE-2026-000001");
}
